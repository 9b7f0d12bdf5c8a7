"""A contest's days as a manager writes them: 7/1-7/31, 7月1日至31日, 2026-07-01~2026-07-15,
7月, 本月, 下月, 本周, 下周.

Contests are set up ahead of time, or at most a little after they began: a date
without a year is the first such date from two months ago on, so 12/20-1/10 typed
in June is next winter's, and 7/1 typed on 7/3 is this month's.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.domain.periods import PeriodKind, period_containing

RECENT = timedelta(days=61)
"""How long ago a contest written without a year may have started."""
CROSS_YEAR = timedelta(days=92)
"""How long a span written 12/20-1/10 may run into the next year."""
SEPARATOR = r"(?:-|—|–|~|～|至|到)"
DAY = r"(?:(?P<{p}y>\d{{4}})[-/.年])?(?P<{p}m>\d{{1,2}})[-/.月](?P<{p}d>\d{{1,2}})[日号]?"
RANGE = re.compile(
    DAY.format(p="a") + rf"\s*{SEPARATOR}\s*(?:" + DAY.format(p="b") + r"|(?P<bday>\d{1,2})[日号]?)"
)
WHOLE_MONTH = re.compile(r"(?:(?P<y>\d{4})[-/.年])?(?P<m>\d{1,2})月份?")
NAMED_PERIODS = {
    "本周": (PeriodKind.WEEK, 0),
    "下周": (PeriodKind.WEEK, 1),
    "本月": (PeriodKind.MONTH, 0),
    "下月": (PeriodKind.MONTH, 1),
}


def read_span(token: str, today: date) -> tuple[date, date] | bool | None:
    """The first and last day a token names; None when it names no period, False when it is
    one with an impossible date (7/32)."""
    if token in NAMED_PERIODS:
        kind, ahead = NAMED_PERIODS[token]
        period = period_containing(kind, today)
        if ahead:
            period = period_containing(kind, period.last + timedelta(days=1))
        return period.first, period.last
    if match := WHOLE_MONTH.fullmatch(token):
        first = _day(match["y"], match["m"], "1", today)
        if not first:
            return False
        month = period_containing(PeriodKind.MONTH, first)
        return month.first, month.last
    match = RANGE.fullmatch(token)
    if match is None:
        return None
    first = _day(match["ay"], match["am"], match["ad"], today)
    if not first:
        return False
    if match["bday"]:
        last = _date(first.year, first.month, int(match["bday"]))
    else:
        year = int(match["by"]) if match["by"] else first.year
        last = _date(year, int(match["bm"]), int(match["bd"]))
        rolled = _date(year + 1, last.month, last.day) if last else None
        # 12/20-1/10 runs into the new year; 7/31-7/1 is a slip, not an 11-month contest.
        if last and rolled and not match["by"] and last < first <= rolled <= first + CROSS_YEAR:
            last = rolled
    return (first, last) if last else False


def _day(year: str | None, month: str, day: str, today: date) -> date | None:
    if year:
        return _date(int(year), int(month), int(day))
    candidates = [_date(today.year + k, int(month), int(day)) for k in (-1, 0, 1)]
    found = [c for c in candidates if c is not None]
    recent = [c for c in found if c >= today - RECENT]
    return min(recent) if recent else (max(found) if found else None)


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
