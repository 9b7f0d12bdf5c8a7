"""The outbox's upkeep, between the sender's turns: what a stopped sender was sending is
given up once its lease has run out, and what was done with long ago is forgotten."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial

from bot.chat.inbox import TIDY_EVERY
from bot.chat.persist import persistently
from bot.chat.startup import Sleep
from bot.usecases.outbox import LEASE, Outbox

log = logging.getLogger(__name__)


class Upkeep:
    def __init__(
        self, outbox: Callable[[], Outbox], clock: Callable[[], datetime], sleep: Sleep
    ) -> None:
        self._outbox = outbox
        self._now = clock
        self._sleep = sleep
        self._tidied: datetime | None = None
        self._recovered: datetime | None = None

    async def recover(self) -> None:
        """Give up what a stopped sender was sending, once its lease has run out: at start
        and every half lease (a restart's own earlier run, or another instance)."""
        now = self._now()
        self._recovered = now
        recover = partial(self._outbox().recover, now=now)
        stranded = await persistently(recover, "recovering", self._sleep)
        if stranded:
            log.warning(
                "%d message(s) were being sent by a sender that stopped: they may not "
                "have arrived, and are not sent again",
                stranded,
            )

    async def due(self) -> None:
        """What is due before a turn: forgetting what was done with long ago, once a day,
        and recovering, every half lease."""
        now = self._now()
        if self._tidied is None or now - self._tidied > TIDY_EVERY:
            self._tidied = now
            await persistently(partial(self._outbox().tidy, now=now), "tidying", self._sleep)
        if self._recovered is None or now - self._recovered > LEASE / 2:
            await self.recover()
