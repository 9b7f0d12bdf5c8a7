"""A fixed week of figures and targets, 21–27 September 2026, for the summary's tests.

The week has four working days (25 September is the Mid-Autumn Festival);
September has 22, of which 19 have passed by the 27th.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from bot.domain.bulletin import DayFigures
from bot.domain.calendar import WorkCalendar
from bot.domain.catalogue import Catalogue
from bot.domain.periods import PeriodKind, period_containing
from bot.domain.report_days import ReportDays
from bot.domain.summary import Summary, build_summary, summary_spans
from bot.domain.targets import POINTS, Target

WORKING = [date(2026, 9, day) for day in (21, 22, 23, 24)]
THROUGH = date(2026, 9, 27)
SEPTEMBER = period_containing(PeriodKind.MONTH, THROUGH)


def week_figures() -> dict[date, DayFigures]:
    figures: dict[date, dict[str, dict[str, float]]] = {day: {} for day in WORKING}
    for day in WORKING:
        figures[day]["正阳营业所"] = {"deposit": 30}
        figures[day]["四明营业所"] = {"deposit": 25}
    for day in WORKING[:3]:
        figures[day]["姜家营业所"] = {"deposit": 20}
    figures[WORKING[3]]["姜家营业所"] = {"insurance": 5}
    figures[WORKING[0]]["东城营业所"] = {"deposit": 10}
    for day in WORKING[1:3]:
        figures[day]["西环路营业所"] = {"deposit": 15}
    return dict(figures)


def summed(figures: dict[date, DayFigures], first: date, last: date) -> dict[str, dict[str, float]]:
    """Each branch's figures from `first` to `last` added up, as storage sums a span."""
    sums: dict[str, dict[str, float]] = {}
    for day, branches in figures.items():
        for branch, values in branches.items() if first <= day <= last else ():
            own = sums.setdefault(branch, {})
            for key, value in values.items():
                own[key] = own.get(key, 0.0) + value
    return sums


TARGETS = (
    Target("正阳营业所", "deposit", SEPTEMBER, 300),
    Target("姜家营业所", "deposit", SEPTEMBER, 300),
    Target("四明营业所", POINTS, SEPTEMBER, 200),
    Target("四明营业所", "deposit", SEPTEMBER, 100),
)
PLANS = {"正阳营业所": "每天走访商户20户，重点营销定期"}


def week_summary(
    catalogue: Catalogue, *, kind: PeriodKind = PeriodKind.WEEK, through: date = THROUGH
) -> Summary:
    """The summary of the fixed week's figures, targets and plans: of the week through
    the 27th, unless `kind` or `through` say otherwise."""
    calendar = WorkCalendar()
    period, month = summary_spans(kind, through, calendar)
    figures = week_figures()
    return build_summary(
        kind=kind,
        through=through,
        figures=figures,
        period_sums=summed(figures, period.first, through),
        month_sums=summed(figures, month.first, min(through, month.last)),
        targets=TARGETS,
        plans=PLANS,
        catalogue=catalogue,
        calendar=calendar,
        report_days=ReportDays(calendar, ZoneInfo("Asia/Shanghai")),
    )
