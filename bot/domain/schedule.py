"""When a scheduled post falls due: a time of day and the days it runs on.

Posts run on working days by default. APScheduler knows no holidays, so the
bot asks this module for the next run instead of APScheduler's day-of-week
rules, and for the run that fell due while it was down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.calendar import WorkCalendar

WORKDAYS = "workdays"
DAILY = "daily"
WEEK_START = "week_start"
"""The first working day of each week: Monday, or the day after a holiday."""
MONTH_START = "month_start"
MONTH_END = "month_end"
"""The last working day of each month."""
# How far ahead next_run looks: past the longest holiday (Spring Festival, National Day).
_HORIZON_DAYS = 40
MAKEUP_DAYS = 3
"""A summary that failed on its day (or was missed, the bot down) is made on the next
working days, up to this many."""


class PostKind(StrEnum):
    MORNING = "morning"
    REMINDER = "reminder"
    SECOND_REMINDER = "second_reminder"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    PK = "pk"


SUMMARIES = frozenset({PostKind.WEEKLY, PostKind.MONTHLY})


@dataclass(frozen=True, slots=True)
class PostRule:
    kind: PostKind
    at: time
    days: str | tuple[int, ...] = WORKDAYS
    """"workdays", "daily", "week_start", "month_start", "month_end", or weekdays
    (0 = Monday … 6 = Sunday)."""

    def runs_on(self, day: date, calendar: WorkCalendar) -> bool:
        if self.days == DAILY:
            return True
        if isinstance(self.days, tuple):
            return day.weekday() in self.days
        if not calendar.is_working_day(day):
            return False
        if self.days == WEEK_START:
            return _first_working(calendar, day - timedelta(days=day.weekday()), day) == day
        if self.days == MONTH_START:
            return _first_working(calendar, day.replace(day=1), day) == day
        if self.days == MONTH_END:
            following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
            return not any(calendar.working_days(day + timedelta(days=1), following - timedelta(1)))
        return True

    def owed(self, day: date, calendar: WorkCalendar) -> date | None:
        """The run day whose post falls due at this rule's time on `day`: `day` itself when
        the rule runs then. A summary is owed on the next MAKEUP_DAYS working days after
        its own as well (a Monday summary that failed is made on Tuesday, marked 补发), so
        on those this names its day; whether it was made is the caller's to check."""
        if self.runs_on(day, calendar):
            return day
        if self.kind not in SUMMARIES or not calendar.is_working_day(day):
            return None
        working = 1
        for back in range(1, _HORIZON_DAYS):
            earlier = day - timedelta(days=back)
            if self.runs_on(earlier, calendar):
                return earlier
            working += calendar.is_working_day(earlier)
            if working > MAKEUP_DAYS:
                return None
        return None

    def next_run(self, after: datetime, zone: ZoneInfo, calendar: WorkCalendar) -> datetime | None:
        """The first run strictly after `after`; None when none falls within forty days."""
        start = after.astimezone(zone).date()
        for offset in range(_HORIZON_DAYS):
            day = start + timedelta(days=offset)
            moment = datetime.combine(day, self.at, tzinfo=zone)
            if moment > after and self.runs_on(day, calendar):
                return moment
        return None

    def missed_run(
        self, now: datetime, grace: timedelta, zone: ZoneInfo, calendar: WorkCalendar
    ) -> datetime | None:
        """Today's run, if it fell due within the grace window before `now`."""
        day = now.astimezone(zone).date()
        moment = datetime.combine(day, self.at, tzinfo=zone)
        if moment <= now <= moment + grace and self.owed(day, calendar) is not None:
            return moment
        return None

    def fell_due(
        self, since: datetime, until: datetime, zone: ZoneInfo, calendar: WorkCalendar
    ) -> list[datetime]:
        """The runs due after `since` up to `until`: what a bot down meanwhile missed."""
        moments = []
        day = since.astimezone(zone).date()
        while day <= until.astimezone(zone).date():
            moment = datetime.combine(day, self.at, tzinfo=zone)
            if since < moment <= until and self.runs_on(day, calendar):
                moments.append(moment)
            day += timedelta(days=1)
        return moments


def _first_working(calendar: WorkCalendar, first: date, last: date) -> date | None:
    return next(iter(calendar.working_days(first, last)), None)


def period_of(run: datetime, zone: ZoneInfo) -> str:
    """The key that makes a post unique per chat and kind: the local day it runs."""
    return run.astimezone(zone).date().isoformat()


@dataclass(frozen=True, slots=True)
class Schedule:
    rules: tuple[PostRule, ...]
    grace: timedelta
    """A post missed while the bot was down is still made this long after its time."""
    remind_when_complete: bool
    """Post the reminder even when every branch has reported (to say so)."""

    def rule(self, kind: PostKind) -> PostRule | None:
        return next((rule for rule in self.rules if rule.kind is kind), None)
