"""Scheduled posts: a row claimed per (chat, kind, period) before anything is sent.

The unique constraint is what makes a post happen once, across restarts and
across several running instances: whoever inserts the row posts.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.tables import Post
from bot.storage.upsert import insert

CLAIMED, POSTED, UNCERTAIN = "claimed", "posted", "uncertain"
# An uncertain post most likely went out: it closes its day like a posted one.
DONE = (POSTED, UNCERTAIN)


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
        report_day: date | None, now: datetime,
    ) -> None:  # fmt: skip
        ids = ",".join(map(str, message_ids))
        await self._session.execute(
            update(Post)
            .where(Post.chat_id == chat_id, Post.kind == kind, Post.period == period)
            .values(status=status, message_ids=ids, posted_at=now, report_day=report_day)
        )

    async def closes(self) -> dict[date, datetime]:
        """Report day → when its first bulletin was posted: figures after that are late."""
        statement = (
            select(Post.report_day, func.min(Post.posted_at))
            .where(Post.kind == "morning", Post.status.in_(DONE), Post.report_day.is_not(None))
            .group_by(Post.report_day)
        )
        return dict((await self._session.execute(statement)).all())

    async def last_posted(self, chat_id: int, kind: str) -> datetime | None:
        statement = select(func.max(Post.posted_at)).where(
            Post.chat_id == chat_id, Post.kind == kind, Post.status.in_(DONE)
        )
        return (await self._session.execute(statement)).scalar_one_or_none()

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
