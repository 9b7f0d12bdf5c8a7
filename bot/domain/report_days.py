"""The one calendar of reporting: which days are report days, and which day a report or a
post made at a given moment is about.

Branch heads report the previous business day's figures in the morning, and the
bulletin ranks that same day. Both must agree: on a Monday an undated report is for
Friday, because Friday is the day the 08:30 bulletin ranks; after a holiday it is for
the last working day before it. Every part that needs "the report day" (parsing,
the bulletin, the reminder, 补报, /rank and /today, the summaries' discipline count
and the backfill limit) asks this module, so none of them can drift apart again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.calendar import WorkCalendar
from bot.domain.periods import local_day

YESTERDAY = "yesterday"
"""report_day: an undated report is for the previous report day (the default)."""
TODAY = "today"
"""report_day: an undated report is for the day it is sent, if that is a report day."""
WORKDAYS = "workdays"
"""report_days: the official working days, with the [calendar] corrections (the default)."""
DAILY = "daily"
"""report_days: every day, for networks whose branches do business every day."""


@dataclass(frozen=True, slots=True)
class ReportDays:
    calendar: WorkCalendar
    zone: ZoneInfo
    rule: str = YESTERDAY
    """When an undated report is sent: YESTERDAY or TODAY."""
    days: str = WORKDAYS
    """Which days are report days: WORKDAYS or DAILY."""

    def is_report_day(self, day: date) -> bool:
        return self.days == DAILY or self.calendar.is_working_day(day)

    def before(self, day: date) -> date:
        """The last report day before `day`."""
        if self.days == DAILY:
            return day - timedelta(days=1)
        return self.calendar.previous_working_day(day)

    def latest(self, day: date) -> date:
        """`day` if it is a report day, else the last one before it."""
        return day if self.is_report_day(day) else self.before(day)

    def of(self, moment: datetime) -> date:
        """The day an undated report sent at `moment` is for, and so the day a bulletin or
        reminder made at `moment` is about: Monday's is Friday's (under YESTERDAY), a day
        off's is the last report day before it."""
        today = local_day(moment, self.zone)
        return self.before(today) if self.rule == YESTERDAY else self.latest(today)

    def closed(self, moment: datetime) -> date:
        """The newest day a summary made at `moment` looks back on: the last working day
        before it, under either rule and either kind of report days. Summaries run on a
        week's or month's first working day, so the period holding that day is the one
        just closed: Monday's weekly is last week's, 2 November's monthly October's."""
        return self.calendar.previous_working_day(local_day(moment, self.zone))

    def between(self, first: date, last: date) -> Iterator[date]:
        """The report days from `first` to `last`, both included."""
        if self.days != DAILY:
            yield from self.calendar.working_days(first, last)
            return
        day = first
        while day <= last:
            yield day
            day += timedelta(days=1)

    def back(self, day: date, moment: datetime) -> int:
        """How many report days back `day` lies for a report sent at `moment`: the report
        days from `day` up to the day before the sending day, so Friday's figures sent on
        Monday are 1 back (as Tuesday's sent on Wednesday are), and a weekend day 0."""
        today = local_day(moment, self.zone)
        return sum(1 for _ in self.between(day, today - timedelta(days=1)))
