"""`/pk new` drafts in the database, on SQLite and PostgreSQL: kept under the chat and the
message asking their next step, taken once however many presses race for one, and tidied
once long expired."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.domain.contest_form import LIFETIME, Draft
from bot.storage.draft_tables import WizardDraft
from bot.storage.unit_of_work import Database
from bot.usecases.drafts import KEPT_EXPIRED, Drafts

NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
CHAT, OTHER = -1001234567890, -4012345
MANAGER = 100001
HALF_MADE = Draft(MANAGER, NOW, message_id=42, answers=("七月储蓄赛", "本月", "储蓄"))


async def _kept(database: Database) -> int:
    async with database.reading() as uow:
        return (await uow.session.scalar(select(func.count()).select_from(WizardDraft))) or 0


async def test_a_kept_draft_is_found_under_its_message_as_it_was(database: Database) -> None:
    drafts = Drafts(database)
    await drafts.keep(CHAT, HALF_MADE, now=NOW)

    assert await drafts.peek(CHAT, 42) == HALF_MADE
    assert await drafts.peek(CHAT, 42) == HALF_MADE  # looking leaves it there


async def test_answers_come_back_exactly_as_typed(database: Database) -> None:
    answers = ("储蓄PK", "7/1-7/31", "储蓄,保险", "正阳:姜家 四明:东城", '每人"100元"\n红包')
    typed = Draft(MANAGER, NOW, 42, answers)
    drafts = Drafts(database)
    await drafts.keep(CHAT, typed, now=NOW)

    assert await drafts.take(CHAT, 42) == typed


async def test_a_draft_is_taken_once(database: Database) -> None:
    drafts = Drafts(database)
    await drafts.keep(CHAT, HALF_MADE, now=NOW)

    assert await drafts.take(CHAT, 42) == HALF_MADE
    assert await drafts.take(CHAT, 42) is None
    assert await drafts.peek(CHAT, 42) is None


async def test_of_two_instances_taking_one_draft_at_once_only_one_gets_it(
    database: Database, database_url: str
) -> None:
    """Two presses of one button reach two bots on one database: one answers the step."""
    await Drafts(database).keep(CHAT, HALF_MADE, now=NOW)
    other = Database(database_url)
    try:
        taken = await asyncio.gather(Drafts(database).take(CHAT, 42), Drafts(other).take(CHAT, 42))
    finally:
        await other.dispose()

    assert sorted(taken, key=lambda draft: draft is None) == [HALF_MADE, None]


async def test_the_same_message_id_in_another_chat_is_another_draft(database: Database) -> None:
    """Message ids count per chat: a group's old messages and its supergroup's new ones."""
    drafts = Drafts(database)
    elsewhere = Draft(200001, NOW, message_id=42)
    await drafts.keep(CHAT, HALF_MADE, now=NOW)
    await drafts.keep(OTHER, elsewhere, now=NOW)

    assert await drafts.take(OTHER, 42) == elsewhere
    assert await drafts.peek(CHAT, 42) == HALF_MADE


async def test_a_draft_not_yet_asked_in_a_message_cannot_be_kept(database: Database) -> None:
    async with database.transaction() as uow:
        with pytest.raises(ValueError, match="show it first"):
            await uow.drafts.keep(CHAT, Draft(MANAGER, NOW), now=NOW)


async def test_forgetting_drops_only_the_drafts_started_before_the_cutoff(
    database: Database,
) -> None:
    async with database.transaction() as uow:
        for message_id, hours in ((1, 5), (2, 3), (3, 1)):
            started = NOW - timedelta(hours=hours)
            await uow.drafts.keep(CHAT, Draft(MANAGER, started, message_id), now=started)
    async with database.transaction() as uow:
        forgotten = await uow.drafts.forget_before(NOW - timedelta(hours=2))

    assert forgotten == 2
    async with database.reading() as uow:
        left = [m for m in (1, 2, 3) if await uow.drafts.peek(CHAT, m) is not None]
    assert left == [3]


async def test_keeping_a_draft_tidies_those_expired_longer_than_a_day_ago(
    database: Database,
) -> None:
    drafts = Drafts(database)
    long_gone = NOW - LIFETIME - KEPT_EXPIRED - timedelta(minutes=1)
    just_expired = NOW - LIFETIME - timedelta(minutes=1)
    await drafts.keep(CHAT, Draft(MANAGER, long_gone, 1), now=long_gone)
    await drafts.keep(CHAT, Draft(MANAGER, just_expired, 2), now=just_expired)

    await drafts.keep(CHAT, HALF_MADE, now=NOW)

    assert await _kept(database) == 2
    assert await drafts.peek(CHAT, 1) is None
    late = await drafts.peek(CHAT, 2)  # a late reply to it still hears that it expired
    assert late is not None
    assert late.expired(NOW)
