"""Thin query layers over the tables. They never commit: a unit of work does."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.catalogue import Branch
from bot.domain.changes import Change, FigureKey
from bot.storage.records import ChangeRecord, FigureRecord, MemberRecord, ReportRecord
from bot.storage.tables import BranchRow, Chat, Figure, FigureChange, Member, ReportRow


def _insert(session: AsyncSession, table: type) -> sqlite.Insert | postgresql.Insert:
    """The dialect's INSERT, which has `on_conflict_do_update` on both backends."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


class Branches:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._ids: dict[str, int] | None = None

    async def sync(self, branches: Sequence[Branch]) -> None:
        """Make the table hold every configured branch, keeping ids of existing ones."""
        for branch in branches:
            values = {
                "name": branch.name,
                "short_name": branch.short_name,
                "aliases": "\n".join(branch.aliases),
                "group_name": branch.group,
            }
            statement = _insert(self._session, BranchRow).values(**values)
            await self._session.execute(
                statement.on_conflict_do_update(index_elements=["name"], set_=values)
            )
        self._ids = None

    async def ids(self) -> dict[str, int]:
        if self._ids is None:
            rows = await self._session.execute(select(BranchRow.name, BranchRow.id))
            self._ids = dict(rows.all())
        return self._ids

    async def id(self, name: str) -> int:
        return (await self.ids())[name]

    async def names(self) -> dict[int, str]:
        return {id_: name for name, id_ in (await self.ids()).items()}


class Chats:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def sync(self, chats: Iterable[tuple[int, str]]) -> None:
        for chat_id, title in chats:
            statement = _insert(self._session, Chat).values(id=chat_id, title=title)
            await self._session.execute(
                statement.on_conflict_do_update(index_elements=["id"], set_={"title": title})
            )


class Members:
    def __init__(self, session: AsyncSession, branches: Branches) -> None:
        self._session = session
        self._branches = branches

    async def get(self, user_id: int) -> MemberRecord | None:
        row = await self._session.get(Member, user_id)
        return await self._record(row) if row else None

    async def by_username(self, username: str) -> MemberRecord | None:
        statement = select(Member).where(Member.username == username.lstrip("@").lower())
        row = (await self._session.execute(statement)).scalars().first()
        return await self._record(row) if row else None

    async def seen(self, *, user_id: int, name: str, username: str | None) -> None:
        """Remember a person's current name and username, so `/bind @name` can find them."""
        values = {"name": name, "username": username.lower() if username else None}
        if username:
            # A username moves with its owner: nobody else may keep answering to it.
            await self._session.execute(
                update(Member)
                .where(Member.username == values["username"], Member.user_id != user_id)
                .values(username=None)
            )
        statement = _insert(self._session, Member).values(user_id=user_id, role="staff", **values)
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=["user_id"], set_=values)
        )

    async def bind_from_roster(self, *, user_id: int, name: str, branch: str, role: str) -> None:
        """Bind as the configuration says, unless a manager has bound the person since."""
        values = {"name": name, "branch_id": await self._branches.id(branch), "role": role}
        statement = _insert(self._session, Member).values(user_id=user_id, **values)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["user_id"], set_=values, where=Member.bound_by.is_(None)
            )
        )

    async def bind(
        self, *, user_id: int, name: str, branch: str, role: str, bound_by: int | None
    ) -> None:
        values = {
            "name": name,
            "branch_id": await self._branches.id(branch),
            "role": role,
            "bound_by": bound_by,
        }
        statement = _insert(self._session, Member).values(user_id=user_id, **values)
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=["user_id"], set_=values)
        )

    async def _record(self, row: Member) -> MemberRecord:
        names = await self._branches.names()
        branch = names.get(row.branch_id) if row.branch_id is not None else None
        return MemberRecord(row.user_id, row.name, row.username, branch, row.role)


