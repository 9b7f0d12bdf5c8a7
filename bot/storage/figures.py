"""Daily figures (each its latest live statement) and the audit trail of their changes."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime
from functools import cache
from operator import itemgetter

from sqlalchemy import ColumnElement, Insert, Select, delete, insert, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.bulletin import Changed
from bot.domain.changes import Change, FigureKey
from bot.domain.records import ChangeRecord, FigureRecord, StatementRecord
from bot.storage import plain
from bot.storage.figure_keys import by_keys, sought
from bot.storage.figure_tables import Figure, FigureChange
from bot.storage.roster import Branches
from bot.storage.upsert import dialect_of, insert_for

_FIGURE = (
    Figure.branch_id, Figure.day, Figure.metric, Figure.value, Figure.reporter_id,
    Figure.report_id,
)  # fmt: skip
"""A figure as plain columns, in FigureRecord's order (the branch's id for its name)."""
_CHANGED = (
    FigureChange.id, FigureChange.branch_id, FigureChange.day, FigureChange.metric,
    FigureChange.changed_at,
)  # fmt: skip
"""Which figure an audit row changed, and when: its id to order by, then Changed's order."""


@cache
def _upsert(dialect: str) -> sqlite.Insert | postgresql.Insert:
    """Figures' upsert, built once: every report runs it, and building it (its `excluded`
    columns above all) costs more than running it."""
    statement = insert_for(dialect, Figure.__table__)
    kept = ("value", "reporter_id", "report_id", "updated_at")
    return statement.on_conflict_do_update(
        index_elements=["branch_id", "day", "metric"],
        set_={column: statement.excluded[column] for column in kept},
    )


@cache
def _values_of() -> Select[tuple[int, date, str, float]]:
    """Some figures' values, built once (their keys come with each call): every 接龙
    asks after the other branches' lines it repeats."""
    table = Figure.__table__
    return select(table.c.branch_id, table.c.day, table.c.metric, table.c.value).where(
        by_keys(table)
    )


@cache
def _add_changes() -> Insert:
    """Audit rows, built once (the rows come with each call): every report writes some."""
    return insert(FigureChange.__table__)


class Figures:
    def __init__(self, session: AsyncSession, branches: Branches) -> None:
        self._session = session
        self._branches = branches

    async def of_days(
        self, days: Iterable[date], *, branches: Iterable[str] | None = None
    ) -> list[FigureRecord]:
        """The figures of `days`, of every branch or of `branches` only: 补报 needs the few
        branches that changed a day, not the whole roster's figures of it."""
        statement = select(*_FIGURE).where(Figure.day.in_(list(days)))
        if branches is not None:
            branches = set(branches)
            ids = await self._branches.ids(branches)
            statement = statement.where(Figure.branch_id.in_([ids[b] for b in branches]))
        names = await self._branches.names()
        return [
            FigureRecord(names[row[0]], *row[1:])
            for row in await plain.rows(self._session, statement)
        ]

    async def grid(self, first: date, last: date) -> dict[date, dict[str, dict[str, float]]]:
        """The figures from `first` to `last` as day → branch → metric → value; only the four
        columns, since a summary reads a month of every branch."""
        return await self._grid(Figure.day.between(first, last))

    async def _grid(self, where: ColumnElement[bool]) -> dict[date, dict[str, dict[str, float]]]:
        names = await self._branches.names()
        statement = select(Figure.branch_id, Figure.day, Figure.metric, Figure.value).where(where)
        grid: dict[date, dict[str, dict[str, float]]] = {}
        for branch_id, day, metric, value in await plain.rows(self._session, statement):
            grid.setdefault(day, {}).setdefault(names[branch_id], {})[metric] = value
        return grid

    async def of_branch(self, branch: str, first: date, last: date) -> list[FigureRecord]:
        """A branch's figures from `first` to `last`, both included: by the (branch, day,
        metric) index, as plain columns."""
        rows = await self._session.execute(
            select(
                Figure.day, Figure.metric, Figure.value, Figure.reporter_id, Figure.report_id
            ).where(
                Figure.branch_id == await self._branches.id(branch),
                Figure.day.between(first, last),
            )
        )
        return [FigureRecord(branch, *row) for row in rows]

    async def put_all(self, statements: Sequence[StatementRecord], *, now: datetime) -> None:
        """Make each of `statements` the figure it states: one upsert for them all."""
        if not statements:
            return
        rows = [
            {
                "branch_id": await self._branches.id(s.branch), "day": s.day, "metric": s.metric,
                "value": s.value, "reporter_id": s.user_id, "report_id": s.report_id,
                "updated_at": now,
            }
            for s in statements
        ]  # fmt: skip
        # In key order: two transactions writing figures (and, by trigger, the month totals)
        # of one branch lock their rows in the same order, so neither waits on the other's.
        rows.sort(key=lambda row: (row["branch_id"], row["metric"], row["day"]))
        await plain.execute(self._session, _upsert(dialect_of(self._session)), rows)

    async def remove_all(self, keys: Collection[FigureKey]) -> None:
        """The figures no live statement states any more: one DELETE for them all."""
        if not keys:
            return
        ids = await self._branches.ids(branch for branch, _, _ in keys)
        await self._session.execute(
            delete(Figure).where(
                tuple_(Figure.branch_id, Figure.day, Figure.metric).in_(
                    [(ids[branch], day, metric) for branch, day, metric in keys]
                )
            )
        )

    async def values_of(self, keys: Collection[FigureKey]) -> dict[FigureKey, float]:
        """The stored values of `keys` (those that have one), sought by the (branch, day,
        metric) index: a message's few figures, however many branches report that day."""
        if not keys:
            return {}
        ids = await self._branches.ids(branch for branch, _, _ in keys)
        names = await self._branches.names()
        rows = await plain.execute(self._session, _values_of(), sought(keys, ids))
        found = {(names[branch_id], day, metric): value for branch_id, day, metric, value in rows}
        return {key: value for key, value in found.items() if key in keys}


