"""Source messages of reports: one row each, the key to idempotency, edits and undo."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.records import ReportRecord
from bot.storage import plain
from bot.storage.tables import ReportRow
from bot.storage.upsert import dialect_of, insert, insert_for

MERGED_MOST = 200
"""More reports than one merged confirmation can hold."""


@cache
def _add(dialect: str) -> sqlite.Insert | postgresql.Insert:
    """An original message's row, built once (the values come with each call): every
    report inserts one, and building the statement costs more than running it."""
    table = ReportRow.__table__
    statement = insert_for(dialect, table)
    statement = statement.on_conflict_do_nothing(index_elements=["chat_id", "message_id"])
    return statement.returning(table.c.id)


class Reports:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, chat_id: int, message_id: int) -> ReportRecord | None:
        statement = select(ReportRow).where(
            ReportRow.chat_id == chat_id, ReportRow.message_id == message_id
        )
        row = (await self._session.execute(statement)).scalars().first()
        return _report(row) if row else None

    async def add(
        self,
        *,
        chat_id: int,
        message_id: int,
        user_id: int,
        text: str,
        day: date,
        sent_at: datetime,
        now: datetime,
        pending: bool = False,
    ) -> int | None:
        """Insert an original message's row: its id, or None when it is stored already (the
        same update handled again), which makes checking for it first unneeded."""
        row = {
            "chat_id": chat_id, "message_id": message_id, "user_id": user_id, "text": text,
            "day": day, "sent_at": sent_at, "pending_since": now if pending else None,
            "received_at": now, "updated_at": now,
        }  # fmt: skip
        statement = _add(dialect_of(self._session))
        return (await plain.execute(self._session, statement, row)).scalar_one_or_none()

    async def save(
        self,
        *,
        chat_id: int,
        message_id: int,
        user_id: int,
        text: str,
        day: date,
        edited_at: datetime | None,
        sent_at: datetime,
        now: datetime,
        pending: bool = False,
    ) -> ReportRecord:
        """Insert the message's row, or bring an edited message's row up to date."""
        values = {
            "user_id": user_id,
            "text": text,
            "day": day,
            "edited_at": edited_at,
            "undone_at": None,
            "sent_at": sent_at,
            "pending_since": now if pending else None,
            "updated_at": now,
        }
        statement = (
            insert(self._session, ReportRow)
            .values(chat_id=chat_id, message_id=message_id, received_at=now, **values)
            .on_conflict_do_update(index_elements=["chat_id", "message_id"], set_=values)
            .returning(ReportRow)
            # The row may be in the session already, read before: take the values just written.
            .execution_options(populate_existing=True)
        )
        row = (await self._session.execute(statement)).scalars().one()
        return _report(row)

    async def find(self, chat_id: int, message_id: int) -> list[ReportRecord]:
        """The report of a message, or those the bot's confirmation `message_id` answered
        (several, when it merged their confirmations)."""
        statement = (
            select(ReportRow)
            .where(
                ReportRow.chat_id == chat_id,
                (ReportRow.message_id == message_id) | (ReportRow.reply_message_id == message_id),
            )
            .order_by(ReportRow.id)
            .limit(MERGED_MOST)
        )
        return [_report(row) for row in (await self._session.execute(statement)).scalars()]

    async def get_by_id(self, report_id: int) -> ReportRecord | None:
        row = await self._session.get(ReportRow, report_id)
        return _report(row) if row else None

    async def approve(self, report_id: int, now: datetime) -> None:
        await self._session.execute(
            update(ReportRow)
            .where(ReportRow.id == report_id)
            .values(pending_since=None, updated_at=now)
        )

    async def mark_undone(self, report_id: int, now: datetime) -> None:
        await self._session.execute(
            update(ReportRow)
            .where(ReportRow.id == report_id)
            .values(undone_at=now, pending_since=None, updated_at=now)
        )


def _report(row: ReportRow) -> ReportRecord:
    return ReportRecord(
        row.id, row.chat_id, row.message_id, row.user_id, row.text, row.day, row.edited_at,
        row.undone_at, row.sent_at, row.pending_since,
    )  # fmt: skip
