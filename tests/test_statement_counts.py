"""What a report and a sender cost in SQL statements: fixed, whatever the roster and the
history. Counted, not timed: a count does not depend on the machine."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable
from datetime import UTC, date, datetime, timedelta

from bot.config.settings import Config
from bot.domain.catalogue import Branch
from bot.domain.outgoing import Delivered, Elsewhere, Outgoing, Queued
from bot.domain.records import StatementRecord
from bot.storage.unit_of_work import Database
from bot.usecases.incoming import IncomingMessage, Person, Sender
from bot.usecases.services import Services
from tests.counting import counted, counted_with_transactions
from tests.stored import a_report

MORNING = datetime(2026, 7, 28, 0, 30, tzinfo=UTC)
REPORT_DAY = date(2026, 7, 27)
CHAT = -1001234567890
ZHENGYANG_HEAD = Sender(user_id=200005, name="正所长")
MOST_PER_REPORT = 8
"""The report's own transaction: sender, report row, live statements, statements, figures,
audit rows, the day's bulletin, the answer. The sender and the day's bulletin are not read
again on SQLite, where the process keeps them (storage.kept)."""
MOST_PER_TURN = 2
"""A sender's turn in a rush: the last send's mark (which links the reports it confirms,
by trigger) and the claim of the next. On SQLite the process keeps what waits
(storage.kept): all of it was queued by this process."""
SHARING = 4
"""A turn's statements where instances share the database (PostgreSQL): the ids waiting,
what the others sent lately, the chat's turn taken, no older message of it waiting."""


def _report(message_id: int) -> IncomingMessage:
    return IncomingMessage(CHAT, message_id, ZHENGYANG_HEAD, "储蓄35万 保险2万", MORNING)


async def _one_report(services: Services, message_id: int) -> int:
    return await counted(
        services.database,
        lambda: services.reports.submit_report(_report(message_id), now=MORNING),
    )


async def _with_a_big_roster(database: Database, config: Config) -> Services:
    """The example deployment with 300 more branches, each with a month of figures."""
    extra = tuple(Branch(f"分理处{n:03}", f"分{n:03}") for n in range(300))
    catalogue = dataclasses.replace(config.catalogue, branches=config.catalogue.branches + extra)
    services = Services(database, dataclasses.replace(config, catalogue=catalogue))
    await services.roster.sync()
    report_id = await a_report(database, day=REPORT_DAY, at=MORNING, message_id=999)
    history = [
        StatementRecord(0, branch.name, REPORT_DAY - timedelta(days=n), "deposit", 10.0,
                        report_id, 7, MORNING)
        for branch in extra
        for n in range(30)
    ]  # fmt: skip
    async with database.transaction() as uow:
        await uow.figures.put_all(history, now=MORNING)
    return services


async def test_a_report_runs_a_fixed_handful_of_statements(services: Services) -> None:
    await _one_report(services, 1)  # the first also reads the branch ids, once
    kept = 2 if services.database.single_process else 0

    assert await _one_report(services, 2) <= MOST_PER_REPORT - kept


async def test_a_report_runs_as_many_statements_with_300_more_branches_and_a_month_stored(
    services: Services, database: Database, example_config: Config
) -> None:
    await _one_report(services, 1)
    small = await _one_report(services, 2)
    big = await _with_a_big_roster(database, example_config)
    await _one_report(big, 3)

    assert await _one_report(big, 4) == small


async def test_the_same_report_handled_again_stores_and_reads_no_more(
    services: Services,
) -> None:
    await _one_report(services, 1)
    first = await _one_report(services, 2)

    # Handled again (a stop before its update was marked done): its row is found taken.
    assert await _one_report(services, 2) < first


async def test_a_person_seen_again_unchanged_costs_no_statement(services: Services) -> None:
    person = Person(200005, "正所长", "zheng")
    await services.roster.remember([person])

    again = await counted(services.database, lambda: services.roster.remember([person]))

    assert again == 0


