"""How long the weekly summary takes for 300 branches with a year of figures, on SQLite.

What the Monday post waits for before it can send: the summary's queries and build
(Posting.summary), then its three charts drawn in worker threads, as
bot/usecases/composing.py compose() makes them. Sending is Telegram's time, not ours.

The database is seeded with bulk inserts, not through the bot, so that a year takes seconds;
seeding is reported but not measured. The first run is reported on its own (first connection,
font registration, first render); the target is on the median of the runs after it.

Run: .venv/bin/python bench/charts.py [--runs 5] [--monthly]
     (target: median total under 3 seconds; exit status 1 when a summary misses it)
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import random
import statistics
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from time import perf_counter
from typing import Any

from sqlalchemy import insert

from bot.config.settings import Config, load
from bot.domain.catalogue import Branch
from bot.domain.periods import Period, PeriodKind, period_containing
from bot.domain.ranking import points
from bot.domain.summary import Summary
from bot.domain.targets import POINTS
from bot.rendering.chart_layout import Drawing
from bot.rendering.fonts import chart_font
from bot.rendering.summary_charts import summary_charts
from bot.rendering.texts import Texts
from bot.storage import migrations
from bot.storage.figure_tables import Figure
from bot.storage.tables import Base, PlanRow, ReportRow, TargetRow
from bot.storage.unit_of_work import Database
from bot.usecases.composing import drawn
from bot.usecases.services import Services

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 3.0
WEEKLY_DAY, WEEKLY_HOUR = date(2026, 9, 28), 8
"""The Monday after the Mid-Autumn Festival: a week of four working days, in a month with
targets; the weekly post's default time (config.example.toml)."""
MONTHLY_HOUR = 16
"""The monthly post's default time, on the month's last working day."""
HEAD_ID = 300_000
"""User ids of the generated branch heads start after this."""
TARGETED = ("deposit", POINTS)
"""The month targets every branch gets: enough for the completion chart and its headline."""


@dataclass(frozen=True, slots=True)
class Seeded:
    rows: Counter[str]
    """Rows inserted, by table."""
    first: date
    last: date
    seconds: float


@dataclass(frozen=True, slots=True)
class Run:
    queries: float
    """Posting.summary: the queries and the pure build of the Summary."""
    charts: float
    pngs: tuple[int, ...]
    """The size of each chart, so a run that drew fewer charts than expected shows."""

    @property
    def total(self) -> float:
        return self.queries + self.charts


def bench_config(branches: int, database_url: str) -> Config:
    """The example configuration with `branches` generated branches and no roster members
    (the example's members belong to branches that no longer exist)."""
    config = load(ROOT / "config.example.toml", environ={})
    generated = tuple(Branch(f"网点{i:03}营业所", f"网点{i:03}") for i in range(1, branches + 1))
    catalogue = dataclasses.replace(config.catalogue, branches=generated)
    return dataclasses.replace(config, catalogue=catalogue, members=(), database_url=database_url)


def post_times(config: Config, *, monthly: bool) -> dict[PeriodKind, datetime]:
    """When the weekly post runs, and the monthly post of its month: on the month's last
    working day."""
    zone = config.timezone
    times = {PeriodKind.WEEK: datetime.combine(WEEKLY_DAY, time(WEEKLY_HOUR), zone)}
    if monthly:
        month = period_containing(PeriodKind.MONTH, WEEKLY_DAY)
        last = max(config.calendar.working_days(month.first, month.last))
        times[PeriodKind.MONTH] = datetime.combine(last, time(MONTHLY_HOUR), zone)
    return times


def day_values(rng: random.Random, config: Config) -> dict[str, float]:
    """One branch's report: the main metrics, and half the time one other metric."""
    others = [m.key for m in config.catalogue.metrics if m.key not in config.main_metrics]
    keys = [*config.main_metrics, *([rng.choice(others)] if rng.random() < 0.5 else [])]
    values = {}
    for key in keys:
        metric = config.catalogue.metric(key)
        if metric.is_money:
            values[key] = round(rng.uniform(-10 if metric.may_be_negative else 0, 60), 1)
        else:
            values[key] = float(rng.randint(0, 40))
    return values


