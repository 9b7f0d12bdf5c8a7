"""SQLite driven from the event loop's thread (storage.sqlite_driver), under the unit of work."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bot.storage.engine import create_engine
from bot.storage.unit_of_work import Database


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'driver.db'}")
    async with database.transaction() as work:
        await work.session.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body)"))
    yield database
    await database.dispose()


async def _bodies(database: Database) -> list[str]:
    async with database.reading() as work:
        rows = await work.session.execute(text("SELECT body FROM notes ORDER BY id"))
        return list(rows.scalars())


async def test_a_sqlite_url_runs_on_the_inline_driver(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'any.db'}")
    assert engine.dialect.driver == "zhanbao"
    await engine.dispose()


def test_a_postgresql_url_keeps_its_own_driver() -> None:
    engine = create_engine("postgresql+asyncpg://u:p@127.0.0.1:1/none")
    assert engine.dialect.driver == "asyncpg"


async def test_statements_run_on_the_event_loop_thread(database: Database) -> None:
    async with database.reading() as work:
        connection = await work.session.connection()
        raw = await connection.get_raw_connection()
        raw.driver_connection.create_function("thread", 0, threading.get_ident)
        ran_on = (await work.session.execute(text("SELECT thread()"))).scalar()
    assert ran_on == threading.get_ident()


async def test_a_result_is_read_after_later_statements(database: Database) -> None:
    async with database.transaction() as work:
        await work.session.execute(text("INSERT INTO notes (body) VALUES ('一'), ('二')"))
        first = await work.session.execute(text("SELECT body FROM notes ORDER BY id"))
        await work.session.execute(text("INSERT INTO notes (body) VALUES ('三')"))
        assert list(first.scalars()) == ["一", "二"]


async def test_a_failed_statement_rolls_back_its_whole_transaction(database: Database) -> None:
    async def twice() -> None:
        async with database.transaction() as work:
            await work.session.execute(text("INSERT INTO notes (id, body) VALUES (1, '一')"))
            await work.session.execute(text("INSERT INTO notes (id, body) VALUES (1, '二')"))

    with pytest.raises(IntegrityError):
        await twice()
    assert await _bodies(database) == []


async def test_two_writers_take_turns_instead_of_blocking_the_loop(database: Database) -> None:
    """The first writer waits on something else while it holds the write lock; without
    the process's write turn the second would wait inside SQLite, on the loop's thread,
    and neither could go on until the busy timeout failed it."""
    holding = asyncio.Event()

    async def slow() -> None:
        async with database.transaction() as work:
            await work.session.execute(text("INSERT INTO notes (body) VALUES ('慢')"))
            holding.set()
            await asyncio.sleep(0.05)

    async def quick() -> None:
        await holding.wait()
        async with database.transaction() as work:
            await work.session.execute(text("INSERT INTO notes (body) VALUES ('快')"))

    await asyncio.wait_for(asyncio.gather(slow(), quick()), timeout=2)
    assert await _bodies(database) == ["慢", "快"]


async def test_a_reader_does_not_wait_for_a_writer(database: Database) -> None:
    async with database.transaction() as work:
        await work.session.execute(text("INSERT INTO notes (body) VALUES ('未提交')"))
        assert await asyncio.wait_for(_bodies(database), timeout=1) == []
    assert await _bodies(database) == ["未提交"]
