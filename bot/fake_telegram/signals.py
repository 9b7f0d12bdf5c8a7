"""A broadcast "something changed" signal that synchronous code can fire.

The world is mutated from plain (non-async) test helpers, so waiters cannot rely on an
``asyncio.Condition`` (acquiring its lock needs ``await``). Instead every change swaps in a
fresh event: a waiter checks its predicate and grabs the current event with no ``await`` in
between, so no change can slip through unnoticed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class Signal:
    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait_until(self, ready: Callable[[], bool]) -> None:
        """Return once ``ready()`` holds; callers bound the wait with ``asyncio.timeout``."""
        while not ready():
            await self._event.wait()
