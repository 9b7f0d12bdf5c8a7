"""Backups: a consistent copy of the SQLite database while the bot writes, the last few
kept daily, and for PostgreSQL the pg_dump command to run."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import sqlite3
import sys
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from bot.config.reader import ConfigError
from bot.config.settings import Config, load
from bot.demo.group import LiveGroup
from bot.usecases.backups import Backups, Copied, UsePgDump
from bot.usecases.incoming import IncomingMessage, Sender
from bot.usecases.services import Services, upgrade_schema
from tests.conftest import ROOT
from tests.live import SHANGHAI

MORNING = datetime(2026, 12, 1, 0, 30, tzinfo=UTC)
HEAD = Sender(user_id=200005, name="正所长")
CHAT = -1001234567890


def _on_file(config: Config, folder: Path, keep: int = 7) -> Config:
    url = f"sqlite+aiosqlite:///{folder / 'zhanbao.db'}"
    return dataclasses.replace(config, database_url=url, backups=keep)


def _reports(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM reports").fetchone()[0]


async def test_a_backup_taken_while_reports_are_written_holds_every_report_before_it(
    example_config: Config, tmp_path: Path
) -> None:
    config = _on_file(example_config, tmp_path)
    await asyncio.to_thread(upgrade_schema, config)
    services = Services.open(config)
    await services.roster.sync()
    written = 0

    async def write() -> None:
        nonlocal written
        for n in range(1, 400):
            message = IncomingMessage(CHAT, n, HEAD, f"储蓄{n}万", MORNING)
            await services.reports.submit_report(message, now=MORNING)
            written = n

    writing = asyncio.create_task(write())
    while written < 50:  # noqa: ASYNC110 - the writer is another task of this loop
        await asyncio.sleep(0.01)
    before = written
    copied = await Backups(config).backup(tmp_path / "copy.db")
    await writing
    await services.close()

    assert copied == Copied(tmp_path / "copy.db")
    assert before <= _reports(tmp_path / "copy.db") <= 399


async def test_a_daily_backup_keeps_the_last_copies_the_configuration_names(
    example_config: Config, tmp_path: Path
) -> None:
    config = _on_file(example_config, tmp_path, keep=3)
    await asyncio.to_thread(upgrade_schema, config)
    backups = Backups(config)

    for day in range(5):
        await backups.daily(now=MORNING + timedelta(days=day))

    kept = sorted(path.name for path in (tmp_path / "backups").iterdir())
    assert kept == ["zhanbao-20261203-083000.db", "zhanbao-20261204-083000.db",
                    "zhanbao-20261205-083000.db"]  # fmt: skip


async def test_no_daily_backup_is_made_when_the_configuration_keeps_none(
    example_config: Config, tmp_path: Path
) -> None:
    config = _on_file(example_config, tmp_path, keep=0)
    await asyncio.to_thread(upgrade_schema, config)

    assert await Backups(config).daily(now=MORNING) is None
    assert not (tmp_path / "backups").exists()


async def test_postgresql_is_backed_up_with_pg_dump_whose_command_is_named(
    example_config: Config, tmp_path: Path
) -> None:
    url = "postgresql+asyncpg://zhanbao:secret@db.internal:5432/zhanbao"
    config = dataclasses.replace(example_config, database_url=url)

    outcome = await Backups(config).backup(tmp_path / "zhanbao.dump")

    assert outcome == UsePgDump(
        f"pg_dump --format=custom --file={tmp_path / 'zhanbao.dump'} "
        "'postgresql://zhanbao@db.internal:5432/zhanbao'"
    )


async def test_the_backup_command_copies_the_database(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'zhanbao.db'}"
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    env.pop("BOT_TOKEN", None)
    for args in (["db", "upgrade"], ["db", "backup", str(tmp_path / "copy.db")]):
        bot = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", *args, "--config", str(ROOT / "config.example.toml"),
            cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, _ = await bot.communicate()
        assert bot.returncode == 0

    assert out.decode().strip() == f"backed up to {tmp_path / 'copy.db'}"
    assert _reports(tmp_path / "copy.db") == 0


def test_a_negative_number_of_backups_is_refused(tmp_path: Path) -> None:
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    assert "backups = 7" in text
    path = tmp_path / "config.toml"
    path.write_text(text.replace("backups = 7", "backups = -1"), encoding="utf-8")

    with pytest.raises(ConfigError, match="backups: must be 0"):
        load(path, environ={})


@pytest.mark.live(start="2026-12-02 03:30")
async def test_the_bot_makes_the_nights_copy_beside_its_database(
    group: LiveGroup, tmp_path: Path
) -> None:
    await group.say(200005, "储蓄35万")

    assert group.app.job_queue is not None
    [job] = group.app.job_queue.get_jobs_by_name("backup")
    assert job.next_t is not None
    assert job.next_t.astimezone(SHANGHAI).time() == time(3, 30)

    await group.run_job("backup")

    [copy] = (tmp_path / "backups").iterdir()
    assert copy.name == "zhanbao-20261202-033000.db"
    assert _reports(copy) == 1
