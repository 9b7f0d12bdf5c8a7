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
from bot.domain.ranking import RankRow, points_totals, rank_scores
from bot.domain.report_days import DAILY, ReportDays
from bot.domain.targets import POINTS, Progress, Target, actual, progress, targets_for


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


def build_summary(
    *,
    kind: PeriodKind,
    through: date,
    figures: Mapping[date, DayFigures],
    targets: Sequence[Target],
    plans: Mapping[str, str],
    catalogue: Catalogue,
    calendar: WorkCalendar,
    report_days: ReportDays,
) -> Summary:
    """`figures` must hold every day from the first of the period, or of the month of its
    last working day up to `through`, whichever is earlier; later days are left out."""
    period = period_containing(kind, through)
    # A week that ends in a holiday (28 September – 4 October) reports on the month its
    # working days were in, not on a month that has not started working yet.
    worked = through if calendar.is_working_day(through) else calendar.previous_working_day(through)
    month = period_containing(PeriodKind.MONTH, max(worked, period.first))
    month_through = min(through, month.last)
    in_period = {day: f for day, f in figures.items() if day in period and day <= through}
    summed = points_totals(in_period, catalogue)
    totals = {b.name: summed.get(b.name, 0.0) for b in catalogue.branches}
    month_so_far = {day: f for day, f in figures.items() if day in month and day <= month_through}
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
            month_so_far,
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
    figures: Mapping[date, DayFigures],
    *,
    catalogue: Catalogue,
    calendar: WorkCalendar,
) -> tuple[Progress, ...]:
    """Each target against what its branch did from the period's start to `through`;
    branches in roster order, metrics in catalogue order, points first."""
    order = {b.name: i for i, b in enumerate(catalogue.branches)}
    metric_order = {POINTS: -1} | {m.key: i for i, m in enumerate(catalogue.metrics)}
    own = [t for t in targets if t.branch in order and t.metric in metric_order]
    own.sort(key=lambda t: (order[t.branch], metric_order[t.metric]))
    return tuple(
        progress(
            t,
            actual(t.branch, t.metric, figures, t.period.first, through, catalogue),
            through=through,
            calendar=calendar,
        )
        for t in own
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
