"""Daily figures (each its latest live statement) and the audit trail of their changes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import Select, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.changes import Change, FigureKey
from bot.domain.records import ChangeRecord, FigureRecord, StatementRecord
from bot.storage.figure_tables import Figure, FigureChange
from bot.storage.roster import Branches
from bot.storage.upsert import insert


class Figures:
    def __init__(self, session: AsyncSession, branches: Branches) -> None:
        self._session = session
        self._branches = branches

    async def of_days(self, days: Iterable[date]) -> list[FigureRecord]:
        return await self._records(select(Figure).where(Figure.day.in_(list(days))))

    async def of_range(self, first: date, last: date) -> list[FigureRecord]:
        """Every branch's figures from `first` to `last`, both included."""
        return await self._records(select(Figure).where(Figure.day.between(first, last)))

    async def grid(self, first: date, last: date) -> dict[date, dict[str, dict[str, float]]]:
        """The figures from `first` to `last` as day → branch → metric → value; only the four
        columns, since a summary reads a month of every branch."""
        names = await self._branches.names()
        rows = await self._session.execute(
            select(Figure.branch_id, Figure.day, Figure.metric, Figure.value).where(
                Figure.day.between(first, last)
            )
        )
        grid: dict[date, dict[str, dict[str, float]]] = {}
        for branch_id, day, metric, value in rows:
            grid.setdefault(day, {}).setdefault(names[branch_id], {})[metric] = value
        return grid

    async def of_branch(self, branch: str, first: date, last: date) -> list[FigureRecord]:
        """A branch's figures from `first` to `last`, both included."""
        statement = select(Figure).where(
            Figure.branch_id == await self._branches.id(branch),
            Figure.day.between(first, last),
        )
        return await self._records(statement)

    async def put(self, statement: StatementRecord, *, now: datetime) -> None:
        """Make `statement` the figure it states."""
        branch, day, metric = statement.key
        values = {
            "value": statement.value,
            "reporter_id": statement.user_id,
            "report_id": statement.report_id,
            "updated_at": now,
        }
        columns = {"branch_id": await self._branches.id(branch), "day": day, "metric": metric}
        statement = insert(self._session, Figure).values(**columns, **values)
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=list(columns), set_=values)
        )

    async def remove(self, key: FigureKey) -> None:
        branch, day, metric = key
        await self._session.execute(
            delete(Figure).where(
                Figure.branch_id == await self._branches.id(branch),
                Figure.day == day,
                Figure.metric == metric,
            )
        )

    async def _records(self, statement: object) -> list[FigureRecord]:
        names = await self._branches.names()
        rows = (await self._session.execute(statement)).scalars()  # type: ignore[call-overload]
        return [
            FigureRecord(names[r.branch_id], r.day, r.metric, r.value, r.reporter_id, r.report_id)
            for r in rows
        ]


class Changes:
    def __init__(self, session: AsyncSession, branches: Branches) -> None:
        self._session = session
        self._branches = branches

    async def add(
        self, change: Change, *, user_id: int, report_id: int | None, reason: str, at: datetime
    ) -> None:
        self._session.add(
            FigureChange(
                branch_id=await self._branches.id(change.branch),
                day=change.day,
                metric=change.metric,
                old_value=change.old,
                new_value=change.new,
                user_id=user_id,
                report_id=report_id,
                reason=reason,
                changed_at=at,
            )
        )

    async def since(self, moment: datetime | None) -> list[ChangeRecord]:
        """Every change after `moment` (all of them for None), oldest first."""
        statement = select(FigureChange).order_by(FigureChange.id)
        if moment is not None:
            statement = statement.where(FigureChange.changed_at > moment)
        return await self._changes(statement)

    async def of_branch_day(self, branch: str, day: date) -> list[ChangeRecord]:
        statement = (
            select(FigureChange)
            .where(FigureChange.branch_id == await self._branches.id(branch))
            .where(FigureChange.day == day)
            .order_by(FigureChange.id)
        )
        return await self._changes(statement)

    async def _changes(self, statement: Select[tuple[FigureChange]]) -> list[ChangeRecord]:
        names = await self._branches.names()
        rows = (await self._session.execute(statement)).scalars()
        return [
            ChangeRecord(
                names[r.branch_id],
                r.day,
                r.metric,
                r.old_value,
                r.new_value,
                r.user_id,
                r.report_id,
                r.reason,
                r.changed_at,
            )
            for r in rows
        ]
