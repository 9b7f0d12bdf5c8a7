"""Updates by webhook: while one is set, the fake POSTs each queued update to its URL.

Delivery is one POST at a time, in update order, the next only after the answer to the last:
Telegram's max_connections=1. A larger max_connections is accepted and shown (the bot asks
for 40) but not honoured, so that tests see a deterministic order. An update leaves the
queue only when its POST is answered 2xx; any other answer, or none, is recorded as the
webhook's last error and the same update is posted again after ``retry_delay`` (real
seconds: the POSTs are real HTTP). Unlike Telegram the fake takes http:// URLs, such as a
test's receiver on 127.0.0.1, and does not act on a method call in the answer's body.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import aiohttp
from yarl import URL

from bot.fake_telegram.objects import JSON, ApiError, unix
from bot.fake_telegram.signals import Signal
from bot.fake_telegram.updates import UpdateQueue

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_MAX_CONNECTIONS = 40
_SECRET = re.compile(r"[A-Za-z0-9_-]*")
_ANSWER_TIMEOUT = aiohttp.ClientTimeout(total=30)
"""A receiver that never answers would otherwise hold delivery up for good."""


@dataclass(frozen=True, slots=True)
class Attempt:
    """One POST: the update it carried and the answer's status (None: no answer)."""

    update_id: int
    status: int | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class _Target:
    url: str
    secret_token: str
    max_connections: int


class Webhook:
    """The webhook of one fake bot: its setting, the task delivering to it, what it saw."""

    def __init__(
        self, updates: UpdateQueue, clock: Callable[[], datetime], retry_delay: float = 0.1
    ) -> None:
        self.retry_delay = retry_delay
        """Seconds between a refused or failed POST and the next try of the same update."""
        self.attempts: list[Attempt] = []
        """Every POST made, over every webhook set, oldest first: for tests to count."""
        self.last_error_date: int | None = None
        self.last_error_message: str | None = None
        self._updates = updates
        self._clock = clock
        self._target: _Target | None = None
        self._running = False
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None
        self._attempted = Signal()

    @property
    def url(self) -> str:
        return self._target.url if self._target else ""

    @property
    def secret_token(self) -> str | None:
        """None also when set without one: Telegram then sends no secret header."""
        return (self._target.secret_token if self._target else "") or None

    @property
    def statuses(self) -> Counter[int | None]:
        """How many POSTs got each status, e.g. ``statuses[403]``; None counts no answer."""
        return Counter(attempt.status for attempt in self.attempts)

    async def set(self, url: str, *, secret_token: str, max_connections: int) -> None:
        """setWebhook: validate as Telegram does, then deliver to the new target (setting
        the same one again changes nothing, as when every bot instance registers it)."""
        if not _http_url(url):
            raise ApiError.bad_request("invalid webhook URL specified")
        if len(secret_token) > 256:
            raise ApiError.bad_request("secret token is too long")
        if not _SECRET.fullmatch(secret_token):
            raise ApiError.bad_request("secret token contains unallowed characters")
        target = _Target(url, secret_token, min(max(max_connections, 1), 100))
        self._updates.webhook_set()
        if target == self._target:
            self._resume()
            return
        await self._halt()
        self._target = target
        self.last_error_date = self.last_error_message = None
        self._resume()

    async def delete(self) -> None:
        """deleteWebhook: stop delivering; the undelivered updates wait for getUpdates."""
        await self._halt()
        self._target = None
        self.last_error_date = self.last_error_message = None
        self._updates.webhook_deleted()

    def info(self) -> JSON:
        """getWebhookInfo's answer; the optional fields only when Telegram includes them."""
        info: JSON = {
            "url": self.url,
            "has_custom_certificate": False,
            "pending_update_count": self._updates.pending_count,
        }
        if self.last_error_date is not None:
            info["last_error_date"] = self.last_error_date
            info["last_error_message"] = self.last_error_message
        if self._target is not None:
            info["max_connections"] = self._target.max_connections
        if (allowed := self._updates.allowed_updates) is not None:
            info["allowed_updates"] = allowed
        return info

    def describe(self) -> str:
        """For wait_delivered's timeout: why the updates are still pending."""
        if self._target is None:
            return ""
        return f"; webhook {self.url}, last error: {self.last_error_message}"

    async def wait_for_attempts(self, count: int, timeout: float = 5) -> list[Attempt]:  # noqa: ASYNC109 - a bounded test helper
        """Every POST so far, once at least `count` were answered (or failed)."""
        try:
            async with asyncio.timeout(timeout):
                await self._attempted.wait_until(lambda: len(self.attempts) >= count)
        except TimeoutError:
            raise TimeoutError(f"{len(self.attempts)} of {count} POSTs made") from None
        return list(self.attempts)

    def start(self) -> None:
        """With the server: a webhook set before a stop is delivered to again, as Telegram
        keeps it while the bot is away."""
        self._running = True
        self._resume()

    async def stop(self) -> None:
        self._running = False
        await self._halt()
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()

    def _resume(self) -> None:
        idle = self._task is None or self._task.done()
        if self._running and self._target is not None and idle:
            self._task = asyncio.create_task(self._deliver(self._target))

    async def _halt(self) -> None:
        """Cancel delivery; an update whose POST was cut off is still queued."""
        if self._task is not None:
            task, self._task = self._task, None
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _deliver(self, target: _Target) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=_ANSWER_TIMEOUT)
        headers = {SECRET_HEADER: target.secret_token} if target.secret_token else {}
        while True:
            update = await self._updates.next_for_webhook()
            status, error = await self._post(self._session, target.url, update, headers)
            self.attempts.append(Attempt(update["update_id"], status, error))
            self._attempted.notify()
            if status is not None and 200 <= status <= 299:
                self._updates.delivered(update["update_id"])
                continue
            self.last_error_date = unix(self._clock())
            self.last_error_message = error
            await asyncio.sleep(self.retry_delay)

    @staticmethod
    async def _post(
        session: aiohttp.ClientSession, url: str, update: JSON, headers: dict[str, str]
    ) -> tuple[int | None, str | None]:
        """The answer's status, and the error Telegram would show for it, in its words."""
        try:
            async with session.post(url, json=update, headers=headers) as answer:
                await answer.read()
        except aiohttp.ClientConnectorError:
            return None, "Connection refused"
        except TimeoutError:
            return None, "Read timeout expired"
        except aiohttp.ClientError:
            return None, "Webhook connection closed"
        if 200 <= answer.status <= 299:
            return answer.status, None
        return answer.status, f"Wrong response from the webhook: {answer.status} {answer.reason}"


def _http_url(url: str) -> bool:
    try:
        parsed = URL(url)
    except ValueError:
        return False
    return url.isprintable() and parsed.scheme in ("http", "https") and bool(parsed.host)
