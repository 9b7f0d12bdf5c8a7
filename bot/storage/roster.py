"""Who and what is reported on: chats served, branches, and the members bound to them.

Like every repository, these never commit: a unit of work does.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cache, partial

from sqlalchemy import Select, bindparam, case, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.catalogue import Branch
from bot.domain.chat_moves import ChatMoves
from bot.domain.records import MemberRecord
from bot.storage import plain
from bot.storage.kept import Keeping, Kept
from bot.storage.tables import BranchRow, Chat, ChatMove, Member
from bot.storage.upsert import insert

REREAD_AFTER = 60.0
"""Seconds the branch ids read are used before they are read again."""


class BranchIds:
    """Branch name ↔ id for one process, not read in every transaction: branches are only
    added when the roster is synced (at start), never removed. Read again after
    REREAD_AFTER, and at once for a name not known yet, so that a branch another instance
    synced (a rolling deploy with a new roster) is known here within that time."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.names: dict[int, str] = {}
        self._read_at: float | None = None

    @property
    def read(self) -> bool:
        """Whether what is kept is recent enough to use."""
        return self._read_at is not None and time.monotonic() - self._read_at < REREAD_AFTER

    def keep(self, rows: Iterable[tuple[str, int]]) -> None:
        self.ids = dict(rows)
        self.names = {id_: name for name, id_ in self.ids.items()}
        self._read_at = time.monotonic()


class Branches:
    def __init__(self, session: AsyncSession, known: BranchIds | None = None) -> None:
        self._session = session
        self._known = known if known is not None else BranchIds()

    async def sync(self, branches: Sequence[Branch]) -> None:
        """Make the table hold every configured branch, keeping ids of existing ones."""
        for branch in branches:
            values = {
                "name": branch.name,
                "short_name": branch.short_name,
                "aliases": "\n".join(branch.aliases),
                "group_name": branch.group,
            }
            statement = insert(self._session, BranchRow).values(**values)
            await self._session.execute(
                statement.on_conflict_do_update(index_elements=["name"], set_=values)
            )
        await self._reread()

    async def ids(self, named: Iterable[str] = ()) -> dict[str, int]:
        """Every branch's id by name; read again when one of `named` is not known yet."""
        if not self._known.read or any(name not in self._known.ids for name in named):
            await self._reread()
        return self._known.ids

    async def id(self, name: str) -> int:
        ids = await self.ids()
        if name not in ids:
            await self._reread()
        return self._known.ids[name]

    async def names(self) -> dict[int, str]:
        if not self._known.read:
            await self._reread()
        return self._known.names

    async def _reread(self) -> None:
        rows = await self._session.execute(select(BranchRow.name, BranchRow.id))
        self._known.keep((name, id_) for name, id_ in rows)


class Chats:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._moves: ChatMoves | None = None

    async def sync(self, chats: Iterable[tuple[int, str]]) -> None:
        for chat_id, title in chats:
            statement = insert(self._session, Chat).values(id=chat_id, title=title)
            await self._session.execute(
                statement.on_conflict_do_update(index_elements=["id"], set_={"title": title})
            )

    async def moves(self) -> ChatMoves:
        """Every group that became a supergroup (a handful at most: read whole, once)."""
        if self._moves is None:
            rows = await self._session.execute(select(ChatMove.old_id, ChatMove.new_id))
            self._moves = ChatMoves(dict(rows.all()))
        return self._moves

    async def family(self, chat_id: int) -> frozenset[int]:
        """Every id the chat has had: what belongs to the chat is kept under any of them."""
        return (await self.moves()).family(chat_id)

    async def move(self, old: int, new: int, now: datetime) -> None:
        statement = insert(self._session, ChatMove).values(old_id=old, new_id=new, moved_at=now)
        await self._session.execute(statement.on_conflict_do_nothing(index_elements=["old_id"]))
        self._moves = None


@cache
def _member() -> Select[tuple[int, str, str | None, int | None, str]]:
    """One member by key, built once: every report asks who sent it, and building the
    statement costs more than running it."""
    members = Member.__table__
    return select(
        members.c.user_id, members.c.name, members.c.username, members.c.branch_id,
        members.c.role,
    ).where(members.c.user_id == bindparam("user_id"))  # fmt: skip


