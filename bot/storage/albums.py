"""The album items' reads and writes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.album_tables import AlbumItem
from bot.storage.upsert import insert

Waiting = tuple[int, str, str]
"""An item not taken yet: (id, message JSON, sender JSON)."""


class Albums:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def gather(
        self, chat_id: int, album: str, message_id: int, message: str, sender: str, now: datetime
    ) -> None:
        row = {
            "chat_id": chat_id, "album": album, "message_id": message_id,
            "message": message, "sender": sender, "arrived_at": now,
        }  # fmt: skip
        statement = insert(self._session, AlbumItem).values(row)
        await self._session.execute(
            statement.on_conflict_do_nothing(index_elements=["chat_id", "message_id"])
        )

    async def waiting(self, chat_id: int, album: str) -> list[Waiting]:
        statement = (
            select(AlbumItem.id, AlbumItem.message, AlbumItem.sender)
            .where(
                AlbumItem.chat_id == chat_id,
                AlbumItem.album == album,
                AlbumItem.taken_at.is_(None),
            )
            .order_by(AlbumItem.message_id)
        )
        return [
            (i, message, sender) for i, message, sender in await self._session.execute(statement)
        ]

    async def taken(self, ids: Sequence[int], now: datetime) -> None:
        await self._session.execute(
            update(AlbumItem).where(AlbumItem.id.in_(list(ids))).values(taken_at=now)
        )

    async def left(self, before: datetime | None) -> list[tuple[int, str]]:
        """Albums with items not taken that arrived before `before` (any, if None)."""
        statement = (
            select(AlbumItem.chat_id, AlbumItem.album)
            .where(AlbumItem.taken_at.is_(None))
            .group_by(AlbumItem.chat_id, AlbumItem.album)
            .order_by(func.min(AlbumItem.arrived_at))
        )
        if before is not None:
            statement = statement.having(func.max(AlbumItem.arrived_at) < before)
        return [(chat_id, album) for chat_id, album in await self._session.execute(statement)]

    async def forget(self, before: datetime) -> int:
        """Drop items taken before `before`."""
        result = await self._session.execute(delete(AlbumItem).where(AlbumItem.taken_at < before))
        return result.rowcount or 0
