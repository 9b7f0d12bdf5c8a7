"""One transaction per use case: the only place that commits."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.domain.records import MemberRecord
from bot.storage.albums import Albums
from bot.storage.alerts import Alerts
from bot.storage.contests import Contests
from bot.storage.drafts import Drafts
from bot.storage.durability import must_wait_for_disk
from bot.storage.engine import READ_ONLY, RELAXED, create_engine
from bot.storage.figures import Changes, Figures
from bot.storage.inbox import Inbox
from bot.storage.kept import Kept, KeptQueue, Queuing
from bot.storage.locks import Locks
from bot.storage.messages import Reports
from bot.storage.outbox import Outbox
from bot.storage.photo_hashes import PhotoHashes
from bot.storage.posts import Posts
from bot.storage.reads import Reads
from bot.storage.roster import Branches, BranchIds, Chats, Members
from bot.storage.sole_use import SoleUse
from bot.storage.statements import Statements
from bot.storage.targets import Plans, Targets
from bot.storage.totals import Totals
from bot.storage.turns import Turns
from bot.storage.visits import Visits


class UnitOfWork:
    """The repositories of one session; committed when the `transaction` block ends."""

    def __init__(
        self,
        session: AsyncSession,
        branch_ids: BranchIds | None = None,
        kept: KeptAnswers | None = None,
    ) -> None:
        self.session = session
        self.queuing = Queuing(kept.queue if kept else None)
        self.branches = Branches(session, branch_ids)
        self.chats = Chats(session)
        self.members = Members(session, self.branches, kept.members if kept else None)
        self.reports = Reports(session)
        self.statements = Statements(session, self.branches)
        self.figures = Figures(session, self.branches)
        self.changes = Changes(session, self.branches)
        self.totals = Totals(session, self.branches)
        self.posts = Posts(session, self.chats, self.queuing, kept.closed if kept else None)
        self.targets = Targets(session, self.branches)
        self.plans = Plans(session, self.branches)
        self.contests = Contests(session, self.branches, self.chats)
        self.visits = Visits(session, self.branches)
        self.photo_hashes = PhotoHashes(session, self.branches)
        self.inbox = Inbox(session)
        self.outbox = Outbox(session, self.queuing)
        self.alerts = Alerts(session)
        self.albums = Albums(session)
        self.turns = Turns(session)
        self.drafts = Drafts(session)
        self.reads = Reads(session, self.branches)

    def end(self, *, committed: bool = False) -> None:
        """The transaction is over: what it wrote is no longer kept as it was, and what
        waits in the outbox is kept as it left it, once it committed."""
        self.members.keeping.end()
        self.posts.keeping.end()
        self.queuing.end(committed=committed)


@dataclass(frozen=True, slots=True)
class KeptAnswers:
    """What every report asks and a process alone writing the database keeps (storage.kept)."""

    members: Kept[int, MemberRecord | None] = field(default_factory=Kept)
    closed: Kept[date, bool] = field(default_factory=Kept)
    queue: KeptQueue = field(default_factory=KeptQueue)


class Database:
    """The engine and its sessions; built in the bot's post_init, disposed at shutdown."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: AsyncEngine = create_engine(url)
        self.single_process = url.startswith("sqlite")
        """SQLite serves one process: whatever else wrote to it has stopped."""
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self.locks = Locks(self.engine, shared=not self.single_process)
        self.sole_use = SoleUse(url)
        """Held by a running bot on a SQLite file (taken in its post_init)."""
        self.branch_ids = BranchIds()
        """Read once for the process, not in every transaction (storage.roster)."""
        self.kept = KeptAnswers() if self.single_process else None
        """Kept for the process where no other process writes (storage.kept)."""
        self._write_turn = asyncio.Lock() if self.single_process else None
        """SQLite's one writer at a time, taken here rather than waited for in SQLite:
        its driver runs on the event loop's thread (storage.sqlite_driver)."""

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[UnitOfWork]:
        """Commit when the block ends normally, roll back on any exception. On SQLite the
        commit waits for the disk unless storage.durability says it need not."""
        async with self._turn(), self._session() as session:
            uow, committed = UnitOfWork(session, self.branch_ids, self.kept), False
            try:
                async with session.begin():
                    if self.single_process and not must_wait_for_disk():
                        await session.connection(execution_options={RELAXED: True})
                    yield uow
                committed = True
            finally:
                uow.end(committed=committed)

    @asynccontextmanager
    async def _session(self) -> AsyncIterator[AsyncSession]:
        """A session, closed when the block ends. SQLAlchemy closes a session in a task of
        its own so that a cancellation cannot cut the close short: two turns of the event
        loop and a task for every transaction, the inbox's and outbox's polls included.
        On SQLite nothing can cut it short, since no call of its driver suspends
        (storage.sqlite_driver), so there the session is closed in place."""
        if not self.single_process:
            async with self._sessions() as session:
                yield session
            return
        session = self._sessions()
        try:
            yield session
        finally:
            await session.close()

    def _turn(self) -> AbstractAsyncContextManager[object]:
        return self._write_turn if self._write_turn is not None else nullcontext()

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[UnitOfWork]:
        """A transaction that only reads: on SQLite it does not take the write lock, so
        the inbox's and outbox's frequent polls never hold up a report being stored."""
        async with self._session() as session, session.begin():
            await session.connection(execution_options={READ_ONLY: True})
            uow = UnitOfWork(session, self.branch_ids, self.kept)
            try:
                yield uow
            finally:
                uow.end()  # not committed: whatever it wrote by mistake is not kept

    async def dispose(self) -> None:
        await self.engine.dispose()
        self.sole_use.release()
