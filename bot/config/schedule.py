"""Reading the `[chats.schedule]`, `[calendar]` and `[bulletin]` tables into domain values."""

from __future__ import annotations

from datetime import date, time, timedelta

from bot.config.reader import ConfigError, Table
from bot.domain.calendar import WorkCalendar
from bot.domain.schedule import (
    DAILY,
    MONTH_END,
    MONTH_START,
    WEEK_START,
    WORKDAYS,
    PostKind,
    PostRule,
    Schedule,
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_TIMES = {
    PostKind.MORNING: "08:30",
    PostKind.REMINDER: "10:00",
    # After the 08:30 bulletin has closed the report day: Monday's weekly counts Friday.
    PostKind.WEEKLY: "09:00",
    PostKind.MONTHLY: "09:00",
    PostKind.PK: "17:30",
}
# The days a post runs on when its table names none.
DEFAULT_DAYS = {PostKind.WEEKLY: WEEK_START, PostKind.MONTHLY: MONTH_START}
NAMED_DAYS = (WORKDAYS, DAILY, WEEK_START, MONTH_START, MONTH_END)
DEFAULT_GRACE_MINUTES = 120


def read_schedule(table: Table, *, every_day: bool = False) -> Schedule:
    """`every_day`: every day is a report day ([bot] report_days = "daily"), so the posts
    about a report day run every day unless their table names other days."""
    usual = DAILY if every_day else WORKDAYS
    rules = []
    for kind in PostKind:
        rule = _rule(table, kind, usual)
        if rule is not None:
            rules.append(rule)
    schedule = Schedule(
        rules=tuple(rules),
        grace=timedelta(minutes=table.int("grace_minutes", DEFAULT_GRACE_MINUTES)),
        remind_when_complete=table.bool("remind_when_complete"),
    )
    table.reject_unknown()
    return schedule


def read_calendar(table: Table) -> WorkCalendar:
    calendar = WorkCalendar(workdays=_dates(table, "workdays"), days_off=_dates(table, "days_off"))
    table.reject_unknown()
    return calendar


def _rule(table: Table, kind: PostKind, usual: str) -> PostRule | None:
    """`morning = "08:30"`, or `morning = { time = "08:30", days = "daily" }`; "" is off."""
    raw = table.raw(kind.value, DEFAULT_TIMES.get(kind, ""))
    days = DEFAULT_DAYS.get(kind, usual)
    if isinstance(raw, str):
        return PostRule(kind, _time(table, kind.value, raw), days) if raw else None
    if not isinstance(raw, dict):
        raise table.fail(kind.value, f'must be "HH:MM" or a table, got {raw!r}')
    inner = Table(raw, table.key(kind.value))
    at = inner.str("time", required=True)
    rule = PostRule(kind, _time(inner, "time", at), _days(inner, days))
    inner.reject_unknown()
    return rule


def _time(table: Table, name: str, text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise table.fail(name, f'must be a time of day "HH:MM", got {text!r}') from None


def _days(table: Table, default: str) -> str | tuple[int, ...]:
    raw = table.raw("days", default)
    if raw in NAMED_DAYS:
        return str(raw)
    if isinstance(raw, list) and raw and all(d in WEEKDAYS for d in raw):
        return tuple(WEEKDAYS.index(d) for d in raw)
    raise table.fail("days", f"must be one of {NAMED_DAYS} or a list of {WEEKDAYS}, got {raw!r}")


def _dates(table: Table, name: str) -> tuple[date, ...]:
    days = []
    for text in table.str_list(name):
        try:
            days.append(date.fromisoformat(text))
        except ValueError:
            raise ConfigError(f"{table.key(name)}: {text!r} is not a date YYYY-MM-DD") from None
    return tuple(days)
