"""Scheduled posts: a row claimed per (chat, kind, period) before anything is sent.

The unique constraint is what makes a post happen once, across restarts and
across several running instances: whoever inserts the row posts.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.tables import Post
from bot.storage.upsert import insert

CLAIMED, POSTED, UNCERTAIN = "claimed", "posted", "uncertain"


class Posts:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, chat_id: int, kind: str, period: str, now: datetime) -> bool:
        """True when this caller won the post; False when it was made or is being made."""
        statement = (
            insert(self._session, Post)
            .values(chat_id=chat_id, kind=kind, period=period, status=CLAIMED, claimed_at=now)
            .on_conflict_do_nothing(index_elements=["chat_id", "kind", "period"])
            .returning(Post.id)
        )
        return (await self._session.execute(statement)).first() is not None

    async def finish(
        self, chat_id: int, kind: str, period: str, *, status: str, message_ids: list[int],
        now: datetime,
    ) -> None:  # fmt: skip
        await self._session.execute(
            update(Post)
            .where(Post.chat_id == chat_id, Post.kind == kind, Post.period == period)
            .values(status=status, message_ids=",".join(map(str, message_ids)), posted_at=now)
        )

    async def release(self, chat_id: int, kind: str, period: str) -> None:
        """Give up a claim whose post failed, so that a retry can make it."""
        await self._session.execute(
            delete(Post).where(
                Post.chat_id == chat_id,
                Post.kind == kind,
                Post.period == period,
                Post.status == CLAIMED,
            )
        )

    async def status(self, chat_id: int, kind: str, period: str) -> str | None:
        statement = select(Post.status).where(
            Post.chat_id == chat_id, Post.kind == kind, Post.period == period
        )
        return (await self._session.execute(statement)).scalar_one_or_none()
