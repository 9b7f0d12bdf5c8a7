"""SQLite driven straight from the event loop's thread, for SQLAlchemy's asyncio engine.

aiosqlite runs each connection in a thread of its own and hands every call over to it:
creating a cursor, executing, fetching and closing are four round trips through a queue
and the loop's self-pipe for each statement. On this product's workload (small indexed
statements, one process per database file) those hand-offs cost several times the
statements themselves, so here sqlite3 is called directly and every "await" completes at
once.

What makes that safe is that nothing waits inside SQLite: a statement on a local file
takes microseconds, and the one wait there can be (another connection holding the write
lock) is kept out of SQLite by taking the process's write turn before BEGIN IMMEDIATE
(`Database.transaction`). SQLite serves one bot process (storage.sole_use); a command run
beside it that writes makes the loop wait in SQLite's busy handler for as long as that
command's transaction lasts, at most the busy timeout. The other wait is a commit's
fsync, which only the commits that must survive a power cut make (storage.durability).
"""

from __future__ import annotations

import sqlite3
from collections import deque
from typing import Any

from sqlalchemy import pool
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import URL, AdaptedConnection
from sqlalchemy.util.concurrency import await_

DRIVER = "zhanbao"
"""The URL's driver name under which SQLAlchemy finds this dialect (`register`)."""


class BufferedCursor:
    """Runs a statement and reads all its rows at once, as the asyncio engine's cursors
    do, so a result outlives the statements after it and the cursor closes at once."""

    __slots__ = ("_connection", "_rows", "description", "lastrowid", "rowcount")
    arraysize = 1

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self._rows: deque[Any] = deque()

    def execute(self, operation: str, parameters: Any = ()) -> None:
        await_(self._run(self._connection.execute, operation, parameters))

    def executemany(self, operation: str, seq_of_parameters: Any) -> None:
        await_(self._run(self._connection.executemany, operation, seq_of_parameters))

    async def _run(self, method: Any, operation: str, parameters: Any) -> None:
        # A coroutine that never suspends: SQLAlchemy's asyncio layer insists that each
        # execution awaits something, and this costs two greenlet switches, not a thread.
        cursor = method(operation, parameters)
        self.description = cursor.description
        if self.description is not None:
            self._rows = deque(cursor.fetchall())
        self.rowcount = cursor.rowcount
        self.lastrowid = cursor.lastrowid
        cursor.close()

    def fetchone(self) -> Any:
        return self._rows.popleft() if self._rows else None

    def fetchmany(self, size: int | None = None) -> list[Any]:
        size = size or self.arraysize
        return [self._rows.popleft() for _ in range(min(size, len(self._rows)))]

    def fetchall(self) -> list[Any]:
        rows = list(self._rows)
        self._rows.clear()
        return rows

    def close(self) -> None:
        self._rows.clear()

    async def _async_soft_close(self) -> None:
        """Nothing to do: the rows were read when the statement ran."""


class InlineConnection(AdaptedConnection):
    """A sqlite3 connection behind the interface the asyncio engine's pool expects."""

    __slots__ = ()

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def cursor(self, server_side: bool = False) -> BufferedCursor:
        return BufferedCursor(self._connection)

    def execute(self, operation: str, parameters: Any = ()) -> BufferedCursor:
        cursor = self.cursor()
        cursor.execute(operation, parameters)
        return cursor

    def commit(self) -> None:
        self._connection.commit()

    def rollback(self) -> None:
        self._connection.rollback()

    def close(self) -> None:
        self._connection.close()

    def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._connection.create_function(*args, **kwargs)

    @property
    def isolation_level(self) -> str | None:
        return self._connection.isolation_level

    @isolation_level.setter
    def isolation_level(self, value: str | None) -> None:
        self._connection.isolation_level = value

    def run_async(self, fn: Any) -> Any:
        return await_(fn(self._connection))


class _Module:
    """sqlite3 as the dialect's DBAPI module, whose connections are `InlineConnection`s."""

    paramstyle = "qmark"

    def __init__(self) -> None:
        for name in (
            "DatabaseError", "Error", "IntegrityError", "NotSupportedError",
            "OperationalError", "ProgrammingError", "InterfaceError", "InternalError",
            "DataError", "Warning", "sqlite_version", "sqlite_version_info",
            "PARSE_COLNAMES", "PARSE_DECLTYPES", "Binary",
        ):  # fmt: skip
            setattr(self, name, getattr(sqlite3, name))

    def connect(self, *args: Any, **kwargs: Any) -> InlineConnection:
        return InlineConnection(sqlite3.connect(*args, **kwargs))


class InlineSQLiteDialect(SQLiteDialect_pysqlite):
    driver = DRIVER
    is_async = True
    supports_statement_cache = True
    supports_server_side_cursors = False

    @classmethod
    def import_dbapi(cls) -> Any:
        return _Module()

    @classmethod
    def get_pool_class(cls, url: URL) -> type[pool.Pool]:
        if cls._is_url_file_db(url):
            return pool.AsyncAdaptedQueuePool
        return pool.StaticPool

    def get_driver_connection(self, connection: Any) -> Any:
        return connection._connection


def register() -> None:
    """Make `sqlite+zhanbao://` URLs known to SQLAlchemy (idempotent)."""
    from sqlalchemy.dialects import registry

    registry.register(f"sqlite.{DRIVER}", __name__, "InlineSQLiteDialect")
