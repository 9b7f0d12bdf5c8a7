"""Gathering an album's items: Telegram sends each photo of an album as its own update,
sharing a media_group_id, with the caption on one of them and no end marker.

Items are held per album until none has come for `settle` seconds, then handed over
in one call. Items arriving after that make a later call for the same album, which
waits for the earlier one to finish, so they join its visit rather than race it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


class AlbumBuffer(Generic[K, T]):
    def __init__(
        self,
        settle: float,
        take: Callable[[K, list[T]], Awaitable[None]],
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """`sleep` waits out a quiet period: asyncio's own, but a test may pass one on a
        clock of its own, so that it says when time passes instead of waiting for it."""
        self._settle = settle
        self._take = take
        self._sleep = sleep
        self._items: dict[K, list[T]] = {}
        self._timers: dict[K, asyncio.Task[None]] = {}
        self._locks: dict[K, tuple[asyncio.Lock, list[int]]] = {}
        """Each album's lock, with how many hand-overs hold or wait for it."""
        self._running: set[asyncio.Task[None]] = set()

    def add(self, key: K, item: T, *, settle: float | None = None) -> None:
        """Hold an item; the album's quiet period starts again. A lone photo (`settle=0`)
        goes the same way, so that its download never holds up the updates after it."""
        self._items.setdefault(key, []).append(item)
        if timer := self._timers.get(key):
            timer.cancel()
        wait = self._settle if settle is None else settle
        self._timers[key] = self._spawn(self._after_quiet(key, wait))

    async def flush(self) -> None:
        """Hand over every held album now, and wait for all to be taken: on shutdown."""
        for key, timer in list(self._timers.items()):
            timer.cancel()
            del self._timers[key]
            self._spawn(self._hand_over(key))
        await self.idle()

    async def abandon(self) -> None:
        """Drop every album held or being taken: at a stop that cannot wait for them. A
        taker is cancelled between its steps; what it had not finished is taken again
        from the inbox at the next start, and counts once all the same."""
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        self._items.clear()
        for task in list(self._running):
            task.cancel()
        await asyncio.gather(*self._running, return_exceptions=True)

    async def idle(self) -> None:
        """Wait until nothing is held and nothing is being taken."""
        while self._running:
            await asyncio.gather(*self._running, return_exceptions=True)

    async def _after_quiet(self, key: K, settle: float) -> None:
        await self._sleep(settle)
        # From here on this task is no longer the album's timer, so a new item cannot
        # cancel a hand-over half done; it starts a timer of its own instead.
        del self._timers[key]
        await self._hand_over(key)

    async def _hand_over(self, key: K) -> None:
        items = self._items.pop(key, [])
        lock, users = self._locks.setdefault(key, (asyncio.Lock(), [0]))
        users[0] += 1
        try:
            async with lock:
                if items:
                    await self._take(key, items)
        except Exception:
            # The last place this could be seen: the task has no one awaiting it.
            log.exception("Taking album %s failed", key)
        finally:
            users[0] -= 1
            if not users[0]:
                del self._locks[key]

    def _spawn(self, work: Awaitable[None]) -> asyncio.Task[None]:
        task = asyncio.ensure_future(work)
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        return task
