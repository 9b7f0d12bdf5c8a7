"""What a process keeps between transactions, where it alone writes the database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from itertools import islice
from typing import Generic, TypeVar

from bot.domain.outgoing import Queued

K = TypeVar("K")
V = TypeVar("V")


class Kept(Generic[K, V]):
    """Answers read from tables that change seldom and are asked every report (who sent
    it, whether its day's bulletin is out), kept by a process that is the only one to
    write them: SQLite's. Every write of such a table empties what is kept of it, when it
    is made and again when its transaction ends, committed or not. A transaction keeps
    what it read only if nothing was written since it began (`generation`): its snapshot
    may be older than a change made meanwhile, never older than one made before."""

    MOST = 10_000

    def __init__(self) -> None:
        self._values: dict[K, V] = {}
        self.generation = 0

    def __contains__(self, key: K) -> bool:
        return key in self._values

    def __getitem__(self, key: K) -> V:
        return self._values[key]

    def keep(self, key: K, value: V, generation: int) -> None:
        """Keep a value read by a transaction begun at `generation`, unless it has moved."""
        if generation == self.generation and len(self._values) < self.MOST:
            self._values[key] = value

    def changed(self) -> None:
        self.generation += 1
        self._values.clear()


class Keeping(Generic[K, V]):
    """One transaction's use of a Kept (none: every answer is read): what it reads is kept
    as the rules above allow, and once it wrote, Database.transaction empties the Kept
    again as the transaction ends (`end`)."""

    def __init__(self, kept: Kept[K, V] | None) -> None:
        self._kept = kept
        self._generation = kept.generation if kept is not None else 0
        self._wrote = False

    async def get(self, key: K, read: Callable[[], Awaitable[V]]) -> V:
        """What is kept for `key`, or what `read` reads, then kept. A transaction that
        wrote reads: what another kept meanwhile is the committed answer, not its own."""
        if self._kept is None or self._wrote:
            return await read()
        if key in self._kept:
            return self._kept[key]
        value = await read()
        self._kept.keep(key, value, self._generation)
        return value

    def writing(self) -> None:
        """The transaction writes what the Kept answers from."""
        self._wrote = True
        if self._kept is not None:
            self._kept.changed()

    def end(self) -> None:
        if self._wrote and self._kept is not None:
            self._kept.changed()


class KeptQueue:
    """What waits in the outbox, oldest first, kept by the process that alone writes it
    (SQLite's): the sender's turn, one a message in a rush, then reads nothing of the
    queue, since all that joined it was queued by this process. Unknown until a turn
    reads the queue whole; from then each committed transaction moves it as it moved the
    table (`Queuing`). A change it does not follow (a retry, a post given up or made
    afresh), or a transaction that wrote and did not commit, makes it unknown again."""

    def __init__(self) -> None:
        self._waiting: dict[int, Queued] | None = None

    def waiting(self) -> dict[int, Queued] | None:
        return self._waiting

    def moved(self, waiting: dict[int, Queued] | None) -> None:
        """What waits once a transaction committed (None: not known)."""
        if waiting is not None and list(waiting) != sorted(waiting):
            waiting = dict(sorted(waiting.items()))
        self._waiting = waiting


class Queuing:
    """One transaction's changes to what waits (none kept: every turn reads the queue),
    made what the KeptQueue holds once it commits (`end`)."""

    def __init__(self, kept: KeptQueue | None) -> None:
        self._kept = kept
        self._read: dict[int, Queued] | None = None
        self._added: dict[int, Queued] = {}
        self._taken: set[int] = set()
        self._lost = False

    def waiting(self, limit: int) -> list[Queued] | None:
        """What waits as kept, with this transaction's own changes; None when unknown."""
        waiting = self._now()
        return None if waiting is None else list(islice(waiting.values(), limit))

    def read(self, waiting: Sequence[Queued]) -> None:
        """The queue read whole, in this transaction: kept from its commit."""
        if self._kept is not None:
            self._read = {item.id: item for item in waiting}

    def added(self, item: Queued) -> None:
        self._added[item.id] = item

    def taken(self, ids: Iterable[int]) -> None:
        self._taken.update(ids)

    def lost(self) -> None:
        """The transaction changed what waits in a way not followed here."""
        self._lost = True

    def end(self, *, committed: bool) -> None:
        wrote = self._lost or bool(self._added) or bool(self._taken)
        if self._kept is None or not (wrote or self._read is not None):
            return
        if committed:
            self._kept.moved(self._now())
        elif wrote:
            self._kept.moved(None)  # it may have committed after all: read it again

    def _now(self) -> dict[int, Queued] | None:
        if self._kept is None or self._lost:
            return None
        known = self._read if self._read is not None else self._kept.waiting()
        if known is None:
            return None
        waiting = {**known, **self._added}
        for id_ in self._taken:
            waiting.pop(id_, None)
        return waiting
