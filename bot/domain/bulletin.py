"""The morning bulletin (晨报): the report day's ranking, the month so far, the movers.

Built from plain figures so the same data always gives the same bulletin,
whatever the clock or the chat.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.catalogue import Catalogue
from bot.domain.ranking import rank_branches, rank_scores
from bot.domain.targets import POINTS, Progress, Sums, reached

DayFigures = Mapping[str, Mapping[str, float]]
"""Branch name → metric key → value, for one day."""


@dataclass(frozen=True, slots=True)
class BulletinRow:
    rank: int
    branch: str
    points: float
    figures: tuple[tuple[str, float], ...]
    """The main metrics the branch reported, as (metric key, value)."""
    month_points: float
    month_rank: int
    movement: int | None
    """Places gained since the previous report day (negative: lost); None: not ranked then."""


@dataclass(frozen=True, slots=True)
class LateEntry:
    """Figures for a day whose bulletin was already out when they arrived (补报)."""

    branch: str
    day: date
    values: tuple[tuple[str, float | None], ...]
    """(metric key, value now; None when the late change removed it)."""


@dataclass(frozen=True, slots=True)
class Bulletin:
    day: date
    rows: tuple[BulletinRow, ...]
    missing: tuple[str, ...]
    """Branches that reported nothing for the day (未报), in roster order."""
    late: tuple[LateEntry, ...] = ()
    progress: tuple[Progress, ...] = ()
    """The month's targets so far, once targets exist: a line under each branch."""


@dataclass(frozen=True, slots=True)
class Changed:
    """One figure changed at a moment, as the audit trail recorded it."""

    branch: str
    day: date
    metric: str
    at: datetime


def late_entries(
    changes: Sequence[Changed],
    *,
    closes: Mapping[date, datetime],
    current: Mapping[tuple[str, date, str], float],
) -> tuple[LateEntry, ...]:
    """The changes made to days after their bulletin was posted, grouped by branch and day,
    with each figure's value now: the published ranking stays as it was, and the next
    bulletin says what came late."""
    grouped: dict[tuple[str, date], dict[str, float | None]] = {}
    for change in changes:
        closed = closes.get(change.day)
        if closed is not None and change.at > closed:
            values = grouped.setdefault((change.branch, change.day), {})
            values[change.metric] = current.get((change.branch, change.day, change.metric))
    return tuple(
        LateEntry(branch, day, tuple(values.items()))
        for (branch, day), values in sorted(grouped.items(), key=lambda item: item[0][1])
    )


def build_bulletin(
    *,
    day: date,
    previous_day: date,
    today: DayFigures,
    before: DayFigures,
    month: Sums,
    catalogue: Catalogue,
    main_metrics: Sequence[str],
) -> Bulletin:
    """`today` and `before` are the figures of `day` and of `previous_day`; `month` each
    branch's figures summed from the first of `day`'s month to `day`."""
    ranked = rank_branches(day=day, figures=today, catalogue=catalogue)
    earlier = rank_branches(day=previous_day, figures=before, catalogue=catalogue)
    earlier_rank = {row.branch: row.rank for row in earlier.rows}
    month_ranks = {row.branch: row for row in rank_scores(_month_points(today, month, catalogue))}
    rows = tuple(
        BulletinRow(
            rank=row.rank,
            branch=row.branch,
            points=row.value,
            figures=tuple(
                (key, today[row.branch][key]) for key in main_metrics if key in today[row.branch]
            ),
            month_points=month_ranks[row.branch].value,
            month_rank=month_ranks[row.branch].rank,
            movement=earlier_rank[row.branch] - row.rank if row.branch in earlier_rank else None,
        )
        for row in ranked.rows
    )
    return Bulletin(day=day, rows=rows, missing=ranked.missing)


def _month_points(today: DayFigures, month: Sums, catalogue: Catalogue) -> dict[str, float]:
    """Each branch's points of the month so far, in roster order: of every branch that
    reported in it (today's too, should their figures be of no metric the month sums)."""
    return {
        b.name: reached(b.name, POINTS, month, catalogue)
        for b in catalogue.branches
        if b.name in month or today.get(b.name)
    }
