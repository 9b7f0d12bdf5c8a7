"""The outbox's reads and writes: each answer kept once, sent in the order it was queued."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields
from datetime import datetime

from sqlalchemy import RowMapping, delete, select, update
from sqlalchemy import text as sql
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.outgoing import Outgoing, Queued
from bot.storage.outbox_tables import PENDING, OutboxMessage
from bot.storage.upsert import insert

WAITING = ("pending", "sending")
COLUMNS = [
    getattr(OutboxMessage, name)
    for name in ("id", "buttons", *(f.name for f in fields(Outgoing) if f.name != "buttons"))
]
KEY = ["chat_id", "source_id", "source_version", "part"]


class Outbox:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

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
            "state": "pending",
            "queued_at": now,
        }
        statement = insert(self._session, OutboxMessage).values(row)
        await self._session.execute(statement.on_conflict_do_nothing(index_elements=KEY))

    async def waiting(self, limit: int) -> list[Queued]:
        """What is still to send, oldest first, by the partial index alone."""
        statement = select(*COLUMNS).where(sql(PENDING)).order_by(OutboxMessage.id).limit(limit)
        return [_queued(row) for row in (await self._session.execute(statement)).mappings()]

    async def claim(self, ids: Sequence[int]) -> set[int]:
        """Mark waiting messages as being sent; the ones this call took (another sender
        may have taken some first: those are its to send)."""
        statement = (
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(list(ids)), OutboxMessage.state == "pending")
            .values(state="sending")
            .returning(OutboxMessage.id)
        )
        return set((await self._session.execute(statement)).scalars())

    async def mark(
        self,
        ids: Sequence[int],
        state: str,
        now: datetime,
        *,
        sent_id: int | None = None,
        error: str | None = None,
    ) -> None:
        """What became of messages being sent (only those: a start since may have made
        them uncertain)."""
        done = None if state in WAITING else now
        await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(list(ids)), OutboxMessage.state == "sending")
            .values(state=state, done_at=done, sent_id=sent_id, error=error)
        )

    async def abandon_sending(self, now: datetime) -> int:
        """What a stopped process was sending may have arrived: uncertain, never sent again.
        How many there were."""
        result = await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.state == "sending")
            .values(state="uncertain", done_at=now)
        )
        return result.rowcount or 0

    async def forget(self, before: datetime) -> int:
        """Drop what was done with before `before`."""
        result = await self._session.execute(
            delete(OutboxMessage).where(OutboxMessage.done_at < before)
        )
        return result.rowcount or 0


def _queued(row: RowMapping) -> Queued:
    """Plain columns, not ORM objects: the sender reads the queue often."""
    values = dict(row)
    buttons = tuple((label, data) for label, data in json.loads(values.pop("buttons") or "[]"))
    return Queued(values.pop("id"), Outgoing(**values, buttons=buttons))
