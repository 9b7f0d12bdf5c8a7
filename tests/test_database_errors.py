"""Which failures of the database pass by themselves (storage.errors), from the errors the
drivers really raise: a lock another process holds, a server not there; against a
statement's own mistake, which would fail again the same way."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_dbapi
from sqlalchemy.exc import DBAPIError

from bot.storage import engine
from bot.storage.errors import passing
from bot.storage.unit_of_work import Database


@pytest.fixture
async def impatient(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Database]:
    """A SQLite file whose connections wait 50 ms, not seconds, for another's write lock."""
    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 50)
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'z.db'}")
    yield database
    await database.dispose()


async def _error_of(step: Callable[[], Awaitable[object]]) -> BaseException:
    try:
        await step()
    except Exception as error:  # whatever the driver raised, as the inbox meets it
        return error
    pytest.fail("the step did not fail")


async def test_a_write_lock_another_process_holds_past_the_busy_timeout_passes(
    impatient: Database, tmp_path: Path
) -> None:
    async def write() -> None:
        async with impatient.transaction() as uow:
            await uow.session.execute(text("SELECT 1"))

    other = sqlite3.connect(tmp_path / "z.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        error = await _error_of(write)
    finally:
        other.execute("ROLLBACK")
        other.close()

    assert passing(error)


async def test_a_statement_on_a_table_that_is_not_there_does_not_pass(
    impatient: Database,
) -> None:
    async def read() -> None:
        async with impatient.reading() as uow:
            await uow.session.execute(text("SELECT * FROM no_such_table"))

    assert not passing(await _error_of(read))


async def test_a_postgresql_server_that_is_not_there_passes() -> None:
    # Port 1 on this machine: nothing listens, the connection is refused at once.
    database = Database("postgresql+asyncpg://zhanbao:zhanbao@127.0.0.1:1/zhanbao")

    async def read() -> None:
        async with database.reading() as uow:
            await uow.session.execute(text("SELECT 1"))

    try:
        error = await _error_of(read)
    finally:
        await database.dispose()

    assert passing(error)


def _from_asyncpg(error: Exception) -> DBAPIError:
    """`error` as SQLAlchemy hands on what asyncpg raised."""
    dbapi = AsyncAdapt_asyncpg_dbapi(asyncpg)
    adapted = dbapi.OperationalError(f"{type(error)}: {error}", error)
    return DBAPIError.instance(None, None, adapted, dbapi.Error)


def test_a_postgresql_server_starting_up_passes_in_any_language() -> None:
    # A server whose lc_messages is Chinese words it so; its SQLSTATE is 57P03 all the same.
    starting = asyncpg.exceptions.CannotConnectNowError("数据库系统启动中")

    assert passing(_from_asyncpg(starting))


def test_a_postgresql_statement_of_a_missing_column_does_not_pass() -> None:
    missing = asyncpg.exceptions.UndefinedColumnError('column "dya" does not exist')

    assert not passing(_from_asyncpg(missing))


def test_an_error_of_the_code_does_not_pass() -> None:
    assert not passing(ValueError("a mistake that would be made again"))


def test_a_broken_pipe_outside_the_database_does_not_pass() -> None:
    assert not passing(BrokenPipeError("a photo folder on a network volume went away"))
