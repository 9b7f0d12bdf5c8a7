"""Telling the managers what no group shows: a post that could not be made or sent, a
start after the bot was down across a post's time, sends that keep failing, a photo store
that refuses. Each once, in `[bot] alert_chat`, or without one in the private chat of
each manager who has written to the bot (Telegram lets a bot write to no one else).

Alerts go through the outbox like everything the bot says, queued in the transaction of
what they report where there is one."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.config.settings import Config
from bot.domain.outgoing import ALERT, Outgoing
from bot.rendering.alerts import post_failed_text
from bot.rendering.texts import Texts
from bot.storage.unit_of_work import Database, UnitOfWork

log = logging.getLogger(__name__)


class Alerting:
    def __init__(self, database: Database, config: Config) -> None:
        self.database = database
        self.config = config

    async def tell(self, key: str, text: str, *, now: datetime) -> bool:
        """Tell the managers `text`, unless the alert `key` was told before."""
        async with self.database.transaction() as uow:
            return await tell(uow, self.config, key, text, now)

    async def post_failed(self, uow: UnitOfWork, post_id: int, error: str, now: datetime) -> None:
        """A post's messages finally failed (refused, or not sent within its grace)."""
        described = await uow.posts.described(post_id)
        if described is None:
            return
        chat_id, kind, period = described
        await tell(uow, self.config, post_key(chat_id, kind, period),
                   post_failed(self.config, chat_id, kind, error), now)  # fmt: skip

    async def started(self, user_id: int, *, now: datetime) -> None:
        """Someone wrote to the bot in private: the bot may write to them from now on."""
        async with self.database.transaction() as uow:
            await uow.alerts.start(user_id, now)

    async def beat(self, *, now: datetime) -> datetime | None:
        """The bot runs at `now`; when it was last seen running before (None: never)."""
        async with self.database.transaction() as uow:
            return await uow.alerts.beat(now)


async def tell(uow: UnitOfWork, config: Config, key: str, text: str, now: datetime) -> bool:
    """Queue the alert for each recipient, once per key; whether it was new."""
    alert_id = await uow.alerts.add(key, text, now)
    if alert_id is None:
        return False
    recipients = (
        [config.alert_chat] if config.alert_chat else await uow.alerts.started(config.managers)
    )
    if not recipients:
        log.warning("Nobody to alert (no [bot] alert_chat, no manager wrote to the bot): %s", text)
    for chat_id in recipients:
        await uow.outbox.add(Outgoing(chat_id, alert_id, ALERT, text, reply=False), now)
    return True


def post_key(chat_id: int, kind: str, period: str) -> str:
    return f"post:{chat_id}:{kind}:{period}"


def post_failed(config: Config, chat_id: int, kind: str, error: str) -> str:
    where, at = place(config, chat_id, kind)
    return post_failed_text(Texts(config.language), where=where, time=at, kind=kind, error=error)


def place(config: Config, chat_id: int, kind: str) -> tuple[str, str]:
    """The chat's name in 「」 when the bot serves several chats (else nothing), and the
    post's time of day."""
    chat = config.chat(chat_id)
    where = f"「{chat.title}」" if chat is not None and len(config.chats) > 1 else ""
    rule = next((r for r in chat.schedule.rules if r.kind.value == kind), None) if chat else None
    return where, rule.at.strftime("%H:%M") if rule else ""


def clock_text(moment: datetime, config: Config) -> str:
    return moment.astimezone(config.timezone).strftime("%H:%M")
