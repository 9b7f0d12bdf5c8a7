"""Alembic owns the schema: the migrations build exactly the models, and reverse cleanly."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from bot.config.settings import Config
from bot.domain.changes import Change
from bot.domain.records import StatementRecord
from bot.storage import migrations
from bot.storage.engine import create_engine
from bot.storage.schema import Base
from bot.storage.unit_of_work import Database


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


async def test_upgrading_makes_each_stored_figure_its_own_statement(
    empty_database_url: str, example_config: Config
) -> None:
    await asyncio.to_thread(migrations.upgrade, empty_database_url, "0005")
    database = Database(empty_database_url)
    try:
        await _store_a_figure_before_statements(database, example_config)
        await asyncio.to_thread(migrations.upgrade, empty_database_url)
        async with database.transaction() as uow:
            [statement] = await uow.statements.of_branch_day("正阳营业所", DAY)
    finally:
        await database.dispose()

    assert (statement.metric, statement.value, statement.user_id) == ("deposit", 30, 7)
    assert (statement.stated_at, statement.ended_at) == (EDITED, None)


DAY = date(2026, 11, 30)
SENT, EDITED = datetime(2026, 12, 1, 0, 0, tzinfo=UTC), datetime(2026, 12, 1, 0, 9, tzinfo=UTC)


async def _store_a_figure_before_statements(database: Database, config: Config) -> None:
    """A figure as revision 0005 kept it: reported at SENT, corrected by an edit at EDITED."""
    key = ("正阳营业所", DAY, "deposit")
    async with database.transaction() as uow:
        await uow.branches.sync(config.catalogue.branches)
        report = await uow.reports.save(
            chat_id=-1, message_id=1, user_id=7, text="储蓄30万", day=DAY,
            edited_at=EDITED, sent_at=SENT, now=EDITED,
        )  # fmt: skip
        await uow.figures.put_all([StatementRecord(0, *key, 30, report.id, 7, EDITED)], now=EDITED)
        for old, new, at in ((None, 35.0, SENT), (35.0, 30.0, EDITED)):
            change = Change(*key, old=old, new=new)
            await uow.changes.add_all(
                [change], user_id=7, report_id=report.id, reason="report", at=at
            )
