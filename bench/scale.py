"""What the bot's reads and writes cost as the network and its history grow: 30 to 3,000
branches with a year of figures, and 1,000 branches with a month to three years, on SQLite
and (when ZHANBAO_TEST_POSTGRES_URL is set) PostgreSQL.

A deployment only grows: a query that reads every row ever stored is fast in a demo and
slow in the third year. Each operation is timed through the use cases the chat side calls
(bot/usecases/), at a fixed clock on the Monday after the last seeded day, over a copy of
the scenario's database (bench/scale_seed.py seeds and caches it), so runs never change
the cache. "bulletin queries" is Posting.bulletin, its reads and the bulletin built from
them; "compose" is the whole post as bot/usecases/composing.py makes it. Medians of --reps
runs after a warm-up: wall, CPU (of this process: PostgreSQL's own work is not in it) and
the SQL statements' time. The machine may be shared: wall well above CPU on SQLite is
time spent waiting for a core or the disk.

Every distinct statement is explained (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on
PostgreSQL) into bench-out/scale-plans.txt; the output shows the slowest ones' plans and
flags each full scan of a big table, which is how a missing index shows before the third
year does.

Run: .venv/bin/python bench/scale.py [--quick] [--backend sqlite|postgres|both] [--reps 7]
         [--only 1000x365,3000x365] [--reseed]
     --quick: 30, 300 and 1,000 branches with a year, on SQLite. The first run seeds the
     caches (about 15 minutes for the whole grid on both backends, a new migration about 3
     more); after that the whole grid takes about 5 minutes.
     (targets, issue 20, on each backend: storing one report flat, 3,000 branches within
     1.5x of 30; at 1,000 branches x 1 year the bulletin's queries < 100 ms and its whole
     compose < 250 ms, /audit of a branch-day < 5 ms; the bulletin's queries at 1,095 days
     within 1.2x of 30 days; the reminder, /rank and /progress at 1,000 / 3,000 branches
     < 50 / 150, < 50 / 150 and < 100 / 300 ms; the weekly summary with its 3 charts at
     300 / 1,000 branches < 0.6 / 1.2 s; exit status 1 when one is missed)
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import re
import resource
import shutil
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date
from pathlib import Path
from statistics import median
from time import perf_counter, process_time
from typing import Any

import asyncpg
import scale_seed as seed
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.chat import answers
from bot.cli import set_aside_what_was_loaded
from bot.config.settings import Config
from bot.domain.outcomes import Audit, Stored
from bot.domain.periods import PeriodKind
from bot.domain.schedule import PostKind
from bot.rendering.texts import Texts
from bot.storage.unit_of_work import Database
from bot.usecases.composing import compose
from bot.usecases.incoming import IncomingMessage, Sender
from bot.usecases.services import Services

Scenario = seed.Scenario
PLANS = seed.ROOT / "bench-out" / "scale-plans.txt"
GRID = [Scenario(30, 365), Scenario(300, 365), Scenario(1000, 365), Scenario(3000, 365),
        Scenario(1000, 30), Scenario(1000, 1095)]  # fmt: skip
QUICK = GRID[:3]
HEADLINE = "1000x365"
"""The scenario whose slowest statements' plans are printed (the file has them all)."""
AUDIT_DAY = date(2026, 11, 12)
WATCHED = ("daily_figures", "figure_statements", "figure_changes", "reports", "targets")
SCANS = {"sqlite": re.compile(r"\bSCAN (\w+)"), "postgres": re.compile(r"Seq Scan on (\w+)")}
GOALS = (  # operation, scenario, limit in ms, or a ratio to the operation in `against`
    ("store one report", "3000x365", 1.5, "30x365"),
    ("bulletin queries", "1000x365", 100, ""), ("bulletin compose", "1000x365", 250, ""),
    ("bulletin queries", "1000x1095", 1.2, "1000x30"),
    ("reminder compose", "1000x365", 50, ""), ("reminder compose", "3000x365", 150, ""),
    ("/rank", "1000x365", 50, ""), ("/rank", "3000x365", 150, ""),
    ("/progress", "1000x365", 100, ""), ("/progress", "3000x365", 300, ""),
    ("/audit branch-day", "1000x365", 5, ""),
    ("weekly + 3 charts", "300x365", 600, ""), ("weekly + 3 charts", "1000x365", 1200, ""),
)  # fmt: skip


