"""Scheduled posts: a row claimed per (chat, kind, period) with the post's messages.

The unique constraint is what makes a post happen once, across restarts and across
several running instances: whoever inserts the row queues the post's messages in the
same transaction, and the outbox sends them. A post whose sending finally failed is
given back, so a later run may make it again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import cache, partial

from sqlalchemy import Select, bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.outgoing import POST
from bot.storage import plain
from bot.storage.kept import Keeping, Kept, Queuing
from bot.storage.outbox_tables import OutboxMessage
from bot.storage.roster import Chats
from bot.storage.tables import Post
from bot.storage.upsert import insert

QUEUED, POSTED, UNCERTAIN, FAILED = "queued", "posted", "uncertain", "failed"
# A post queued is as good as made: it closes its day. An uncertain one most likely
# went out. A failed one was not seen, and may be made again.
DONE = (QUEUED, POSTED, UNCERTAIN)


@cache
def _closing() -> Select[tuple[int]]:
    """A bulletin of one day, built once in Core: every report asks whether there is one."""
    posts = Post.__table__
    return (
        select(posts.c.id)
        .where(posts.c.report_day == bindparam("day"), posts.c.kind == "morning")
        .where(posts.c.status.in_(DONE))
        .limit(1)
    )


class Posts:
    def __init__(
        self, session: AsyncSession, chats: Chats, queuing: Queuing, kept: Kept[date, bool] | None
    ) -> None:
        self._session = session
        self._chats = chats
        self._queuing = queuing
        """A post made afresh drops what was queued of it before."""
        self.keeping = Keeping(kept)
        """Whether each day is closed, asked by every report, kept where this process alone
        makes posts (storage.kept)."""

    async def claim(
        self, chat_id: int, kind: str, period: str, *, report_day: date | None, now: datetime,
        finishes: Sequence[int] = (),
    ) -> int | None:  # fmt: skip
        """The new post's id when this caller won it (taking over one that failed); None
        when it was made or is being made. `now` is when its content was read: what
        changes after that is news for the next one."""
        key = (Post.chat_id == chat_id, Post.kind == kind, Post.period == period)
        self.keeping.writing()
        times = {
            "claimed_at": now, "posted_at": now, "report_day": report_day,
            "finishes": ",".join(map(str, finishes)),
        }  # fmt: skip
        retake = (
            update(Post).where(*key, Post.status == FAILED).values(status=QUEUED, **times)
        ).returning(Post.id)
        if (post_id := (await self._session.execute(retake)).scalar_one_or_none()) is not None:
            # What was queued of it failed and is told in the log: the post starts afresh.
            self._queuing.lost()
            await self._session.execute(
                delete(OutboxMessage).where(
                    OutboxMessage.chat_id == chat_id,
                    OutboxMessage.source_id == post_id,
                    OutboxMessage.source_version == POST,
                )
            )
            return post_id
        values = {"chat_id": chat_id, "kind": kind, "period": period, "status": QUEUED}
        statement = (
            insert(self._session, Post)
            .values(**values, **times)
            .on_conflict_do_nothing(index_elements=["chat_id", "kind", "period"])
            .returning(Post.id)
        )
        return (await self._session.execute(statement)).scalar_one_or_none()

    async def fail(self, chat_id: int, kind: str, period: str, *, now: datetime) -> bool:
        """A post that could not be made at all: failed, unless it was made (or recorded)
        meanwhile. Whether it was recorded now."""
        self.keeping.writing()
        statement = (
            insert(self._session, Post)
            .values(chat_id=chat_id, kind=kind, period=period, status=FAILED, claimed_at=now)
            .on_conflict_do_nothing(index_elements=["chat_id", "kind", "period"])
            .returning(Post.id)
        )
        return (await self._session.execute(statement)).first() is not None

    async def settle(self, post_id: int, parts: Sequence[tuple[str, int | None]]) -> str | None:
        """Record what became of a post from the (state, sent id) of its messages; its new
        status when that changed."""
        self.keeping.writing()
        status = status_of([state for state, _ in parts])
        sent = ",".join(str(sent) for _, sent in parts if sent is not None)
        statement = (
            update(Post)
            .where(Post.id == post_id, Post.status != status)
            .values(status=status, message_ids=sent)
            .returning(Post.id)
        )
        changed = (await self._session.execute(statement)).first()
        return status if changed is not None else None

    async def closes(self, days: Iterable[date] | None = None) -> dict[date, datetime]:
        """Report day → when its first bulletin was made: figures after that are late. Of
        every day bulletins were made of, or of `days` only (by the index on report_day)."""
        statement = (
            select(Post.report_day, func.min(Post.posted_at))
            .where(Post.kind == "morning", Post.status.in_(DONE), Post.report_day.is_not(None))
            .group_by(Post.report_day)
        )
        if days is not None:
            statement = statement.where(Post.report_day.in_(sorted(set(days))))
        return dict((await self._session.execute(statement)).all())

    async def closed(self, day: date) -> bool:
        """Whether a bulletin of `day` was made: what a report of it brings is then late.
        One day's posts by index, not every bulletin ever made, or as kept."""
        return await self.keeping.get(day, partial(self._closed, day))

    async def _closed(self, day: date) -> bool:
        return (await plain.execute(self._session, _closing(), {"day": day})).first() is not None

    async def last_posted(self, chat_id: int, kind: str) -> datetime | None:
        """When the chat's latest `kind` was made, under any id the chat has had."""
        statement = select(func.max(Post.posted_at)).where(
            Post.chat_id.in_(await self._chats.family(chat_id)),
            Post.kind == kind,
            Post.status.in_(DONE),
        )
        return (await self._session.execute(statement)).scalar_one_or_none()

    async def status(self, chat_id: int, kind: str, period: str) -> str | None:
        """The post's status; made under another id the chat has had counts as made (a
        config changed to a supergroup's new id the day it moved)."""
        statement = select(Post.status).where(
            Post.chat_id.in_(await self._chats.family(chat_id)),
            Post.kind == kind,
            Post.period == period,
        )
        statuses = list((await self._session.execute(statement)).scalars())
        return next((s for s in statuses if s in DONE), statuses[0] if statuses else None)

    async def finishes(self, post_id: int) -> list[int]:
        """The contests whose result the post announces."""
        statement = select(Post.finishes).where(Post.id == post_id)
        text = (await self._session.execute(statement)).scalar_one_or_none() or ""
        return [int(part) for part in text.split(",") if part]

    async def described(self, post_id: int) -> tuple[int, str, str] | None:
        """A post's chat, kind and period."""
        statement = select(Post.chat_id, Post.kind, Post.period).where(Post.id == post_id)
        row = (await self._session.execute(statement)).first()
        return None if row is None else (row.chat_id, row.kind, row.period)


def status_of(states: Sequence[str]) -> str:
    """A post's status from its messages' states. Failed only when nothing of it went
    out: a post partly sent is finished, and never made again from the start."""
    if {"pending", "sending"} & set(states):
        return QUEUED
    if "sent" in states:
        return POSTED if all(state == "sent" for state in states) else UNCERTAIN
    return UNCERTAIN if "uncertain" in states else (FAILED if states else POSTED)
