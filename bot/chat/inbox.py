"""Handling updates from the inbox, chat by chat, in the order they came.

Updates are stored before Telegram is told they arrived (chat.polling, or the webhook),
and an update leaves the inbox only once it has been handled, so whatever is killed
when, nothing that reached the bot is lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from functools import partial
from typing import TypeVar

from telegram import Update

from bot.chat.context import BotApplication
from bot.chat.failures import watching
from bot.chat.handlers.photos import sweep_albums
from bot.chat.persist import persistently
from bot.chat.polling import POLL_SECONDS, Fetched, Poller
from bot.chat.startup import FIRST_DELAY, MOST_DELAY, Sleep
from bot.usecases.inbox import Inbox

log = logging.getLogger(__name__)
T = TypeVar("T")
TIDY_EVERY = timedelta(days=1)
"""How often handled updates older than the inbox keeps them are forgotten."""
STOP_GRACE = 4.0
"""How long a stop waits for the update in hand; the process must be gone within 5 s."""
LOOK_AGAIN = 2.0
"""Seconds between looks at the inbox when instances share it: one may have stopped with
updates stored and not handled."""
RETRY_TAKEN = 0.2
"""Seconds until a chat another instance was handling is looked at again."""
SWEEP_EVERY = timedelta(seconds=60)
"""How often albums left untaken (by an instance that stopped) are looked for."""


class DatabaseAway(Exception):
    """An update could not be handled for now: the round goes on with the other chats, and
    this one's updates are handled again in the next."""


