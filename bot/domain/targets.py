"""Targets (目标) and how far a branch has come: completion against time progress.

Completion is actual / target; time progress is the share of the period's
working days that has passed. A branch whose completion trails time progress
is behind (落后时间进度), and at its pace so far it ends the period at the
projection (预计完成).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.calendar import WorkCalendar
from bot.domain.catalogue import Catalogue
from bot.domain.periods import Period, PeriodKind, period_containing
from bot.domain.ranking import points

POINTS = "points"
"""The metric key of a target on 积分, the weighted sum of every metric."""


@dataclass(frozen=True, slots=True)
class Target:
    """A branch's goal for one metric (or POINTS) over one period, in the metric's unit."""

    branch: str
    metric: str
    period: Period
    value: float


TargetKey = tuple[str, str, Period]
"""(branch, metric, period)"""

Sums = Mapping[str, Mapping[str, float]]
"""Branch → metric → its figures summed over a span of days, as storage adds them up."""


@dataclass(frozen=True, slots=True)
class Progress:
    branch: str
    metric: str
    period: Period
    target: float
    actual: float
    completion: float
    """actual / target (1.0 is 100%)."""
    time_progress: float
    projection: float
    """The period's total if the pace of its elapsed working days holds."""
    gap: float
    """What is still missing to reach the target; 0 once it is reached."""

    @property
    def behind(self) -> bool:
        return self.completion < self.time_progress


def time_progress(period: Period, through: date, calendar: WorkCalendar) -> float:
    """The share of the period's working days from its start to `through`, both included."""
    total = _working(calendar, period.first, period.last)
    if through < period.first:
        return 0.0
    if total == 0 or through >= period.last:
        return 1.0
    return _working(calendar, period.first, through) / total


def _working(calendar: WorkCalendar, first: date, last: date) -> int:
    return sum(1 for _ in calendar.working_days(first, last))


def reached(branch: str, metric: str, sums: Sums, catalogue: Catalogue) -> float:
    """What a branch reached for a metric (or POINTS) over the span `sums` add up. Points
    are weights times the span's totals, which is the sum of the daily points up to float
    rounding; rounded as a day's points are, so that equal figures still tie."""
    values = sums.get(branch)
    if not values:
        return 0.0
    return points(values, catalogue) if metric == POINTS else round(values.get(metric, 0.0), 6)


def progress(target: Target, actual: float, *, through: date, calendar: WorkCalendar) -> Progress:
    """How `target` stands with `actual` reached from the period's start to `through`."""
    return progress_at(target, actual, time_progress(target.period, through, calendar))


def progress_at(target: Target, actual: float, elapsed: float) -> Progress:
    """How `target` stands with `actual` reached when `elapsed` of its time has passed: the
    time progress is the same for every target of a period, so it is counted once."""
    projection = actual / elapsed if elapsed else 0.0
    return Progress(
        branch=target.branch,
        metric=target.metric,
        period=target.period,
        target=target.value,
        actual=actual,
        completion=actual / target.value if target.value else 0.0,
        time_progress=elapsed,
        projection=projection,
        gap=max(target.value - actual, 0.0),
    )


MonthParts = tuple[tuple[Period, int, int], ...]
"""Each month a span works in, with its working days in the span and in the whole month."""


def month_parts(first: date, last: date, calendar: WorkCalendar) -> MonthParts:
    """The months `first`..`last` works in, by working days: what every target's share of
    the span is taken from, so counted once for all of them."""
    parts = []
    month = period_containing(PeriodKind.MONTH, first)
    while month.first <= last:
        in_span = _working(calendar, max(first, month.first), min(last, month.last))
        # A month whose part of the span is all holiday owes it nothing.
        if in_span:
            parts.append((month, in_span, _working(calendar, month.first, month.last)))
        month = period_containing(PeriodKind.MONTH, month.last + timedelta(days=1))
    return tuple(parts)


def share_of_months(
    first: date, last: date, monthly: Mapping[Period, float], calendar: WorkCalendar
) -> float | None:
    """The share of its months' targets that falls to `first`..`last` (a week, a contest),
    by working days: a span across two months takes its part of each. None when a month
    the span works in has no target."""
    return share_of_parts(month_parts(first, last, calendar), monthly)


def share_of_parts(parts: MonthParts, monthly: Mapping[Period, float]) -> float | None:
    """share_of_months for the span of `parts` (month_parts)."""
    total = 0.0
    for month, in_span, in_month in parts:
        if month not in monthly:
            return None
        total += monthly[month] * in_span / in_month
    # A week of holidays has no target at all, rather than one of 0 it could trail.
    return round(total, 6) or None


def monthly_targets(targets: Sequence[Target]) -> dict[tuple[str, str], dict[Period, float]]:
    """(branch, metric) → month → target: what a week's or a contest's share is taken of."""
    monthly: dict[tuple[str, str], dict[Period, float]] = {}
    for t in targets:
        if t.period.kind is PeriodKind.MONTH:
            monthly.setdefault((t.branch, t.metric), {})[t.period] = t.value
    return monthly


def targets_for(
    period: Period, targets: Sequence[Target], calendar: WorkCalendar
) -> tuple[Target, ...]:
    """The targets of exactly `period`; a week without its own target for a metric takes
    its share of the monthly ones."""
    own = {(t.branch, t.metric): t for t in targets if t.period == period}
    if period.kind is PeriodKind.WEEK:
        parts = month_parts(period.first, period.last, calendar)
        for (branch, metric), months in monthly_targets(targets).items():
            derived = share_of_parts(parts, months)
            if (branch, metric) not in own and derived is not None:
                own[branch, metric] = Target(branch, metric, period, derived)
    return tuple(own.values())
