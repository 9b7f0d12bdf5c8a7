"""An album, handed over once it has been quiet: once for all the photos that came in time.

The buffer sleeps on a fake clock here: a test says when time passes, so no test waits
for real time or depends on how long the machine takes.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging

import pytest

from bot.chat.albums import AlbumBuffer

SETTLE = 10.0
"""The quiet period, in the fake clock's seconds."""


class FakeClock:
    """Time that passes only when a test advances it; `sleep` ends when it has."""

    def __init__(self) -> None:
        self.now = 0.0
        self._sleeps: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    async def sleep(self, seconds: float) -> None:
        wake: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleeps, (self.now + seconds, next(self._order), wake))
        await wake

    async def advance(self, seconds: float) -> None:
        """Let `seconds` pass: end, in time order, every sleep due by then.

        Each task woken (or newly started) is given its turn before time moves on, so that
        it runs up to what it waits for next: another sleep, a lock, a test's gate.
        """
        end = self.now + seconds
        await _turn()
        while self._sleeps and self._sleeps[0][0] <= end:
            due, _, wake = heapq.heappop(self._sleeps)
            if wake.done():  # cancelled: a new item restarted the quiet period
                continue
            self.now = due
            wake.set_result(None)
            await _turn()
        self.now = end


async def _turn() -> None:
    """Give every task that is ready one turn: one pass of the event loop, which runs
    what is ready in the order it became so, and then this task again."""
    await asyncio.sleep(0)


class Taken:
    """The hand-overs, in the order they began; with a gate, each lasts until it opens."""

    def __init__(self, gate: asyncio.Event | None = None) -> None:
        self.calls: list[str] = []
        self.running = 0
        self.overlapped = False
        self.gate = gate

    async def __call__(self, key: str) -> None:
        self.running += 1
        self.overlapped |= self.running > 1
        self.calls.append(key)
        if self.gate is not None:
            await self.gate.wait()
        self.running -= 1


async def test_an_album_is_handed_over_once_for_all_its_photos() -> None:
    clock, taken = FakeClock(), Taken()
    buffer = AlbumBuffer(SETTLE, taken, sleep=clock.sleep)
    for _ in range(3):
        buffer.add("a")
    buffer.add("b")
    await clock.advance(SETTLE)
    await buffer.idle()

    assert sorted(taken.calls) == ["a", "b"]


async def test_each_new_item_restarts_the_quiet_period() -> None:
    clock, taken = FakeClock(), Taken()
    buffer = AlbumBuffer(SETTLE, taken, sleep=clock.sleep)
    buffer.add("a")
    await clock.advance(SETTLE * 0.6)
    buffer.add("a")
    await clock.advance(SETTLE * 0.6)  # past the first item's quiet period, not the second's

    assert taken.calls == []
    await clock.advance(SETTLE * 0.4)
    await buffer.idle()
    assert taken.calls == ["a"]


async def test_a_late_photo_hands_the_album_over_again_after_the_first_not_beside_it() -> None:
    gate = asyncio.Event()
    clock, taken = FakeClock(), Taken(gate)
    buffer = AlbumBuffer(SETTLE, taken, sleep=clock.sleep)
    buffer.add("a")
    await clock.advance(SETTLE)  # the first hand-over is under way, held at the gate
    buffer.add("a")
    await clock.advance(SETTLE)  # the late item's quiet period is over

    assert taken.calls == ["a"]
    gate.set()
    await buffer.idle()
    assert taken.calls == ["a", "a"]
    assert not taken.overlapped


async def test_flush_hands_over_every_album_at_once() -> None:
    clock, taken = FakeClock(), Taken()
    buffer = AlbumBuffer(60, taken, sleep=clock.sleep)
    buffer.add("a")
    await buffer.flush()

    assert taken.calls == ["a"]


async def test_abandoning_drops_what_is_held_and_cancels_a_hand_over_under_way() -> None:
    clock, started, taken = FakeClock(), asyncio.Event(), []

    async def take(key: str) -> None:
        started.set()
        await asyncio.Event().wait()  # a download that never ends
        taken.append(key)

    buffer = AlbumBuffer(SETTLE, take, sleep=clock.sleep)
    buffer.add("slow", settle=0)
    buffer.add("waiting")
    await clock.advance(0)
    await started.wait()

    await buffer.abandon()
    await clock.advance(SETTLE)
    await buffer.idle()

    assert taken == []


async def test_a_failed_hand_over_is_logged_and_the_next_album_still_goes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    taken: list[str] = []

    async def take(key: str) -> None:
        if key == "bad":
            raise RuntimeError("storage is full")
        taken.append(key)

    clock = FakeClock()
    buffer = AlbumBuffer(SETTLE, take, sleep=clock.sleep)
    with caplog.at_level(logging.ERROR):
        buffer.add("bad")
        buffer.add("good")
        await clock.advance(SETTLE)
        await buffer.idle()

    assert taken == ["good"]
    assert "storage is full" in caplog.text


async def test_a_lone_item_is_handed_over_at_once_in_the_background() -> None:
    clock, taken = FakeClock(), Taken()
    buffer = AlbumBuffer(60, taken, sleep=clock.sleep)
    buffer.add("lone", settle=0)

    assert taken.calls == []
    await clock.advance(0)
    assert taken.calls == ["lone"]
    await buffer.idle()
