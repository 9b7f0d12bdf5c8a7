"""How long the 17:30 PK standings take for a contest of 150 pairs (300 branches), on SQLite.

What the post waits for before it can send: the standings' queries and scoring, then the
chart of the pairs drawn in a worker thread (bot/usecases/composing.py compose_contests). The
database is seeded as bench/charts.py seeds it: a year of figures for every branch.
The contest is made through the service, pairing every branch by last month's points.

Run: .venv/bin/python bench/contests.py [--runs 5]
     (target: median total under 3 seconds; exit status 1 when it misses)
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from datetime import datetime, time
from time import perf_counter

from charts import WEEKLY_DAY, bench_config, seed_database

from bot.storage import migrations
from bot.storage.unit_of_work import Database
from bot.usecases.composing import compose_contests
from bot.usecases.incoming import Sender
from bot.usecases.services import Services

TARGET_SECONDS = 3.0
FORM = "全员PK 9/1-9/30 积分 自动"
ORGANISER = Sender(user_id=1, name="bench", is_manager=True)


async def bench(database_url: str, branches: int, runs: int) -> bool:
    config = bench_config(branches, database_url)
    await seed_database(config, WEEKLY_DAY, 7)
    database = Database(config.database_url)
    services = Services(database, config)
    chat = config.chats[0].id
    created_at = datetime.combine(WEEKLY_DAY.replace(day=1), time(9), config.timezone)
    now = datetime.combine(WEEKLY_DAY, time(17, 30), config.timezone)
    try:
        started = perf_counter()
        await services.contests.create(
            chat_id=chat, message_id=1, sender=ORGANISER, text=FORM, now=created_at
        )
        print(
            f"creating the contest (pairing {branches} branches): {perf_counter() - started:.2f} s"
        )
        totals = []
        for run in range(runs + 1):
            started = perf_counter()
            composed = await compose_contests(services, config, chat, now, on_demand=False)
            total = perf_counter() - started
            if run:
                totals.append(total)
            else:
                charts = composed.albums[0].photos if composed.albums else []
                sizes = ", ".join(f"{len(png) / 1024:.0f} KB" for png in charts)
                print(f"first run: {total:.2f} s, {len(composed.texts)} messages, chart {sizes}")
    finally:
        await database.dispose()
    median = statistics.median(totals)
    met = median <= TARGET_SECONDS
    print(f"median of {runs}: {median:.2f} s, max {max(totals):.2f} s")
    print(f"target: median under {TARGET_SECONDS:g} s: {'met' if met else 'MISSED'}")
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--branches", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zhanbao-bench-") as folder:
        url = f"sqlite+aiosqlite:///{folder}/bench.db"
        migrations.upgrade(url)
        met = asyncio.run(bench(url, args.branches, args.runs))
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
