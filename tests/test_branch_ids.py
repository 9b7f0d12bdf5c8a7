"""Branch ids kept per process, on SQLite and PostgreSQL: a branch another instance
synced is known here soon, without reading the ids in every transaction."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.domain.catalogue import Branch
from bot.domain.records import StatementRecord
from bot.storage import roster
from bot.storage.unit_of_work import Database
from tests.stored import a_report

AT = datetime(2026, 9, 10, 1, 0, tzinfo=UTC)
DAY = date(2026, 9, 9)
NEW = Branch("新开营业所", "新开")


async def _other_instance_adds_a_branch_with_a_figure(url: str) -> None:
    other = Database(url)
    try:
        async with other.transaction() as uow:
            await uow.branches.sync([NEW])
        report_id = await a_report(other, day=DAY, at=AT)
        async with other.transaction() as uow:
            statement = StatementRecord(0, NEW.name, DAY, "deposit", 8, report_id, 7, AT)
            await uow.figures.put_all([statement], now=AT)
    finally:
        await other.dispose()


async def test_a_branch_named_that_another_instance_synced_is_read_at_once(
    synced: Database,
) -> None:
    async with synced.transaction() as uow:
        await uow.branches.ids()
    await _other_instance_adds_a_branch_with_a_figure(synced.url)

    async with synced.transaction() as uow:
        assert await uow.figures.values_of({(NEW.name, DAY, "deposit")}) == {
            (NEW.name, DAY, "deposit"): 8
        }


async def test_a_branch_another_instance_synced_is_known_once_the_ids_are_read_again(
    synced: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with synced.transaction() as uow:
        await uow.branches.names()
    await _other_instance_adds_a_branch_with_a_figure(synced.url)
    monkeypatch.setattr(roster, "REREAD_AFTER", 0.0)  # as if a minute had gone by

    async with synced.transaction() as uow:
        assert (await uow.reads.of_day(DAY))[NEW.name] == {"deposit": 8}
