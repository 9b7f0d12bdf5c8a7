"""Building the async engine, with the per-connection settings SQLite needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.storage import sqlite_driver

SQLITE_BUSY_TIMEOUT_MS = 5000
READ_ONLY = "zhanbao_read_only"
"""An execution option: this transaction only reads, so a plain BEGIN will do."""
RELAXED = "zhanbao_relaxed"
"""An execution option: this transaction's commit need not wait for the disk
(storage.durability); every other write transaction's does."""


def create_engine(url: str) -> AsyncEngine:
    """An engine for `url`; SQLite files get WAL, a busy timeout, foreign keys and
    write transactions that take the lock at BEGIN, so two writers wait for each
    other instead of failing with SQLITE_BUSY halfway through a read-then-write."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_async_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    sqlite_driver.register()
    engine = create_async_engine(parsed.set(drivername=f"sqlite+{sqlite_driver.DRIVER}"))
    event.listen(engine.sync_engine, "connect", _configure_sqlite)
    event.listen(engine.sync_engine, "begin", _begin_immediate)
    return engine


def _configure_sqlite(dbapi_connection: Any, record: Any) -> None:
    # The driver's own implicit BEGIN is switched off so `_begin_immediate` decides.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # A file system without shared memory (some network volumes) keeps the rollback
    # journal: there a commit that does not wait for the disk may corrupt the file.
    record.info["wal"] = str(cursor.fetchone()[0]).lower() == "wal"
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")  # each transaction may relax it (`_synchronous`)
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    options = connection.get_execution_options()
    if options.get(READ_ONLY, False):
        connection.exec_driver_sql("BEGIN")
        return
    _synchronous(connection, "NORMAL" if options.get(RELAXED, False) else "FULL")
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _synchronous(connection: Any, level: str) -> None:
    """Set how the coming commit waits for the disk, where it differs from the last one's
    on this connection: a pragma on the driver's connection, microseconds, no statement."""
    pooled = connection.connection
    if not pooled.info.get("wal", False):
        level = "FULL"
    if pooled.info.get("synchronous", "FULL") != level:
        pooled.driver_connection.execute(f"PRAGMA synchronous={level}")
        pooled.info["synchronous"] = level
