"""Contests in storage, on SQLite and PostgreSQL: stored whole, once per message, closed once."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

from bot.domain.contests import Contest, Match, Rule, Scoring, Side
from bot.storage.contests import CANCELLED, FINISHED
from bot.storage.unit_of_work import Database

NOW = datetime(2026, 6, 29, 1, 0, tzinfo=UTC)
CHAT = -1001234567890
TEAMS = Contest(
    0,
    "团队PK",
    date(2026, 7, 1),
    date(2026, 7, 31),
    Scoring(Rule.METRICS, (("deposit", 1.0), ("insurance", 3.0))),
    matches=(
        Match(Side(("正阳营业所", "四明营业所")), Side(("姜家营业所", "东城营业所"))),
        Match(Side(("利民城营业所",)), Side(("西环路营业所",))),
    ),
    reward="每人100元",
)
LEAGUE = Contest(
    0,
    "联赛",
    date(2026, 7, 6),
    date(2026, 8, 30),
    Scoring(Rule.COMPLETION),
    league=("西环路营业所", "正阳营业所", "姜家营业所", "东城营业所"),
)


async def _add(database: Database, contest: Contest, message_id: int) -> int | None:
    async with database.transaction() as uow:
        return await uow.contests.add(
            contest, chat_id=CHAT, message_id=message_id, user_id=100001, now=NOW
        )


async def _active(database: Database) -> list[Contest]:
    async with database.transaction() as uow:
        return await uow.contests.active(CHAT)


async def test_a_contest_comes_back_as_it_was_stored(synced: Database) -> None:
    teams = await _add(synced, TEAMS, 1)
    league = await _add(synced, LEAGUE, 2)

    assert await _active(synced) == [
        dataclasses.replace(TEAMS, id=teams),
        dataclasses.replace(LEAGUE, id=league),
    ]


async def test_the_same_message_creates_one_contest(synced: Database) -> None:
    first = await _add(synced, TEAMS, 1)
    again = await _add(synced, TEAMS, 1)

    assert first is not None
    assert again is None
    assert len(await _active(synced)) == 1


async def test_closed_contests_are_no_longer_active(synced: Database) -> None:
    finished = await _add(synced, TEAMS, 1)
    cancelled = await _add(synced, LEAGUE, 2)
    assert finished is not None
    assert cancelled is not None

    async with synced.transaction() as uow:
        await uow.contests.close([finished], status=FINISHED, user_id=None, now=NOW)
        await uow.contests.close([cancelled], status=CANCELLED, user_id=100001, now=NOW)

    assert await _active(synced) == []


async def test_ending_early_moves_the_last_day(synced: Database) -> None:
    contest_id = await _add(synced, TEAMS, 1)
    assert contest_id is not None

    async with synced.transaction() as uow:
        await uow.contests.set_last_day(contest_id, date(2026, 7, 15))

    [contest] = await _active(synced)
    assert contest.last == date(2026, 7, 15)
