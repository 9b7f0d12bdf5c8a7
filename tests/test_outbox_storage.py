"""The outbox on SQLite and PostgreSQL: each answer kept once, sent in the order queued,
and what a stopped process was sending never sent again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.domain.outgoing import Delivered, Outgoing
from bot.storage.outbox_tables import OutboxMessage
from bot.storage.unit_of_work import Database
from bot.usecases.outbox import KEPT_FOR, LEASE, Outbox

NOW = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
CHAT = -100


def _answer(
    message_id: int,
    text: str = "✅ 正阳 11月30日 已记录：储蓄 35万元",
    *,
    line: str | None = None,
    buttons: tuple[tuple[str, str], ...] = (),
) -> Outgoing:
    return Outgoing(
        chat_id=CHAT, source_id=message_id, source_version=0, text=text, line=line, buttons=buttons
    )


async def _states(database: Database) -> list[str]:
    async with database.reading() as uow:
        return list(await uow.session.scalars(select(OutboxMessage.state)))


async def _queue(database: Database, *answers: Outgoing) -> Outbox:
    outbox = Outbox(database)
    for answer in answers:
        await outbox.answer(answer, now=NOW)
    return outbox


async def test_an_answer_queued_twice_for_one_message_version_is_kept_once(
    database: Database,
) -> None:
    """An update handled again after a crash queues its answer again: one is kept."""
    outbox = await _queue(database, _answer(7), _answer(7, "again"))

    assert [item.message.text for item in await outbox.waiting()] == [_answer(7).text]


async def test_an_edited_message_gets_an_answer_of_its_own(database: Database) -> None:
    edited = Outgoing(chat_id=CHAT, source_id=7, source_version=1_764_547_200, text="改")
    outbox = await _queue(database, _answer(7), edited)

    assert [item.message.text for item in await outbox.waiting()] == [_answer(7).text, "改"]


async def test_answers_wait_in_the_order_they_were_queued(database: Database) -> None:
    outbox = await _queue(database, _answer(9), _answer(3), _answer(5))

    assert [item.message.source_id for item in await outbox.waiting()] == [9, 3, 5]


async def test_buttons_and_merge_lines_come_back_as_queued(database: Database) -> None:
    answer = _answer(7, line="正阳 11月30日（正所长）储蓄 35万元", buttons=(("批准", "approve:3"),))
    outbox = await _queue(database, answer)

    [item] = await outbox.waiting()

    assert item.message == answer


async def test_a_sent_answer_no_longer_waits(database: Database) -> None:
    outbox = await _queue(database, _answer(7), _answer(8))
    first, _ = await outbox.waiting()

    await outbox.sending([first.id], now=NOW)
    await outbox.sent([Delivered([first], 901, NOW)])

    assert [item.message.source_id for item in await outbox.waiting()] == [8]


async def test_on_sqlite_what_a_stopped_sender_was_sending_is_uncertain_at_the_next_start(
    database: Database,
) -> None:
    """One process uses a SQLite file: a sender other than this one has stopped."""
    if not database.single_process:
        pytest.skip("several instances may share PostgreSQL: see the lease test")
    outbox = await _queue(database, _answer(7), _answer(8))
    first, _ = await outbox.waiting()
    await outbox.sending([first.id], now=NOW)

    stranded = await Outbox(database).recover(now=NOW)

    assert stranded == 1
    assert [item.message.source_id for item in await outbox.waiting()] == [8]


async def test_on_postgresql_another_senders_message_is_given_up_once_its_lease_runs_out(
    database: Database,
) -> None:
    if database.single_process:
        pytest.skip("SQLite serves one process: nothing of another sender is left running")
    outbox = await _queue(database, _answer(7), _answer(8))
    first, _ = await outbox.waiting()
    await outbox.sending([first.id], now=NOW)
    other = Outbox(database)

    early = await other.recover(now=NOW + LEASE / 2)
    stranded = await other.recover(now=NOW + LEASE + timedelta(seconds=1))

    assert (early, stranded) == (0, 1)
    assert [item.message.source_id for item in await outbox.waiting()] == [8]
    assert await other.recover(now=NOW + 2 * LEASE) == 0


async def test_a_sender_whose_lease_ran_out_cannot_record_the_message_as_sent(
    database: Database,
) -> None:
    """Given up as uncertain by another instance, it stays so: nothing is counted twice."""
    outbox = await _queue(database, _answer(7))
    [item] = await outbox.waiting()
    await outbox.sending([item.id], now=NOW)
    await Outbox(database).recover(now=NOW + LEASE + timedelta(seconds=1))

    await outbox.sent([Delivered([item], 901, NOW + LEASE * 2)])

    assert await _states(database) == ["uncertain"]


async def test_only_the_sender_that_claimed_a_message_records_its_outcome(
    database: Database,
) -> None:
    outbox = await _queue(database, _answer(7))
    [item] = await outbox.waiting()
    await outbox.sending([item.id], now=NOW)

    await Outbox(database).retry([item.id], now=NOW)

    assert await outbox.waiting() == []  # still being sent by the first


async def test_an_albums_photos_come_back_in_order_and_go_with_it(database: Database) -> None:
    album = Outgoing(chat_id=CHAT, source_id=3, source_version=-1, text="📷", photos=(b"a", b"b"))
    outbox = await _queue(database, album)
    [item] = await outbox.waiting()
    photos = await outbox.photos(item.id)
    await outbox.sending([item.id], now=NOW)
    await outbox.sent([Delivered([item], 77, NOW)])

    await outbox.tidy(now=NOW + KEPT_FOR + timedelta(minutes=1))

    assert (item.photos, item.message.photos, photos) == (2, (), [b"a", b"b"])
    assert await outbox.photos(item.id) == []


async def test_a_refused_send_waits_again(database: Database) -> None:
    outbox = await _queue(database, _answer(7))
    [item] = await outbox.waiting()
    await outbox.sending([item.id], now=NOW)

    await outbox.retry([item.id], now=NOW)

    assert [queued.id for queued in await outbox.waiting()] == [item.id]


async def test_answers_done_with_long_ago_are_forgotten(database: Database) -> None:
    outbox = await _queue(database, _answer(7), _answer(8))
    first, second = await outbox.waiting()
    await outbox.sending([first.id], now=NOW)
    await outbox.failed([first.id], "Bad Request: chat not found", now=NOW)

    forgotten = await outbox.tidy(now=NOW + KEPT_FOR + timedelta(minutes=1))

    assert forgotten == 1
    assert [item.id for item in await outbox.waiting()] == [second.id]


async def test_a_message_claimed_by_one_sender_is_not_claimed_by_another(
    database: Database,
) -> None:
    outbox = await _queue(database, _answer(7), _answer(8))
    first, second = await outbox.waiting()

    taken = await outbox.sending([first.id], now=NOW)
    again = await outbox.sending([first.id, second.id], now=NOW)

    assert (taken, again) == ({first.id}, {second.id})