@dataclass(slots=True)
class Plan:
    sql: str
    params: Any
    ms: float = 0.0
    count: int = 0
    lines: list[str] = field(default_factory=list)
    scans: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Measured:
    wall: float
    cpu: float
    plans: list[Plan]

    @property
    def sql(self) -> float:
        return sum(plan.ms for plan in self.plans)


Results = dict[tuple[str, str], dict[str, Measured]]


class Watch:
    """The statements of the repetition being watched, each with its time."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.on, self.seen = False, list[tuple[str, Any, float]]()
        event.listen(engine.sync_engine, "before_cursor_execute", self._before)
        event.listen(engine.sync_engine, "after_cursor_execute", self._after)

    def _before(self, conn: Any, _cursor: Any, *_: Any) -> None:
        conn.info["bench_at"] = perf_counter()

    def _after(self, conn: Any, _c: Any, sql: str, params: Any, _x: Any, many: bool) -> None:
        started = conn.info.pop("bench_at", None)
        if self.on and not many and started is not None:
            self.seen.append((sql, params, (perf_counter() - started) * 1000))


def operations(
    services: Services, config: Config, scenario: Scenario
) -> dict[str, Callable[[int], Awaitable[Any]]]:
    """Each operation as a call of its repetition number, the store last since it writes:
    a new message each time, from the head of a branch that has not reported yet."""
    at = {f"{h:02}:{m:02}": seed.local_time(seed.TODAY, h, m).astimezone(UTC)
          for h, m in ((8, 0), (8, 30), (9, 0), (10, 0))}  # fmt: skip
    late = [b for b in range(1, scenario.branches + 1) if not seed.reported_by_now(b)]
    audited = next(b for b in range(1, 30) if seed.edited(b, AUDIT_DAY))
    texts, morning = Texts(config.language), at["08:00"]

    async def store(n: int) -> object:
        b = late[n % len(late)]
        sender = Sender(seed.FIRST_HEAD + b, f"{seed.short_name(b)}所长")
        message = IncomingMessage(seed.CHAT, 10**9 + n, sender, "储蓄12万", sent_at=morning)
        answer = answers.report(message, texts, config.catalogue)
        return await services.reports.submit_report(message, now=morning, answer=answer)

    def post(kind: PostKind, time: str) -> Callable[[int], Awaitable[Any]]:
        return lambda _: compose(services, config, seed.CHAT, kind, at[time], repeat=False)

    audit_words = [seed.short_name(audited), f"{AUDIT_DAY.month}月{AUDIT_DAY.day}日"]
    return {
        "bulletin queries": lambda _: services.posts.bulletin(seed.CHAT, at["08:30"]),
        "bulletin compose": post(PostKind.MORNING, "08:30"),
        "reminder queries": lambda _: services.posts.missing(at["10:00"]),
        "reminder compose": post(PostKind.REMINDER, "10:00"),
        "/rank": lambda _: services.figures.ranking(now=morning),
        "/today": lambda _: services.figures.today(
            user_id=seed.FIRST_HEAD + 1, branch_word=None, now=morning
        ),
        "/progress": lambda _: services.targets.progress(kind=PeriodKind.MONTH, now=morning),
        "/audit branch-day": lambda _: services.figures.audit_trail(words=audit_words, now=morning),
        "weekly + 3 charts": post(PostKind.WEEKLY, "09:00"),
        "store one report": store,
    }


def _check(operation: str, result: Any) -> None:
    """The seeded data reads as what the bot would have stored: fail loudly if it does not."""
    if operation == "store one report":
        assert isinstance(result, Stored), result
    elif operation == "/audit branch-day":
        assert isinstance(result, Audit), result
        assert len(result.statements) == 10, result  # nine figures, one of them edited
    elif operation == "weekly + 3 charts":
        assert len(result.albums[0].photos) == 3, result


async def measure(
    services: Services, config: Config, scenario: Scenario, backend: str, reps: int
) -> dict[str, Measured]:
    watch, results = Watch(services.database.engine), {}
    for operation, call in operations(services, config, scenario).items():
        _check(operation, await call(0))
        walls, cpus = [], []
        for n in range(1, reps + 1):
            gc.collect()
            watch.on, watch.seen = n == reps, []
            cpu, wall = process_time(), perf_counter()
            await call(n)
            walls.append((perf_counter() - wall) * 1000)
            cpus.append((process_time() - cpu) * 1000)
        watch.on = False
        plans = await explain(services.database.engine, backend, watch.seen)
        results[operation] = Measured(median(walls), median(cpus), plans)
    return results


async def explain(
    engine: AsyncEngine, backend: str, seen: list[tuple[str, Any, float]]
) -> list[Plan]:
    """Every distinct statement of one run, slowest first, with its plan (a write only
    planned on PostgreSQL: EXPLAIN ANALYZE would run it)."""
    distinct: dict[str, Plan] = {}
    for sql, params, ms in seen:
        plan = distinct.setdefault(sql, Plan(sql, params))
        plan.ms, plan.count = plan.ms + ms, plan.count + 1
    for plan in distinct.values():
        verb = plan.sql.lstrip().split(None, 1)[0].upper()
        if verb not in ("SELECT", "WITH", "INSERT", "UPDATE", "DELETE"):
            continue
        prefix = ("EXPLAIN QUERY PLAN " if backend == "sqlite"
                  else "EXPLAIN (ANALYZE, BUFFERS) " if verb in ("SELECT", "WITH")
                  else "EXPLAIN ")  # fmt: skip
        async with engine.connect() as connection:
            rows = (await connection.exec_driver_sql(prefix + plan.sql, tuple(plan.params))).all()
            await connection.rollback()
        if backend == "sqlite":  # (id, parent, _, detail): indent each step under its parent
            depth: dict[int, int] = {0: -1}
            for row in rows:
                depth[row[0]] = depth.get(row[1], -1) + 1
                plan.lines.append("  " * depth[row[0]] + row[3])
        else:
            plan.lines = [row[0] for row in rows]
        found = (SCANS[backend].search(line) for line in plan.lines)
        plan.scans = sorted({m.group(1) for m in found if m and m.group(1) in WATCHED})
    return sorted(distinct.values(), key=lambda p: -p.ms)


async def run_scenario(
    scenario: Scenario, backend: str, reps: int, reseed: bool, folder: Path
) -> dict[str, Measured]:
    """Measure on a fresh copy of the scenario's cached database, dropped afterwards."""
    started, run = perf_counter(), folder / "run.sqlite"
    if backend == "sqlite":
        cached, done = await seed.seed_sqlite(scenario, folder, reseed)
        shutil.copyfile(cached, run)
        url = seed.sqlite_url(run)
    else:
        server = os.environ["ZHANBAO_TEST_POSTGRES_URL"]
        cached_db, done = await seed.seed_postgres(scenario, folder, server, reseed)
        prefix = make_url(server).database or "zhanbao_bench"
        admin = await asyncpg.connect(seed.pg_url(server, prefix, "postgresql"))
        await seed.copy_database(admin, cached_db, f"{prefix}_run")
        url = seed.pg_url(server, f"{prefix}_run")
    took = perf_counter() - started
    print(f"{backend} {scenario.name}: {done or 'cached'}; ready in {took:.0f} s", flush=True)
    config = seed.write_config(folder, scenario, url)
    services = Services(Database(url), config)
    set_aside_what_was_loaded()  # as `python -m bot run` does before it starts
    try:
        return await measure(services, config, scenario, backend, reps)
    finally:
        await services.close()
        if backend == "sqlite":
            run.unlink()
        else:
            await admin.execute(f'DROP DATABASE "{prefix}_run"')
            await admin.close()


