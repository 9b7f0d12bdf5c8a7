"""The scale benchmark's data (bench/scale.py): a network of N branches with D days of
history, written straight into the tables in bulk, since storing ten million figures
through the bot would take hours; and kept, so only the first run pays for it.

Every figure is what the storage model would hold had the bot stored it: its report row,
its live statement (an edit ends one and adds another), the figure, and an audit row for
each value it had. Branches report on working days, the next working day's morning, a
tenth of them after the 08:30 bulletin (补报); there are monthly targets, some plans, and
the morning, reminder and weekly posts of every past working day.

A scenario is seeded once at BASE_REVISION and cached (.bench-cache/, or a PostgreSQL
database beside ZHANBAO_TEST_POSTGRES_URL's); later migrations are applied to a copy,
cached under a hash of migrations/versions, so a new index costs its build, not a re-seed.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import random
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from time import perf_counter
from typing import Any, cast
from zoneinfo import ZoneInfo

import asyncpg
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import make_url

from bot.config.settings import Config, load
from bot.domain.calendar import WorkCalendar
from bot.storage import migrations
from bot.storage.tables import UtcDateTime

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".bench-cache"
SEED_VERSION = 1
"""Bump when the rows generated change: every cached scenario is seeded again."""
BASE_REVISION = "0014"
"""The schema the rows are written for; newer revisions upgrade a copy of the seed."""
CHAT = -1001234567890
MANAGER = 100001
FIRST_HEAD = 500_000
ZONE = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 30)
"""A Monday: the bulletin ranks Friday, the weekly looks back on the week before."""
REPORT_DAY = date(2026, 11, 27)
"""The last day of history, the one today's posts are about."""
CHUNK = 20_000
BIG = ("reports", "figure_statements", "daily_figures", "figure_changes")
FIRST = (
    "安宝北昌崇德定丰福富广贵海红宏华吉佳金锦京景靖康兰乐黎林临隆鹿罗茂"
    "梅美宁齐庆秋仁荣瑞胜盛石顺松太泰通同望文武祥兴秀永玉园远跃云泽振"
)
SECOND = (
    "江河湖山岭桥湾塘泉溪峰坡岗屯堡寨庄镇乡坊街巷路源"
    "川洲岛港浦滨城关坝垣圩埠渡场田沟洼洋滩冈塬台坪畈岔垭埔"
)
SPREAD = {"deposit": (-5, 60, 1), "other_bank": (0, 30, 1), "insurance": (0, 8, 1),
          "wealth": (0, 40, 1), "visits": (0, 30, 0), "leaflets": (0, 200, 0),
          "customer_info": (0, 20, 0), "mobile_banking": (0, 10, 0),
          "credit_card": (0, 5, 0)}  # fmt: skip
"""Each metric's range and decimals: money in 万元 to one decimal, counts whole."""
PLAN = "每天走访周边商户20户，重点营销大额存单"
COLUMNS = {
    "chats": "id title",
    "branches": "id name short_name aliases group_name",
    "members": "user_id name username branch_id role bound_by",
    "reports": "id chat_id message_id user_id text day edited_at reply_message_id undone_at "
    "sent_at pending_since received_at updated_at",
    "figure_statements": "id branch_id day metric value report_id user_id stated_at ended_at "
    "ended_by created_at",
    "daily_figures": "id branch_id day metric value reporter_id report_id updated_at",
    "figure_changes": "id branch_id day metric old_value new_value user_id report_id reason "
    "changed_at",
    "targets": "id branch_id metric period first_day last_day value set_by set_at",
    "target_changes": "id branch_id metric period first_day old_value new_value user_id source "
    "changed_at",
    "plans": "id branch_id text set_by set_at",
    "posts": "id chat_id kind period status message_ids claimed_at posted_at report_day finishes",
}
Rows = Iterator[tuple[str, list[tuple[Any, ...]]]]


@dataclass(frozen=True, slots=True)
class Scenario:
    branches: int
    days: int

    @property
    def name(self) -> str:
        return f"{self.branches}x{self.days}"


