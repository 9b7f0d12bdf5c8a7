"""The pending-update queue behind getUpdates, with Telegram's long-polling semantics.

Telegram keeps every update until a later getUpdates call passes an ``offset`` above its id;
handing an update out does not remove it. That confirmation step is also what tests wait for:
PTB only raises its offset after it has put the fetched updates into its own update queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
from collections.abc import Collection

from bot.fake_telegram.objects import JSON, ApiError
from bot.fake_telegram.signals import Signal

# Telegram's default when allowed_updates was never set (or set to an empty list).
DEFAULT_ALLOWED = frozenset(
    [
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    ]
)
_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


class UpdateQueue:
    def __init__(self) -> None:
        self.history: list[JSON] = []
        self._pending: list[JSON] = []
        self._last_id = 0
        self._allowed: frozenset[str] = DEFAULT_ALLOWED
        self._handed_out: set[int] = set()
        self._poll_generation = 0
        self._closed = False
        self._signal = Signal()

    def number_after(self, update_id: int) -> None:
        """Number the next updates after `update_id`, as Telegram goes on numbering across
        a bot's restarts: a fresh fake starting at 1 again would repeat stored ids."""
        self._last_id = max(self._last_id, update_id)

    def push(self, kind: str, payload: JSON) -> JSON:
        """Queue an update, unless the bot's allowed_updates excludes it (Telegram filters when
        the update is created, not when it is fetched)."""
        self._last_id += 1
        update = {"update_id": self._last_id, kind: copy.deepcopy(payload)}
        self.history.append(update)
        if kind in self._allowed:
            self._pending.append(update)
            self._signal.notify()
        return update

    def redeliver(self, update: JSON) -> JSON:
        (kind,) = (key for key in update if key != "update_id")
        return self.push(kind, update[kind])

    def drop_pending(self) -> None:
        self._pending.clear()
        self._signal.notify()

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    async def get(
        self, offset: int, limit: int, poll_seconds: float, allowed: Collection[str] | None
    ) -> list[JSON]:
        """One getUpdates call: confirm, then answer at once or wait for the first update.

        A newer call supersedes an older one still waiting, as on Telegram; this also frees
        handlers whose client already gave up (PTB cancels its in-flight request on stop).
        """
        if not 1 <= limit <= 100:
            raise ApiError.bad_request("limit must be between 1 and 100")
        self._confirm(offset)
        if allowed is not None:
            self._allowed = frozenset(allowed) or DEFAULT_ALLOWED
        self._poll_generation += 1
        generation = self._poll_generation
        self._signal.notify()

        def answerable() -> bool:
            return bool(self._pending) or self._closed or generation != self._poll_generation

        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(max(poll_seconds, 0)):
                await self._signal.wait_until(answerable)
        if generation != self._poll_generation:
            raise ApiError(409, _CONFLICT)
        batch = [] if self._closed else self._pending[:limit]
        self._handed_out.update(update["update_id"] for update in batch)
        return copy.deepcopy(batch)

    async def wait_delivered(self) -> None:
        """Return once no update awaits confirmation; bound it with ``asyncio.timeout``."""
        await self._signal.wait_until(lambda: not self._pending)

    def describe_pending(self) -> str:
        ids = [update["update_id"] for update in self._pending]
        fetched = [i for i in ids if i in self._handed_out]
        return f"updates {ids} not confirmed (of which handed out: {fetched})"

    def close(self) -> None:
        """Answer every waiting long poll with an empty list so the server can shut down."""
        self._closed = True
        self._signal.notify()

    def reopen(self) -> None:
        self._closed = False

    def _confirm(self, offset: int) -> None:
        if offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]
        self._signal.notify()
