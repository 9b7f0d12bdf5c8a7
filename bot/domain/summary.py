"""The weekly and monthly summary (周报, 月报) for the Monday meeting, from plain figures.

A summary looks back on one period (the week or month of its report day) up
to the last report day, and at the month so far for targets: the meeting asks
who is ahead, who is behind time progress, and what each will do about it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.bulletin import DayFigures
from bot.domain.calendar import WorkCalendar
from bot.domain.catalogue import Catalogue
from bot.domain.periods import Period, PeriodKind, period_containing
from bot.domain.ranking import RankRow, rank_scores
from bot.domain.report_days import DAILY, ReportDays
from bot.domain.targets import (
    POINTS,
    Progress,
    Sums,
    Target,
    progress_at,
    reached,
    targets_for,
    time_progress,
)


@dataclass(frozen=True, slots=True)
class Discipline:
    """How many of the period's working days (so far) a branch reported on."""

    branch: str
    reported: int
    working: int


@dataclass(frozen=True, slots=True)
class Summary:
    period: Period
    through: date
    """The last report day the summary counts."""
    ranking: tuple[RankRow, ...]
    """Every branch by points over the period; one that reported nothing has 0."""
    points_targets: Mapping[str, float]
    """Each branch's points target for the period, where it has one."""
    month: Period
    """The month whose targets the summary follows: that of the period's last working day."""
    month_progress: tuple[Progress, ...]
    """Every target of the month so far, branches in roster order."""
    plans: Mapping[str, str]
    discipline: tuple[Discipline, ...]
    figures: Mapping[date, DayFigures]
    """The period's figures by day, for its trend."""
    every_day: bool = False
    """Every day is a report day: the discipline count is of days, not working days."""

    @property
    def behind(self) -> tuple[Progress, ...]:
        return tuple(p for p in self.month_progress if p.behind)

    @property
    def headline(self) -> str | None:
        """The target the completion chart shows: points when any branch has one, else the
        first metric with a target (None: no targets this month)."""
        metrics = [p.metric for p in self.month_progress]
        return POINTS if POINTS in metrics else next(iter(metrics), None)


def summary_spans(kind: PeriodKind, through: date, calendar: WorkCalendar) -> tuple[Period, Period]:
    """The period a summary through `through` looks back on, and the month whose targets it
    follows: that of the period's last working day so far."""
    period = period_containing(kind, through)
    # A week that ends in a holiday (28 September – 4 October) reports on the month its
    # working days were in, not on a month that has not started working yet.
    worked = through if calendar.is_working_day(through) else calendar.previous_working_day(through)
    return period, period_containing(PeriodKind.MONTH, max(worked, period.first))


def build_summary(
    *,
    kind: PeriodKind,
    through: date,
    figures: Mapping[date, DayFigures],
    period_sums: Sums,
    month_sums: Sums,
    targets: Sequence[Target],
    plans: Mapping[str, str],
    catalogue: Catalogue,
    calendar: WorkCalendar,
    report_days: ReportDays,
) -> Summary:
    """`figures` must hold every day of the period up to `through` (later days are left
    out); `period_sums` each branch's figures summed over those days, and `month_sums`
    over the days of the month (summary_spans) up to `through` or the month's end."""
    period, month = summary_spans(kind, through, calendar)
    month_through = min(through, month.last)
    in_period = {day: f for day, f in figures.items() if day in period and day <= through}
    totals = {b.name: reached(b.name, POINTS, period_sums, catalogue) for b in catalogue.branches}
    return Summary(
        period=period,
        through=through,
        ranking=rank_scores(totals),
        points_targets={
            t.branch: t.value for t in targets_for(period, targets, calendar) if t.metric == POINTS
        },
        month=month,
        month_progress=progress_of(
            targets_for(month, targets, calendar),
            month_through,
            month_sums,
            catalogue=catalogue,
            calendar=calendar,
        ),
        plans=plans,
        discipline=_discipline(period, through, in_period, catalogue, report_days),
        figures=in_period,
        every_day=report_days.days == DAILY,
    )


def progress_of(
    targets: Sequence[Target],
    through: date,
    sums: Sums,
    *,
    catalogue: Catalogue,
    calendar: WorkCalendar,
) -> tuple[Progress, ...]:
    """Each target against what its branch did from the period's start to `through`, which
    `sums` add up (the targets share that period, as targets_for gives them); branches in
    roster order, metrics in catalogue order, points first."""
    order = {b.name: i for i, b in enumerate(catalogue.branches)}
    metric_order = {POINTS: -1} | {m.key: i for i, m in enumerate(catalogue.metrics)}
    own = [t for t in targets if t.branch in order and t.metric in metric_order]
    own.sort(key=lambda t: (order[t.branch], metric_order[t.metric]))
    elapsed: dict[Period, float] = {}
    for t in own:
        if t.period not in elapsed:
            elapsed[t.period] = time_progress(t.period, through, calendar)
    return tuple(
        progress_at(t, reached(t.branch, t.metric, sums, catalogue), elapsed[t.period]) for t in own
    )


def _discipline(
    period: Period,
    through: date,
    figures: Mapping[date, DayFigures],
    catalogue: Catalogue,
    report_days: ReportDays,
) -> tuple[Discipline, ...]:
    working = list(report_days.between(period.first, min(through, period.last)))
    return tuple(
        Discipline(
            branch=b.name,
            reported=sum(1 for day in working if figures.get(day, {}).get(b.name)),
            working=len(working),
        )
        for b in catalogue.branches
    )
