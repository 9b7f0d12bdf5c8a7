"""Backups of the database: on demand (`python -m bot db backup PATH`) and once a day,
keeping the last `[database] backups` copies beside the database file."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.config.settings import Config
from bot.storage.backups import copy_sqlite, daily_copy, pg_dump_command, sqlite_file

DAILY_FOLDER = "backups"
"""Beside the database file: in Docker, the data volume."""


@dataclass(frozen=True, slots=True)
class Copied:
    path: Path


@dataclass(frozen=True, slots=True)
class UsePgDump:
    """PostgreSQL is backed up with its own tool: the command to run."""

    command: str


class Backups:
    def __init__(self, config: Config) -> None:
        self.config = config

    async def backup(self, target: Path) -> Copied | UsePgDump:
        """A consistent copy at `target`, taken while the bot runs."""
        source = sqlite_file(self.config.database_url)
        if source is None:
            return UsePgDump(pg_dump_command(self.config.database_url, target))
        await asyncio.to_thread(copy_sqlite, source, target)
        return Copied(target)

    async def daily(self, *, now: datetime) -> Copied | None:
        """Today's copy, the oldest beyond the configured number deleted; None when there
        are to be none (0, or PostgreSQL, which its own tools back up)."""
        source = sqlite_file(self.config.database_url)
        if source is None or not self.config.backups:
            return None
        local = now.astimezone(self.config.timezone)
        folder = source.parent / DAILY_FOLDER
        target, _ = await asyncio.to_thread(daily_copy, source, folder, local, self.config.backups)
        return Copied(target)
