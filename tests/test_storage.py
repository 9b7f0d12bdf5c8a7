"""Repositories on SQLite and PostgreSQL: upserts on real constraints, nothing counted twice."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from bot.config.settings import Config
from bot.domain.catalogue import Branch
from bot.domain.records import StatementRecord
from bot.storage.unit_of_work import Database
from tests.stored import a_report

NOW = datetime(2026, 7, 28, 0, 30, tzinfo=UTC)
DAY = date(2026, 7, 27)
DEPOSIT = ("正阳营业所", DAY, "deposit")


def _stated(key: tuple[str, date, str], value: float, report_id: int) -> StatementRecord:
    """A statement as the figure's current one, for the figure table alone."""
    return StatementRecord(0, *key, value, report_id, 7, NOW)


async def _report_id(database: Database, message_id: int = 1) -> int:
    return await a_report(database, day=DAY, at=NOW, message_id=message_id)


async def test_putting_a_figure_twice_keeps_one_row_with_the_latest_value(synced: Database) -> None:
    report_id = await _report_id(synced)
    async with synced.transaction() as uow:
        await uow.figures.put_all([_stated(DEPOSIT, 35, report_id)], now=NOW)
        await uow.figures.put_all([_stated(DEPOSIT, 30, report_id)], now=NOW)

    async with synced.transaction() as uow:
        figures = await uow.figures.of_days([DAY])

    assert [(f.branch, f.metric, f.value) for f in figures] == [("正阳营业所", "deposit", 30)]


async def test_saving_the_same_message_twice_keeps_one_report_row(synced: Database) -> None:
    first = await _report_id(synced)

    assert await _report_id(synced) == first


async def test_a_failed_unit_of_work_stores_nothing(synced: Database) -> None:
    report_id = await _report_id(synced)

    async def store_two_then_fail() -> None:
        async with synced.transaction() as uow:
            await uow.figures.put_all([_stated(DEPOSIT, 35, report_id)], now=NOW)
            await uow.figures.put_all(
                [_stated(("无此网点", DAY, "deposit"), 1, report_id)], now=NOW
            )

    with pytest.raises(KeyError):
        await store_two_then_fail()

    async with synced.transaction() as uow:
        assert await uow.figures.of_days([DAY]) == []


async def test_a_figure_must_point_at_a_real_report(synced: Database) -> None:
    async def store_orphan() -> None:
        async with synced.transaction() as uow:
            await uow.figures.put_all([_stated(DEPOSIT, 35, 999)], now=NOW)

    with pytest.raises(IntegrityError):
        await store_orphan()


async def test_syncing_branches_again_keeps_their_ids_and_updates_them(
    synced: Database, example_config: Config
) -> None:
    async with synced.transaction() as uow:
        before = await uow.branches.ids()
    renamed = [
        Branch(b.name, b.short_name, ("新别名",), "城区") for b in example_config.catalogue.branches
    ]

    async with synced.transaction() as uow:
        await uow.branches.sync(renamed)
        after = await uow.branches.ids()

    assert after == before


async def test_members_are_found_by_username_whatever_its_case(synced: Database) -> None:
    async with synced.transaction() as uow:
        await uow.members.seen(user_id=42, name="路人甲", username="LuRenJia")
        await uow.members.bind(
            user_id=42, name="路人甲", branch="四明营业所", role="staff", bound_by=1
        )

    async with synced.transaction() as uow:
        member = await uow.members.by_username("@lurenjia")

    assert member is not None
    assert (member.user_id, member.branch) == (42, "四明营业所")
