"""The pending-update queue behind getUpdates, with Telegram's long-polling semantics.

Telegram keeps every update until a later getUpdates call passes an ``offset`` above its id;
handing an update out does not remove it. That confirmation step is also what tests wait for:
PTB only raises its offset after it has put the fetched updates into its own update queue.
While a webhook is set the same queue feeds the webhook instead (webhook.py), an update
leaving it once the bot answered its POST with a 2xx, and getUpdates is refused.
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
_WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
_ENDED_BY_WEBHOOK = "Conflict: terminated by setWebhook request"


class UpdateQueue:
    def __init__(self) -> None:
        self.history: list[JSON] = []
        self._pending: list[JSON] = []
        self._last_id = 0
        self._allowed: frozenset[str] = DEFAULT_ALLOWED
        self._handed_out: set[int] = set()
        self._poll_generation = 0
        self._closed = False
        self.webhook_active = False
        """Set by the webhook: getUpdates is refused meanwhile, as on Telegram."""
        self._webhook_sets = 0
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

    @property
    def allowed_updates(self) -> list[str] | None:
        """What getWebhookInfo shows: None while Telegram's default applies."""
        return None if self._allowed == DEFAULT_ALLOWED else sorted(self._allowed)

    def allow(self, allowed: Collection[str] | None) -> None:
        """Both getUpdates and setWebhook change the filter, and only when they name one."""
        if allowed is not None:
            self._allowed = frozenset(allowed) or DEFAULT_ALLOWED

    def webhook_set(self) -> None:
        """End every waiting long poll with a 409, as Telegram does on setWebhook, and refuse
        the next ones until ``webhook_deleted``."""
        self.webhook_active = True
        self._webhook_sets += 1
        self._signal.notify()

    def webhook_deleted(self) -> None:
        self.webhook_active = False

    async def next_for_webhook(self) -> JSON:
        """The oldest pending update, once there is one; it stays queued until ``delivered``,
        so that a refused POST is made again with the same update."""
        await self._signal.wait_until(lambda: bool(self._pending))
        update = self._pending[0]
        self._handed_out.add(update["update_id"])
        return copy.deepcopy(update)

    def delivered(self, update_id: int) -> None:
        self._pending = [u for u in self._pending if u["update_id"] != update_id]
        self._signal.notify()

    async def get(
        self, offset: int, limit: int, poll_seconds: float, allowed: Collection[str] | None
    ) -> list[JSON]:
        """One getUpdates call: confirm, then answer at once or wait for the first update.

        A newer call supersedes an older one still waiting, as on Telegram; this also frees
        handlers whose client already gave up (PTB cancels its in-flight request on stop).
        """
        if self.webhook_active:
            raise ApiError(409, _WEBHOOK_ACTIVE)
        if not 1 <= limit <= 100:
            raise ApiError.bad_request("limit must be between 1 and 100")
        self._confirm(offset)
        self.allow(allowed)
        self._poll_generation += 1
        generation, webhook_sets = self._poll_generation, self._webhook_sets
        self._signal.notify()

        def answerable() -> bool:
            return (
                bool(self._pending)
                or self._closed
                or generation != self._poll_generation
                or webhook_sets != self._webhook_sets
            )

        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(max(poll_seconds, 0)):
                await self._signal.wait_until(answerable)
        if webhook_sets != self._webhook_sets:
            raise ApiError(409, _ENDED_BY_WEBHOOK)
        if generation != self._poll_generation:
            raise ApiError(409, _CONFLICT)
        batch = [] if self._closed else self._pending[:limit]
        self._handed_out.update(update["update_id"] for update in batch)
        return copy.deepcopy(batch)

    async def wait_delivered(self) -> None:
        """Return once no update awaits confirmation (by webhook: an update stays pending
        until its POST was answered 2xx); bound it with ``asyncio.timeout``."""
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
