"""getUpdates into the inbox: each batch is stored before the next call confirms it.

python-telegram-bot's Updater confirms an update (the next getUpdates offset) as soon as
it is queued in memory, so a restart loses a burst that was confirmed and not handled.
Here the offset moves on only once the batch is stored; chat.inbox handles it from there.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from functools import partial
from typing import TypeVar

from telegram import Update
from telegram.error import InvalidToken, RetryAfter, TelegramError

from bot.chat.context import BotApplication
from bot.chat.persist import persistently
from bot.chat.raw_updates import RawUpdates
from bot.chat.startup import FIRST_DELAY, MOST_DELAY, Sleep, flood_wait
from bot.usecases.inbox import Inbox

log = logging.getLogger(__name__)
T = TypeVar("T")
POLL_SECONDS = 10
"""How long one getUpdates waits for an update before asking again."""
BATCH = 100
"""Updates per getUpdates, Telegram's most."""


FETCHED_MOST = 1000
"""Updates kept as fetched, beyond which they are read again from what was stored."""


class Fetched:
    """The updates just fetched, as python-telegram-bot read them, until handled: reading
    one again from what was stored costs as much as handling a report. Only a cache: an
    update not here (another process fetched it, or a restart) is read from the inbox."""

    def __init__(self) -> None:
        self._updates: dict[int, Update] = {}

    def keep(self, updates: Iterable[Update]) -> None:
        if len(self._updates) > FETCHED_MOST:  # handled elsewhere, or never handled here
            self._updates.clear()
        self._updates.update((update.update_id, update) for update in updates)

    def take(self, update_id: int) -> Update | None:
        return self._updates.pop(update_id, None)


class Poller:
    """Fetches updates until stopped, or until Telegram refuses the token (`failure`)."""

    def __init__(
        self,
        application: BotApplication,
        inbox: Callable[[], Inbox],
        *,
        stored: asyncio.Event,
        fetched: Fetched,
        poll_seconds: float = POLL_SECONDS,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._app = application
        self._inbox = inbox
        self._stored = stored
        """Set once a batch is stored: the handler has more to do."""
        self._fetched = fetched
        """Where the handler finds what was fetched, read already."""
        self._poll_seconds = poll_seconds
        self._sleep = sleep
        self.failure: BaseException | None = None
        """What stopped the fetching for good (a revoked token), for the caller to report."""

    async def run(self, stopping: Callable[[], bool]) -> None:
        offset = await self._retry(self._inbox().next_offset, "reading the inbox")
        delay = FIRST_DELAY
        while not stopping():
            try:
                updates = await self._app.bot.get_updates(
                    offset=offset,
                    limit=BATCH,
                    timeout=int(self._poll_seconds),
                    allowed_updates=Update.ALL_TYPES,
                )
            except InvalidToken as error:
                log.error("Telegram refused the bot token: %s", error)
                self.failure = error
                return
            except RetryAfter as error:
                await self._sleep(flood_wait(error))
                continue
            except TelegramError as error:
                # A 5xx, a timeout, a lost connection, an answer PTB cannot read, or a
                # Conflict: another process polls with this token (a restart overlapping).
                log.warning("getUpdates failed (%s); trying again in %.0f s", error, delay)
                await self._sleep(delay)
                delay = min(delay * 2, MOST_DELAY)
                continue
            delay = FIRST_DELAY
            if not updates:
                continue
            raw = self._app.bot_data.raw_updates
            rows = [_row(update, raw) for update in updates]
            # Until stored, the offset stays: Telegram sends the batch again if need be.
            keep = partial(self._inbox().keep, rows, now=self._now())
            await self._retry(keep, "storing updates")
            offset = updates[-1].update_id + 1
            self._fetched.keep(updates)
            self._stored.set()

    async def _retry(self, step: Callable[[], Awaitable[T]], what: str) -> T:
        return await persistently(step, f"Inbox: {what}", self._sleep)

    def _now(self) -> datetime:
        return self._app.bot_data.clock()


def _row(update: Update, raw: RawUpdates | None) -> tuple[int, int | None, str]:
    """The update as stored: as Telegram sent it when that is at hand."""
    chat = update.effective_chat
    sent = raw.take(update.update_id) if raw is not None else None
    return update.update_id, chat.id if chat else None, sent or update.to_json()
