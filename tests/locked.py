"""The error SQLAlchemy raises when another process held SQLite's write lock past the busy
timeout (a command run beside the bot), met for real, for a test to hand a step."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError


def write_lock_error(folder: Path) -> OperationalError:
    """Met on a file of its own in `folder`, by a connection that does not wait."""
    path = folder / "locked.db"
    holder = sqlite3.connect(path, isolation_level=None)
    waiter = sqlite3.connect(path, isolation_level=None, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    try:
        waiter.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        return OperationalError("BEGIN IMMEDIATE", {}, error)
    finally:
        waiter.close()
        holder.close()
    pytest.fail("the lock was not met")
