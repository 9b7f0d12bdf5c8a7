"""What waits in the outbox, kept by the sender's process on SQLite (storage.kept) and
read by every turn on PostgreSQL: whatever the table went through, a turn is offered
exactly what waits in it, oldest first."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from bot.domain.outgoing import POST, Delivered, Elsewhere, Outgoing, Queued
from bot.storage.outbox_tables import OutboxMessage
from bot.storage.unit_of_work import Database
from bot.usecases.outbox import KEPT_FOR, Outbox
from tests.counting import counted

NOW = datetime(2026, 12, 1, 0, 30, tzinfo=UTC)
CHAT = -100


def _answer(message_id: int) -> Outgoing:
    return Outgoing(CHAT, message_id, 0, f"✅ 第{message_id}条 已记录", undoable=True)


async def _offered(outbox: Outbox) -> list[int]:
    """The source ids of what a turn is offered; it claims none."""
    return [item.message.source_id for item in await _offered_whole(outbox)]


async def _in_table(database: Database) -> list[int]:
    return [item.message.source_id for item in await _queued_in_table(database)]


async def _queued_in_table(database: Database) -> list[Queued]:
    """What waits, as the table holds it, read past anything kept."""
    async with database.reading() as uow:
        return await uow.outbox.queued(await uow.outbox.waiting_ids(500))


async def _offered_whole(outbox: Outbox) -> list[Queued]:
    """What a turn is offered, whole; it claims none."""
    seen: list[Queued] = []

    def look(queue: list[Queued], elsewhere: Elsewhere) -> list[list[Queued]]:
        seen.extend(queue)
        return []

    await outbox.turn([], look, clock=lambda: NOW)
    return seen


async def _take_first(outbox: Outbox, count: int) -> list[Queued]:
    """A turn that claims the first `count` waiting; what it took."""

    def first(queue: list[Queued], elsewhere: Elsewhere) -> list[list[Queued]]:
        return [queue[:count]] if queue and count else []

    claimed = await outbox.turn([], first, clock=lambda: NOW)
    return [item for batch, ids in claimed for item in batch if item.id in ids]


async def test_on_sqlite_a_turn_after_the_queue_was_read_reads_nothing_of_it(
    database: Database,
) -> None:
    outbox = Outbox(database)
    await outbox.answer(_answer(1), now=NOW)
    await _offered(outbox)

    statements = await counted(database, lambda: _offered(outbox))

    assert (statements == 0) == database.single_process


async def test_an_answer_queued_after_a_turn_is_offered_by_the_next(database: Database) -> None:
    outbox = Outbox(database)
    await outbox.answer(_answer(1), now=NOW)
    await _offered(outbox)

    await outbox.answer(_answer(2), now=NOW)

    assert await _offered(outbox) == [1, 2]


async def test_an_answer_queued_twice_is_offered_once(database: Database) -> None:
    outbox = Outbox(database)
    await _offered(outbox)

    await outbox.answer(_answer(1), now=NOW)
    await outbox.answer(_answer(1), now=NOW)

    assert await _offered(outbox) == [1]


async def _queue_and_fail(database: Database, message_id: int) -> None:
    async with database.transaction() as uow:
        await uow.outbox.add(_answer(message_id), NOW)
        raise RuntimeError("the report's transaction failed after queueing its answer")


async def test_an_answer_whose_transaction_rolled_back_is_never_offered(
    database: Database,
) -> None:
    outbox = Outbox(database)
    await _offered(outbox)

    with pytest.raises(RuntimeError):
        await _queue_and_fail(database, 1)

    assert await _offered(outbox) == []


async def test_a_message_claimed_is_offered_no_more(database: Database) -> None:
    outbox = Outbox(database)
    for message_id in (1, 2):
        await outbox.answer(_answer(message_id), now=NOW)
    await _offered(outbox)

    await _take_first(outbox, 1)

    assert await _offered(outbox) == [2]


async def test_a_refused_send_is_offered_again(database: Database) -> None:
    outbox = Outbox(database)
    await outbox.answer(_answer(1), now=NOW)
    [taken] = await _take_first(outbox, 1)

    await outbox.retry([taken.id], now=NOW)

    assert await _offered(outbox) == [1]


async def test_what_waits_of_a_post_whose_first_message_failed_is_not_offered(
    database: Database,
) -> None:
    outbox = Outbox(database)
    async with database.transaction() as uow:
        post_id = await uow.posts.claim(CHAT, "reminder", "2026-12-01", report_day=None, now=NOW)
        assert post_id is not None
        for part in range(3):
            await uow.outbox.add(Outgoing(CHAT, post_id, POST, f"提醒{part}", part=part), NOW)
    [first] = await _take_first(outbox, 1)

    await outbox.failed([first.id], "Bad Request: chat not found", now=NOW)

    assert await _offered(outbox) == []


async def test_a_message_queued_under_the_id_of_one_forgotten_is_offered_as_queued(
    database: Database,
) -> None:
    """SQLite gives a new row the id of the last one forgotten: the sender must not take
    it for the message it sent under that id a week before."""
    outbox = Outbox(database)
    await outbox.answer(Outgoing(-100, 1, 0, "上周的确认"), now=NOW)
    taken = await _take_first(outbox, 1)
    await outbox.turn([Delivered(taken, 501, NOW)], _none, clock=lambda: NOW)
    await outbox.tidy(now=NOW + KEPT_FOR + timedelta(days=1))
    await outbox.answer(Outgoing(-200, 2, 0, "今天的确认"), now=NOW)
    with pytest.raises(RuntimeError):
        await _queue_and_fail(database, 3)  # the kept queue is unknown: read again

    assert await _offered_whole(outbox) == await _queued_in_table(database)


async def test_a_message_changed_by_hand_is_noticed_at_the_next_claim(
    database: Database,
) -> None:
    outbox = Outbox(database)
    for message_id in (1, 2):
        await outbox.answer(_answer(message_id), now=NOW)
    await _offered(outbox)
    async with database.transaction() as uow:  # a repair past the repositories
        await uow.session.execute(
            update(OutboxMessage).where(OutboxMessage.source_id == 1).values(state="failed")
        )

    taken = await _take_first(outbox, 1)

    assert 1 not in [item.message.source_id for item in taken]
    assert await _offered(outbox) == await _in_table(database)


def _none(queue: list[Queued], elsewhere: Elsewhere) -> list[list[Queued]]:
    return []


@pytest.mark.parametrize("seed", range(6))
async def test_a_turn_is_offered_what_waits_in_the_table_whatever_came_before(
    database: Database, seed: int
) -> None:
    """A random walk of what the outbox goes through: after each step, what a turn is
    offered is what the table holds as waiting."""
    steps = random.Random(seed)
    outbox, delivered, sent = Outbox(database), list[Delivered](), 900
    for step in range(60):
        moves = ("answer", "again", "roll back", "take", "retry", "fail", "send", "forget")
        move = steps.choice(moves)
        if move in ("answer", "again"):
            await outbox.answer(_answer(step if move == "answer" else max(step - 3, 0)), now=NOW)
        elif move == "roll back":
            with pytest.raises(RuntimeError):
                await _queue_and_fail(database, step)
        elif move == "forget":
            await outbox.tidy(now=NOW + KEPT_FOR + timedelta(days=1))
        else:
            taken = await _take_first(outbox, steps.randint(1, 3))
            ids = [item.id for item in taken]
            if move == "retry":
                await outbox.retry(ids, now=NOW)
            elif move == "fail":
                await outbox.failed(ids, "Forbidden: bot was kicked", now=NOW)
            elif taken:
                sent += 1
                delivered.append(Delivered(taken, sent, NOW))
        if move != "send" and delivered:
            await outbox.turn(delivered, _none, clock=lambda: NOW)
            delivered.clear()
        offered = await _offered_whole(outbox)
        assert offered == await _queued_in_table(database), f"after step {step}"
