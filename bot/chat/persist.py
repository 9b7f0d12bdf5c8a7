"""Steps on the database that must not be dropped, tried until they succeed."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.chat.startup import FIRST_DELAY, MOST_DELAY, Sleep

log = logging.getLogger(__name__)
T = TypeVar("T")


async def persistently(step: Callable[[], Awaitable[T]], what: str, sleep: Sleep) -> T:
    """A step on the database, tried until it succeeds (a locked SQLite, a PostgreSQL
    restarting): the inbox and the outbox are where nothing may be dropped."""
    delay = FIRST_DELAY
    while True:
        try:
            return await step()
        except Exception:
            log.exception("%s failed; trying again in %.0f s", what, delay)
            await sleep(delay)
            delay = min(delay * 2, MOST_DELAY)
