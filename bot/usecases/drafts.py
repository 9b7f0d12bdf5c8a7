"""Where a `/pk new` draft waits between two updates: in the database, under the chat and
the bot message that asks its next step, so that a restart keeps a half-made contest and
whichever instance a button press or a reply reaches finds it.

A draft is answered once: it is taken (deleted and returned in one statement) before its
answer is acted on, so two presses of one button, on one instance or on two, never both
get it. Keeping a draft tidies away those long expired, so the table never grows.

The wizard's handler sends its steps itself, not through the outbox, right after taking
a draft and before keeping the next: both commits wait for the disk (storage.durability),
so a power cut never has a step answered twice or a draft lost under a step shown.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.contest_form import LIFETIME, Draft
from bot.storage.durability import lasting
from bot.storage.unit_of_work import Database

KEPT_EXPIRED = timedelta(days=1)
"""How long an expired draft stays after its LIFETIME: meanwhile a late reply to its step
is still told that it expired, rather than being read as any other message."""


class Drafts:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def keep(self, chat_id: int, draft: Draft, *, now: datetime) -> None:
        """Keep `draft` under the message asking its next step; drop those long expired."""
        with lasting():
            async with self.database.transaction() as uow:
                await uow.drafts.forget_before(now - LIFETIME - KEPT_EXPIRED)
                await uow.drafts.keep(chat_id, draft, now=now)

    async def peek(self, chat_id: int, message_id: int) -> Draft | None:
        """The draft `message_id` asks the next step of, to decide whether to answer it;
        answering it needs `take`, which may still find it gone."""
        async with self.database.reading() as uow:
            return await uow.drafts.peek(chat_id, message_id)

    async def take(self, chat_id: int, message_id: int) -> Draft | None:
        """The draft `message_id` asks the next step of, no longer kept; None if it is not
        (never was, tidied, or just taken by another press or another instance)."""
        with lasting():
            async with self.database.transaction() as uow:
                return await uow.drafts.take(chat_id, message_id)
