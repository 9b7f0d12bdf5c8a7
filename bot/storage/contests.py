"""Contests of each chat, with the branches on their sides; never committed here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.contests import Contest, Match, Rule, Scoring, Side
from bot.storage.roster import Branches, Chats
from bot.storage.tables import ContestEntry, ContestRow
from bot.storage.upsert import insert

ACTIVE, FINISHED, CANCELLED = "active", "finished", "cancelled"
MATCHES, LEAGUE = "matches", "league"


class Contests:
    def __init__(self, session: AsyncSession, branches: Branches, chats: Chats) -> None:
        self._session = session
        self._branches = branches
        self._chats = chats

    async def add(
        self, contest: Contest, *, chat_id: int, message_id: int, user_id: int, now: datetime
    ) -> int | None:
        """Store a new contest; None when the message already created one."""
        statement = (
            insert(self._session, ContestRow)
            .values(
                chat_id=chat_id,
                message_id=message_id,
                name=contest.name,
                kind=LEAGUE if contest.league else MATCHES,
                first_day=contest.first,
                last_day=contest.last,
                rule=contest.scoring.rule.value,
                weights=",".join(f"{key}:{weight:g}" for key, weight in contest.scoring.weights),
                reward=contest.reward,
                status=ACTIVE,
                created_by=user_id,
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=["chat_id", "message_id"])
            .returning(ContestRow.id)
        )
        contest_id = await self._session.scalar(statement)
        if contest_id is None:
            return None
        entries = (
            [(0, i, b) for i, b in enumerate(contest.league)]
            if contest.league
            else [
                (m, s, b)
                for m, match in enumerate(contest.matches)
                for s, side in enumerate(match.sides)
                for b in side.branches
            ]
        )
        ids = await self._branches.ids(b for _, _, b in entries)
        self._session.add_all(
            ContestEntry(contest_id=contest_id, match_no=m, side_no=s, branch_id=ids[b])
            for m, s, b in entries
        )
        return contest_id

    async def active(self, chat_id: int) -> list[Contest]:
        """The chat's running contests (and those over but without their result yet),
        started before or after it became a supergroup."""
        ids = await self._chats.family(chat_id)
        rows = await self._session.scalars(
            select(ContestRow)
            .where(ContestRow.chat_id.in_(ids), ContestRow.status == ACTIVE)
            .order_by(ContestRow.id)
        )
        return await self._contests(list(rows))

    async def set_last_day(self, contest_id: int, last: date) -> None:
        await self._session.execute(
            update(ContestRow).where(ContestRow.id == contest_id).values(last_day=last)
        )

    async def close(
        self, contest_ids: Sequence[int], *, status: str, user_id: int | None, now: datetime
    ) -> None:
        """Finish (result posted) or cancel contests that are still active."""
        await self._session.execute(
            update(ContestRow)
            .where(ContestRow.id.in_(contest_ids), ContestRow.status == ACTIVE)
            .values(status=status, closed_by=user_id, closed_at=now)
        )

    async def _contests(self, rows: list[ContestRow]) -> list[Contest]:
        names = await self._branches.names()
        # Plain columns: a contest of every branch has thousands of entries.
        entries = await self._session.execute(
            select(
                ContestEntry.contest_id,
                ContestEntry.match_no,
                ContestEntry.side_no,
                ContestEntry.branch_id,
            )
            .where(ContestEntry.contest_id.in_([r.id for r in rows]))
            .order_by(ContestEntry.id)
        )
        sides: dict[int, dict[int, dict[int, list[str]]]] = {}
        for contest_id, match_no, side_no, branch_id in entries:
            match = sides.setdefault(contest_id, {}).setdefault(match_no, {})
            match.setdefault(side_no, []).append(names[branch_id])
        return [_contest(row, sides.get(row.id, {})) for row in rows]


def _contest(row: ContestRow, sides: dict[int, dict[int, list[str]]]) -> Contest:
    weights = tuple(
        (key, float(weight))
        for key, weight in (pair.split(":") for pair in row.weights.split(",") if pair)
    )
    league: tuple[str, ...] = ()
    matches: tuple[Match, ...] = ()
    if row.kind == LEAGUE:
        entrants = sides.get(0, {})
        league = tuple(entrants[i][0] for i in sorted(entrants))
    else:
        matches = tuple(
            Match(Side(tuple(sides[m].get(0, []))), Side(tuple(sides[m].get(1, []))))
            for m in sorted(sides)
        )
    return Contest(
        id=row.id,
        name=row.name,
        first=row.first_day,
        last=row.last_day,
        scoring=Scoring(Rule(row.rule), weights),
        matches=matches,
        league=league,
        reward=row.reward,
    )
