"""Who is who: the configuration's chats, branches and roster in storage, and /bind.

One transaction each, the time passed in, no Telegram here.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import datetime

from bot.config.settings import Config
from bot.domain.chat_moves import ChatMoves
from bot.domain.outcomes import Bound, ManagerAction, NotManager, UnknownBranch, UnknownUser, Usage
from bot.storage.unit_of_work import Database, UnitOfWork
from bot.usecases.incoming import Person, Sender
from bot.usecases.outbox import Answer, answered, queue, unanswered

BindOutcome = Bound | UnknownBranch | UnknownUser | NotManager | Usage


REMEMBERED_FOR = 600.0
"""Seconds a person's name and username, once found stored, are not looked up again."""
REMEMBERED_MOST = 10_000


class Roster:
    def __init__(self, database: Database, config: Config) -> None:
        self.database = database
        self.config = config
        self._remembered: dict[Person, float] = {}
        """Each person as last found (or made) stored, by when: most updates come from the
        same few dozen people, unchanged, and need no transaction for it."""

    async def sync(self) -> None:
        """Bring the chats, branches and roster members of the configuration into storage."""
        async with self.database.transaction() as uow:
            await uow.chats.sync((chat.id, chat.title) for chat in self.config.chats)
            await uow.branches.sync(self.config.catalogue.branches)
            for member in self.config.members:
                await uow.members.bind_from_roster(
                    user_id=member.user_id, name=member.name, branch=member.branch, role=member.role
                )

    async def sync_branches(self) -> None:
        """The configured branches alone: what a command run beside the bot needs (a targets
        import). Members are the bot's to bind: it keeps who they are between transactions
        (storage.kept), and a binding by another process would go unseen."""
        async with self.database.transaction() as uow:
            await uow.branches.sync(self.config.catalogue.branches)

    async def moves(self) -> ChatMoves:
        async with self.database.reading() as uow:
            return await uow.chats.moves()

    async def moved(self, old: int, new: int, *, now: datetime) -> None:
        """Group `old` became supergroup `new`: its contests and posts are found under both
        ids from now on, and what is sent goes to `new`."""
        async with self.database.transaction() as uow:
            await uow.chats.move(old, new, now)

    async def remember(self, people: Sequence[Person]) -> None:
        """Keep everyone's current name and username, so `/bind @username` finds anyone the
        bot has seen: a write only when something changed, a read only when this process
        has not found the person stored, just so, within REMEMBERED_FOR (another instance
        or a /bind may have changed the row since: the next read puts it right)."""
        moment = time.monotonic()
        fresh = self._remembered
        people = [p for p in people if p not in fresh or moment - fresh[p] >= REMEMBERED_FOR]
        if not people:
            return
        taken: set[str] = set()
        async with self.database.transaction() as uow:
            known = await uow.members.identities([person.user_id for person in people])
            for person in people:
                username = person.username.lower() if person.username else None
                stored = known.get(person.user_id)
                # A bound member's name is the roster's or the manager's: only theirs counts.
                name = stored[0] if stored and stored[2] else person.name
                if stored is None or stored[:2] != (name, username):
                    await uow.members.seen(
                        user_id=person.user_id, name=person.name, username=person.username
                    )
                    if username:
                        taken.add(username)
        # A username written here was taken from whoever had it: their row changed.
        stale = [p for p in fresh if p.username and p.username.lower() in taken]
        for person in stale:
            del fresh[person]
        if len(self._remembered) > REMEMBERED_MOST:
            self._remembered.clear()
        self._remembered.update(dict.fromkeys(people, moment))

    async def bind(
        self,
        *,
        who: int | str | None,
        name: str | None,
        branch_word: str,
        sender: Sender,
        now: datetime,
        answer: Answer[BindOutcome] = unanswered,
    ) -> BindOutcome:
        """A manager binds a person (by user id, or by a @username the bot has seen) to a
        branch; `who` is None when the command named nobody."""
        branch = self.config.catalogue.find_branch(branch_word)
        refusal: BindOutcome | None = None
        if not sender.is_manager:
            refusal = NotManager(ManagerAction.BIND)
        elif who is None:
            refusal = Usage()
        elif branch is None:
            refusal = UnknownBranch(branch_word)
        if refusal is not None or who is None or branch is None:
            return await answered(self.database, answer, refusal or Usage(), now)
        async with self.database.transaction() as uow:
            outcome = await self._bind(uow, who, name, branch.name, sender)
            await queue(uow, answer(outcome), now)
        return outcome

    async def _bind(
        self, uow: UnitOfWork, who: int | str, name: str | None, branch: str, sender: Sender
    ) -> Bound | UnknownUser:
        known = await (
            uow.members.by_username(who) if isinstance(who, str) else uow.members.get(who)
        )
        if known is None and isinstance(who, str):
            return UnknownUser(who)
        user_id = known.user_id if known else int(who)
        display = name or (known.name if known else str(user_id))
        role = known.role if known and known.branch == branch else "staff"
        await uow.members.bind(
            user_id=user_id, name=display, branch=branch, role=role, bound_by=sender.user_id
        )
        return Bound(display, branch)
