"""What instances on one database share, on SQLite and PostgreSQL: a chat's updates
handled by one at a time, an album's photos gathered and taken once, a chat's sends one
at a time, and the flood limit's count of what others sent."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from bot.domain.outgoing import Delivered, Elsewhere, Outgoing, Queued
from bot.storage.unit_of_work import Database
from bot.usecases.albums import Albums
from bot.usecases.inbox import Inbox
from bot.usecases.incoming import Sender
from bot.usecases.outbox import TURN, Outbox

NOW = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
CHAT, OTHER = -100, -200
HEAD = Sender(user_id=7, name="姜所长")


async def _two_senders_two_parts(
    database: Database,
) -> tuple[tuple[Outbox, Outbox], tuple[Queued, Queued]]:
    """Two senders on one database, and two parts of one answer queued for CHAT."""
    first, second = Outbox(database), Outbox(database)
    for part in (0, 1):
        await first.answer(Outgoing(CHAT, 10, 0, f"第{part}条", part=part), now=NOW)
    one, two = await first.waiting()
    return (first, second), (one, two)


def _update(update_id: int, chat_id: int | None) -> tuple[int, int | None, str]:
    return update_id, chat_id, f'{{"update_id": {update_id}}}'


async def test_the_chat_waiting_longest_comes_first(database: Database) -> None:
    inbox = Inbox(database)
    await inbox.keep([_update(1, OTHER), _update(2, CHAT), _update(3, OTHER)], now=NOW)
    await inbox.keep([_update(4, None)], now=NOW)

    assert await inbox.chats() == [OTHER, CHAT, None]


async def test_a_chat_s_updates_come_in_the_order_stored(database: Database) -> None:
    inbox = Inbox(database)
    await inbox.keep([_update(9, CHAT), _update(5, OTHER), _update(3, CHAT)], now=NOW)

    assert [update_id for _, update_id, _ in await inbox.of_chat(CHAT)] == [9, 3]


async def test_a_chat_being_handled_is_refused_to_a_second_handler(database: Database) -> None:
    inbox = Inbox(database)

    async with (
        inbox.handling(CHAT) as first,
        inbox.handling(CHAT) as second,
        inbox.handling(OTHER) as other,
    ):
        assert (first, second, other) == (True, False, True)


async def test_a_chat_is_free_again_once_its_handler_is_done(database: Database) -> None:
    inbox = Inbox(database)
    async with inbox.handling(CHAT):
        pass

    async with inbox.handling(CHAT) as again:
        assert again


async def test_an_album_s_photos_are_taken_together_once(database: Database) -> None:
    albums = Albums(database)
    for message_id in (12, 11, 13):
        await albums.gather(CHAT, "g1", message_id, f'{{"message_id": {message_id}}}', HEAD, NOW)
    await albums.gather(CHAT, "g1", 11, '{"message_id": 11}', HEAD, NOW)  # handled twice

    async with albums.taking(CHAT, "g1", now=NOW) as first:
        pass
    async with albums.taking(CHAT, "g1", now=NOW) as second:
        pass

    assert [message for message, _ in first] == [
        '{"message_id": 11}',
        '{"message_id": 12}',
        '{"message_id": 13}',
    ]
    assert first[0][1] == HEAD
    assert second == []


async def test_a_second_taker_of_an_album_waits_and_finds_only_what_came_since(
    database: Database,
) -> None:
    albums = Albums(database)
    await albums.gather(CHAT, "g1", 11, "{}", HEAD, NOW)
    late_taken: list[int] = []

    async def late() -> None:
        async with albums.taking(CHAT, "g1", now=NOW) as items:
            late_taken.append(len(items))

    async with albums.taking(CHAT, "g1", now=NOW) as items:
        waiting = asyncio.create_task(late())
        await asyncio.sleep(0.2)
        assert late_taken == []  # still waiting for the first taker
        await albums.gather(CHAT, "g1", 12, "{}", HEAD, NOW)
    await waiting

    assert (len(items), late_taken) == (1, [1])


async def test_an_album_left_untaken_is_found_once_quiet(database: Database) -> None:
    albums = Albums(database)
    await albums.gather(CHAT, "old", 1, "{}", HEAD, NOW)
    await albums.gather(CHAT, "new", 2, "{}", HEAD, NOW + timedelta(minutes=5))
    async with albums.taking(CHAT, "new", now=NOW):
        pass
    await albums.gather(CHAT, "new", 3, "{}", HEAD, NOW + timedelta(minutes=5))

    assert await albums.left(before=NOW + timedelta(minutes=1)) == [(CHAT, "old")]
    assert await albums.left(before=None) == [(CHAT, "old"), (CHAT, "new")]


@pytest.mark.postgres
async def test_a_chat_s_messages_go_one_sender_at_a_time(database: Database) -> None:
    if database.single_process:
        pytest.skip("SQLite serves one process: there is no other sender")
    (first, second), (one, two) = await _two_senders_two_parts(database)

    assert await first.sending([one.id], now=NOW, chat_id=CHAT) == {one.id}
    assert await second.sending([two.id], now=NOW, chat_id=CHAT) == set()
    await first.turn_over(CHAT, now=NOW)
    assert await second.sending([two.id], now=NOW, chat_id=CHAT) == {two.id}


@pytest.mark.postgres
async def test_a_stopped_sender_s_turn_at_a_chat_runs_out(database: Database) -> None:
    if database.single_process:
        pytest.skip("SQLite serves one process: there is no other sender")
    (stopped, alive), (one, two) = await _two_senders_two_parts(database)
    await stopped.sending([one.id], now=NOW, chat_id=CHAT)

    assert await alive.sending([two.id], now=NOW + TURN / 2, chat_id=CHAT) == set()
    later = NOW + TURN + timedelta(seconds=1)
    assert await alive.sending([two.id], now=later, chat_id=CHAT) == {two.id}


@pytest.mark.postgres
async def test_what_another_sender_sent_lately_counts_toward_the_group_s_limit(
    database: Database,
) -> None:
    if database.single_process:
        pytest.skip("SQLite serves one process: there is no other sender")
    other, this = Outbox(database), Outbox(database)
    await other.answer(Outgoing(CHAT, 10, 0, "确认"), now=NOW)
    await this.answer(Outgoing(CHAT, 11, 0, "确认"), now=NOW)
    theirs, mine = await other.waiting()
    for outbox, item in ((other, theirs), (this, mine)):
        assert await outbox.sending([item.id], now=NOW, chat_id=CHAT) == {item.id}
        await outbox.sent([Delivered([item], 500 + item.id, NOW)])
        await outbox.turn_over(CHAT, now=NOW)

    await this.answer(Outgoing(CHAT, 12, 0, "确认"), now=NOW)

    assert await _seen_elsewhere(this, NOW + timedelta(seconds=30)) == [(theirs.id, CHAT)]
    assert await _seen_elsewhere(this, NOW + timedelta(seconds=61)) == []


async def _seen_elsewhere(outbox: Outbox, now: datetime) -> list[tuple[int, int]]:
    """What a turn at `now` shows the sender of other instances' sends, sending nothing."""
    seen: Elsewhere = []

    def pick(queue: list[Queued], elsewhere: Elsewhere) -> list[list[Queued]]:
        seen.extend(elsewhere)
        return []

    await outbox.turn([], pick, clock=lambda: now)
    return [(outbox_id, chat) for outbox_id, chat, _, _ in seen]


