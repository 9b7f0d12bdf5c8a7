"""The outbox's reads and writes: each answer kept once, sent in the order it was queued."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields, replace
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import RowMapping, Select, Update, bindparam, delete, or_, select, update
from sqlalchemy import text as sql
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.outgoing import POST, Outgoing, Queued
from bot.storage import plain
from bot.storage.kept import Queuing
from bot.storage.outbox_tables import PENDING, OutboxMessage, OutboxPhoto
from bot.storage.upsert import dialect_of, insert, insert_for

WAITING = ("pending", "sending")
APART = ("buttons", "photos")
"""Outgoing's fields not read back as they are: buttons are JSON, photos a count."""
NAMES = ("id", "photo_count", "buttons", *(f.name for f in fields(Outgoing) if f.name not in APART))
_TABLE = OutboxMessage.__table__
"""The sender's frequent statements are Core statements on the table: the ORM's own
handling of an UPDATE costs more than the statement itself."""
COLUMNS = [_TABLE.c[name] for name in NAMES]
KEY = ["chat_id", "source_id", "source_version", "part"]


@cache
def _add(dialect: str) -> sqlite.Insert | postgresql.Insert:
    """An answer queued, built once (the values come with each call), as every statement
    the sender runs on each message: building one costs more than running it."""
    statement = insert_for(dialect, _TABLE).on_conflict_do_nothing(index_elements=KEY)
    return statement.returning(_TABLE.c.id)


@cache
def _waiting() -> Select[tuple[int]]:
    statement = select(_TABLE.c.id).where(sql(PENDING)).order_by(_TABLE.c.id)
    return statement.limit(bindparam("most"))


@cache
def _queued_of() -> Select[Any]:
    statement = select(*COLUMNS).where(_TABLE.c.id.in_(bindparam("ids", expanding=True)))
    return statement.order_by(_TABLE.c.id)


@cache
def _claim() -> Update:
    return (
        update(_TABLE)
        .where(_TABLE.c.id.in_(bindparam("ids", expanding=True)), _TABLE.c.state == "pending")
        .values(state="sending")
        .returning(_TABLE.c.id)
    )


@cache
def _mark() -> Update:
    """The state a send left, by the sender that made it; the rest of the SET clause
    (done_at, sent_id, error) comes with each call."""
    return (
        update(_TABLE)
        .where(
            _TABLE.c.id.in_(bindparam("ids", expanding=True)),
            _TABLE.c.state == "sending",
            _TABLE.c.claimed_by == bindparam("sender"),
        )
        .values(state=bindparam("new_state"))
        .returning(_TABLE.c.chat_id, _TABLE.c.source_id, _TABLE.c.source_version)
    )


