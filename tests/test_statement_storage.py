"""Figure statements on SQLite and PostgreSQL: live ones by message and by figure."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from bot.storage.unit_of_work import Database
from tests.stored import a_report

NOW = datetime(2026, 12, 1, 0, 30, tzinfo=UTC)
DAY = date(2026, 11, 30)
DEPOSIT = ("正阳营业所", DAY, "deposit")
CARDS = ("正阳营业所", DAY, "credit_card")
OTHER_DAY = ("正阳营业所", date(2026, 11, 29), "deposit")


async def _report(database: Database, message_id: int = 1) -> int:
    return await a_report(database, day=DAY, at=NOW, message_id=message_id)


async def _state(
    database: Database, report_id: int, key: tuple[str, date, str], value: float
) -> None:
    async with database.transaction() as uow:
        await uow.statements.add_all(
            {key: value}, report_id=report_id, user_id=7, stated_at=NOW, now=NOW
        )


async def test_a_messages_live_statements_are_found_by_figure(synced: Database) -> None:
    report = await _report(synced, 1)
    await _state(synced, report, DEPOSIT, 35)
    await _state(synced, report, CARDS, 2)

    async with synced.transaction() as uow:
        own = await uow.statements.live_of_report(report)

    assert {key: s.value for key, s in own.items()} == {DEPOSIT: 35, CARDS: 2}


async def test_an_ended_statement_is_no_longer_live(synced: Database) -> None:
    report = await _report(synced, 1)
    await _state(synced, report, DEPOSIT, 35)
    async with synced.transaction() as uow:
        [statement] = (await uow.statements.live_of_report(report)).values()
        await uow.statements.end([statement.id], reason="undo", now=NOW)

    async with synced.transaction() as uow:
        assert await uow.statements.live_of_report(report) == {}
        [ended] = await uow.statements.of_branch_day("正阳营业所", DAY)

    assert (ended.ended_at, ended.ended_by) == (NOW, "undo")


async def test_live_statements_of_figures_are_only_those_figures(synced: Database) -> None:
    first, second = await _report(synced, 1), await _report(synced, 2)
    await _state(synced, first, DEPOSIT, 35)
    await _state(synced, second, DEPOSIT, 30)
    await _state(synced, second, CARDS, 2)
    await _state(synced, second, OTHER_DAY, 9)

    async with synced.transaction() as uow:
        live = await uow.statements.latest_live([DEPOSIT])

    assert sorted(s.value for s in live) == [30, 35]


async def test_of_a_figure_stated_all_day_only_the_two_latest_live_statements_come_back(
    synced: Database,
) -> None:
    # Stated at 08:31, 08:36, 08:33 and 08:34; the last one stored is undone.
    for message_id, (minute, value) in enumerate([(31, 10), (36, 60), (33, 30), (34, 40)], 1):
        report = await _report(synced, message_id)
        async with synced.transaction() as uow:
            await uow.statements.add_all(
                {DEPOSIT: value}, report_id=report, user_id=7,
                stated_at=NOW.replace(minute=minute), now=NOW,
            )  # fmt: skip
    async with synced.transaction() as uow:
        [undone] = (await uow.statements.live_of_report(report)).values()
        await uow.statements.end([undone.id], reason="undo", now=NOW)
    await _state(synced, await _report(synced, 5), CARDS, 2)

    async with synced.transaction() as uow:
        live = await uow.statements.latest_live([DEPOSIT, CARDS])

    assert sorted((s.metric, s.value) for s in live) == [
        ("credit_card", 2),
        ("deposit", 30),
        ("deposit", 60),
    ]


async def test_two_statements_of_one_moment_are_ranked_by_which_was_stored_later(
    synced: Database,
) -> None:
    for message_id, value in enumerate([10, 20, 30], 1):
        await _state(synced, await _report(synced, message_id), DEPOSIT, value)

    async with synced.transaction() as uow:
        live = await uow.statements.latest_live([DEPOSIT])

    assert sorted(s.value for s in live) == [20, 30]


async def test_a_message_cannot_state_one_figure_twice_at_once(synced: Database) -> None:
    report = await _report(synced, 1)
    await _state(synced, report, DEPOSIT, 35)

    with pytest.raises(IntegrityError):
        await _state(synced, report, DEPOSIT, 30)
