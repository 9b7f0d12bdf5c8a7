"""Dates as people write them at the head of a report: 昨天, 7月27日, 7/27, 2026-07-27, 27日.

A date without a year (or month) is the latest such date not after today,
so 12月31日 written on 2 January is last year's.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

RELATIVE_DAYS = {"前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "当日": 0, "本日": 0}

DATE = (
    r"(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})[日号]?"
    r"|(?P<m2>\d{1,2})月(?P<d2>\d{1,2})[日号]?"
    r"|(?P<m3>\d{1,2})/(?P<d3>\d{1,2})(?![\d/])"
    # 5号楼 and 3号院 are buildings, not days (27号线上开户 and 27号门店 are days).
    r"|(?P<d4>\d{1,2})(?:日|号(?![楼院栋室]))"
    r"|(?P<relative>" + "|".join(RELATIVE_DAYS) + ")"
)


def resolve(match: re.Match[str], today: date) -> date | None:
    """The day a DATE match names, or None when it names no real day (7月32日)."""
    if word := match["relative"]:
        return today + timedelta(days=RELATIVE_DAYS[word])
    if match["y"]:
        try:
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            return None
    if month := match["m2"] or match["m3"]:
        return _latest_month_day(int(month), int(match["d2"] or match["d3"]), today)
    return _latest_day(int(match["d4"]), today)


def _latest_month_day(month: int, day: int, today: date) -> date | None:
    # Eight years back reach a leap year, for 2月29日; 2月30日 never exists.
    for year in range(today.year, today.year - 8, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    return None


def _latest_day(day: int, today: date) -> date | None:
    if not 1 <= day <= 31:
        return None
    year, month = today.year, today.month
    for _ in range(12):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate <= today:
            return candidate
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


_WHOLE_DATE = re.compile(DATE)


def read_day(text: str, today: date) -> date | None:
    """A day typed on its own (a command's argument): 7月27日, 7/27, 昨天, 2026-07-27."""
    match = _WHOLE_DATE.fullmatch(text.strip())
    return resolve(match, today) if match else None
