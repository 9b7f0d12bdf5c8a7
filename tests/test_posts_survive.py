"""Scheduled posts survive a bad morning: a stop during their retries, a database that
will not take them, a grace that runs out, a Monday summary that failed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.config.settings import Config
from bot.demo.group import LiveGroup
from bot.storage.posts import FAILED
from tests.live import CHAT, at, live_group

ZHENGYANG = 200005
TUESDAY = "2026-07-28"

pytestmark = pytest.mark.live(start=f"{TUESDAY} 08:00")


def _bulletins(group: LiveGroup) -> list[str]:
    return [text for text in group.bot_texts() if text.startswith("📊 <b>晨报")]


def _summaries(group: LiveGroup) -> list[str]:
    return [text for text in group.bot_texts() if text.startswith("📊 <b>周报")]


def _sends(group: LiveGroup) -> int:
    return sum(method == "sendMessage" for method, _ in group.api.requests)


async def _status(group: LiveGroup, kind: str, period: str) -> str | None:
    services = group.app.bot_data.services
    assert services is not None
    async with services.database.reading() as uow:
        return await uow.posts.status(CHAT, kind, period)


async def test_a_stop_during_a_bulletins_retries_then_a_restart_within_grace_posts_it_once(
    example_config: Config, tmp_path: Path
) -> None:
    async with live_group(example_config, tmp_path, f"{TUESDAY} 08:00") as first:
        await first.say(ZHENGYANG, "储蓄35万")
        first.clock.time = at(f"{TUESDAY} 08:30")
        first.api.fail_next("sendMessage", times=1000)  # Telegram answers 502 to every send
        before = _sends(first)
        await first.run_job(f"morning@{CHAT}")
        await first.api.wait_for_requests("sendMessage", count=before + 2)  # retried once
    assert _bulletins(first) == []

    async with live_group(example_config, tmp_path, f"{TUESDAY} 08:40") as second:
        await second.delivered()

        assert len(_bulletins(second)) == 1


async def test_a_bulletin_whose_database_write_failed_is_made_by_its_retry_that_morning(
    group: LiveGroup, tmp_path: Path
) -> None:
    await group.say(ZHENGYANG, "储蓄35万")
    group.clock.time = at(f"{TUESDAY} 08:30")
    locker = sqlite3.connect(tmp_path / "zhanbao.db")
    locker.execute("BEGIN EXCLUSIVE")  # another writer holds the file past the busy timeout
    assert group.app.job_queue is not None
    [job] = group.app.job_queue.get_jobs_by_name(f"morning@{CHAT}")
    try:
        await job.run(group.app)  # not settled: everything waits for the file meanwhile
    finally:
        locker.rollback()
        locker.close()
    await group.settle()
    assert _bulletins(group) == []

    group.clock.time = at(f"{TUESDAY} 08:31")
    await group.run_job(f"morning@{CHAT}:retry")

    assert len(_bulletins(group)) == 1


async def test_a_bulletin_telegram_will_not_take_within_its_grace_is_given_up(
    group: LiveGroup,
) -> None:
    """At 10:31 a bulletin of the morning would mislead: it is not sent, and the day's
    post is recorded as failed."""
    await group.say(ZHENGYANG, "储蓄35万")
    group.clock.time = at(f"{TUESDAY} 08:30")
    group.api.fail_next("sendMessage", times=2)
    await group.run_job(f"morning@{CHAT}")

    group.clock.time = at(f"{TUESDAY} 10:31")
    await group.delivered()

    assert _bulletins(group) == []
    assert await _status(group, "morning", TUESDAY) == FAILED


@pytest.mark.live(start="2026-08-03 08:00")
async def test_a_monday_summary_that_failed_is_made_on_tuesday_marked_as_late(
    group: LiveGroup,
) -> None:
    await group.say(ZHENGYANG, "8月1日 储蓄35万")
    group.clock.time = at("2026-08-03 09:00")
    group.api.fail_next("sendMessage", error_code=400, description="Bad Request: not enough rights")
    await group.run_job(f"weekly@{CHAT}")
    assert _summaries(group) == []

    group.clock.time = at("2026-08-04 09:00")
    await group.run_job(f"weekly@{CHAT}")
    group.clock.time = at("2026-08-05 09:00")
    await group.run_job(f"weekly@{CHAT}")

    [summary] = _summaries(group)
    assert summary.splitlines()[0].startswith("📊 <b>周报｜7月27日—8月2日</b>")
    assert summary.splitlines()[0].endswith("（补发）")


@pytest.mark.live(start="2026-08-04 08:00")
async def test_a_summary_never_due_while_the_bot_ran_is_not_made_up_for(group: LiveGroup) -> None:
    """A bot set up on a Tuesday does not post last week's summary."""
    group.clock.time = at("2026-08-04 09:00")

    await group.run_job(f"weekly@{CHAT}")

    assert _summaries(group) == []
