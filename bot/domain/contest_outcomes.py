"""What the contest use cases tell the chat layer: created or refused, ended, or which."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.domain.contest_input import ContestProblem
from bot.domain.contests import Contest
from bot.domain.standings import Standings


@dataclass(frozen=True, slots=True)
class ContestCreated:
    contest: Contest
    odd: str | None = None
    """Pairing by size left this branch without a partner."""
    sizes: Mapping[str, float] = field(default_factory=dict)
    """Last month's points the pairing went by (empty when the sides were given)."""


@dataclass(frozen=True, slots=True)
class ContestRefused:
    problems: tuple[ContestProblem, ...]


@dataclass(frozen=True, slots=True)
class ContestEnded:
    """Ended early (with its result) or called off (`standings` None)."""

    contest: Contest
    standings: Standings | None


@dataclass(frozen=True, slots=True)
class NoContest:
    """No active contest is called that; these are."""

    word: str
    contests: tuple[Contest, ...]


@dataclass(frozen=True, slots=True)
class WhichContest:
    """Several contests run: the command must name one."""

    contests: tuple[Contest, ...]
