"""Figure statements: what each message (and each version of it) states, live or ended."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.changes import FigureKey
from bot.domain.records import StatementRecord
from bot.storage.figure_tables import FigureStatement
from bot.storage.roster import Branches


class Statements:
    def __init__(self, session: AsyncSession, branches: Branches) -> None:
        self._session = session
        self._branches = branches

    async def live_of_report(self, report_id: int) -> dict[FigureKey, StatementRecord]:
        """What a message states now, by the figure it states."""
        statement = select(FigureStatement).where(
            FigureStatement.report_id == report_id, FigureStatement.ended_at.is_(None)
        )
        return {record.key: record for record in await self._records(statement)}

    async def live_of(self, keys: Collection[FigureKey]) -> list[StatementRecord]:
        """Every live statement of the figures `keys`: by the (branch, day, metric) index,
        a handful of rows per figure however long the history."""
        if not keys:
            return []
        ids = await self._branches.ids()
        statement = select(FigureStatement).where(
            FigureStatement.branch_id.in_({ids[branch] for branch, _, _ in keys}),
            FigureStatement.day.in_({day for _, day, _ in keys}),
            FigureStatement.metric.in_({metric for _, _, metric in keys}),
            FigureStatement.ended_at.is_(None),
        )
        return [record for record in await self._records(statement) if record.key in keys]

    async def of_branch_day(self, branch: str, day: date) -> list[StatementRecord]:
        """A branch's statements of one day, live and ended, in the order they were stored."""
        statement = (
            select(FigureStatement)
            .where(
                FigureStatement.branch_id == await self._branches.id(branch),
                FigureStatement.day == day,
            )
            .order_by(FigureStatement.id)
        )
        return await self._records(statement)

    async def add(
        self,
        key: FigureKey,
        value: float,
        *,
        report_id: int,
        user_id: int,
        stated_at: datetime,
        now: datetime,
    ) -> None:
        branch, day, metric = key
        self._session.add(
            FigureStatement(
                branch_id=await self._branches.id(branch),
                day=day,
                metric=metric,
                value=value,
                report_id=report_id,
                user_id=user_id,
                stated_at=stated_at,
                created_at=now,
            )
        )
        await self._session.flush()

    async def end(self, ids: Collection[int], *, reason: str, now: datetime) -> None:
        """The message no longer states these: a later version changed them, or an undo."""
        if ids:
            await self._session.execute(
                update(FigureStatement)
                .where(FigureStatement.id.in_(list(ids)))
                .values(ended_at=now, ended_by=reason)
            )

    async def _records(self, statement: Select[tuple[FigureStatement]]) -> list[StatementRecord]:
        names = await self._branches.names()
        rows = (await self._session.execute(statement)).scalars()
        return [
            StatementRecord(
                r.id, names[r.branch_id], r.day, r.metric, r.value, r.report_id, r.user_id,
                r.stated_at, r.ended_at, r.ended_by,
            )
            for r in rows
        ]  # fmt: skip
