"""What the target use cases tell the chat layer: targets set or refused, plans, progress."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bot.domain.periods import Period
from bot.domain.target_input import TargetProblem
from bot.domain.targets import Progress, Target


@dataclass(frozen=True, slots=True)
class TargetsSet:
    """Targets stored, each with the value it replaced (None: a new target)."""

    targets: tuple[tuple[Target, float | None], ...]


@dataclass(frozen=True, slots=True)
class TargetsRefused:
    """A batch of targets with problems (or none at all): nothing of it was stored."""

    problems: tuple[TargetProblem, ...]


@dataclass(frozen=True, slots=True)
class SheetRefused:
    """A file that is not a sheet the bot can read (its type, size or content)."""

    code: str


@dataclass(frozen=True, slots=True)
class PlanSet:
    branch: str
    text: str


@dataclass(frozen=True, slots=True)
class PlanShown:
    branch: str
    text: str | None


@dataclass(frozen=True, slots=True)
class ProgressTable:
    """How every target of a period stands on its last report day so far."""

    period: Period
    through: date
    rows: tuple[Progress, ...]
    plans: Mapping[str, str]