def report_text(values: dict[str, float], config: Config) -> str:
    catalogue = config.catalogue
    return " ".join(
        f"{catalogue.metric(k).name}{v:g}{catalogue.metric(k).unit}" for k, v in values.items()
    )


def months(first: date, last: date) -> Iterator[Period]:
    month = period_containing(PeriodKind.MONTH, first)
    while month.first <= last:
        yield month
        month = period_containing(PeriodKind.MONTH, month.last + timedelta(days=1))


def month_rows(
    month: Period, days: Sequence[date], config: Config, ids: dict[str, int], *, first_report: int,
    rng: random.Random,
) -> list[tuple[type[Base], list[dict[str, Any]]]]:  # fmt: skip
    """One month's rows, table by table in the order their foreign keys need: each branch's
    report on each of `days` (ids from `first_report`), its month targets for deposit and
    for points set near what it reaches (so some branches are behind), and its plan."""
    branches, zone = config.catalogue.branches, config.timezone
    reports: list[dict[str, Any]] = []
    figures: list[dict[str, Any]] = []
    reached = dict.fromkeys(((b.name, metric) for b in branches for metric in TARGETED), 0.0)
    for day in days:
        sent = datetime.combine(day, time(20), zone)
        for number, branch in enumerate(branches, start=1):
            values = day_values(rng, config)
            reached[branch.name, "deposit"] += values.get("deposit", 0.0)
            reached[branch.name, POINTS] += points(values, config.catalogue)
            report_id = first_report + len(reports)
            reports.append(
                {
                    "id": report_id, "chat_id": config.chats[0].id, "message_id": report_id,
                    "user_id": HEAD_ID + number, "text": report_text(values, config),
                    "day": day, "sent_at": sent, "received_at": sent, "updated_at": sent,
                }
            )  # fmt: skip
            figures.extend(
                {
                    "branch_id": ids[branch.name], "day": day, "metric": key, "value": value,
                    "reporter_id": HEAD_ID + number, "report_id": report_id, "updated_at": sent,
                }
                for key, value in values.items()
            )  # fmt: skip
    # A month seeded in part (the first, the current) gets a target for the whole of it.
    whole = sum(1 for _ in config.calendar.working_days(month.first, month.last))
    scale = whole / len(days) if days else 1.0
    set_at = datetime.combine(month.first, time(9), zone)
    targets = [
        {
            "branch_id": ids[branch], "metric": metric, "period": month.kind.value,
            "first_day": month.first, "last_day": month.last,
            "value": round(max(total * scale * rng.uniform(0.85, 1.2), 1.0), 1),
            "set_by": HEAD_ID, "set_at": set_at,
        }
        for (branch, metric), total in reached.items()
    ]  # fmt: skip
    plans = [
        {
            "branch_id": ids[b.name], "text": f"{month.first.month}月：每天走访商户20户",
            "set_by": HEAD_ID + number, "set_at": set_at,
        }
        for number, b in enumerate(branches, start=1)
    ]  # fmt: skip
    return [(ReportRow, reports), (Figure, figures), (TargetRow, targets), (PlanRow, plans)]


async def seed(
    database: Database, config: Config, first: date, last: date, rng_seed: int
) -> Seeded:
    """Every branch reports on every working day from `first` to `last`, in one transaction
    of bulk inserts a month at a time; each month also gets targets and revised plans, so
    the newest-plan query has history to skip."""
    started = perf_counter()
    rng = random.Random(rng_seed)
    await Services(database, config).roster.sync()
    counts: Counter[str] = Counter()
    async with database.transaction() as uow:
        ids = await uow.branches.ids()
        for month in months(first, last):
            days = list(
                config.calendar.working_days(max(month.first, first), min(month.last, last))
            )
            tables = month_rows(
                month, days, config, ids, first_report=counts["reports"] + 1, rng=rng
            )
            for table, rows in tables:
                await uow.session.execute(insert(table), rows)
                counts[table.__tablename__] += len(rows)
    return Seeded(counts, first, last, perf_counter() - started)


