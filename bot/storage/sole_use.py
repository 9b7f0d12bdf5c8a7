"""One running bot per SQLite file: SQLite serves one process, so a second instance on
the same file (two containers sharing a volume, a forgotten old process) would fight the
first for the write lock and over Telegram's updates. Each bot holds an OS lock on a file
beside the database while it runs; the OS lets it go when the process ends, however it
ends, so a crash never leaves a stale claim.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from sqlalchemy.engine import make_url


class SoleUse:
    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        database = parsed.database if parsed.get_backend_name() == "sqlite" else None
        self._path = Path(f"{database}.running") if database and database != ":memory:" else None
        self._held: int | None = None
        self.refused = False
        """Whether `take` found another process holding the file."""

    def take(self) -> bool:
        """Hold the file's lock for as long as this process runs: False if another process
        holds it (another instance on this file). True where there is no file to share."""
        if self._path is None or self._held is not None:
            return True
        self._path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            self.refused = True
            return False
        self._held = descriptor
        return True

    def in_use(self) -> bool:
        """Whether another process (a running bot) holds the file now: for `doctor`, which
        runs beside it and takes nothing."""
        if self._path is None or self._held is not None:
            return False
        descriptor = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(descriptor)
        return False

    def release(self) -> None:
        if self._held is not None:
            os.close(self._held)
            self._held = None
