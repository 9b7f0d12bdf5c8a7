"""What a process keeps between transactions, where it alone writes the database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

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
        """What is kept for `key`, or what `read` reads, then kept."""
        if self._kept is None:
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