def short_name(b: int) -> str:
    """Two characters no metric, unit, numeral or date word uses: 安江, 安河, …"""
    return FIRST[(b - 1) // len(SECOND)] + SECOND[(b - 1) % len(SECOND)]


def reported_by_now(b: int) -> bool:
    """Whether branch b reported the last day before 08:00 today: a quarter has not, and
    the late tenth reports after the bulletin."""
    return b % 4 != 0 and b % 10 != 3


def edited(b: int, day: date) -> bool:
    """One report in 29 is edited ten minutes after it is sent (储蓄 corrected)."""
    return (b + day.toordinal()) % 29 == 0


def write_config(folder: Path, scenario: Scenario, url: str) -> Config:
    """The example configuration with the scenario's branches, a head bound to each."""
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    text = text[: text.index("# The branches (网点)")]
    text = text.replace('storage = "./data/photos"', f'storage = "{folder / "photos"}"')
    text = text.replace("remind = true", "remind = false")  # no photos are seeded
    lines = [text]
    for b in range(1, scenario.branches + 1):
        short = short_name(b)
        lines.append(f'[[branches]]\nname = "{short}营业所"\nshort_name = "{short}"\n')
        lines.append(
            f'[[members]]\nuser_id = {FIRST_HEAD + b}\nname = "{short}所长"\n'
            f'branch = "{short}"\nrole = "head"\n'
        )
    path = folder / f"scale-{scenario.name}.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return load(path, environ={"DATABASE_URL": url})


def _next_working(calendar: WorkCalendar, day: date) -> date:
    day += timedelta(days=1)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def local_time(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(day, time(hour), ZONE) + timedelta(minutes=minute, seconds=second)


class Buffers:
    """Rows waiting to be written, table by table, each numbered as it comes."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in COLUMNS}
        self.next_id = dict.fromkeys(COLUMNS, 1)

    def add(self, table: str, *row: Any) -> None:
        self.rows[table].append((self.next_id[table], *row))
        self.next_id[table] += 1

    def full(self, every: bool = False) -> Rows:
        """Every table's rows once one table has a chunk: in COLUMNS' order, so that each
        row's report is written before it (PostgreSQL checks the foreign keys)."""
        if every or any(len(rows) >= CHUNK for rows in self.rows.values()):
            for table, rows in self.rows.items():
                if rows:
                    yield table, rows
                    self.rows[table] = []


def history(
    scenario: Scenario, config: Config,
    day_of: Callable[[date], Any], time_of: Callable[[datetime], Any],
) -> Rows:  # fmt: skip
    """Every seeded row, table by table in chunks, as the backend wants dates and times."""
    calendar, rng = config.calendar, random.Random(8)
    first = REPORT_DAY - timedelta(days=scenario.days - 1)
    days = list(calendar.working_days(first, REPORT_DAY))
    metrics = [m for m in config.catalogue.metrics if m.key in SPREAD]
    units = [m.unit.removesuffix("元") for m in metrics]
    out, spread = Buffers(), list(SPREAD.values())
    out.rows["chats"] = [(chat.id, chat.title) for chat in config.chats]
    for branch in config.catalogue.branches:  # as the bot's start-up stores its roster
        out.add("branches", branch.name, branch.short_name, "\n".join(branch.aliases), None)
    ids = {branch.name: i for i, branch in enumerate(config.catalogue.branches, start=1)}
    out.rows["members"] = [
        (m.user_id, m.name, None, ids[m.branch], m.role, None) for m in config.members
    ]
    for day in days:
        sent_day, on_day = _next_working(calendar, day), day_of(day)
        for b in range(1, scenario.branches + 1):
            if day == REPORT_DAY and not reported_by_now(b):
                continue
            hour, minute = (9, b % 50) if b % 10 == 3 else (7, (b * 37) % 80)
            sent = local_time(sent_day, hour, minute, b % 60)
            values = [round(lo + (hi - lo) * rng.random(), n) + 0.0 for lo, hi, n in spread]
            text = " ".join(
                f"{m.name}{v:g}{u}" for m, v, u in zip(metrics, values, units, strict=True)
            )
            sent_s, got_s = time_of(sent), time_of(sent + timedelta(seconds=1))
            report_id, head = out.next_id["reports"], FIRST_HEAD + b
            message, fixed = 2 * report_id, edited(b, day)
            edit_s = time_of(sent + timedelta(minutes=10)) if fixed else None
            edit_got = time_of(sent + timedelta(minutes=10, seconds=1)) if fixed else got_s
            shown = text.replace(f"储蓄{values[0]:g}", f"储蓄{values[0] + 1:g}") if fixed else text
            out.add("reports", CHAT, message, head, shown, on_day, edit_s, message + 1, None,
                    sent_s, None, got_s, edit_got)  # fmt: skip
            for metric, value in zip(metrics, values, strict=True):
                key = (b, on_day, metric.key)
                stated, stored, old, reason = sent_s, got_s, None, "report"
                if fixed and metric.key == "deposit":  # its first version, ended by the edit
                    out.add("figure_statements", *key, value, report_id, head, sent_s, edit_s,
                            "edit", got_s)  # fmt: skip
                    out.add("figure_changes", *key, None, value, head, report_id, "report",
                            got_s)  # fmt: skip
                    stated, stored, old, reason, value = edit_s, edit_got, value, "edit", value + 1
                out.add("figure_statements", *key, value, report_id, head, stated, None, None,
                        stored)  # fmt: skip
                out.add("figure_changes", *key, old, value, head, report_id, reason, stored)
                out.add("daily_figures", *key, value, head, report_id, stored)
            yield from out.full()
    _the_rest(days, scenario.branches, day_of, time_of, out)
    yield from out.full(every=True)


def _the_rest(
    days: list[date], branches: int, day_of: Callable[[date], Any],
    time_of: Callable[[datetime], Any], out: Buffers,
) -> None:  # fmt: skip
    """Targets for every month of the history, plans, and the posts already made."""
    month = days[0].replace(day=1)
    while month <= REPORT_DAY:
        following = (month + timedelta(days=32)).replace(day=1)
        first, last = day_of(month), day_of(following - timedelta(days=1))
        at = time_of(local_time(month, 9) - timedelta(days=2))
        for b in range(1, branches + 1):
            for metric, value in (("points", 300), ("deposit", 120), ("insurance", 12)):
                target = value * (0.6 + (b % 9) / 10)
                out.add("targets", b, metric, "month", first, last, target, MANAGER, at)
                out.add("target_changes", b, metric, "month", first, None, target,
                        MANAGER, "sheet", at)  # fmt: skip
        month = following
    for b in range(5, branches + 1, 5):  # a plan for every fifth branch
        out.add("plans", b, PLAN, MANAGER, time_of(local_time(date(2026, 11, 2), 9)))
    for previous, day in itertools.pairwise(days):
        posts = [("morning", 8, 30, day_of(previous)), ("reminder", 10, 0, None)]
        if previous.isocalendar()[1] != day.isocalendar()[1]:
            posts.append(("weekly", 9, 0, None))
        for kind, hour, minute, about in posts:
            at = time_of(local_time(day, hour, minute))
            out.add("posts", CHAT, kind, day.isoformat(), "posted", "1", at, at, about, "")


def migrations_hash() -> str:
    """Changes whenever a migration does: an edited one is applied afresh too."""
    digest = hashlib.sha1()
    for path in sorted((ROOT / "migrations" / "versions").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


_STAMP = cast(
    Callable[[datetime], str],
    UtcDateTime().dialect_impl(sqlite.dialect()).bind_processor(sqlite.dialect()),
)
"""A time as SQLAlchemy binds it on SQLite: text, compared as text (changed_at > ?), so
the seeded rows must have the very format the bot's own statements use."""


async def seed_sqlite(scenario: Scenario, folder: Path, reseed: bool) -> tuple[Path, str]:
    """The scenario's SQLite file at the newest schema, seeded or upgraded if need be, and
    what that took ("": it was cached)."""
    CACHE.mkdir(exist_ok=True)
    base = CACHE / f"scale-{scenario.name}-s{SEED_VERSION}-r{BASE_REVISION}.sqlite"
    done, started = [], perf_counter()
    if reseed or not base.exists():
        seeding = base.with_suffix(".seeding")
        seeding.unlink(missing_ok=True)
        await asyncio.to_thread(migrations.upgrade, sqlite_url(seeding), BASE_REVISION)
        config = write_config(folder, scenario, sqlite_url(seeding))
        db = sqlite3.connect(seeding, isolation_level=None)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-400000"):
            db.execute(f"PRAGMA {pragma}")
        indexes = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({','.join('?' * len(BIG))})", BIG,
        ).fetchall()  # fmt: skip
        db.execute("BEGIN")
        for name, _ in indexes:  # built once at the end: far faster than row by row
            db.execute(f"DROP INDEX {name}")
        for table, rows in history(scenario, config, date.isoformat, _STAMP):
            columns = COLUMNS[table].split()
            db.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                f"({', '.join('?' * len(columns))})", rows,
            )  # fmt: skip
        for _, sql in indexes:
            db.execute(sql)
        db.execute("COMMIT")
        db.execute("PRAGMA journal_mode=DELETE")
        db.close()
        seeding.rename(base)
        done.append(f"seeded in {perf_counter() - started:.0f} s")
    if migrations.head_revision() == BASE_REVISION:
        return base, ", ".join(done)
    stem = f"scale-{scenario.name}-s{SEED_VERSION}-m"
    derived = CACHE / f"{stem}{migrations_hash()}.sqlite"
    if done or not derived.exists():
        started = perf_counter()
        for stale in CACHE.glob(f"{stem}*"):
            stale.unlink()
        upgrading = derived.with_suffix(".upgrading")
        shutil.copyfile(base, upgrading)
        await asyncio.to_thread(migrations.upgrade, sqlite_url(upgrading))
        with sqlite3.connect(upgrading) as db:
            db.execute("PRAGMA journal_mode=DELETE")
        upgrading.rename(derived)
        done.append(f"upgraded to head in {perf_counter() - started:.0f} s")
    return derived, ", ".join(done)


def pg_url(url: str, database: str, driver: str = "postgresql+asyncpg") -> str:
    parsed = make_url(url).set(drivername=driver, database=database)
    return parsed.render_as_string(hide_password=False)


async def copy_database(admin: asyncpg.Connection, source: str, target: str) -> None:
    await admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
    await admin.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}" STRATEGY FILE_COPY')


