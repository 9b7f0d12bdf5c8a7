"""Copies of the database: SQLite's online backup, safe while the bot writes.

A file copy of a live SQLite database (with its WAL beside it) can be torn; SQLite's
backup API copies a consistent snapshot page by page instead. PostgreSQL has pg_dump,
whose command this only names: a dump tool belongs to the server's side.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import URL, make_url

DAILY_NAME = "zhanbao-%Y%m%d-%H%M%S.db"
"""The name of a daily backup: sortable, so the oldest are the first."""


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for another backend or an in-memory one."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of `source` at `target`, while other connections keep writing;
    written beside the target first, so a half-made copy never has its name."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(source) as live, sqlite3.connect(partial) as copy:
        live.backup(copy)
    partial.replace(target)


def pg_dump_command(url: str, target: Path) -> str:
    """The pg_dump call that backs up the PostgreSQL database of `url` (its password is
    left out: pg_dump reads PGPASSWORD or ~/.pgpass)."""
    given = make_url(url)
    dsn = URL.create(
        "postgresql",
        username=given.username,
        host=given.host,
        port=given.port,
        database=given.database,
    ).render_as_string()
    return f"pg_dump --format=custom --file={target} '{dsn}'"


def daily_copy(source: Path, folder: Path, now: datetime, keep: int) -> tuple[Path, list[Path]]:
    """Today's copy into `folder`, and the older copies beyond the newest `keep`, deleted."""
    target = folder / now.strftime(DAILY_NAME)
    copy_sqlite(source, target)
    copies = sorted(folder.glob("zhanbao-*.db"))
    gone = copies[: max(0, len(copies) - keep)]
    for old in gone:
        old.unlink()
    return target, gone
