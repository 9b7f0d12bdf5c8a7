"""What a target is made of, however it is typed: its measure, its value and its period.

The /target command and an uploaded sheet both read targets with these, so a
value means the same in either: money in 万元 the way reports read it (200, 200万
and 2000000元 are one target), a count in the metric's own unit. Unlike a daily
figure, a target of zero or less leaves nothing to measure completion against,
so it is refused.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from bot.domain import amounts
from bot.domain.catalogue import Catalogue, Metric
from bot.domain.periods import PeriodKind, period_containing
from bot.domain.targets import POINTS, Target, TargetKey


class ProblemCode(StrEnum):
    """Why a line or a row cannot be stored."""

    NO_HEADER = "no_header"
    NO_TARGET = "no_target"
    UNKNOWN_BRANCH = "unknown_branch"
    UNKNOWN_METRIC = "unknown_metric"
    UNKNOWN_WORD = "unknown_word"
    MISSING_BRANCH = "missing_branch"
    MISSING_METRIC = "missing_metric"
    MISSING_VALUE = "missing_value"
    BAD_VALUE = "bad_value"
    BAD_UNIT = "bad_unit"
    NEEDS_UNIT = "needs_unit"
    NOT_POSITIVE = "not_positive"
    BAD_PERIOD = "bad_period"
    START_OUTSIDE_PERIOD = "start_outside_period"
    SEVERAL_PERIODS = "several_periods"
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class TargetProblem:
    row: int
    """1-based: the command's line, or the sheet's row as Excel numbers it."""
    code: ProblemCode
    word: str
    """What the manager wrote that is wrong, for the reply to quote."""


@dataclass(frozen=True, slots=True)
class TargetInput:
    """The targets read and the problems met. The caller stores nothing while there is
    a problem, so every problem is listed, and a manager fixes them all in one go."""

    targets: tuple[Target, ...]
    problems: tuple[TargetProblem, ...]


POINTS_WORDS = ("总积分", "积分")
# 积分 is no metric of the catalogue but the weighted sum of them all. As a count in 分
# it is read by the same rules as any other count.
POINTS_METRIC = Metric(
    key=POINTS, name="积分", unit="分", aliases=POINTS_WORDS, points=1.0, units=("分",)
)


def find_measure(catalogue: Catalogue, word: str) -> Metric | None:
    """The metric a word names, 积分 included."""
    return POINTS_METRIC if word in POINTS_WORDS else catalogue.find_metric(word)


def read_value(
    metric: Metric, *, numeral: str, unit: str | None, negative: bool
) -> float | ProblemCode:
    """A typed target (a numeral and the unit after it) in the metric's display unit."""
    if not amounts.fits(metric, unit):
        return ProblemCode.BAD_UNIT
    try:
        number, absolute = amounts.evaluate(numeral)
    except amounts.NotANumber:
        return ProblemCode.BAD_VALUE
    return target_value(metric, -number if negative else number, absolute=absolute, unit=unit)


def target_value(
    metric: Metric, number: float, *, absolute: bool, unit: str | None
) -> float | ProblemCode:
    """`number` in the metric's display unit, if it can be a target at all."""
    if not math.isfinite(number):
        return ProblemCode.BAD_VALUE
    value = amounts.display_value(metric, number, absolute=absolute, unit=unit)
    if value <= 0:
        return ProblemCode.NOT_POSITIVE
    if amounts.implausible(metric, number, absolute=absolute, unit=unit):
        return ProblemCode.NEEDS_UNIT
    return value


KIND_WORDS = {
    **dict.fromkeys(("周", "本周", "周度", "week"), PeriodKind.WEEK),
    **dict.fromkeys(("月", "本月", "月度", "当月", "month"), PeriodKind.MONTH),
    **dict.fromkeys(("季", "季度", "本季", "本季度", "quarter"), PeriodKind.QUARTER),
}
NEXT_WORDS = {
    "下周": PeriodKind.WEEK,
    "下月": PeriodKind.MONTH,
    "下个月": PeriodKind.MONTH,
    "下季": PeriodKind.QUARTER,
    "下季度": PeriodKind.QUARTER,
}
# 10月, 十月, 2026-10, 2026年10月, and the words above (English ones in any case).
PERIOD = "|".join(
    (
        r"(?P<year>\d{4})[-/.年](?P<year_month>\d{1,2})月?份?",
        r"(?P<month>\d{1,2}|十[一二]?|[一二三四五六七八九])月份?",
        *(
            f"(?i:{re.escape(word)})"
            for word in sorted({*KIND_WORDS, *NEXT_WORDS}, key=len, reverse=True)
        ),
    )
)
_PERIOD = re.compile(PERIOD)
TARGET_YEARS = range(2000, 2100)


def read_period(word: str, today: date) -> tuple[PeriodKind, date | None] | None:
    """The kind of period a word names, and a day in it when the word picks one (下月,
    10月) rather than the current one; None when it names no period.

    A month without a year is the next one of that number not before this month
    (10月 in December is next October): targets are set ahead, not after the fact.
    """
    match = _PERIOD.fullmatch(word.strip())
    if match is None:
        return None
    named = word.strip().lower()
    if kind := KIND_WORDS.get(named):
        return kind, None
    if kind := NEXT_WORDS.get(named):
        return kind, period_containing(kind, today).last + timedelta(days=1)
    if match["year"]:
        year, month = int(match["year"]), int(match["year_month"])
    else:
        month = int(amounts.evaluate(match["month"])[0])
        year = today.year if month >= today.month else today.year + 1
    first = calendar_day(year, month, 1)
    return None if first is None else (PeriodKind.MONTH, first)


def calendar_day(year: int, month: int, day: int) -> date | None:
    """The day, if it exists in a year targets can be for: 2206 is a typo of 2026."""
    if year not in TARGET_YEARS:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass
class Collector:
    """The targets read so far, in order, and every problem met on the way.

    The same target given twice with one value is harmless (a line pasted twice);
    with two values nobody can tell which one is meant.
    """

    targets: dict[TargetKey, Target] = field(default_factory=dict)
    problems: list[TargetProblem] = field(default_factory=list)

    def add(self, target: Target, *, row: int, word: str) -> None:
        key = (target.branch, target.metric, target.period)
        if self.targets.setdefault(key, target).value != target.value:
            self.refuse(row, ProblemCode.DUPLICATE, word)

    def refuse(self, row: int, code: ProblemCode, word: str) -> None:
        self.problems.append(TargetProblem(row, code, word))

    def result(self) -> TargetInput:
        return TargetInput(tuple(self.targets.values()), tuple(self.problems))