class InboxRunner:
    """Two tasks: one fetches into the inbox, one hands what is stored to the handlers."""

    def __init__(
        self,
        application: BotApplication,
        *,
        poll_seconds: float = POLL_SECONDS,
        sleep: Sleep = asyncio.sleep,
        fetching: bool = True,
    ) -> None:
        """Without `fetching`, updates come in by webhook (chat.webhook), which stores
        them and says so (`notify`)."""
        self._app = application
        self._fetches = fetching
        self._sleep = sleep
        self._stored = asyncio.Event()
        """Set when a batch was stored: the handler has more to do."""
        self._fetched = Fetched()
        self._poller = Poller(
            application, lambda: self._inbox, stored=self._stored, fetched=self._fetched,
            poll_seconds=poll_seconds, sleep=sleep,
        )  # fmt: skip
        self._idle = asyncio.Event()
        """Set while the handler has found nothing left to handle."""
        self._stopping = False
        self._pause = FIRST_DELAY
        """Before a round goes on after a chat failed; doubled while failures last."""
        self._fetching: asyncio.Task[None] | None = None
        self._handling: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self._inbox.tidy(now=self._app.bot_data.clock())
        self._handling = asyncio.create_task(self._handle_loop(), name="inbox:handle")
        if self._fetches:
            fetching = self._poller.run(lambda: self._stopping)
            self._fetching = asyncio.create_task(fetching, name="inbox:fetch")

    @property
    def tasks(self) -> tuple[asyncio.Task[None], ...]:
        """Handling (and fetching): either ends only when stopped, or the fetching when the
        token is refused; the caller stops the bot when one ends."""
        assert self._handling is not None, "start the runner first"
        return tuple(task for task in (self._fetching, self._handling) if task is not None)

    @property
    def failure(self) -> BaseException | None:
        """What stopped the fetching for good (a revoked token), for the caller to report."""
        return self._poller.failure

    def notify(self) -> None:
        """Updates were stored (by the webhook): handle them now."""
        self._stored.set()

    async def stop(self) -> None:
        """Stop fetching at once, let the update in hand finish within STOP_GRACE, and
        leave the rest in the inbox for the next start."""
        self._stopping = True
        self._stored.set()
        if self._fetching is not None:
            self._fetching.cancel()
            # Whatever ended the fetching, the handling is stopped all the same.
            await asyncio.gather(self._fetching, return_exceptions=True)
        if self._handling is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._handling), STOP_GRACE)
            except TimeoutError:
                log.warning("Stopping: the update in hand is left for the next start")
                self._handling.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._handling

    async def drained(self) -> None:
        """Return once everything stored has been handled (fetched updates included, once
        the server has seen the getUpdates that confirms them)."""
        while True:
            await self._idle.wait()
            if not self._stored.is_set():
                return
            await asyncio.sleep(0)

    @property
    def _inbox(self) -> Inbox:
        assert self._app.bot_data.services is not None, "post_init builds the services"
        return self._app.bot_data.services.inbox

    async def _handle_loop(self) -> None:
        tidied = self._now()
        # Albums a stop left untaken; where instances share the database, only those none
        # of them is still gathering.
        first = self._now() - SWEEP_EVERY if self._shared else None
        await self._retry(partial(sweep_albums, self._app, before=first), "sweeping")
        swept = self._now()
        while not self._stopping:
            self._stored.clear()
            handled, skipped = await self._handle_round()
            if self._now() - swept > SWEEP_EVERY:
                swept = self._now()
                sweep = partial(sweep_albums, self._app, before=swept - SWEEP_EVERY)
                await self._retry(sweep, "sweeping")
            if handled:
                continue
            if self._now() - tidied > TIDY_EVERY:
                tidied = self._now()
                await self._retry(partial(self._tidy, now=tidied), "tidying")
            # Another instance's chats are looked at again soon: it may stop.
            look = RETRY_TAKEN if skipped else LOOK_AGAIN if self._shared else None
            self._idle.set()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stored.wait(), look)
            self._idle.clear()

    async def _handle_round(self) -> tuple[bool, bool]:
        """Each chat with updates waiting, in turn, a few updates each, unless another
        instance is handling it: whether any was handled here, and any chat skipped."""
        handled = skipped = False
        for chat_id in await self._retry(self._inbox.chats, "reading"):
            if self._stopping:
                break
            try:
                done = await self._handle_chat(chat_id)
            except Exception as error:
                # The chat's lock could not be taken or kept (PostgreSQL restarting), or the
                # database failed an update for a while (DatabaseAway): the chat's updates
                # wait for the next round, after a pause that doubles while it lasts. Not
                # idle: they are still to be handled.
                if isinstance(error, DatabaseAway):
                    log.warning("Inbox: %s; again in %.0f s", error, self._pause)
                else:
                    log.exception(
                        "Inbox: handling chat %s failed; again in %.0f s", chat_id, self._pause
                    )
                await self._sleep(self._pause)
                self._pause = min(self._pause * 2, MOST_DELAY)
                handled = True
                continue
            self._pause = FIRST_DELAY
            skipped |= done is None
            handled |= bool(done)
        return handled, skipped

    async def _handle_chat(self, chat_id: int | None) -> bool | None:
        """The chat's next updates, handled here: whether there were any; None if another
        instance holds the chat."""
        async with self._inbox.handling(chat_id) as mine:
            if not mine:
                return None
            # Read under the lock: what another instance handled before it is done.
            pending = await self._retry(partial(self._inbox.of_chat, chat_id), "reading")
            handled, waiting = [], None
            for _, update_id, payload in pending:
                if self._stopping:
                    break
                if not await self._handle(update_id, payload):
                    waiting = update_id
                    break
                handled.append(update_id)
            # Marked done together, still under the lock: a stop in between only has them
            # handled again, which changes nothing (every effect is idempotent per message).
            if handled:
                done = partial(self._inbox.done, handled, now=self._now())
                await self._retry(done, "marking")
            if waiting is not None:
                raise DatabaseAway(f"update {waiting} waits for the database to answer")
            return bool(pending)

    async def _handle(self, update_id: int, payload: str) -> bool:
        """One update through the handlers: whether it is done. Errors in handlers go to
        the error handler, and a bad update never blocks the rest; but one the database
        failed for a while (a lock held past the busy timeout, a connection lost) is not
        done: it is handled again, and the chat's later updates after it."""
        try:
            update = self._fetched.take(update_id) or Update.de_json(
                json.loads(payload), self._app.bot
            )
        except Exception:
            log.exception("Update %s cannot be read: set aside unhandled", update_id)
            return True
        with self._inbox.replaying(), watching() as failures:
            await self._app.process_update(update)
        self._app.bot_data.notify_outbox()
        return not any(self._inbox.passes(error) for error in failures)

    async def _tidy(self, *, now: datetime) -> None:
        await self._inbox.tidy(now=now)
        services = self._app.bot_data.services
        assert services is not None, "post_init builds the services"
        await services.albums.tidy(now=now)

    async def _retry(self, step: Callable[[], Awaitable[T]], what: str) -> T:
        return await persistently(step, f"Inbox: {what}", self._sleep)

    def _now(self) -> datetime:
        return self._app.bot_data.clock()

    @property
    def _shared(self) -> bool:
        """Whether other instances may be handling this inbox too (PostgreSQL)."""
        return not self._inbox.database.single_process
