"""Figures summed by the database: a month to date is a few thousand sums, not the
hundreds of thousands of daily rows the Python side would otherwise add up.

Each query names the branches (those of the roster table) and the metrics it wants,
so that it seeks through ix_daily_figures_totals (branch, metric, day, value) group by
group, in the order GROUP BY needs, reading nothing but the index: its cost follows the
days summed and the branches, never the years of history before them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.figure_tables import Figure
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
        names = await self._branches.names()
        statement = (
            select(Figure.branch_id, Figure.metric, func.sum(Figure.value))
            .where(
                Figure.branch_id.in_(select(BranchRow.id)),
                Figure.metric.in_(wanted),
                Figure.day.between(first, last),
            )
            .group_by(Figure.branch_id, Figure.metric)
        )
        sums: dict[str, dict[str, float]] = {}
        for branch_id, metric, total in await self._session.execute(statement):
            sums.setdefault(names[branch_id], {})[metric] = total
        return sums

    async def reporters(self, day: date, *, leaving_out: Iterable[str] = ()) -> set[str]:
        """The branches with a figure for `day` other than of `leaving_out`: the reminder
        needs who reported, not every figure of the day."""
        names = await self._branches.names()
        statement = select(Figure.branch_id).where(Figure.day == day).distinct()
        if excluded := sorted(set(leaving_out)):
            statement = statement.where(Figure.metric.not_in(excluded))
        return {names[branch_id] for branch_id in await self._session.scalars(statement)}