class Members:
    def __init__(
        self, session: AsyncSession, branches: Branches, kept: Kept[int, MemberRecord | None] | None
    ) -> None:
        self._session = session
        self._branches = branches
        self.keeping = Keeping(kept)

    async def get(self, user_id: int) -> MemberRecord | None:
        """By its key, as plain columns, or as kept: every report asks who sent it."""
        return await self.keeping.get(user_id, partial(self._read, user_id))

    async def _read(self, user_id: int) -> MemberRecord | None:
        row = (await plain.execute(self._session, _member(), {"user_id": user_id})).first()
        if row is None:
            return None
        names = await self._branches.names()
        branch = names.get(row.branch_id) if row.branch_id is not None else None
        return MemberRecord(row.user_id, row.name, row.username, branch, row.role)

    async def by_username(self, username: str) -> MemberRecord | None:
        statement = select(Member).where(Member.username == username.lstrip("@").lower())
        row = (await self._session.execute(statement)).scalars().first()
        return await self._record(row) if row else None

    async def identities(self, user_ids: Iterable[int]) -> dict[int, tuple[str, str | None, bool]]:
        """user id → (name, username, bound to a branch) as stored, for those stored."""
        statement = select(
            Member.user_id, Member.name, Member.username, Member.branch_id.is_not(None)
        ).where(Member.user_id.in_(list(user_ids)))
        rows = await self._session.execute(statement)
        return {user_id: (name, username, bound) for user_id, name, username, bound in rows}

    async def seen(self, *, user_id: int, name: str, username: str | None) -> None:
        """Remember a person's current name and username, so `/bind @name` can find them.
        A bound member keeps the name the roster or the manager gave: that is the name
        replies, reminders and the audit trail use, not whatever Telegram shows."""
        self.keeping.writing()
        values = {"name": name, "username": username.lower() if username else None}
        if username:
            # A username moves with its owner: nobody else may keep answering to it.
            await self._session.execute(
                update(Member)
                .where(Member.username == values["username"], Member.user_id != user_id)
                .values(username=None)
            )
        statement = insert(self._session, Member).values(user_id=user_id, role="staff", **values)
        kept = case((Member.branch_id.is_(None), statement.excluded.name), else_=Member.name)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["user_id"], set_={"username": values["username"], "name": kept}
            )
        )

    async def bind_from_roster(self, *, user_id: int, name: str, branch: str, role: str) -> None:
        """Bind as the configuration says, unless a manager has bound the person since."""
        self.keeping.writing()
        values = {"name": name, "branch_id": await self._branches.id(branch), "role": role}
        statement = insert(self._session, Member).values(user_id=user_id, **values)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["user_id"], set_=values, where=Member.bound_by.is_(None)
            )
        )

    async def bind(
        self, *, user_id: int, name: str, branch: str, role: str, bound_by: int | None
    ) -> None:
        self.keeping.writing()
        values = {
            "name": name,
            "branch_id": await self._branches.id(branch),
            "role": role,
            "bound_by": bound_by,
        }
        statement = insert(self._session, Member).values(user_id=user_id, **values)
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=["user_id"], set_=values)
        )

    async def names(self, user_ids: Iterable[int]) -> dict[int, str]:
        statement = select(Member.user_id, Member.name).where(Member.user_id.in_(list(user_ids)))
        return dict((await self._session.execute(statement)).all())

    async def heads(self) -> dict[str, list[MemberRecord]]:
        """Branch name → the heads bound to it (those reminders name)."""
        names = await self._branches.names()
        statement = select(Member.user_id, Member.name, Member.username, Member.branch_id).where(
            Member.role == "head", Member.branch_id.is_not(None)
        )
        heads: dict[str, list[MemberRecord]] = {}
        for user_id, name, username, branch_id in await self._session.execute(statement):
            if (branch := names.get(branch_id)) is not None:
                record = MemberRecord(user_id, name, username, branch, "head")
                heads.setdefault(branch, []).append(record)
        return heads

    async def _record(self, row: Member) -> MemberRecord:
        names = await self._branches.names()
        branch = names.get(row.branch_id) if row.branch_id is not None else None
        return MemberRecord(row.user_id, row.name, row.username, branch, row.role)