class Reports:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, chat_id: int, message_id: int) -> ReportRecord | None:
        statement = select(ReportRow).where(
            ReportRow.chat_id == chat_id, ReportRow.message_id == message_id
        )
        row = (await self._session.execute(statement)).scalars().first()
        return _report(row) if row else None

    async def save(
        self,
        *,
        chat_id: int,
        message_id: int,
        user_id: int,
        text: str,
        day: date,
        edited_at: datetime | None,
        now: datetime,
    ) -> ReportRecord:
        """Insert the message's row, or bring an edited message's row up to date."""
        values = {
            "user_id": user_id,
            "text": text,
            "day": day,
            "edited_at": edited_at,
            "undone_at": None,
            "updated_at": now,
        }
        statement = (
            _insert(self._session, ReportRow)
            .values(chat_id=chat_id, message_id=message_id, received_at=now, **values)
            .on_conflict_do_update(index_elements=["chat_id", "message_id"], set_=values)
            .returning(ReportRow)
        )
        row = (await self._session.execute(statement)).scalars().one()
        return _report(row)

    async def find(self, chat_id: int, message_id: int) -> ReportRecord | None:
        """The report of a message, or the one the bot's confirmation `message_id` answered."""
        statement = select(ReportRow).where(
            ReportRow.chat_id == chat_id,
            (ReportRow.message_id == message_id) | (ReportRow.reply_message_id == message_id),
        )
        row = (await self._session.execute(statement)).scalars().first()
        return _report(row) if row else None

    async def link_reply(self, chat_id: int, message_id: int, reply_id: int) -> None:
        await self._session.execute(
            update(ReportRow)
            .where(ReportRow.chat_id == chat_id, ReportRow.message_id == message_id)
            .values(reply_message_id=reply_id)
        )

    async def mark_undone(self, report_id: int, now: datetime) -> None:
        await self._session.execute(
            update(ReportRow).where(ReportRow.id == report_id).values(undone_at=now, updated_at=now)
        )


class Figures:
    def __init__(self, session: AsyncSession, branches: Branches) -> None:
        self._session = session
        self._branches = branches

    async def of_report(self, report_id: int) -> list[FigureRecord]:
        return await self._records(select(Figure).where(Figure.report_id == report_id))

    async def of_days(self, days: Iterable[date]) -> list[FigureRecord]:
        return await self._records(select(Figure).where(Figure.day.in_(list(days))))

    async def of_branch(self, branch: str, first: date, last: date) -> list[FigureRecord]:
        """A branch's figures from `first` to `last`, both included."""
        statement = select(Figure).where(
            Figure.branch_id == await self._branches.id(branch),
            Figure.day.between(first, last),
        )
        return await self._records(statement)

    async def put(
        self, key: FigureKey, value: float, *, reporter_id: int, report_id: int, now: datetime
    ) -> None:
        branch, day, metric = key
        values = {
            "value": value,
            "reporter_id": reporter_id,
            "report_id": report_id,
            "updated_at": now,
        }
        columns = {"branch_id": await self._branches.id(branch), "day": day, "metric": metric}
        statement = _insert(self._session, Figure).values(**columns, **values)
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=list(columns), set_=values)
        )

    async def remove(self, key: FigureKey) -> None:
        branch, day, metric = key
        await self._session.execute(
            delete(Figure).where(
                Figure.branch_id == await self._branches.id(branch),
                Figure.day == day,
                Figure.metric == metric,
            )
        )

    async def _records(self, statement: object) -> list[FigureRecord]:
        names = await self._branches.names()
        rows = (await self._session.execute(statement)).scalars()  # type: ignore[call-overload]
        return [
            FigureRecord(names[r.branch_id], r.day, r.metric, r.value, r.reporter_id, r.report_id)
            for r in rows
        ]


class Changes:
    def __init__(self, session: AsyncSession, branches: Branches) -> None:
        self._session = session
        self._branches = branches

    async def add(
        self, change: Change, *, user_id: int, report_id: int | None, reason: str, at: datetime
    ) -> None:
        self._session.add(
            FigureChange(
                branch_id=await self._branches.id(change.branch),
                day=change.day,
                metric=change.metric,
                old_value=change.old,
                new_value=change.new,
                user_id=user_id,
                report_id=report_id,
                reason=reason,
                changed_at=at,
            )
        )

    async def of_branch_day(self, branch: str, day: date) -> list[ChangeRecord]:
        statement = (
            select(FigureChange)
            .where(FigureChange.branch_id == await self._branches.id(branch))
            .where(FigureChange.day == day)
            .order_by(FigureChange.id)
        )
        rows = (await self._session.execute(statement)).scalars()
        return [
            ChangeRecord(
                branch,
                r.day,
                r.metric,
                r.old_value,
                r.new_value,
                r.user_id,
                r.report_id,
                r.reason,
                r.changed_at,
            )
            for r in rows
        ]


def _report(row: ReportRow) -> ReportRecord:
    return ReportRecord(
        row.id, row.chat_id, row.message_id, row.user_id, row.text, row.day, row.edited_at,
        row.undone_at,
    )  # fmt: skip
