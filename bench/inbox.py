"""How long a burst of reports takes to be stored, and to be confirmed, when each send to
Telegram takes a while: the whole bot, its inbox, its outbox and the fake Bot API, on
SQLite.

Handlers only queue their answers, so storing does not wait for Telegram; confirming does
(one send after another per group, or merged when pacing holds them).

Run: .venv/bin/python bench/inbox.py [--reports 200] [--send-ms 200]
     (target, issue 17: 2,000 reports at 200 ms a send all stored within 10 s; exit
     status 1 when the measured pace misses it)
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sqlite3
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter

from bot.config.settings import load
from bot.config.telegram import UNPACED
from bot.demo.group import Clock, LiveGroup
from bot.fake_telegram.objects import JSON

ROOT = Path(__file__).resolve().parents[1]
MORNING = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
"""08:00 in Shanghai on a working day: the reports are yesterday's."""
TARGET = (2000, 10.0)
"""Reports, and the seconds within which all must be stored."""


def _stored(database: Path) -> int:
    with sqlite3.connect(database) as db:
        return db.execute("SELECT count(*) FROM reports").fetchone()[0]


async def bench(reports: int, send_ms: int, folder: Path) -> float:
    config = dataclasses.replace(load(ROOT / "config.example.toml", environ={}), telegram=UNPACED)
    database = folder / "zhanbao.db"
    group = LiveGroup(
        config,
        database_url=f"sqlite+aiosqlite:///{database}",
        clock=Clock(MORNING),
        photos=folder / "photos",
    )
    async with group:
        group.api.slow_down("sendMessage", send_ms / 1000)
        heads = [member.user_id for member in config.members]
        started = perf_counter()
        sent: list[JSON] = [
            group.api.send_text(group.chat_id, group.users[heads[n % len(heads)]], f"储蓄{n + 1}万")
            for n in range(reports)
        ]
        while _stored(database) < len(sent):  # noqa: ASYNC110 - the bot writes the file
            await asyncio.sleep(0.05)
        stored = perf_counter() - started
        await group.settle()
        confirmed = perf_counter() - started
    print(
        f"{reports} reports, {send_ms} ms a send: all stored in {stored:.1f} s, "
        f"all confirmed in {confirmed:.1f} s ({stored / reports * 1000:.0f} ms a report)"
    )
    return stored / reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--send-ms", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        per_report = asyncio.run(bench(args.reports, args.send_ms, Path(folder)))
    projected = per_report * TARGET[0]
    print(f"projected for {TARGET[0]} reports: {projected:.0f} s (target {TARGET[1]:.0f} s)")
    sys.exit(0 if projected <= TARGET[1] else 1)


if __name__ == "__main__":
    main()
