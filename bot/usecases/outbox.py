"""The outbox: what the bot owes a chat is stored with the change it reports, and sent
from the store, so a reply is never lost to a crash between the two nor sent twice.

A use case that changes something queues its answer in its own transaction (`queue`);
a reply that changes nothing is queued on its own (`Outbox.answer`). The chat side's
sender reads what waits, marks each message sending before the call, and sent, failed or
uncertain after it. One transaction each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TypeVar

from bot.domain.outgoing import Outgoing, Queued
from bot.storage.unit_of_work import Database, UnitOfWork

KEPT_FOR = timedelta(days=7)
"""How long a message sent (or given up) stays in the outbox, to look into what happened."""
T = TypeVar("T")
Said = Outgoing | Sequence[Outgoing] | None
Answer = Callable[[T], Said]
"""How a use case's outcome is told in the chat: a message, several (a long list split
where Telegram needs it), or None when it is not told."""


def unanswered(outcome: object) -> None:
    """The answer of a use case called for its effect alone (a caption's figures, whose
    photos' answer tells of them)."""
    return


async def queue(uow: UnitOfWork, said: Said, now: datetime) -> None:
    """Queue what is said in the transaction of the change it reports."""
    for message in [said] if isinstance(said, Outgoing) else said or ():
        await uow.outbox.add(message, now)


async def answered(database: Database, answer: Answer[T], outcome: T, now: datetime) -> T:
    """Queue the answer to an outcome that changed nothing (a refusal), on its own."""
    if said := answer(outcome):
        async with database.transaction() as uow:
            await queue(uow, said, now)
    return outcome


class Outbox:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def answer(self, message: Outgoing, *, now: datetime) -> None:
        """Queue a reply that reports no change (a ranking, a usage hint)."""
        async with self.database.transaction() as uow:
            await queue(uow, message, now)

    async def waiting(self, *, limit: int = 500) -> list[Queued]:
        async with self.database.reading() as uow:
            return await uow.outbox.waiting(limit)

    async def sending(self, ids: Sequence[int]) -> set[int]:
        """Mark messages as being sent (from here a crash leaves them uncertain); the ids
        this sender took, which only it may send."""
        async with self.database.transaction() as uow:
            return await uow.outbox.claim(ids)

    async def retry(self, ids: Sequence[int], *, now: datetime) -> None:
        """Telegram refused before taking them (429, 5xx, no connection): send them later."""
        async with self.database.transaction() as uow:
            await uow.outbox.mark(ids, "pending", now)

    async def sent(self, items: Sequence[Queued], sent_id: int, *, now: datetime) -> None:
        """Telegram has them as message `sent_id`: a confirmation becomes what `/undo` may
        reply to (a merged one, for each report it lists)."""
        async with self.database.transaction() as uow:
            await uow.outbox.mark([item.id for item in items], "sent", now, sent_id=sent_id)
            for message in (item.message for item in items if item.message.undoable):
                await uow.reports.link_reply(message.chat_id, message.source_id, sent_id)

    async def failed(self, ids: Sequence[int], error: str, *, now: datetime) -> None:
        """Telegram refused them for good (400, 403): logged, not sent again."""
        async with self.database.transaction() as uow:
            await uow.outbox.mark(ids, "failed", now, error=error)

    async def uncertain(self, ids: Sequence[int], *, now: datetime) -> None:
        """The call timed out: they may have arrived, so they are not sent again."""
        async with self.database.transaction() as uow:
            await uow.outbox.mark(ids, "uncertain", now)

    async def recover(self, *, now: datetime) -> int:
        """At start: what a stopped process was sending is uncertain. How many."""
        async with self.database.transaction() as uow:
            return await uow.outbox.abandon_sending(now)

    async def tidy(self, *, now: datetime) -> int:
        """Forget messages done with more than KEPT_FOR ago; how many went."""
        async with self.database.transaction() as uow:
            return await uow.outbox.forget(now - KEPT_FOR)
