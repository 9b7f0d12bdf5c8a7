"""Turns at sending to a chat, and what other senders sent there lately."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy import text as sql
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.outbox_tables import PENDING, ChatTurn, OutboxMessage
from bot.storage.upsert import insert

Sent = tuple[int, int, datetime, int]
"""A message another sender sent: (outbox id, chat, when, how many messages it counts)."""


class Turns:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def take(self, chat_id: int, sender: str, now: datetime, until: datetime) -> bool:
        """Whether `sender` may send to the chat now: no turn, its own, or one run out.
        One statement, which locks the chat's row: of two senders, the second sees the
        first's turn."""
        statement = insert(self._session, ChatTurn).values(
            chat_id=chat_id, sender=sender, until=until
        )
        statement = statement.on_conflict_do_update(
            index_elements=["chat_id"],
            set_={"sender": statement.excluded.sender, "until": statement.excluded.until},
            where=or_(ChatTurn.sender == sender, ChatTurn.until < now),
        ).returning(ChatTurn.chat_id)
        return (await self._session.execute(statement)).scalar() is not None

    async def older_waiting(self, chat_id: int, first: int) -> bool:
        """Whether a message of the chat queued before outbox id `first` still waits (one
        another sender put back after a 429): it goes first. By the pending index."""
        statement = (
            select(OutboxMessage.id)
            .where(sql(PENDING), OutboxMessage.chat_id == chat_id, OutboxMessage.id < first)
            .limit(1)
        )
        return (await self._session.execute(statement)).first() is not None

    async def hold(self, chat_id: int, sender: str, until: datetime) -> None:
        """Keep `sender`'s turn until `until`: Telegram said to wait, and no instance may
        send into that wait."""
        await self._session.execute(
            update(ChatTurn)
            .where(ChatTurn.chat_id == chat_id, ChatTurn.sender == sender)
            .values(until=until)
        )

    async def end(self, chat_ids: Sequence[int], sender: str) -> None:
        await self._session.execute(
            delete(ChatTurn).where(ChatTurn.chat_id.in_(list(chat_ids)), ChatTurn.sender == sender)
        )

    async def sent_by_others(
        self, chat_ids: Sequence[int], sender: str, since: datetime
    ) -> list[Sent]:
        """What other senders sent to these chats since `since` (by the done_at index):
        their part of the chats' flood limits."""
        statement = select(
            OutboxMessage.id,
            OutboxMessage.chat_id,
            OutboxMessage.done_at,
            OutboxMessage.photo_count,
        ).where(
            OutboxMessage.done_at >= since,
            OutboxMessage.chat_id.in_(list(chat_ids)),
            OutboxMessage.state.in_(("sent", "uncertain")),
            OutboxMessage.claimed_by.is_distinct_from(sender),
        )
        rows = await self._session.execute(statement)
        return [(i, chat, at, max(1, count)) for i, chat, at, count in rows if at is not None]
