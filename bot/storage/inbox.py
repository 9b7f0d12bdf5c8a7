"""The inbox's reads and writes: updates kept once each, handled in the order they came."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, Update, bindparam, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage import plain
from bot.storage.inbox_tables import InboxUpdate
from bot.storage.upsert import dialect_of, insert_for

_TABLE = InboxUpdate.__table__


@cache
def _keep(dialect: str) -> sqlite.Insert | postgresql.Insert:
    """Updates stored, built once (the rows come with each call), as every statement the
    inbox runs on each update: building one costs more than running it."""
    return insert_for(dialect, _TABLE).on_conflict_do_nothing(index_elements=["update_id"])


@cache
def _chats() -> Select[tuple[int | None]]:
    return (
        select(_TABLE.c.chat_id)
        .where(_TABLE.c.done_at.is_(None))
        .group_by(_TABLE.c.chat_id)
        .order_by(func.min(_TABLE.c.id))
        .limit(bindparam("most"))
    )


@cache
def _of_chat(no_chat: bool) -> Select[Any]:
    chat = _TABLE.c.chat_id
    return (
        select(_TABLE.c.id, _TABLE.c.update_id, _TABLE.c.payload)
        .where(_TABLE.c.done_at.is_(None), chat.is_(None) if no_chat else chat == bindparam("chat"))
        .order_by(_TABLE.c.id)
        .limit(bindparam("most"))
    )


@cache
def _done() -> Update:
    return update(_TABLE).where(_TABLE.c.update_id.in_(bindparam("ids", expanding=True)))


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
        await plain.execute(self._session, _keep(dialect_of(self._session)), rows)

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
        return list((await plain.execute(self._session, _chats(), {"most": limit})).scalars())

    async def of_chat(self, chat_id: int | None, limit: int) -> list[tuple[int, int, str]]:
        """A chat's oldest updates not handled yet, as `pending` gives them."""
        parameters = {"most": limit} if chat_id is None else {"chat": chat_id, "most": limit}
        rows = await plain.execute(self._session, _of_chat(chat_id is None), parameters)
        return [(place, update_id, payload) for place, update_id, payload in rows]

    async def done(self, update_ids: Sequence[int], now: datetime) -> None:
        await plain.execute(self._session, _done(), {"ids": list(update_ids), "done_at": now})

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
