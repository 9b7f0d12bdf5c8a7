"""The inbox on SQLite and PostgreSQL: each update kept once, handled in the order stored."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.storage.unit_of_work import Database
from bot.usecases.inbox import KEPT_FOR, Inbox

NOW = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)


def _update(update_id: int) -> tuple[int, int | None, str]:
    return update_id, -100, f'{{"update_id": {update_id}}}'


async def test_an_update_delivered_twice_is_kept_once(database: Database) -> None:
    inbox = Inbox(database)

    await inbox.keep([_update(7), _update(8)], now=NOW)
    await inbox.keep([_update(8), _update(9)], now=NOW)

    assert [update_id for _, update_id, _ in await inbox.pending()] == [7, 8, 9]


async def test_updates_are_handed_out_in_the_order_they_were_stored(database: Database) -> None:
    """After a week without updates Telegram picks the next id at random, maybe lower."""
    inbox = Inbox(database)

    await inbox.keep([_update(500)], now=NOW)
    await inbox.keep([_update(12)], now=NOW)

    assert [update_id for _, update_id, _ in await inbox.pending()] == [500, 12]


async def test_a_handled_update_is_no_longer_pending(database: Database) -> None:
    inbox = Inbox(database)
    await inbox.keep([_update(7), _update(8)], now=NOW)

    await inbox.done([7], now=NOW)

    assert [update_id for _, update_id, _ in await inbox.pending()] == [8]


async def test_pending_updates_after_a_place_skip_those_handed_out_already(
    database: Database,
) -> None:
    inbox = Inbox(database)
    await inbox.keep([_update(7), _update(8)], now=NOW)
    [(first, _, _), _] = await inbox.pending()

    assert [update_id for _, update_id, _ in await inbox.pending(after=first)] == [8]


async def test_the_next_fetch_confirms_the_last_update_stored(database: Database) -> None:
    inbox = Inbox(database)
    assert await inbox.next_offset() is None

    await inbox.keep([_update(41), _update(42)], now=NOW)

    assert await inbox.next_offset() == 43


async def test_handled_updates_are_forgotten_after_a_week(database: Database) -> None:
    inbox = Inbox(database)
    await inbox.keep([_update(1), _update(2), _update(3)], now=NOW)
    await inbox.done([1], now=NOW)
    await inbox.done([2], now=NOW + timedelta(days=1))

    forgotten = await inbox.tidy(now=NOW + KEPT_FOR + timedelta(hours=1))

    assert forgotten == 1
    assert [update_id for _, update_id, _ in await inbox.pending()] == [3]
    assert await inbox.next_offset() == 4


async def test_reading_the_inbox_does_not_wait_for_a_transaction_that_writes(
    database: Database,
) -> None:
    """The handler's polls read while a report is being stored (SQLite's write lock)."""
    inbox = Inbox(database)
    await inbox.keep([_update(7)], now=NOW)

    async with database.transaction() as writing:
        await writing.inbox.done([7], now=NOW)
        pending = await asyncio.wait_for(inbox.pending(), timeout=2)

    assert [update_id for _, update_id, _ in pending] == [7]