def report(results: Results, reps: int) -> bool:
    """The table and the targets met or missed: whether every target was met."""
    backends = list(dict.fromkeys(backend for backend, _ in results))
    print(f"\nMedian of {reps} runs: wall ms / CPU ms / SQL ms (the statements' own time)")
    for backend in backends:
        names = [name for b, name in results if b == backend]
        print(f"{backend:<18}" + "".join(f"{name:>17}" for name in names))
        for operation in results[backend, names[0]]:
            cells = (results[backend, name][operation] for name in names)
            print(f"{operation:<18}" + "".join(
                f"{f'{c.wall:.1f}/{c.cpu:.0f}/{c.sql:.0f}':>17}" for c in cells
            ))  # fmt: skip
    met = True
    print("\nTargets (issue 20), on the wall time:")
    for operation, name, limit, against in GOALS:
        for backend in backends:
            got = results.get((backend, name), {}).get(operation)
            base = results.get((backend, against), {}).get(operation)
            if got is None or (against and base is None):
                continue
            bound = base.wall * limit if base else limit
            rule = f"<= {limit}x {against}'s = {bound:.1f}" if base else f"< {limit:g}"
            met &= (ok := got.wall <= bound)
            print(f"  {backend:<8} {operation:<18} {name:<9} {got.wall:8.1f} ms  "
                  f"(target {rule} ms) {'met' if ok else 'MISSED'}")  # fmt: skip
    return met


