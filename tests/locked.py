"""The error SQLAlchemy raises when another process held SQLite's write lock past the busy
timeout (a command run beside the bot), met for real, and a step that meets it at first."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

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


class LockedAtFirst:
    """`step` as it meets a locked database its first `times` calls, then as it is."""

    def __init__(self, step: Callable[..., Awaitable[Any]], folder: Path, times: int = 1) -> None:
        self._step, self._times = step, times
        self._error = write_lock_error(folder)
        self.calls = 0

    async def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        if self.calls <= self._times:
            raise self._error
        return await self._step(*args, **kwargs)