class Outbox:
    def __init__(self, session: AsyncSession, queuing: Queuing) -> None:
        self._session = session
        self.queuing = queuing
        """What this transaction did to the queue, for the process that keeps it."""

    async def add(self, message: Outgoing, now: datetime) -> None:
        """Queue `message`; an answer already queued for that version of the message (an
        update handled twice) is kept as it was."""
        buttons = json.dumps([list(button) for button in message.buttons], ensure_ascii=False)
        row = {
            "chat_id": message.chat_id,
            "source_id": message.source_id,
            "source_version": message.source_version,
            "part": message.part,
            "reply": message.reply,
            "text": message.text,
            "line": message.line,
            "buttons": buttons if message.buttons else None,
            "undoable": message.undoable,
            "html": message.html,
            "edits": message.edits,
            "photo_count": len(message.photos),
            "expires": message.expires,
            "state": "pending",
            "queued_at": now,
        }
        statement = _add(dialect_of(self._session))
        added = (await self._session.execute(statement, row)).first()
        if added is not None:
            self.queuing.added(_as_queued(added.id, message))
        if added is not None and message.photos:
            photos = [
                {"outbox_id": added.id, "position": n, "data": data}
                for n, data in enumerate(message.photos)
            ]
            await self._session.execute(insert(self._session, OutboxPhoto).values(photos))

    async def photos(self, outbox_id: int) -> list[bytes]:
        statement = (
            select(OutboxPhoto.data)
            .where(OutboxPhoto.outbox_id == outbox_id)
            .order_by(OutboxPhoto.position)
        )
        return list((await self._session.execute(statement)).scalars())

    async def waiting_ids(self, limit: int) -> list[int]:
        """The ids of what is still to send, oldest first, from the partial index alone:
        what a sender that keeps the messages it has read needs to read again."""
        return list((await plain.execute(self._session, _waiting(), {"most": limit})).scalars())

    async def queued(self, ids: Sequence[int]) -> list[Queued]:
        """Messages `ids` as queued, oldest first."""
        rows = (await plain.execute(self._session, _queued_of(), {"ids": list(ids)})).mappings()
        return [_queued(row) for row in rows]

    async def claim(self, ids: Sequence[int], sender: str, until: datetime) -> set[int]:
        """Mark waiting messages as being sent by `sender` until `until`; the ones this
        call took (another sender may have taken some first: those are its to send)."""
        claim = {"ids": list(ids), "claimed_by": sender, "lease_until": until}
        taken = set((await plain.execute(self._session, _claim(), claim)).scalars())
        self.queuing.taken(taken)
        if len(taken) < len(ids):
            self.queuing.lost()  # some had left the queue unseen
        return taken

    async def mark(
        self,
        ids: Sequence[int],
        state: str,
        now: datetime,
        *,
        sender: str,
        sent_id: int | None = None,
        error: str | None = None,
    ) -> list[tuple[int, int]]:
        """What became of messages `sender` was sending (only those: its lease may have
        run out and the message been given up). The (chat, source) of the posts among
        them, whose state this may change."""
        mark = {
            "ids": list(ids), "sender": sender, "new_state": state,
            "done_at": None if state in WAITING else now, "sent_id": sent_id, "error": error,
        }  # fmt: skip
        rows = (await plain.execute(self._session, _mark(), mark)).all()
        if state in WAITING and rows:
            self.queuing.lost()  # back in the queue
        return sorted({(chat, source) for chat, source, version in rows if version == POST})

    async def abandon(
        self, now: datetime, *, alive: str | None = None
    ) -> list[tuple[int, int, int]]:
        """What a sender whose lease ran out (a stopped process) was sending may have
        arrived: uncertain, never sent again. With `alive`, the one sender still running
        (the database is one process's), every other one's is given up at once. The
        (chat, source, version) of each."""
        # A row left sending by a version before leases has none: its sender is gone.
        stopped = (
            or_(OutboxMessage.lease_until < now, OutboxMessage.lease_until.is_(None))
            if alive is None
            else OutboxMessage.claimed_by.is_distinct_from(alive)
        )
        statement = (
            update(OutboxMessage)
            .where(OutboxMessage.state == "sending", stopped)
            .values(state="uncertain", done_at=now)
            .returning(OutboxMessage.chat_id, OutboxMessage.source_id, OutboxMessage.source_version)
        )
        return [
            (chat, source, version)
            for chat, source, version in await self._session.execute(statement)
        ]

    async def of_post(self, chat_id: int, post_id: int) -> list[tuple[str, int | None]]:
        """The state and sent id of each of a post's messages, in order."""
        statement = (
            select(OutboxMessage.state, OutboxMessage.sent_id)
            .where(
                OutboxMessage.chat_id == chat_id,
                OutboxMessage.source_id == post_id,
                OutboxMessage.source_version == POST,
            )
            .order_by(OutboxMessage.part)
        )
        return [(state, sent) for state, sent in (await self._session.execute(statement)).all()]

    async def give_up(self, chat_id: int, post_id: int, error: str, now: datetime) -> None:
        """Drop what waits of a post whose first message Telegram refused for good: made
        again later, it is made whole."""
        self.queuing.lost()
        await self._session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.chat_id == chat_id,
                OutboxMessage.source_id == post_id,
                OutboxMessage.source_version == POST,
                OutboxMessage.state == "pending",
            )
            .values(state="failed", done_at=now, error=error)
        )

    async def forget(self, before: datetime) -> int:
        """Drop what was done with before `before`, its photos first."""
        old = select(OutboxMessage.id).where(OutboxMessage.done_at < before)
        await self._session.execute(delete(OutboxPhoto).where(OutboxPhoto.outbox_id.in_(old)))
        result = await self._session.execute(
            delete(OutboxMessage).where(OutboxMessage.done_at < before)
        )
        return result.rowcount or 0


def _as_queued(id_: int, message: Outgoing) -> Queued:
    """A message just queued as `_queued` reads it back: its photos counted, not held."""
    expires = message.expires.astimezone(UTC) if message.expires else None
    buttons = tuple((label, data) for label, data in message.buttons)
    queued = replace(message, buttons=buttons, photos=(), expires=expires)
    return Queued(id_, queued, len(message.photos))


def _queued(row: RowMapping) -> Queued:
    """Plain columns, not ORM objects: the sender reads the queue often."""
    values = dict(row)
    buttons = tuple((label, data) for label, data in json.loads(values.pop("buttons") or "[]"))
    photos = values.pop("photo_count")
    return Queued(values.pop("id"), Outgoing(**values, buttons=buttons), photos)
