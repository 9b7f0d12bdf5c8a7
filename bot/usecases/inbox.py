"""The inbox: an update is stored before Telegram is told it arrived, and handled from the
store, so an update that reached the bot is handled even if the process dies right after.

One transaction each. Handling is idempotent per message and version, so an update handled
but not yet marked done when the process died is harmless to handle again.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractContextManager, asynccontextmanager
from datetime import datetime, timedelta

from bot.storage.durability import replayable
from bot.storage.errors import passing
from bot.storage.locks import Kind
from bot.storage.unit_of_work import Database

KEPT_FOR = timedelta(days=7)
"""How long a handled update stays in the inbox, to look into what happened."""


class Inbox:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def keep(self, updates: Sequence[tuple[int, int | None, str]], *, now: datetime) -> None:
        """Store a getUpdates batch as (update id, chat id, JSON); call before fetching the
        next batch, whose offset tells Telegram these arrived."""
        async with self.database.transaction() as uow:
            await uow.inbox.keep(updates, now)

    async def next_offset(self) -> int | None:
        """The offset to fetch from: past every update kept, or None for a first start."""
        async with self.database.reading() as uow:
            last = await uow.inbox.last_id()
        return None if last is None else last + 1

    async def pending(self, *, after: int = 0, limit: int = 50) -> list[tuple[int, int, str]]:
        """The oldest updates not handled yet stored after place `after`, as (place, update
        id, JSON)."""
        async with self.database.reading() as uow:
            return await uow.inbox.pending(after, limit)

    async def chats(self, *, limit: int = 50) -> list[int | None]:
        """The chats with updates waiting, longest waiting first: each chat's updates are
        handled in order, by one instance at a time (`handling`)."""
        async with self.database.reading() as uow:
            return await uow.inbox.chats(limit)

    @asynccontextmanager
    async def handling(self, chat_id: int | None) -> AsyncIterator[bool]:
        """Whether this process may handle the chat's updates for the block: no other
        instance is (on PostgreSQL, a lock that ends with the block, or with the process)."""
        key = "none" if chat_id is None else str(chat_id)
        async with self.database.locks.hold(Kind.CHAT_UPDATES, key) as held:
            yield held

    @staticmethod
    def passes(error: BaseException) -> bool:
        """Whether a handler failed because the database was out of reach for a while: its
        update is then not done, and handled again once the database answers."""
        return passing(error)

    def replaying(self) -> AbstractContextManager[None]:
        """Around the handling of one stored update: what it commits can be made again from
        the inbox until the update is marked done, so it need not wait for the disk."""
        return replayable()

    async def of_chat(self, chat_id: int | None, *, limit: int = 20) -> list[tuple[int, int, str]]:
        """The chat's oldest updates not handled yet; read while `handling` it, so that
        none another instance has just handled comes back."""
        async with self.database.reading() as uow:
            return await uow.inbox.of_chat(chat_id, limit)

    async def done(self, update_ids: Sequence[int], *, now: datetime) -> None:
        async with self.database.transaction() as uow:
            await uow.inbox.done(update_ids, now)

    async def tidy(self, *, now: datetime) -> int:
        """Forget updates handled more than KEPT_FOR ago; how many went."""
        async with self.database.transaction() as uow:
            return await uow.inbox.forget(now - KEPT_FOR)
