"""Figure statements: what each message (and each version of it) states, live or ended."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Insert, Select, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.changes import FigureKey
from bot.domain.records import StatementRecord
from bot.storage import plain
from bot.storage.figure_keys import by_keys, sought
from bot.storage.figure_tables import FigureStatement
from bot.storage.roster import Branches

_TABLE = FigureStatement.__table__
_COLUMNS = tuple(
    _TABLE.c[name]
    for name in (
        "id", "branch_id", "day", "metric", "value", "report_id", "user_id", "stated_at",
        "ended_at", "ended_by",
    )
)  # fmt: skip
"""A statement as plain columns of the table, in StatementRecord's order: what every
report reads, without the ORM's handling of its entities."""


FALLBACKS = 2
"""The live statements of a figure that restating it needs, latest first: the one that is
the figure, and the one that stands should this message's own be ended. A message states
a figure at most once at a time (uq_figure_statements_live), so no more are needed."""


@cache
def _latest_live() -> Select[Any]:
    """Each figure's FALLBACKS latest live statements, for some figures, built once (their
    keys come with each call): every report reads them, and building the statement costs
    more than running it. Ranked in the database, so that a figure restated all day
    hands back two rows, not all of its statements."""
    key = (_TABLE.c.branch_id, _TABLE.c.day, _TABLE.c.metric)
    rank = func.row_number().over(
        partition_by=key, order_by=(_TABLE.c.stated_at.desc(), _TABLE.c.id.desc())
    )
    live = (
        select(*_COLUMNS, rank.label("rank"))
        .where(by_keys(_TABLE), _TABLE.c.ended_at.is_(None))
        .subquery()
    )
    return select(*(live.c[column.name] for column in _COLUMNS)).where(live.c.rank <= FALLBACKS)


@cache
def _add() -> Insert:
    """Statements of one message version, their ids back in order: built once."""
    return insert(_TABLE).returning(_TABLE.c.id, sort_by_parameter_order=True)


class Statements:
    def __init__(self, session: AsyncSession, branches: Branches) -> None:
        self._session = session
        self._branches = branches

    async def live_of_report(self, report_id: int) -> dict[FigureKey, StatementRecord]:
        """What a message states now, by the figure it states."""
        statement = select(*_COLUMNS).where(
            _TABLE.c.report_id == report_id, _TABLE.c.ended_at.is_(None)
        )
        return {record.key: record for record in await self._plain(statement)}

    async def latest_live(self, keys: Collection[FigureKey]) -> list[StatementRecord]:
        """The FALLBACKS latest live statements of each of the figures `keys` (fewer where
        it has fewer): by the (branch, day, metric) index, whatever the history."""
        if not keys:
            return []
        ids = await self._branches.ids(branch for branch, _, _ in keys)
        records = await self._plain(_latest_live(), sought(keys, ids))
        return [record for record in records if record.key in keys]

    async def of_branch_day(self, branch: str, day: date) -> list[StatementRecord]:
        """A branch's statements of one day, live and ended, in the order they were stored:
        by the (branch, day, metric) index, as plain columns."""
        statement = select(*_COLUMNS).where(
            _TABLE.c.branch_id == await self._branches.id(branch), _TABLE.c.day == day
        )
        return await self._plain(statement.order_by(_TABLE.c.id))

    async def add_all(
        self,
        values: Mapping[FigureKey, float],
        *,
        report_id: int,
        user_id: int,
        stated_at: datetime,
        now: datetime,
    ) -> list[StatementRecord]:
        """State `values` for one version of a message: one INSERT for them all, whose
        ids come back, in order, for the latest-statement rule."""
        if not values:
            return []
        rows = [
            {
                "branch_id": await self._branches.id(branch), "day": day, "metric": metric,
                "value": value, "report_id": report_id, "user_id": user_id,
                "stated_at": stated_at, "created_at": now,
            }
            for (branch, day, metric), value in values.items()
        ]  # fmt: skip
        ids = (await plain.execute(self._session, _add(), rows)).scalars().all()
        return [
            StatementRecord(id_, *key, value, report_id, user_id, stated_at)
            for id_, (key, value) in zip(ids, values.items(), strict=True)
        ]

    async def end(self, ids: Collection[int], *, reason: str, now: datetime) -> None:
        """The message no longer states these: a later version changed them, or an undo."""
        if ids:
            await self._session.execute(
                update(_TABLE)
                .where(_TABLE.c.id.in_(list(ids)))
                .values(ended_at=now, ended_by=reason)
            )

    async def _plain(
        self, statement: Select[Any], parameters: Mapping[str, Any] | None = None
    ) -> list[StatementRecord]:
        names = await self._branches.names()
        rows = await plain.execute(self._session, statement, parameters)
        return [StatementRecord(r[0], names[r[1]], *r[2:]) for r in rows]
