"""A transaction on either backend is kept whole or not at all, and however it ends, a
cancellation included, its connection goes back to the pool (storage.unit_of_work)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from bot.config.settings import Config
from bot.storage.unit_of_work import Database


async def _branches(database: Database) -> int:
    async with database.reading() as uow:
        return int((await uow.session.execute(text("SELECT count(*) FROM branches"))).scalar_one())


async def test_a_transaction_cancelled_midway_keeps_nothing_and_gives_its_connection_back(
    database: Database, example_config: Config
) -> None:
    written = asyncio.Event()

    async def write() -> None:
        async with database.transaction() as uow:
            await uow.branches.sync(example_config.catalogue.branches)
            written.set()
            await asyncio.Event().wait()  # until cancelled

    task = asyncio.create_task(write())
    await written.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert database.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    assert await _branches(database) == 0


async def test_a_transaction_that_raises_keeps_nothing_and_gives_its_connection_back(
    database: Database, example_config: Config
) -> None:
    async def give_up() -> None:
        async with database.transaction() as uow:
            await uow.branches.sync(example_config.catalogue.branches)
            raise LookupError("the use case gave up")

    with pytest.raises(LookupError):
        await give_up()

    assert database.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    assert await _branches(database) == 0


async def test_a_transaction_that_ends_keeps_what_it_wrote_and_gives_its_connection_back(
    database: Database, example_config: Config
) -> None:
    async with database.transaction() as uow:
        await uow.branches.sync(example_config.catalogue.branches)

    assert database.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    assert await _branches(database) == len(example_config.catalogue.branches)