async def test_a_person_seen_again_with_a_new_username_is_stored(services: Services) -> None:
    await services.roster.remember([Person(300001, "路人", "lu")])

    await services.roster.remember([Person(300001, "路人", "luren")])

    async with services.database.transaction() as uow:
        found = await uow.members.by_username("luren")
    assert found is not None
    assert found.user_id == 300001


async def test_a_username_taken_back_by_its_first_owner_is_stored_again(
    services: Services,
) -> None:
    """A had @bob, B took it, A took it back: A is stored with it again at once."""
    first, second = Person(300001, "甲", "bob"), Person(300002, "乙", "bob")
    await services.roster.remember([first])
    await services.roster.remember([second])
    await services.roster.remember([Person(300002, "乙", None)])

    await services.roster.remember([first])

    async with services.database.transaction() as uow:
        found = await uow.members.by_username("bob")
    assert found is not None
    assert found.user_id == 300001


def _first_waiting(queue: list[Queued], elsewhere: Elsewhere) -> list[list[Queued]]:
    return [queue[:1]] if queue else []


async def _next_turn_after_sending(services: Services, confirmations: int, merged: int) -> int:
    """The statements of the turn that records a send of the first `merged` of
    `confirmations` waiting, and claims the next; checked to be one transaction."""
    outbox = services.outbox
    for message_id in range(41, 41 + confirmations):
        confirmation = Outgoing(CHAT, message_id, 0, "✅ 已记录", undoable=True)
        await outbox.answer(confirmation, now=MORNING)

    def first_ones(queue: list[Queued], elsewhere: Elsewhere) -> list[list[Queued]]:
        return [queue[:merged]] if queue else []

    [(batch, _)] = await outbox.turn([], first_ones, clock=lambda: MORNING)
    sent = Delivered(batch, 501, MORNING)

    def turn() -> Awaitable[object]:
        return outbox.turn([sent], _first_waiting, clock=lambda: MORNING)

    statements, transactions = await counted_with_transactions(services.database, turn)
    assert transactions == 1
    return statements


async def test_a_sender_s_turn_records_the_last_send_and_claims_the_next_in_one_transaction(
    services: Services,
) -> None:
    most = MOST_PER_TURN + (SHARING if services.outbox.shared else 0)

    assert await _next_turn_after_sending(services, confirmations=2, merged=1) == most


async def test_a_merged_confirmation_of_three_reports_is_recorded_in_as_few_statements(
    services: Services,
) -> None:
    most = MOST_PER_TURN + (SHARING if services.outbox.shared else 0)

    assert await _next_turn_after_sending(services, confirmations=4, merged=3) == most


async def test_a_send_recorded_with_the_next_turn_is_what_undo_may_reply_to(
    services: Services,
) -> None:
    confirmation = Outgoing(CHAT, 41, 0, "✅ 已记录", undoable=True)
    await services.reports.submit_report(_report(41), now=MORNING, answer=lambda _: confirmation)
    [(batch, _)] = await services.outbox.turn([], _first_waiting, clock=lambda: MORNING)

    await services.outbox.turn([Delivered(batch, 501, MORNING)], _first_waiting,
                               clock=lambda: MORNING)  # fmt: skip

    async with services.database.reading() as uow:
        [report] = await uow.reports.find(CHAT, 501)
    assert report.message_id == 41
    assert await services.outbox.waiting() == []


async def test_a_merged_send_recorded_is_what_undo_may_reply_to_for_each_report(
    services: Services,
) -> None:
    for message_id in (41, 42):
        confirmation = Outgoing(CHAT, message_id, 0, "✅ 已记录", undoable=True)
        await services.reports.submit_report(
            _report(message_id), now=MORNING, answer=lambda _, said=confirmation: said
        )
    [(batch, _)] = await services.outbox.turn([], lambda queue, _: [queue], clock=lambda: MORNING)

    await services.outbox.turn([Delivered(batch, 501, MORNING)], _first_waiting,
                               clock=lambda: MORNING)  # fmt: skip

    async with services.database.reading() as uow:
        found = await uow.reports.find(CHAT, 501)
    assert [report.message_id for report in found] == [41, 42]
