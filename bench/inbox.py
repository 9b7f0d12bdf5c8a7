"""How long a burst of reports takes to be kept, stored and confirmed, when each send to
Telegram takes a while: the whole bot, its inbox, its outbox and the fake Bot API, on
SQLite, in a group of 300 branches paced as Telegram is (20 messages a minute).

Handlers only queue their answers, so storing does not wait for Telegram; confirming does
(20 replies, then merged confirmations as the group's turns come).

Run: .venv/bin/python bench/inbox.py [--reports 200] [--send-ms 200]
     (target, issue 17: 2,000 reports at 200 ms a send all stored within 10 s; exit
     status 1 when the measured pace misses it)
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter

from bot.demo.group import Clock, LiveGroup
from bot.demo.network import FIRST_HEAD, network_config
from bot.fake_telegram.objects import JSON

MORNING = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
"""08:00 in Shanghai on a working day: the reports are yesterday's."""
BRANCHES = 300
TARGET = (2000, 10.0)
"""Reports, and the seconds within which all must be stored."""


def _stored(database: Path) -> tuple[int, int]:
    """(updates kept in the inbox, reports stored)."""
    with sqlite3.connect(database) as db:
        kept = db.execute("SELECT count(*) FROM inbox_updates").fetchone()[0]
        return kept, db.execute("SELECT count(*) FROM reports").fetchone()[0]


async def bench(reports: int, send_ms: int, folder: Path) -> float:
    # 300 branches, paced as Telegram is: confirmations past 20 a minute wait, and merge.
    config = network_config(folder, BRANCHES)
    database = folder / "zhanbao.db"
    group = LiveGroup(
        config,
        database_url=f"sqlite+aiosqlite:///{database}",
        clock=Clock(MORNING),
        photos=folder / "photos",
        limits=config.telegram,
    )
    async with group:
        group.api.slow_down("sendMessage", send_ms / 1000)
        heads = [FIRST_HEAD + n for n in range(BRANCHES)]
        started = perf_counter()
        sent: list[JSON] = [
            group.api.send_text(group.chat_id, group.users[heads[n % len(heads)]], f"储蓄{n + 1}万")
            for n in range(reports)
        ]
        kept: float | None = None
        while (counts := _stored(database))[1] < len(sent):
            if kept is None and counts[0] >= len(sent):
                kept = perf_counter() - started
            await asyncio.sleep(0.05)
        stored = perf_counter() - started
        await group.delivered()
        confirmed = perf_counter() - started
    print(
        f"{reports} reports, {send_ms} ms a send: all kept in the inbox in {kept or stored:.1f} s, "
        f"all stored in {stored:.1f} s ({stored / reports * 1000:.0f} ms a report), "
        f"all confirmed in {confirmed:.1f} s"
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
