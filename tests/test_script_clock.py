"""The script's clock, on which the end-to-end tests have the bot wait: a wait ends when
the script has moved as far as the bot asked, counted from when it asked."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.demo.group import Clock

EIGHT = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)


async def _turns_of_the_loop(count: int) -> None:
    for _ in range(count):
        await asyncio.sleep(0)


async def test_a_wait_ends_once_the_clock_has_moved_as_far_as_asked() -> None:
    clock = Clock(EIGHT)
    nap = asyncio.ensure_future(clock.sleep(2))
    await _turns_of_the_loop(3)
    clock.advance(seconds=1)
    await _turns_of_the_loop(3)
    assert not nap.done()
    clock.advance(seconds=1)
    await _turns_of_the_loop(3)
    assert nap.done()


async def test_a_wait_counts_from_when_it_was_asked_for_not_from_when_its_task_began() -> None:
    clock = Clock(EIGHT)
    nap = asyncio.ensure_future(clock.sleep(1))  # its task begins at the next turn
    clock.advance(seconds=1)
    await _turns_of_the_loop(3)
    assert nap.done()


async def test_a_wait_of_no_time_ends_without_the_clock_moving() -> None:
    clock = Clock(EIGHT)
    nap = asyncio.ensure_future(clock.sleep(0))
    await _turns_of_the_loop(3)
    assert nap.done()
