"""Core statements run on the session's own connection, past the ORM's work on each.

Run through the session, a Core statement (every one the hot paths build once, and the
big column reads) still passes through the ORM: its execution options, its compile state
and, for a select, a loading step that builds each row again. On the report's path that
was about 60 µs of some 100 a statement; at the thousands of rows a bulletin reads, as
much again as the query (5,850 figures of a day: 12.5 ms against 6.5 ms). The
connection is the session's, so the statement is in its transaction all the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import CursorResult, Executable, Row
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

Parameters = Mapping[str, Any] | Sequence[Mapping[str, Any]] | None


_CONNECTION = "zhanbao.plain.connection"
"""Where a session keeps the connection of its transaction, with that transaction."""


async def execute(
    session: AsyncSession, statement: Executable, parameters: Parameters = None
) -> CursorResult[Any]:
    """`statement` run in the session's transaction; what the session holds unsaved is
    flushed first, as its own execute would have done."""
    if session.new or session.dirty or session.deleted:
        await session.flush()
    return await (await _connection(session)).execute(statement, parameters)


async def _connection(session: AsyncSession) -> AsyncConnection:
    """The connection of the session's transaction, asked of the session once for each
    transaction: asking costs a trip through the greenlet bridge, some 15 µs, which a
    report paid for every one of its statements."""
    transaction = session.sync_session.get_transaction()
    kept = session.info.get(_CONNECTION)
    if kept is not None and transaction is not None and kept[0] is transaction:
        return cast(AsyncConnection, kept[1])
    connection = await session.connection()
    session.info[_CONNECTION] = (session.sync_session.get_transaction(), connection)
    return connection


async def rows(session: AsyncSession, statement: Executable) -> Sequence[Row[Any]]:
    """Every row of a select, as the driver gave them."""
    return (await execute(session, statement)).all()
