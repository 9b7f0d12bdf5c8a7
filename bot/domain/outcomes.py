"""What a use case tells the chat layer, as plain values the renderer turns into text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeAlias

from bot.domain.changes import Change
from bot.domain.parsing import Problem
from bot.domain.records import ChangeRecord, StatementRecord


@dataclass(frozen=True, slots=True)
class Ignored:
    """Not a report, or a message the bot already handled: say nothing."""


@dataclass(frozen=True, slots=True)
class Refused:
    """A report that cannot be read whole or may not be stored: nothing was stored."""

    problems: tuple[Problem, ...]
    kept: bool = False
    """An edit was refused, and what the message stored before still stands."""


@dataclass(frozen=True, slots=True)
class Unbound:
    """A report from someone the bot cannot attribute to a branch."""


@dataclass(frozen=True, slots=True)
class Anonymous:
    """A report posted as the group (anonymous admin): it has no reporter."""


@dataclass(frozen=True, slots=True)
class DayContext:
    """What a reply needs to say a stored day clearly: the day an undated report would have
    been for (another day is named with its weekday), and the day it was sent (another
    year is named with its year)."""

    usual: date
    today: date


@dataclass(frozen=True, slots=True)
class Stored:
    """A report was stored; `changes` is what it changed, per branch in message order."""

    day: date
    branches: tuple[str, ...]
    changes: tuple[Change, ...]
    late: bool = False
    """The day's bulletin was already out: this is 补报."""
    when: DayContext | None = None
    """For naming the day in the reply; None: the day is named plainly."""


@dataclass(frozen=True, slots=True)
class Undone:
    """What an undo removed; empty when later reports had replaced it all already."""

    day: date
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class NothingToUndo:
    """/undo named no report that still stands."""

    merged: bool = False
    """It replied to a merged confirmation without one report of the sender's in it."""


@dataclass(frozen=True, slots=True)
class NotYours:
    """Someone other than its owner (a report's reporter, a branch's members) or a manager
    tried to change it."""


@dataclass(frozen=True, slots=True)
class Today:
    """A branch's figures for the report day, and the metrics it usually reports but not yet."""

    branch: str
    day: date
    values: dict[str, float]
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Audit:
    """Every statement of one branch's day and every change to it, in the order they were
    stored, and the names of who made them."""

    branch: str
    day: date
    statements: tuple[StatementRecord, ...]
    changes: tuple[ChangeRecord, ...]
    people: dict[int, str]


@dataclass(frozen=True, slots=True)
class BadDay:
    word: str


@dataclass(frozen=True, slots=True)
class AwaitingApproval:
    """A backfill too far back: kept aside until a manager approves it; nothing stored yet."""

    report_id: int
    day: date
    days_back: int
    wanted: tuple[Change, ...]
    when: DayContext | None = None


@dataclass(frozen=True, slots=True)
class NothingToApprove:
    """The backfill was approved already, or its message changed since."""


class ManagerAction(StrEnum):
    """What only a chat's managers may do; each names its own refusal text."""

    APPROVE = "approve"
    SCORE = "score"
    TARGET = "target"
    SHEET = "sheet"
    BIND = "bind"
    POST = "post"
    PK = "pk"


@dataclass(frozen=True, slots=True)
class Usage:
    """A command without what it needs: its usage is shown, and nothing was done."""


@dataclass(frozen=True, slots=True)
class NotManager:
    """Someone who is not a manager asked for a manager's action: nothing was done."""

    action: ManagerAction


ReportOutcome: TypeAlias = Ignored | Refused | Unbound | Anonymous | Stored | AwaitingApproval


@dataclass(frozen=True, slots=True)
class Bound:
    name: str
    branch: str


@dataclass(frozen=True, slots=True)
class UnknownBranch:
    word: str


@dataclass(frozen=True, slots=True)
class UnknownUser:
    who: str


@dataclass(frozen=True, slots=True)
class UnknownMetric:
    word: str
