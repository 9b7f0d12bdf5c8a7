"""Sending what the outbox holds: paced, retried, merged in a rush, never twice.

Handlers and use cases only queue their answers (usecases.outbox), so a burst is stored
in milliseconds however slow Telegram is. This task sends them: each chat in turn as the
pacer allows; when a chat's queue had to wait for its turn, the plain confirmations that
piled up go as one message, one line each, so 300 reports in a rush are confirmed within
a minute of the last rather than a quarter of an hour later.

Each pass is one transaction (`Outbox.turn`): it records what Telegram took since the
last pass, reads what waits and claims what goes now, so a rush costs the sender one
transaction a message.
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
from bot.chat.outbox_upkeep import Upkeep
from bot.chat.pacing import Pacer
from bot.chat.persist import persistently
from bot.chat.picking import LOOK_AGAIN, Picker
from bot.chat.startup import Sleep
from bot.domain.outgoing import Delivered, Elsewhere, Picked, Queued
from bot.rendering.texts import Texts
from bot.usecases.alerts import Alerting
from bot.usecases.outbox import Outbox

log = logging.getLogger(__name__)
NOTIFIED_GAP = 0.02
"""Seconds at least between turns when no send ended in between: a burst of handled
updates, each telling of what it queued, costs a read of the outbox every so often rather
than one each, while a chat's next message still goes as soon as its last one is sent."""
STOP_GRACE = 4.0
"""How long a stop waits for the sends in flight."""