def show_plans(results: Results) -> None:
    """Every plan into PLANS; here, each full scan of a big table and the headline
    scenario's slowest statements."""
    PLANS.parent.mkdir(exist_ok=True)
    scans: dict[tuple[str, str, str], tuple[str, Plan]] = {}
    with PLANS.open("w", encoding="utf-8") as out:
        for (backend, name), measured in results.items():
            for operation, m in measured.items():
                out.write(f"=== {backend} {name} {operation}: {m.wall:.1f} ms\n")
                for plan in m.plans:
                    out.write(f"--- {plan.ms:.2f} ms x{plan.count}\n{plan.sql}\n")
                    out.write(f"params: {str(plan.params)[:300]}\n")
                    out.write("".join(f"    {line}\n" for line in plan.lines))
                    for table in plan.scans:  # the largest scenario's scan is shown
                        shown = scans.get((backend, operation, table), ("0x0", plan))[0]
                        if _size(name) > _size(shown):
                            scans[backend, operation, table] = (name, plan)
    print(f"\nFull scans of {', '.join(WATCHED)} (largest scenario with one):")
    for (backend, operation, table), (name, plan) in sorted(scans.items()):
        print(f"  {backend:<8} {operation:<18} {table:<14} {name:<9} {plan.ms:6.1f} ms  "
              f"{_short(plan.sql, 90)}")  # fmt: skip
    if not scans:
        print("  none")
    for backend in dict.fromkeys(b for b, _ in results):
        names = [n for b, n in results if b == backend]
        name = HEADLINE if HEADLINE in names else max(names, key=_size)
        print(f"\nThe 3 slowest statements of each operation, {backend} {name}:")
        for operation, m in results[backend, name].items():
            print(f"  {operation}:")
            for plan in m.plans[:3]:
                print(f"    {plan.ms:7.2f} ms x{plan.count}  {_short(plan.sql, 120)}")
                print("".join(f"{'':18}{line}\n" for line in plan.lines[:10]), end="")
    print(f"\nEvery statement with its plan: {PLANS.relative_to(seed.ROOT)}")


def _size(name: str) -> int:
    branches, days = name.split("x")
    return int(branches) * int(days)


def _short(sql: str, width: int) -> str:
    text = " ".join(sql.split())
    return text if len(text) <= width else text[: width - 3] + "..."


async def bench(args: argparse.Namespace) -> bool:
    scenarios = [s for s in GRID if s.name in args.only.split(",")] if args.only else GRID
    scenarios = QUICK if args.quick else scenarios
    postgres = os.environ.get("ZHANBAO_TEST_POSTGRES_URL")
    backend = args.backend or ("both" if postgres and not args.quick else "sqlite")
    results: Results = {}
    with tempfile.TemporaryDirectory() as folder:
        for name in ("sqlite", "postgres"):
            for scenario in scenarios if backend in (name, "both") else ():
                results[name, scenario.name] = await run_scenario(
                    scenario, name, args.reps, args.reseed, Path(folder)
                )
    met = report(results, args.reps)
    show_plans(results)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Peak RSS: {peak:.0f} MB (seeding included, when this run seeded)")
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="30/300/1000 x 365, SQLite")
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"))
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--only", help="scenarios, comma-separated: 1000x365,3000x365")
    parser.add_argument("--reseed", action="store_true", help="rebuild the cached databases")
    sys.exit(0 if asyncio.run(bench(parser.parse_args())) else 1)


if __name__ == "__main__":
    main()
