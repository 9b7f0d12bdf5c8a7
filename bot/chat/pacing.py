"""Keeping to Telegram's flood limits: one pacer for every message the bot sends.

Telegram lets a bot send about 20 messages a minute to one group and 30 a second in all;
past that it answers 429 and then nothing. The outbox's sender asks the pacer when a chat
may next be sent to (so that what waits can be merged) and takes its turn itself; every
other call (scheduled posts, buttons' answers) waits here for its turn.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.chat.startup import flood_wait
from bot.config.telegram import TelegramLimits

Sleep = Callable[[float], Awaitable[object]]
GROUP_PERIOD = 60.0
OVERALL_PERIOD = 1.0
RETRIES = 2
"""Times a call that is not the outbox's is made again after a 429's wait."""
SENDS = ("send", "edit", "copy", "forward")
"""What Telegram counts: a method name starting so (sendChatAction excepted)."""


class Window:
    """At most `rate` events in any `period` seconds; 0 means no limit."""

    def __init__(self, rate: int, period: float) -> None:
        self.rate = rate
        self.period = period
        self._times: deque[float] = deque(maxlen=rate or 1)

    def wait(self, now: float, count: int = 1) -> float:
        """Seconds from `now` until `count` more events fit (an album counts each photo)."""
        count = min(count, self.rate)
        if not self.rate or len(self._times) + count <= self.rate:
            return 0.0
        oldest_to_go = self._times[len(self._times) + count - self.rate - 1]
        return max(0.0, oldest_to_go + self.period - now)

    def add(self, now: float, count: int = 1) -> None:
        if self.rate:
            self._times.extend([now] * count)

    def add_earlier(self, at: float, count: int = 1) -> None:
        """Count events that happened at `at`, which may be before the newest counted
        (another instance's sends, learnt late): the window stays in time order."""
        if self.rate:
            times = sorted([*self._times, *[at] * count])
            self._times = deque(times[-self.rate :], maxlen=self.rate)


class Pacer(BaseRateLimiter[bool]):
    """`rate_limit_args=True` on a call says its caller has already taken the turn."""

    def __init__(
        self,
        limits: TelegramLimits,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.limits = limits
        self._now = monotonic
        self._sleep = sleep
        self._overall = Window(limits.messages_per_second, OVERALL_PERIOD)
        self._groups: defaultdict[object, Window] = defaultdict(
            lambda: Window(limits.group_messages_per_minute, GROUP_PERIOD)
        )
        self._held: dict[object, float] = {}
        self._elsewhere: dict[int, dict[int, float]] = {}
        """Each group's sends by other instances counted so far, by outbox id: when."""

    def wait(self, chat_id: object, count: int = 1) -> float:
        """Seconds until `count` messages to `chat_id` may go."""
        now = self._now()
        waits = [self._overall.wait(now, count), self._held.get(chat_id, now) - now]
        if _is_group(chat_id):
            waits.append(self._groups[chat_id].wait(now, count))
        return max(0.0, *waits)

    def take(self, chat_id: object, count: int = 1) -> None:
        """Count `count` messages to `chat_id` as sent now."""
        now = self._now()
        self._overall.add(now, count)
        if _is_group(chat_id):
            self._groups[chat_id].add(now, count)

    def elsewhere(self, chat_id: int, sends: Iterable[tuple[int, float, int]]) -> None:
        """Count what other instances sent to a group, (outbox id, seconds ago, messages)
        each, every one once: all instances keep to one flood limit per group."""
        now = self._now()
        seen = self._elsewhere.setdefault(chat_id, {})
        for outbox_id, ago, count in sends:
            ago = max(0.0, ago)  # recorded after `now` was read: it is now
            if outbox_id not in seen and _is_group(chat_id):
                seen[outbox_id] = now - ago
                self._groups[chat_id].add_earlier(now - ago, count)
        for outbox_id, at in list(seen.items()):
            if at < now - GROUP_PERIOD:
                del seen[outbox_id]

    def held_for(self, chat_id: object) -> float:
        """Seconds until the chat's hold (from a 429) is over; 0 if none."""
        return max(0.0, self._held.get(chat_id, 0.0) - self._now())

    def hold(self, chat_id: object, seconds: float) -> None:
        """Telegram said to wait: nothing goes to that chat for `seconds`."""
        self._held[chat_id] = max(self._held.get(chat_id, 0.0), self._now() + seconds)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: bool | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        counted = endpoint.startswith(SENDS) and endpoint != "sendChatAction"
        chat_id = data.get("chat_id")
        media = data.get("media")
        count = len(media) if isinstance(media, list | tuple) and media else 1
        for attempt in range(RETRIES + 1):
            if counted and not rate_limit_args:
                while (wait := self.wait(chat_id, count)) > 0:
                    await self._sleep(wait)
                self.take(chat_id, count)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                self.hold(chat_id, flood_wait(error))
                if rate_limit_args or attempt == RETRIES:
                    raise
                if not counted:
                    await self._sleep(flood_wait(error))
        raise AssertionError("unreachable: the last attempt returns or raises")


def _is_group(chat_id: object) -> bool:
    """Groups and channels have negative ids (or a @username); the per-minute limit is
    theirs."""
    return isinstance(chat_id, str) or (isinstance(chat_id, int) and chat_id < 0)
