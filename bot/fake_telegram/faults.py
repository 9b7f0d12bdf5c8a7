"""What a bad day at Telegram does to the bot's calls, as a test sets it: errors on the
next calls, errors at random, slow answers, and a group's flood limit enforced."""

from __future__ import annotations

import asyncio
import math
import random
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.fake_telegram.objects import ApiError
from bot.fake_telegram.params import Params

GROUP_WINDOW = 60.0
"""Telegram counts a group's messages over a minute."""


@dataclass(frozen=True, slots=True)
class Refusal:
    """An error answer; `retry_after` makes it a flood wait (429 with parameters)."""

    error: ApiError
    retry_after: int | None = None


def flood_wait(seconds: int) -> Refusal:
    return Refusal(ApiError(429, f"Too Many Requests: retry after {seconds}"), seconds)


class Faults:
    """The faults of one fake server, consulted before each call is answered."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self._next: dict[str, tuple[int, Refusal]] = {}
        self._random: dict[str, tuple[float, random.Random]] = {}
        self._latency: dict[str, float] = {}
        self._group_limit = 0
        self._group_sends: defaultdict[int, deque[float]] = defaultdict(deque)
        self.refused_floods = 0
        """How many sends the enforced group limit answered with 429."""

    def fail_next(self, method: str, times: int, refusal: Refusal) -> None:
        self._next[method.lower()] = (times, refusal)

    def fail_at_random(self, methods: tuple[str, ...], rate: float, seed: int) -> None:
        """Answer about `rate` of the calls of each method with a 429 or a 500, half each."""
        for method in methods:
            self._random[method.lower()] = (rate, random.Random(f"{seed}:{method.lower()}"))

    def slow_down(self, method: str, seconds: float) -> None:
        self._latency[method.lower()] = seconds

    def limit_groups(self, per_minute: int) -> None:
        """Refuse a send to a group that has had `per_minute` messages in the last minute
        of the server's clock, as Telegram does (0: no limit)."""
        self._group_limit = per_minute
        self._group_sends.clear()

    async def check(self, method: str, params: Params) -> Refusal | None:
        """The refusal the call gets, or None once it may be answered (after any delay)."""
        name = method.lower()
        remaining, refusal = self._next.get(name, (0, None))
        if refusal is not None and remaining > 0:
            self._next[name] = (remaining - 1, refusal)
            return refusal
        if name in self._random:
            rate, chance = self._random[name]
            if chance.random() < rate:
                return flood_wait(1) if chance.random() < 0.5 else _server_error()
        if limited := self._flood(name, params):
            return limited
        if latency := self._latency.get(name):
            await asyncio.sleep(latency)
        return None

    def _flood(self, name: str, params: Params) -> Refusal | None:
        chat = params.values.get("chat_id")
        if not self._group_limit or not name.startswith("send") or not _group(chat):
            return None
        assert isinstance(chat, int)
        now = self._clock().timestamp()
        sends = self._group_sends[chat]
        while sends and sends[0] <= now - GROUP_WINDOW:
            sends.popleft()
        if len(sends) >= self._group_limit:
            self.refused_floods += 1
            return flood_wait(max(1, math.ceil(sends[0] + GROUP_WINDOW - now)))
        sends.append(now)
        return None


def _group(chat: object) -> bool:
    return isinstance(chat, int) and chat < 0


def _server_error() -> Refusal:
    return Refusal(ApiError(500, "Internal Server Error"))
