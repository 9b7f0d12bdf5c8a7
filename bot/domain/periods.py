"""Which business day a moment belongs to, and the weeks, months and quarters days fall in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    """The calendar day of `moment` where the branches are; Telegram's clock is UTC."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no business day")
    return moment.astimezone(zone).date()


class PeriodKind(StrEnum):
    """The spans a target or a summary covers; a week runs Monday to Sunday."""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"


@dataclass(frozen=True, slots=True, order=True)
class Period:
    kind: PeriodKind
    first: date
    last: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def days(self) -> Iterator[date]:
        day = self.first
        while day <= self.last:
            yield day
            day += timedelta(days=1)


def period_containing(kind: PeriodKind, day: date) -> Period:
    if kind is PeriodKind.WEEK:
        first = day - timedelta(days=day.weekday())
        return Period(kind, first, first + timedelta(days=6))
    month = day.month if kind is PeriodKind.MONTH else (day.month - 1) // 3 * 3 + 1
    first = date(day.year, month, 1)
    span = 1 if kind is PeriodKind.MONTH else 3
    following = date(first.year + (month + span - 1) // 12, (month + span - 1) % 12 + 1, 1)
    return Period(kind, first, following - timedelta(days=1))
