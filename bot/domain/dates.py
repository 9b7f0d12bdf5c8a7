"""Dates as people write them at the head of a report: 昨天, 周五, 上周五, 7月27日, 7/27,
2026-07-27, 27日.

A date without a year (or month) is the nearest such date, so 12月31日 written on
2 January is last year's and 27号 on 30 November is 27 November. A nearest date after
today stays in the future, where the report is refused: moving it a year back would store
figures on a day nobody meant. So a yearless date more than half a year back (6月3日 on
2 January) is read as the coming one and refused: such a backfill needs its year.
A weekday word is the latest such day not after today (on a Friday, 周五 is today);
上周五 is the previous calendar week's.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

RELATIVE_DAYS = {
    "大前天": -3, "前天": -2, "昨天": -1, "昨日": -1,
    "今天": 0, "今日": 0, "当日": 0, "本日": 0,
    "明天": 1, "明日": 1, "后天": 2,
}  # fmt: skip
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
WEEKS = {"上": -1, "本": 0, "这": 0, "下": 1}
"""A week word before a weekday: 上周五 (last week's), 本周五, 下周一 (next week's)."""
NOT_A_WEEKDAY_BEFORE, NOT_A_WEEKDAY_AFTER = "每一", "共次起均天对"
"""每周一次, 一周一次, 本周一共, 上周日均, 本周天天: a weekday's characters inside other words."""
NOT_A_DAY_BEFORE = {"后天": "落以先之最"}
"""落后天数, 以后天天: 后天 inside other words."""


def _relative(word: str) -> str:
    guard = NOT_A_DAY_BEFORE.get(word)
    return f"(?<![{guard}]){word}" if guard else word


DATE = (
    r"(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})[日号]?"
    r"|(?P<m2>\d{1,2})月(?P<d2>\d{1,2})[日号]?"
    r"|(?P<m3>\d{1,2})/(?P<d3>\d{1,2})(?![\d/])"
    # 5号楼 and 3号院 are buildings, not days (27号线上开户 and 27号门店 are days).
    r"|(?P<d4>\d{1,2})(?:日|号(?![楼院栋室]))"
    rf"|(?<![{NOT_A_WEEKDAY_BEFORE}])(?P<week>[{''.join(WEEKS)}])?(?:周|星期|礼拜)"
    rf"(?P<weekday>[{''.join(WEEKDAYS)}])(?![{NOT_A_WEEKDAY_AFTER}])"
    r"|(?P<relative>" + "|".join(map(_relative, sorted(RELATIVE_DAYS, key=len, reverse=True))) + ")"
)


def resolve(match: re.Match[str], today: date) -> date | None:
    """The day a DATE match names, or None when it names no real day (7月32日). The day
    may be after today: whether that may be reported is the caller's to say."""
    if word := match["relative"]:
        return today + timedelta(days=RELATIVE_DAYS[word])
    if weekday := match["weekday"]:
        return _weekday(WEEKDAYS[weekday], match["week"], today)
    if match["y"]:
        try:
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            return None
    if month := match["m2"] or match["m3"]:
        return _nearest_month_day(int(month), int(match["d2"] or match["d3"]), today)
    return _nearest_day(int(match["d4"]), today)


def _weekday(weekday: int, week: str | None, today: date) -> date:
    """周五 alone: the latest Friday not after today; with a week word, that calendar week's
    (Monday to Sunday) Friday, before or after today."""
    if week is None:
        return today - timedelta(days=(today.weekday() - weekday) % 7)
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=WEEKS[week])
    return monday + timedelta(days=weekday)


def _nearest(candidates: list[date], today: date) -> date | None:
    """The candidate closest to today; of two as close, the earlier (reports look back)."""
    return min(candidates, key=lambda day: (abs((day - today).days), day), default=None)


def _nearest_month_day(month: int, day: int, today: date) -> date | None:
    # Eight years back and four ahead reach a leap year, for 2月29日; 2月30日 never exists.
    candidates = []
    for year in range(today.year - 8, today.year + 5):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    return _nearest(candidates, today)


def _nearest_day(day: int, today: date) -> date | None:
    if not 1 <= day <= 31:
        return None
    candidates = []
    for shift in range(-12, 13):
        index = today.year * 12 + today.month - 1 + shift
        try:
            candidates.append(date(index // 12, index % 12 + 1, day))
        except ValueError:
            continue
    return _nearest(candidates, today)


STARTS = frozenset({*(word[0] for word in RELATIVE_DAYS), *WEEKS, "周", "星", "礼"})
"""The characters a date word can start with, where the scanner must stop an ordinary word:
业绩上周五 holds 上周五."""

_WHOLE_DATE = re.compile(DATE)


def read_day(text: str, today: date) -> date | None:
    """A day typed on its own (a command's argument): 7月27日, 7/27, 昨天, 周五, 2026-07-27."""
    match = _WHOLE_DATE.fullmatch(text.strip())
    return resolve(match, today) if match else None