async def _copy(db: asyncpg.Connection, rows: Rows) -> None:
    """COPY every row, the big tables' indexes and constraints built after, not row by row."""
    await db.execute("SET maintenance_work_mem = '256MB'")
    constraints = await db.fetch(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid::regclass::text = ANY($1) AND contype IN ('f', 'u')", BIG,
    )  # fmt: skip
    indexes = await db.fetch(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY($1) AND indexname"
        " NOT IN (SELECT conname FROM pg_constraint)", BIG,
    )  # fmt: skip
    for table, name, _ in constraints:
        await db.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        await db.execute(f'DROP INDEX "{name}"')
    for table, chunk in rows:
        await db.copy_records_to_table(table, records=chunk, columns=COLUMNS[table].split())
    for table in COLUMNS:  # the ids were given: each sequence goes on from the last
        if table not in ("chats", "members"):
            await db.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
            )
    for _, definition in indexes:
        await db.execute(definition)
    for table, name, definition in sorted(constraints, key=lambda c: "FOREIGN" in c[2]):
        await db.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    await db.execute("VACUUM ANALYZE")  # what autovacuum would do soon after


async def seed_postgres(
    scenario: Scenario, folder: Path, url: str, reseed: bool
) -> tuple[str, str]:
    """The scenario's database at the newest schema (zhanbao_bench_1000x365_s1, or its
    upgraded copy _<hash>), seeded or upgraded if need be, and what that took."""
    prefix = make_url(url).database or "zhanbao_bench"
    base = f"{prefix}_{scenario.name}_s{SEED_VERSION}"
    admin = await asyncpg.connect(pg_url(url, prefix, "postgresql"))
    done, started = [], perf_counter()
    try:
        existing = {row[0] for row in await admin.fetch("SELECT datname FROM pg_database")}
        if reseed or base not in existing:
            seeding = f"{base}_seeding"
            await admin.execute(f'DROP DATABASE IF EXISTS "{seeding}"')
            await admin.execute(f'CREATE DATABASE "{seeding}"')
            await asyncio.to_thread(migrations.upgrade, pg_url(url, seeding), BASE_REVISION)
            config = write_config(folder, scenario, pg_url(url, seeding))
            db = await asyncpg.connect(pg_url(url, seeding, "postgresql"))
            try:
                await _copy(db, history(scenario, config, lambda d: d, lambda t: t))
            finally:
                await db.close()
            await admin.execute(f'DROP DATABASE IF EXISTS "{base}"')
            await admin.execute(f'ALTER DATABASE "{seeding}" RENAME TO "{base}"')
            done.append(f"seeded in {perf_counter() - started:.0f} s")
        if migrations.head_revision() == BASE_REVISION:
            return base, ", ".join(done)
        derived = f"{base}_{migrations_hash()}"
        if done or derived not in existing:
            started = perf_counter()
            for stale in existing:
                if stale.startswith(f"{base}_"):
                    await admin.execute(f'DROP DATABASE "{stale}"')
            upgrading = f"{derived}_upgrading"
            await copy_database(admin, base, upgrading)
            await asyncio.to_thread(migrations.upgrade, pg_url(url, upgrading))
            await admin.execute(f'ALTER DATABASE "{upgrading}" RENAME TO "{derived}"')
            done.append(f"upgraded to head in {perf_counter() - started:.0f} s")
        return derived, ", ".join(done)
    finally:
        await admin.close()
