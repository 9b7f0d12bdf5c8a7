"""Figures summed by the database: a month to date is a few thousand sums, not the
hundreds of thousands of daily rows the Python side would otherwise add up.

Each query names the branches (those of the roster table) and the metrics it wants,
so that it seeks through ix_daily_figures_totals (branch, metric, day, value) group by
group, in the order GROUP BY needs, reading nothing but the index: its cost follows the
days summed and the branches, never the years of history before them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage import plain
from bot.storage.figure_tables import Figure, MonthTotal
from bot.storage.roster import Branches
from bot.storage.tables import BranchRow


class Totals:
    def __init__(self, session: AsyncSession, branches: Branches) -> None:
        self._session = session
        self._branches = branches

    async def sums(
        self, first: date, last: date, metrics: Iterable[str]
    ) -> dict[str, dict[str, float]]:
        """Branch → metric → its figures of `metrics` summed from `first` to `last`, both
        included; a branch appears once it has one of them in the span."""
        wanted = sorted(set(metrics))
        if not wanted or last < first:
            return {}
        if first.day == 1 and (last.year, last.month) == (first.year, first.month):
            return await self._month_to(last, wanted)
        return await self._summed(first, last, wanted)

    async def _summed(
        self, first: date, last: date, metrics: list[str], branch_ids: Iterable[int] = ()
    ) -> dict[str, dict[str, float]]:
        """The sums of the span from the figures themselves (of `branch_ids` only, if given)."""
        names = await self._branches.names()
        of = Figure.branch_id.in_(list(branch_ids) or select(BranchRow.id))
        statement = (
            select(Figure.branch_id, Figure.metric, func.sum(Figure.value))
            .where(of, Figure.metric.in_(metrics), Figure.day.between(first, last))
            .group_by(Figure.branch_id, Figure.metric)
        )
        sums: dict[str, dict[str, float]] = {}
        for branch_id, metric, total in await plain.rows(self._session, statement):
            sums.setdefault(names[branch_id], {})[metric] = total
        return sums

    async def _month_to(self, last: date, metrics: list[str]) -> dict[str, dict[str, float]]:
        """A month's sums up to `last`: its month totals (a row per branch and metric, kept by
        triggers), except for the few branches with figures already stored for days after
        `last` (a bulletin made in the morning: those who reported today), summed from
        their figures: exact, as subtracting floats would not be."""
        month = last.replace(day=1)
        end = (month + timedelta(days=32)).replace(day=1)
        later = select(Figure.branch_id).distinct()
        later = later.where(Figure.day > last, Figure.day < end, Figure.metric.in_(metrics))
        ahead = set(await self._session.scalars(later))
        kept = select(MonthTotal.branch_id, MonthTotal.metric, MonthTotal.value)
        kept = kept.where(MonthTotal.month == month, MonthTotal.metric.in_(metrics))
        names = await self._branches.names()
        sums: dict[str, dict[str, float]] = {}
        # A total with no figures left is no branch's: not listed, as a sum of none.
        for branch_id, metric, value in await plain.rows(
            self._session, kept.where(MonthTotal.figures > 0)
        ):
            if branch_id not in ahead:
                sums.setdefault(names[branch_id], {})[metric] = value
        if ahead:
            sums.update(await self._summed(month, last, metrics, sorted(ahead)))
        return sums

    async def reporters(self, day: date, *, leaving_out: Iterable[str] = ()) -> set[str]:
        """The branches with a figure for `day` other than of `leaving_out`: the reminder
        needs who reported, not every figure of the day."""
        names = await self._branches.names()
        statement = select(Figure.branch_id).where(Figure.day == day).distinct()
        if excluded := sorted(set(leaving_out)):
            statement = statement.where(Figure.metric.not_in(excluded))
        return {names[branch_id] for (branch_id,) in await plain.rows(self._session, statement)}
