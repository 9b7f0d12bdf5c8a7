"""Sending what the outbox holds: paced, retried, merged in a rush, never twice.

Handlers and use cases only queue their answers (usecases.outbox), so a burst is stored
in milliseconds however slow Telegram is. This task sends them: each chat in turn as the
pacer allows; when a chat's queue had to wait for its turn, the plain confirmations that
piled up go as one message, one line each, so 300 reports in a rush are confirmed within
a minute of the last rather than a quarter of an hour later.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime
from functools import partial

from bot.chat import neighbours
from bot.chat.context import BotApplication
from bot.chat.delivery import Delivery
from bot.chat.inbox import TIDY_EVERY
from bot.chat.moves import Moves
from bot.chat.pacing import Pacer
from bot.chat.persist import persistently
from bot.chat.startup import Sleep
from bot.domain.outgoing import Queued, mergeable
from bot.rendering.texts import Texts
from bot.usecases.alerts import Alerting
from bot.usecases.outbox import LEASE, Outbox

log = logging.getLogger(__name__)
LOOK_AGAIN = 5.0
"""Seconds between reads of the outbox when nothing said it has more."""
STOP_GRACE = 4.0
"""How long a stop waits for the sends in flight."""


class OutboxSender:
    """One task that reads the outbox and one task per chat being sent to."""

    def __init__(self, application: BotApplication, *, sleep: Sleep = asyncio.sleep) -> None:
        self._app = application
        assert isinstance(application.bot.rate_limiter, Pacer), "build_application sets it"
        self._pacer: Pacer = application.bot.rate_limiter
        self._sleep = sleep
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self._busy: dict[int, asyncio.Task[None]] = {}
        self._waited: set[int] = set()
        """Chats whose queue had to wait for its turn: what piled up there is merged."""
        assert application.bot_data.config is not None, "build_application sets the config"
        texts = Texts(application.bot_data.config.language)
        self._delivery = Delivery(
            application.bot,
            self._pacer,
            lambda: self._outbox,
            texts,
            application.bot_data.clock,
            application.bot_data.moves,
            self._alerts,
        )
        self._sends = 0
        """Sends recorded so far in this run, counting up."""
        self._recorded: dict[int, int] = {}
        """Each chat's last recorded send, by that count: a read of the outbox begun before
        it may show that send's messages as still waiting."""
        self._taken = neighbours.Taken()
        self._task: asyncio.Task[None] | None = None
        self._tidied: datetime | None = None
        self._recovered: datetime | None = None

    @property
    def task(self) -> asyncio.Task[None]:
        """The sending: it ends only when stopped; the caller stops the bot if it does."""
        assert self._task is not None, "start the sender first"
        return self._task

    async def start(self) -> None:
        await self._recover()
        self._app.bot_data.notify_outbox = self.notify
        self._task = asyncio.create_task(self._run(), name="outbox:send")

    async def _recover(self) -> None:
        """Give up what a stopped sender was sending, once its lease has run out: at start
        and every half lease (a restart's own earlier run, or another instance)."""
        now = self._now()
        self._recovered = now
        recover = partial(self._outbox.recover, now=now)
        stranded = await persistently(recover, "recovering", self._sleep)
        if stranded:
            log.warning(
                "%d message(s) were being sent by a sender that stopped: they may not "
                "have arrived, and are not sent again",
                stranded,
            )

    async def _tidy(self) -> None:
        """Forget what was done with long ago, once a day."""
        now = self._now()
        if self._tidied is None or now - self._tidied > TIDY_EVERY:
            self._tidied = now
            await persistently(partial(self._outbox.tidy, now=now), "tidying", self._sleep)
        if self._recovered is None or now - self._recovered > LEASE / 2:
            await self._recover()

    def notify(self) -> None:
        """Something was queued: look at the outbox now."""
        self._idle.clear()
        self._wake.set()

    async def idle(self) -> None:
        """Return once nothing in the outbox can be sent yet (all sent, or waiting for a
        turn) and no send is in flight: for a script, whose clock may just have brought
        a chat's turn the sender has not seen yet."""
        while True:
            await self._idle.wait()
            queue = await self._outbox.waiting()
            current = self._app.bot_data.moves.current
            due = any(self._pacer.wait(current(item.message.chat_id)) <= 0 for item in queue)
            if not due and self._idle.is_set() and not self._busy:
                return
            await asyncio.sleep(0.01)

    async def emptied(self) -> None:
        """Return once everything queued has been sent or given up: for a script that must
        see every answer, whatever waits there were on the way."""
        while True:
            await self.idle()
            if not await self._outbox.waiting(limit=1):
                return
            await asyncio.sleep(0.05)

    async def stop(self) -> None:
        """Send nothing new; the sends in flight get STOP_GRACE, then are left uncertain."""
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            except Exception:
                log.exception("The outbox's sender had stopped")
        flying = list(self._busy.values())
        if flying:
            _, late = await asyncio.wait(flying, timeout=STOP_GRACE)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)

    def _alerts(self) -> Alerting:
        assert self._app.bot_data.services is not None, "post_init builds the services"
        return self._app.bot_data.services.alerts

    @property
    def _outbox(self) -> Outbox:
        assert self._app.bot_data.services is not None, "post_init builds the services"
        return self._app.bot_data.services.outbox

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            await self._tidy()
            begun = self._sends
            queue = await persistently(self._outbox.waiting, "reading", self._sleep)
            await neighbours.count_sent(
                self._outbox, self._pacer, self._moves, queue, self._now, self._sleep
            )
            delay = self._dispatch(queue, begun)
            if not self._busy and not self._wake.is_set():
                self._idle.set()
            wake = asyncio.create_task(self._wake.wait())
            nap = asyncio.ensure_future(self._sleep(min(delay, LOOK_AGAIN)))
            try:
                await asyncio.wait([wake, nap], return_when=asyncio.FIRST_COMPLETED)
            finally:
                self._idle.clear()
                for task in (wake, nap):
                    task.cancel()

    def _dispatch(self, queue: Sequence[Queued], begun: int) -> float:
        """Start a send for every chat whose turn it is; the seconds until the next turn.
        A chat whose last send was recorded after the read `begun` waits for the next read,
        which the recording asked for."""
        chats: dict[int, list[Queued]] = {}
        for item in queue:
            chats.setdefault(item.message.chat_id, []).append(item)
        soonest = LOOK_AGAIN
        for chat_id, items in chats.items():
            if chat_id in self._busy or self._recorded.get(chat_id, 0) > begun:
                continue
            if (taken := self._taken.wait(chat_id)) > 0:
                soonest = min(soonest, taken)
                continue
            target = self._app.bot_data.moves.current(chat_id)  # paced where it goes
            if (wait := self._pacer.wait(target, max(1, items[0].photos))) > 0:
                self._waited.add(chat_id)
                soonest = min(soonest, wait)
                continue
            batch = items[:1]
            if chat_id in self._waited and items[0].message.line is not None:
                merged = mergeable(items)
                batch = merged if len(merged) > 1 else batch
            self._waited.discard(chat_id)
            self._pacer.take(target, max(1, batch[0].photos))
            self._busy[chat_id] = task = asyncio.create_task(self._send(chat_id, batch))
            task.add_done_callback(_report_crash)
        return soonest

    async def _send(self, chat_id: int, batch: list[Queued]) -> None:
        try:
            ids = [item.id for item in batch]

            async def claim() -> set[int]:
                # The lease runs from the claim that lands, however long the database took.
                return await self._outbox.sending(ids, now=self._now(), chat_id=chat_id)

            claimed = await persistently(claim, "claiming a send", self._sleep)
            if not claimed and self._outbox.shared:
                self._taken.add(chat_id)
            if batch := [item for item in batch if item.id in claimed]:
                try:
                    outcome = await self._delivery.send(chat_id, batch)
                    await persistently(outcome, "recording a send", self._sleep)
                finally:
                    await neighbours.turn_over(
                        self._outbox, self._pacer, self._moves, chat_id, self._now, self._sleep
                    )
        finally:
            self._sends += 1
            self._recorded[chat_id] = self._sends
            self._busy.pop(chat_id, None)
            self.notify()

    def _now(self) -> datetime:
        return self._app.bot_data.clock()

    @property
    def _moves(self) -> Moves:
        return self._app.bot_data.moves


def _report_crash(task: asyncio.Task[None]) -> None:
    """A send that failed in a way no branch above foresaw: its messages stay marked as
    sending, so the next start counts them uncertain; the log says why."""
    if not task.cancelled() and (error := task.exception()) is not None:
        log.error("A send failed unexpectedly", exc_info=error)