@pytest.mark.postgres
async def test_a_message_put_back_after_a_429_goes_before_the_next(database: Database) -> None:
    if database.single_process:
        pytest.skip("SQLite serves one process: there is no other sender")
    (first, second), (one, two) = await _two_senders_two_parts(database)
    await first.sending([one.id], now=NOW, chat_id=CHAT)
    await first.retry([one.id], now=NOW)  # Telegram answered 429: m1 waits again
    await first.turn_over(CHAT, now=NOW)

    assert await second.sending([two.id], now=NOW, chat_id=CHAT) == set()
    assert await second.sending([one.id], now=NOW, chat_id=CHAT) == {one.id}


@pytest.mark.postgres
async def test_a_flood_wait_keeps_the_chat_from_every_sender_until_it_is_over(
    database: Database,
) -> None:
    if database.single_process:
        pytest.skip("SQLite serves one process: there is no other sender")
    (first, second), (one, two) = await _two_senders_two_parts(database)
    await first.sending([one.id], now=NOW, chat_id=CHAT)
    await first.sent([Delivered([one], 501, NOW)])
    await first.turn_over(CHAT, now=NOW, hold=20)

    assert await second.sending([two.id], now=NOW + timedelta(seconds=10), chat_id=CHAT) == set()
    later = NOW + timedelta(seconds=21)
    assert await second.sending([two.id], now=later, chat_id=CHAT) == {two.id}


@pytest.mark.postgres
async def test_a_turn_that_claimed_nothing_is_given_back(database: Database) -> None:
    if database.single_process:
        pytest.skip("SQLite serves one process: there is no other sender")
    (first, second), (one, two) = await _two_senders_two_parts(database)
    await first.sending([one.id], now=NOW, chat_id=CHAT)
    await first.sent([Delivered([one], 501, NOW)])
    await first.turn_over(CHAT, now=NOW)

    assert await second.sending([one.id], now=NOW, chat_id=CHAT) == set()  # sent already
    assert await first.sending([two.id], now=NOW, chat_id=CHAT) == {two.id}


@pytest.mark.postgres
async def test_a_turn_takes_its_chats_in_one_order_so_turns_never_deadlock(
    database: Database,
) -> None:
    """A turn sending to CHAT, then OTHER, while another transaction holds OTHER's turn,
    waits there holding nothing: a second sender still gets CHAT."""
    if database.single_process:
        pytest.skip("SQLite serves one process: there is no other sender")
    first, second = Outbox(database), Outbox(database)
    for chat_id in (CHAT, OTHER):
        await first.answer(Outgoing(chat_id, 10, 0, "确认"), now=NOW)
    by_chat = {item.message.chat_id: item for item in await first.waiting()}
    to_chat, to_other = by_chat[CHAT], by_chat[OTHER]
    holding, release = asyncio.Event(), asyncio.Event()

    async def hold_other() -> None:
        async with database.transaction() as uow:
            await uow.turns.take(OTHER, "third", NOW, NOW + TURN)
            holding.set()
            await release.wait()

    holder = asyncio.create_task(hold_other())
    await holding.wait()
    turn = asyncio.create_task(
        first.turn([], lambda queue, _: [[to_chat], [to_other]], clock=lambda: NOW)
    )
    await _until_waiting_on_a_lock(database)

    claimed = await asyncio.wait_for(second.sending([to_chat.id], now=NOW, chat_id=CHAT), 10)
    release.set()
    await holder

    assert claimed == {to_chat.id}
    assert await turn == [([to_chat], set()), ([to_other], set())]


async def _until_waiting_on_a_lock(database: Database) -> None:
    """Until a session of the database waits for another's row lock."""
    waiting = text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    for _ in range(1000):
        async with database.reading() as uow:
            if await uow.session.scalar(waiting):
                return
        await asyncio.sleep(0.01)
    raise AssertionError("no session came to wait for a lock")