class OutboxSender:
    """One task that takes the turns and one task per chat being sent to."""

    def __init__(self, application: BotApplication, *, sleep: Sleep = asyncio.sleep) -> None:
        self._app = application
        assert isinstance(application.bot.rate_limiter, Pacer), "build_application sets it"
        self._pacer: Pacer = application.bot.rate_limiter
        self._sleep = sleep
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self._busy: dict[int, asyncio.Task[None]] = {}
        data = application.bot_data
        assert data.config is not None, "build_application sets the config"
        self._delivery = Delivery(
            application.bot,
            self._pacer,
            lambda: self._outbox,
            Texts(data.config.language),
            data.clock,
            data.moves,
            self._alerts,
        )
        self._sends = 0
        """Sends recorded so far in this run, counting up."""
        self._recorded: dict[int, int] = {}
        """Each chat's last recorded send, by that count: a read of the outbox begun before
        it may show that send's messages as still waiting."""
        self._picker = Picker(self._pacer, data.moves)
        self._delivered: list[Delivered] = []
        """Sends Telegram took, to record with the next turn."""
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._upkeep = Upkeep(lambda: self._outbox, self._now, sleep)

    @property
    def task(self) -> asyncio.Task[None]:
        """The sending: it ends only when stopped; the caller stops the bot if it does."""
        assert self._task is not None, "start the sender first"
        return self._task

    async def start(self) -> None:
        await self._upkeep.recover()
        self._app.bot_data.notify_outbox = self.notify
        self._task = asyncio.create_task(self._run(), name="outbox:send")

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
            due = self._picker.due(await self._outbox.waiting())
            if not due and self._idle.is_set() and not self._busy and not self._delivered:
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
        """Send nothing new. A turn begun ends first, since its claims are only kept by
        the sends it starts; those and the others in flight get STOP_GRACE, then are left
        uncertain. What Telegram took is recorded."""
        self._stopping = True
        self.notify()
        if self._task is not None:
            [ended] = await _within_grace([self._task])
            if isinstance(ended, Exception):
                log.error("The outbox's sender had stopped", exc_info=ended)
        await _within_grace(list(self._busy.values()))
        if self._delivered:
            try:
                await self._outbox.sent(self._delivered)
            except Exception:
                log.exception("What was sent last could not be recorded: it counts uncertain")

    def _alerts(self) -> Alerting:
        assert self._app.bot_data.services is not None, "post_init builds the services"
        return self._app.bot_data.services.alerts

    @property
    def _outbox(self) -> Outbox:
        assert self._app.bot_data.services is not None, "post_init builds the services"
        return self._app.bot_data.services.outbox

    async def _run(self) -> None:
        loop, last, begun = asyncio.get_running_loop(), float("-inf"), 0
        while not self._stopping:
            if self._sends == begun and (gap := last + NOTIFIED_GAP - loop.time()) > 0:
                await asyncio.sleep(gap)  # nothing was sent since: only queued, or a wait
            last = loop.time()
            self._wake.clear()
            await self._upkeep.due()
            if self._stopping:  # asked while it slept or kept up: claim nothing new
                break
            begun, delivered = self._sends, list(self._delivered)
            pick = partial(self._pick, begun)
            turn = partial(self._outbox.turn, delivered, pick, clock=self._now)
            claimed = await persistently(turn, "taking a turn", self._sleep)
            del self._delivered[: len(delivered)]
            for batch, ids in claimed:
                self._start(batch, ids)
            if not self._busy and not self._wake.is_set():
                self._idle.set()
            wake = asyncio.create_task(self._wake.wait())
            nap = asyncio.ensure_future(self._sleep(min(self._picker.soonest, LOOK_AGAIN)))
            try:
                await asyncio.wait([wake, nap], return_when=asyncio.FIRST_COMPLETED)
            finally:
                self._idle.clear()
                for task in (wake, nap):
                    task.cancel()

    def _pick(self, begun: int, queue: Sequence[Queued], elsewhere: Elsewhere) -> Picked:
        """A chat with a send in flight waits for its end, and one whose last send was
        recorded after the turn `begun`, for the next turn, which the recording asked for."""

        def skip(chat_id: int) -> bool:
            return chat_id in self._busy or self._recorded.get(chat_id, 0) > begun

        return self._picker.pick(queue, elsewhere, skip)

    def _start(self, batch: list[Queued], claimed: set[int]) -> None:
        """Send what of a picked batch this sender took; another instance has the chat
        when it took none."""
        chat_id = batch[0].message.chat_id
        if not claimed and self._outbox.shared:
            self._picker.taken.add(chat_id)
        if batch := [item for item in batch if item.id in claimed]:
            self._busy[chat_id] = task = asyncio.create_task(self._send(chat_id, batch))
            task.add_done_callback(_report_crash)

    async def _send(self, chat_id: int, batch: list[Queued]) -> None:
        """The call, and its outcome kept: a send Telegram took for the next turn, any
        other at once, as is every send where other instances count it toward the group's
        limit once this one's turn at the chat passes."""
        moves = self._app.bot_data.moves
        try:
            outcome = await self._delivery.send(chat_id, batch)
            if isinstance(outcome, Delivered):
                if not self._outbox.shared:
                    self._delivered.append(outcome)
                    return
                outcome = partial(self._outbox.sent, [outcome])
            await persistently(outcome, "recording a send", self._sleep)
        finally:
            try:
                await neighbours.turn_over(
                    self._outbox, self._pacer, moves, chat_id, self._now, self._sleep
                )
            finally:
                self._sends += 1
                self._recorded[chat_id] = self._sends
                self._busy.pop(chat_id, None)
                self.notify()

    def _now(self) -> datetime:
        return self._app.bot_data.clock()


async def _within_grace(tasks: list[asyncio.Task[None]]) -> list[BaseException | None]:
    """Wait STOP_GRACE for the tasks, cancel those still running; how each ended."""
    if tasks:
        _, late = await asyncio.wait(tasks, timeout=STOP_GRACE)
        for task in late:
            task.cancel()
    return await asyncio.gather(*tasks, return_exceptions=True)


def _report_crash(task: asyncio.Task[None]) -> None:
    """A send that failed in a way no branch above foresaw: its messages stay marked as
    sending, so the next start counts them uncertain; the log says why."""
    if not task.cancelled() and (error := task.exception()) is not None:
        log.error("A send failed unexpectedly", exc_info=error)
