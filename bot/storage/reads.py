"""Reads that answer from the database what Python used to work out from every row.

Each hands back plain values, aggregated or cut down in SQL and by index, so a
command costs the same with 30 branches as with 3,000. Never committed here.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.contests import Span, Sums
from bot.storage import plain
from bot.storage.figure_tables import Figure
from bot.storage.roster import Branches
from bot.storage.tables import ContestEntry


class Reads:
    def __init__(self, session: AsyncSession, branches: Branches) -> None:
        self._session = session
        self._branches = branches

    async def of_day(
        self, day: date, *, leaving_out: Collection[str] = ()
    ) -> dict[str, dict[str, float]]:
        """Every branch's figures of one day as branch → metric → value, but for the metrics
        `leaving_out`: by the day index, three columns, since /rank and the bulletin (its
        report day and the day before) read every branch."""
        statement = select(Figure.branch_id, Figure.metric, Figure.value).where(Figure.day == day)
        if leaving_out:
            statement = statement.where(Figure.metric.not_in(list(leaving_out)))
        names = await self._branches.names()
        figures: dict[str, dict[str, float]] = {}
        for branch_id, metric, value in await plain.rows(self._session, statement):
            figures.setdefault(names[branch_id], {})[metric] = value
        return figures

    async def metrics_of(
        self, branch: str, first: date, last: date, *, among: Collection[str]
    ) -> set[str]:
        """Which of the metrics `among` a branch reported from `first` to `last`, both
        included: read from an index alone, never the rows. Naming the metrics lets the
        (branch, metric, day) index seek each one's days instead of the branch's years."""
        rows = await self._session.scalars(
            select(Figure.metric)
            .distinct()
            .where(
                Figure.branch_id == await self._branches.id(branch),
                Figure.metric.in_(list(among)),
                Figure.day.between(first, last),
            )
        )
        return set(rows)

    async def contest_sums(
        self, contest_id: int, spans: Collection[Span], *, metrics: Collection[str]
    ) -> Sums:
        """Each entrant's total of each of `metrics` over each span (first, last; both
        included), in one pass over the contest's branches' figures: a standings run reads
        a few sums per branch, not every day of it. Naming the metrics lets the (branch,
        metric, day) index seek each one's days, already grouped. A span with no figures of
        a branch has no totals for it."""
        spans = sorted(set(spans))
        if not spans or not metrics:
            return {}
        columns = [
            func.sum(case((Figure.day.between(first, last), Figure.value))) for first, last in spans
        ]
        entrants = select(ContestEntry.branch_id).where(ContestEntry.contest_id == contest_id)
        rows = await self._session.execute(
            select(Figure.branch_id, Figure.metric, *columns)
            .where(
                Figure.branch_id.in_(entrants),
                Figure.metric.in_(list(metrics)),
                Figure.day.between(min(f for f, _ in spans), max(last for _, last in spans)),
            )
            .group_by(Figure.branch_id, Figure.metric)
        )
        names = await self._branches.names()
        sums: dict[Span, dict[str, dict[str, float]]] = {span: {} for span in spans}
        for branch_id, metric, *totals in rows:
            for span, total in zip(spans, totals, strict=True):
                if total is not None:
                    sums[span].setdefault(names[branch_id], {})[metric] = float(total)
        return sums
