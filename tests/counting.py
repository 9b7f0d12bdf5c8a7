"""SQL statements counted, not timed: a count does not depend on the machine."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy import event

from bot.storage.unit_of_work import Database


async def counted(database: Database, step: Callable[[], Awaitable[object]]) -> int:
    """How many SQL statements `step` runs (BEGIN and COMMIT are not statements here)."""
    statements, _ = await counted_with_transactions(database, step)
    return statements


async def counted_with_transactions(
    database: Database, step: Callable[[], Awaitable[object]]
) -> tuple[int, int]:
    """How many SQL statements `step` runs, and in how many transactions."""
    seen: list[str] = []
    commits: list[object] = []

    def statement(_conn: object, _cursor: object, sql: str, *_: object) -> None:
        if not sql.startswith("BEGIN"):
            seen.append(sql)

    def commit(connection: object) -> None:
        commits.append(connection)

    engine = database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", commit)
    try:
        await step()
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "commit", commit)
    return len(seen), len(commits)
