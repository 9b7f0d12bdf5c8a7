"""Who may work on something now: a chat's updates, an album being taken.

On PostgreSQL, where several instances may share the database, a lock is a transaction-
level advisory lock held on a connection of its own for as long as the work lasts: when
the work ends the transaction does and the lock goes with it, and when the process dies
its connection does, so no lock ever outlives its holder. SQLite serves one process, so
there a lock is the process's own.
"""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from enum import IntEnum

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine


class Kind(IntEnum):
    """The first key of an advisory lock: what is locked (clear of migrations' key)."""

    CHAT_UPDATES = 0x5A48_0010
    ALBUM = 0x5A48_0011


_TRY = text("SELECT pg_try_advisory_xact_lock(:kind, :key)")
_WAIT = text("SELECT pg_advisory_xact_lock(:kind, :key)")


class Locks:
    def __init__(self, engine: AsyncEngine, *, shared: bool) -> None:
        self._engine = engine
        self._shared = shared
        self._own: dict[tuple[Kind, str], tuple[asyncio.Lock, list[int]]] = {}
        """The process's own locks, with how many hold or wait for each."""

    @asynccontextmanager
    async def hold(self, kind: Kind, key: str, *, wait: bool = False) -> AsyncIterator[bool]:
        """Whether the lock on (`kind`, `key`) is held for the block: without `wait`, a lock
        someone else holds is not waited for, and the block is told so."""
        if self._shared:
            async with self._advisory(kind, key, wait=wait) as held:
                yield held
        else:
            async with self._local(kind, key, wait=wait) as held:
                yield held

    @asynccontextmanager
    async def _advisory(self, kind: Kind, key: str, *, wait: bool) -> AsyncIterator[bool]:
        # Two keys hash to one only by chance: then they merely take turns.
        values = {"kind": int(kind), "key": _int32(zlib.crc32(key.encode()))}
        async with self._engine.connect() as connection, connection.begin():
            result = await connection.execute(_WAIT if wait else _TRY, values)
            yield True if wait else bool(result.scalar())

    @asynccontextmanager
    async def _local(self, kind: Kind, key: str, *, wait: bool) -> AsyncIterator[bool]:
        lock, users = self._own.setdefault((kind, key), (asyncio.Lock(), [0]))
        if lock.locked() and not wait:
            yield False
            return
        users[0] += 1
        try:
            async with lock:
                yield True
        finally:
            users[0] -= 1
            if not users[0]:
                del self._own[(kind, key)]


def _int32(value: int) -> int:
    """An unsigned 32-bit hash as the signed int4 PostgreSQL's lock functions take."""
    return value - (1 << 32) if value >= 1 << 31 else value