async def measure(
    services: Services, config: Config, kind: PeriodKind, now: datetime, runs: int
) -> tuple[Run, list[Run]]:
    """The first run, then `runs` more: each the summary's queries and build, then its charts
    in worker threads, the font looked up there as compose() does."""
    texts = Texts(config.language)

    def charts(summary: Summary) -> list[Drawing]:
        return summary_charts(
            summary, texts=texts, catalogue=config.catalogue,
            main_metrics=config.main_metrics, font=chart_font(config.font_path),
        )  # fmt: skip

    async def once() -> Run:
        started = perf_counter()
        summary = await services.posts.summary(kind, now)
        built = perf_counter()
        album = await drawn(await asyncio.to_thread(charts, summary))
        return Run(built - started, perf_counter() - built, tuple(len(png) for png in album))

    first = await once()
    return first, [await once() for _ in range(runs)]


def report(kind: PeriodKind, now: datetime, first: Run, runs: Sequence[Run]) -> bool:
    """Print one summary's timings; True when its median total meets the target."""
    sizes = ", ".join(f"{size / 1024:.0f} KB" for size in first.pngs)
    print(
        f"\n{kind.value}ly summary at {now:%Y-%m-%d %H:%M %Z}, {len(first.pngs)} charts ({sizes})"
    )
    print(f"  {'':<14}{'queries+build':>14}{'charts':>9}{'total':>9}")
    lines = [("first run", first.queries, first.charts, first.total)]
    for label, pick in (("median", statistics.median), ("max", max)):
        lines.append(
            (
                f"{label} of {len(runs)}",
                pick(run.queries for run in runs),
                pick(run.charts for run in runs),
                pick(run.total for run in runs),
            )
        )
    for label, queries, charts, total in lines:
        print(f"  {label:<14}{queries:>12.2f} s{charts:>7.2f} s{total:>7.2f} s")
    median = statistics.median(run.total for run in runs)
    met = median <= TARGET_SECONDS
    verdict = "met" if met else "MISSED"
    print(f"  target: median total under {TARGET_SECONDS:g} s: {verdict}")
    return met


async def seed_database(config: Config, latest: date, rng_seed: int) -> Seeded:
    """Seed the 365 days before `latest`, the day of the last post measured."""
    database = Database(config.database_url)
    try:
        first, last = latest - timedelta(days=365), latest - timedelta(days=1)
        return await seed(database, config, first, last, rng_seed)
    finally:
        await database.dispose()


async def bench(config: Config, kinds: dict[PeriodKind, datetime], runs: int) -> bool:
    """Measure each summary in `kinds` on a fresh engine, as after a restart; True when all
    meet the target."""
    database = Database(config.database_url)
    services = Services(database, config)
    met = True
    try:
        for kind, now in kinds.items():
            first, measured = await measure(services, config, kind, now, runs)
            met = report(kind, now, first, measured) and met
    finally:
        await database.dispose()
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs after the first")
    parser.add_argument("--branches", type=int, default=300)
    parser.add_argument("--monthly", action="store_true", help="measure the monthly summary too")
    parser.add_argument("--seed", type=int, default=7, help="of the generated figures")
    args = parser.parse_args()
    if args.runs < 1 or args.branches < 1:
        parser.error("--runs and --branches must be at least 1")
    with tempfile.TemporaryDirectory(prefix="zhanbao-bench-") as folder:
        config = bench_config(args.branches, f"sqlite+aiosqlite:///{folder}/bench.db")
        # Alembic runs its own event loop, so the schema is made before ours starts.
        migrations.upgrade(config.database_url)
        kinds = post_times(config, monthly=args.monthly)
        seeded = asyncio.run(seed_database(config, max(kinds.values()).date(), args.seed))
        size = Path(folder, "bench.db").stat().st_size
        rows = ", ".join(f"{count:,} {table}" for table, count in seeded.rows.items())
        print(
            f"seeded {args.branches} branches, {seeded.first} – {seeded.last}, in "
            f"{seeded.seconds:.1f} s: {rows}; database {size / 2**20:.1f} MB"
        )
        met = asyncio.run(bench(config, kinds, args.runs))
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
