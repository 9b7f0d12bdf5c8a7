"""The inbox's reads and writes: updates kept once each, handled in the order they came."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.inbox_tables import InboxUpdate
from bot.storage.upsert import insert


class Inbox:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def keep(self, updates: Sequence[tuple[int, int | None, str]], now: datetime) -> None:
        """Store (update id, chat id, JSON) rows; one Telegram delivers again is kept once."""
        if not updates:
            return
        rows = [
            {"update_id": update_id, "chat_id": chat_id, "payload": payload, "received_at": now}
            for update_id, chat_id, payload in updates
        ]
        statement = insert(self._session, InboxUpdate).values(rows)
        await self._session.execute(statement.on_conflict_do_nothing(index_elements=["update_id"]))

    async def pending(self, after: int, limit: int) -> list[tuple[int, int, str]]:
        """The oldest updates not handled yet stored after `after`, as (place, update id,
        JSON), in the order they were stored."""
        statement = (
            select(InboxUpdate.id, InboxUpdate.update_id, InboxUpdate.payload)
            .where(InboxUpdate.done_at.is_(None), InboxUpdate.id > after)
            .order_by(InboxUpdate.id)
            .limit(limit)
        )
        rows = await self._session.execute(statement)
        return [(place, update_id, payload) for place, update_id, payload in rows]

    async def chats(self, limit: int) -> list[int | None]:
        """The chats with updates not handled yet, the one waiting longest first (None:
        updates of no chat)."""
        statement = (
            select(InboxUpdate.chat_id)
            .where(InboxUpdate.done_at.is_(None))
            .group_by(InboxUpdate.chat_id)
            .order_by(func.min(InboxUpdate.id))
            .limit(limit)
        )
        return list((await self._session.execute(statement)).scalars())

    async def of_chat(self, chat_id: int | None, limit: int) -> list[tuple[int, int, str]]:
        """A chat's oldest updates not handled yet, as `pending` gives them."""
        chat = InboxUpdate.chat_id
        statement = (
            select(InboxUpdate.id, InboxUpdate.update_id, InboxUpdate.payload)
            .where(
                InboxUpdate.done_at.is_(None),
                chat.is_(None) if chat_id is None else chat == chat_id,
            )
            .order_by(InboxUpdate.id)
            .limit(limit)
        )
        rows = await self._session.execute(statement)
        return [(place, update_id, payload) for place, update_id, payload in rows]

    async def done(self, update_ids: Sequence[int], now: datetime) -> None:
        await self._session.execute(
            update(InboxUpdate.__table__)  # Core: the ORM's handling costs more than the UPDATE
            .where(InboxUpdate.__table__.c.update_id.in_(list(update_ids)))
            .values(done_at=now)
        )

    async def last_id(self) -> int | None:
        """The update id of the update stored last: the next getUpdates confirms it."""
        statement = select(InboxUpdate.update_id).order_by(InboxUpdate.id.desc()).limit(1)
        return (await self._session.execute(statement)).scalar()

    async def forget(self, before: datetime) -> int:
        """Drop updates handled before `before`; they are kept a while for the log's sake."""
        result = await self._session.execute(
            delete(InboxUpdate).where(InboxUpdate.done_at < before)
        )
        return result.rowcount or 0
