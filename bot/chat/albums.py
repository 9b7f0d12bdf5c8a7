"""Waiting for an album to be quiet: Telegram sends each photo of an album as its own
update, sharing a media_group_id, with the caption on one of them and no end marker.

The photos themselves are stored as they come (usecases.albums); here each album's
timer starts again with each photo this process stores, and once none has come for
`settle` seconds the album is handed over, to take whatever of it is stored. A photo
arriving after that makes a later hand-over of the same album, which waits for the
earlier one to finish, so it joins its visit rather than race it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
K = TypeVar("K", bound=Hashable)


class AlbumBuffer(Generic[K]):
    def __init__(
        self,
        settle: float,
        take: Callable[[K], Awaitable[None]],
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """`sleep` waits out a quiet period: asyncio's own, but a test may pass one on a
        clock of its own, so that it says when time passes instead of waiting for it."""
        self._settle = settle
        self._take = take
        self._sleep = sleep
        self._due: set[K] = set()
        """Albums whose timer has run out or was cut short, not handed over yet."""
        self._timers: dict[K, asyncio.Task[None]] = {}
        self._locks: dict[K, tuple[asyncio.Lock, list[int]]] = {}
        """Each album's lock, with how many hand-overs hold or wait for it."""
        self._running: set[asyncio.Task[None]] = set()

    def add(self, key: K, *, settle: float | None = None) -> None:
        """A photo of the album was stored; its quiet period starts again. A lone photo
        (`settle=0`) goes the same way, so that its download never holds up the updates
        after it."""
        self._due.add(key)
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
        """Drop every album waiting or being taken: at a stop that cannot wait for them. A
        taker is cancelled between its steps; what it had not finished is taken at the
        next start (or by another instance), and counts once all the same."""
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        self._due.clear()
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
        if key not in self._due:
            return
        self._due.discard(key)
        lock, users = self._locks.setdefault(key, (asyncio.Lock(), [0]))
        users[0] += 1
        try:
            async with lock:
                await self._take(key)
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
