"""What storage tests need stored first: a report message for figures to hang on."""

from __future__ import annotations

from datetime import date, datetime

from bot.storage.unit_of_work import Database


async def a_report(database: Database, *, day: date, at: datetime, message_id: int = 1) -> int:
    """The id of a stored report (储蓄35万 from user 7) for `day`, sent and stored `at`."""
    async with database.transaction() as uow:
        report = await uow.reports.save(
            chat_id=-1,
            message_id=message_id,
            user_id=7,
            text="储蓄35万",
            day=day,
            edited_at=None,
            sent_at=at,
            now=at,
        )
    return report.id