class Changes:
    def __init__(self, session: AsyncSession, branches: Branches) -> None:
        self._session = session
        self._branches = branches

    async def add_all(
        self,
        changes: Sequence[Change],
        *,
        user_id: int,
        report_id: int | None,
        reason: str,
        at: datetime,
    ) -> None:
        """One audit row per changed value: one INSERT for them all."""
        if not changes:
            return
        rows = [
            {
                "branch_id": await self._branches.id(c.branch), "day": c.day,
                "metric": c.metric, "old_value": c.old, "new_value": c.new, "user_id": user_id,
                "report_id": report_id, "reason": reason, "changed_at": at,
            }
            for c in changes
        ]  # fmt: skip
        await plain.execute(self._session, _add_changes(), rows)

    async def since(
        self,
        moment: datetime | None,
        *,
        first_day: date | None = None,
        before: date | None = None,
        leaving_out: Iterable[str] = (),
    ) -> list[Changed]:
        """Which figure changed when, after `moment` (all of them for None), oldest first;
        only of days from `first_day` and before `before` where given, and not of
        `leaving_out`'s metrics. Read by the index on changed_at: a bulletin wants the
        changes since the previous one, not the whole trail, and of each only the figure
        and the moment, not the audit row."""
        # Ordered here rather than by the query: ORDER BY id would have the database walk
        # the whole trail in id order instead of seeking the moment in the index.
        statement = select(*_CHANGED)
        if moment is not None:
            statement = statement.where(FigureChange.changed_at > moment)
        if first_day is not None:
            statement = statement.where(FigureChange.day >= first_day)
        if before is not None:
            statement = statement.where(FigureChange.day < before)
        if excluded := sorted(set(leaving_out)):
            statement = statement.where(FigureChange.metric.not_in(excluded))
        names = await self._branches.names()
        changes = sorted(await plain.rows(self._session, statement), key=itemgetter(0))
        return [Changed(names[row[1]], *row[2:]) for row in changes]

    async def of_branch_day(self, branch: str, day: date) -> list[ChangeRecord]:
        """A branch's changes of one day, oldest first: by the (branch, day) index, as plain
        columns, since /audit asks for one branch-day among years of them."""
        rows = await self._session.execute(
            select(
                FigureChange.day, FigureChange.metric, FigureChange.old_value,
                FigureChange.new_value, FigureChange.user_id, FigureChange.report_id,
                FigureChange.reason, FigureChange.changed_at,
            )
            .where(
                FigureChange.branch_id == await self._branches.id(branch),
                FigureChange.day == day,
            )
            .order_by(FigureChange.id)
        )  # fmt: skip
        return [ChangeRecord(branch, *row) for row in rows]
