"""Alembic owns the schema: the migrations build exactly the models, and reverse cleanly."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from bot.storage import migrations
from bot.storage.engine import create_engine
from bot.storage.schema import Base


async def _inspect(url: str, look: Callable[[Connection], Any]) -> Any:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(look)
    finally:
        await engine.dispose()


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return compare_metadata(context, Base.metadata)


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


async def test_autogenerate_finds_no_difference_between_models_and_migrations(
    database_url: str,
) -> None:
    assert await _inspect(database_url, _differences) == []


async def test_upgrade_reaches_the_head_revision(database_url: str) -> None:
    assert await _inspect(database_url, migrations.current_revision) == migrations.head_revision()


async def test_downgrade_to_base_removes_every_table(database_url: str) -> None:
    await asyncio.to_thread(migrations.downgrade, database_url, "base")

    assert await _inspect(database_url, _tables) == set()


async def test_upgrade_after_downgrade_recreates_the_schema(database_url: str) -> None:
    await asyncio.to_thread(migrations.downgrade, database_url, "base")
    await asyncio.to_thread(migrations.upgrade, database_url)

    assert await _inspect(database_url, _tables) == set(Base.metadata.tables)
