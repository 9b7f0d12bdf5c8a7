"""The members a process keeps between transactions, where it alone writes them."""

from __future__ import annotations

from bot.domain.records import MemberRecord


class MemberCache:
    """Members by user id, kept between transactions by a process that is the only one to
    write them (SQLite's): every report asks who sent it, and who is bound where changes
    a few times a month. Every write of a member empties it, when it is made and again
    when its transaction ends, committed or not. A transaction keeps what it read only if
    no member changed since it began (`generation`): its snapshot may be older than a
    change made meanwhile, never older than one made before it began."""

    MOST = 10_000

    def __init__(self) -> None:
        self._members: dict[int, MemberRecord | None] = {}
        self.generation = 0

    def __contains__(self, user_id: int) -> bool:
        return user_id in self._members

    def __getitem__(self, user_id: int) -> MemberRecord | None:
        """The member kept; None: kept as not stored."""
        return self._members[user_id]

    def keep(self, user_id: int, member: MemberRecord | None, generation: int) -> None:
        """Keep a member read by a transaction begun at `generation`, unless it has moved."""
        if generation == self.generation and len(self._members) < self.MOST:
            self._members[user_id] = member

    def changed(self) -> None:
        self.generation += 1
        self._members.clear()
