"""Plain values that storage hands out, so no ORM object leaves a transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class MemberRecord:
    user_id: int
    name: str
    username: str | None
    branch: str | None
    role: str


@dataclass(frozen=True, slots=True)
class FigureRecord:
    branch: str
    day: date
    metric: str
    value: float
    reporter_id: int
    report_id: int


@dataclass(frozen=True, slots=True)
class ChangeRecord:
    branch: str
    day: date
    metric: str
    old_value: float | None
    new_value: float | None
    user_id: int
    report_id: int | None
    reason: str
    changed_at: datetime


@dataclass(frozen=True, slots=True)
class ReportRecord:
    id: int
    chat_id: int
    message_id: int
    user_id: int
    text: str
    day: date
    edited_at: datetime | None
    undone_at: datetime | None = None
    sent_at: datetime | None = None
    pending_since: datetime | None = None


@dataclass(frozen=True, slots=True)
class PlanRecord:
    branch: str
    text: str
    set_by: int
    set_at: datetime


@dataclass(frozen=True, slots=True)
class StatementRecord:
    """One message's statement of one figure; `ended_at` is set once the message no
    longer states it (a later version changed or dropped it, or it was undone)."""

    id: int
    branch: str
    day: date
    metric: str
    value: float
    report_id: int
    user_id: int
    stated_at: datetime
    """Telegram's time of the version that stated this value: what "latest" is read by."""
    ended_at: datetime | None = None
    ended_by: str | None = None
    """"edit" or "undo"."""

    @property
    def key(self) -> tuple[str, date, str]:
        return (self.branch, self.day, self.metric)
