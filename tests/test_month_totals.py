"""Month totals on SQLite and PostgreSQL: kept by the database whoever writes a figure,
so a month to date reads a row per branch and metric (migration 0016)."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

from sqlalchemy import select

from bot.config.settings import Config
from bot.domain.records import StatementRecord
from bot.storage import migrations
from bot.storage.figure_tables import MonthTotal
from bot.storage.unit_of_work import Database
from tests.stored import a_report

AT = datetime(2026, 9, 10, 1, 0, tzinfo=UTC)
SEPTEMBER, OCTOBER = date(2026, 9, 1), date(2026, 10, 1)
ZHENGYANG, JIANGJIA = "正阳营业所", "姜家营业所"


async def _put(database: Database, *figures: tuple[str, date, float]) -> None:
    """Deposit figures, stated by one report."""
    report_id = await a_report(database, day=SEPTEMBER, at=AT)
    async with database.transaction() as uow:
        await uow.figures.put_all(
            [StatementRecord(0, b, day, "deposit", v, report_id, 7, AT) for b, day, v in figures],
            now=AT,
        )


async def _totals(database: Database) -> dict[tuple[int, date], tuple[float, int]]:
    async with database.transaction() as uow:
        rows = await uow.session.execute(
            select(MonthTotal.branch_id, MonthTotal.month, MonthTotal.value, MonthTotal.figures)
        )
        return {(branch, month): (value, count) for branch, month, value, count in rows}


async def _month_to(database: Database, last: date) -> dict[str, dict[str, float]]:
    async with database.transaction() as uow:
        return await uow.totals.sums(last.replace(day=1), last, ["deposit"])


async def test_a_figure_stored_adds_to_its_months_total(synced: Database) -> None:
    await _put(synced, (ZHENGYANG, date(2026, 9, 2), 30), (ZHENGYANG, date(2026, 9, 3), 12))

    assert list((await _totals(synced)).values()) == [(42, 2)]


async def test_a_figure_corrected_changes_its_months_total_by_the_difference(
    synced: Database,
) -> None:
    await _put(synced, (ZHENGYANG, date(2026, 9, 2), 30), (ZHENGYANG, date(2026, 9, 3), 12))

    await _put(synced, (ZHENGYANG, date(2026, 9, 2), 25))

    assert list((await _totals(synced)).values()) == [(37, 2)]


async def test_a_figure_removed_leaves_its_months_total(synced: Database) -> None:
    await _put(synced, (ZHENGYANG, date(2026, 9, 2), 30), (ZHENGYANG, date(2026, 9, 3), 12))

    async with synced.transaction() as uow:
        await uow.figures.remove_all([("正阳营业所", date(2026, 9, 3), "deposit")])

    assert list((await _totals(synced)).values()) == [(30, 1)]


async def test_each_month_has_its_own_total(synced: Database) -> None:
    await _put(synced, (ZHENGYANG, date(2026, 9, 30), 30), (ZHENGYANG, date(2026, 10, 1), 12))

    assert sorted((month, total) for (_, month), total in (await _totals(synced)).items()) == [
        (SEPTEMBER, (30, 1)),
        (OCTOBER, (12, 1)),
    ]


async def test_a_month_to_date_leaves_out_the_days_after_it(synced: Database) -> None:
    await _put(synced, (ZHENGYANG, date(2026, 9, 2), 30), (ZHENGYANG, date(2026, 9, 3), 12))

    assert await _month_to(synced, date(2026, 9, 2)) == {ZHENGYANG: {"deposit": 30}}


async def test_a_branch_with_figures_only_after_the_day_is_not_in_its_month_to_date(
    synced: Database,
) -> None:
    await _put(synced, (ZHENGYANG, date(2026, 9, 2), 30), (JIANGJIA, date(2026, 9, 3), 8))

    assert await _month_to(synced, date(2026, 9, 2)) == {ZHENGYANG: {"deposit": 30}}


async def test_a_branch_whose_figures_were_all_removed_is_not_in_its_month_to_date(
    synced: Database,
) -> None:
    await _put(synced, (ZHENGYANG, date(2026, 9, 2), 30), (JIANGJIA, date(2026, 9, 2), 8))
    async with synced.transaction() as uow:
        await uow.figures.remove_all([("姜家营业所", date(2026, 9, 2), "deposit")])

    assert await _month_to(synced, date(2026, 9, 30)) == {ZHENGYANG: {"deposit": 30}}


async def test_upgrading_totals_the_figures_stored_before(
    empty_database_url: str, example_config: Config
) -> None:
    await asyncio.to_thread(migrations.upgrade, empty_database_url, "0015")
    database = Database(empty_database_url)
    try:
        async with database.transaction() as uow:
            await uow.branches.sync(example_config.catalogue.branches)
        await _put(database, (ZHENGYANG, date(2026, 9, 2), 30), (ZHENGYANG, date(2026, 9, 3), 12))
        await asyncio.to_thread(migrations.upgrade, empty_database_url)
        await _put(database, (ZHENGYANG, date(2026, 9, 4), 8))

        assert await _month_to(database, date(2026, 9, 30)) == {ZHENGYANG: {"deposit": 50}}
    finally:
        await database.dispose()


async def test_a_months_total_is_exact_after_corrections(synced: Database) -> None:
    """Adding and taking back floats would leave 2.8e-17 here; the total is summed again."""
    await _put(synced, (ZHENGYANG, date(2026, 9, 2), 0.1), (ZHENGYANG, date(2026, 9, 3), 0.2))

    await _put(synced, (ZHENGYANG, date(2026, 9, 3), -0.1))

    assert await _month_to(synced, date(2026, 9, 30)) == {ZHENGYANG: {"deposit": 0.0}}


async def test_a_month_to_date_before_later_figures_is_exact(synced: Database) -> None:
    await _put(synced, (ZHENGYANG, date(2026, 9, 2), 0.1), (ZHENGYANG, date(2026, 9, 3), 0.2))

    assert await _month_to(synced, date(2026, 9, 2)) == {ZHENGYANG: {"deposit": 0.1}}
