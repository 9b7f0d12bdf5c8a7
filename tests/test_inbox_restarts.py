"""Nothing that reached the bot is lost, whatever stops it when: `python -m bot run` in a
subprocess, killed or stopped in the middle of a burst of reports, then started again."""

from __future__ import annotations

import asyncio
import random
import signal
import sqlite3
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config.settings import Config
from bot.demo.pictures import visit_photo
from bot.fake_telegram import FakeBotApi
from tests.live import CHAT
from tests.running import run_bot, unpaced_config

BURST = 120
HEADS = (200001, 200002, 200003, 200004, 200005, 200006)


@pytest.fixture
async def api(example_config: Config) -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as fake:
        fake.add_group(CHAT, example_config.chats[0].title)
        for member in example_config.members:
            fake.add_user(member.user_id, member.name)
        yield fake


def _burst(api: FakeBotApi, count: int = BURST) -> list[int]:
    """`count` reports from the six heads, each with a value of its own."""
    return [
        api.send_text(CHAT, api.users[HEADS[n % len(HEADS)]], f"储蓄{n + 1}万")["message_id"]
        for n in range(count)
    ]


def _stored(folder: Path) -> tuple[int, int, int, int]:
    """(reports, statements, messages stating, inbox updates not handled)."""
    with sqlite3.connect(folder / "zhanbao.db") as db:
        reports = db.execute("SELECT count(*) FROM reports").fetchone()[0]
        stated = db.execute(
            "SELECT count(*), count(DISTINCT report_id) FROM figure_statements"
        ).fetchone()
        pending = db.execute("SELECT count(*) FROM inbox_updates WHERE done_at IS NULL")
        return reports, stated[0], stated[1], pending.fetchone()[0]


async def _until_stored(folder: Path, count: int) -> None:
    """Wait (at most 90 s) until `count` reports are stored and the inbox is empty."""
    try:
        async with asyncio.timeout(90):
            while not _all_stored(folder, count):  # noqa: ASYNC110 - another process writes
                await asyncio.sleep(0.2)
    except TimeoutError:
        raise TimeoutError(f"stored {_stored(folder)} of {count} reports") from None


def _all_stored(folder: Path, count: int) -> bool:
    if not (db := folder / "zhanbao.db").exists() or not db.stat().st_size:
        return False
    reports, _, _, pending = _stored(folder)
    return reports == count and pending == 0


async def _stop(bot: asyncio.subprocess.Process) -> bytes:
    bot.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(bot.communicate(), 30)
    return stderr


def _replies(api: FakeBotApi, messages: list[int]) -> dict[int, int]:
    """How many answers each message got."""
    answers = dict.fromkeys(messages, 0)
    for sent in api.bot_messages(CHAT):
        if sent["reply_to_message_id"] in answers:
            answers[sent["reply_to_message_id"]] += 1
    return answers


@pytest.mark.parametrize("replies_before", [1, 45, random.Random(17).randrange(2, BURST)])
async def test_a_bot_killed_in_a_burst_stores_every_report_once_after_a_restart(
    api: FakeBotApi, tmp_path: Path, replies_before: int
) -> None:
    config = unpaced_config(tmp_path)
    bot = await run_bot(api, tmp_path, token=api.token, config=config)
    await api.wait_for_requests("getUpdates", timeout=60)
    messages = _burst(api)
    await api.wait_for_requests("sendMessage", count=replies_before, timeout=60)
    bot.kill()
    await bot.wait()

    bot = await run_bot(api, tmp_path, token=api.token, config=config)
    await _until_stored(tmp_path, BURST)
    await _stop(bot)

    reports, statements, stating, pending = _stored(tmp_path)
    assert (reports, statements, stating, pending) == (BURST, BURST, BURST, 0)
    assert max(_replies(api, messages).values()) == 1


async def test_sigterm_in_a_burst_exits_within_five_seconds_and_loses_nothing(
    api: FakeBotApi, tmp_path: Path
) -> None:
    """Paced as Telegram is: the burst is still being answered when the stop comes."""
    bot = await run_bot(api, tmp_path, token=api.token)
    await api.wait_for_requests("getUpdates", timeout=60)
    _burst(api)
    await api.wait_for_requests("sendMessage", count=5, timeout=60)

    started = time.monotonic()
    stderr = await _stop(bot)
    stopped_in = time.monotonic() - started

    assert bot.returncode == 0, stderr.decode()
    assert stopped_in < 5
    bot = await run_bot(api, tmp_path, token=api.token, config=unpaced_config(tmp_path))
    await _until_stored(tmp_path, BURST)
    await _stop(bot)
    assert _stored(tmp_path) == (BURST, BURST, BURST, 0)


def _photos(folder: Path) -> tuple[int, int]:
    """(visit photos stored, inbox updates not handled)."""
    with sqlite3.connect(folder / "zhanbao.db") as db:
        photos = db.execute("SELECT count(*) FROM visit_photos").fetchone()[0]
        pending = db.execute("SELECT count(*) FROM inbox_updates WHERE done_at IS NULL")
        return photos, pending.fetchone()[0]


async def test_sigterm_while_a_photo_is_being_taken_exits_in_time_and_counts_it_after(
    api: FakeBotApi, tmp_path: Path
) -> None:
    config = unpaced_config(tmp_path)
    bot = await run_bot(api, tmp_path, token=api.token, config=config)
    await api.wait_for_requests("getUpdates", timeout=60)
    api.slow_down("getFile", 8)
    photo = api.send_photo(CHAT, api.users[HEADS[4]], visit_photo(3))
    await api.wait_for_requests("getFile", timeout=60)

    started = time.monotonic()
    stderr = await _stop(bot)
    stopped_in = time.monotonic() - started

    assert bot.returncode == 0, stderr.decode()
    assert stopped_in < 5
    assert _photos(tmp_path) == (0, 1)
    api.slow_down("getFile", 0)
    mark = api.mark()
    bot = await run_bot(api, tmp_path, token=api.token, config=config)
    await api.wait_for_bot_messages(since=mark, chat_id=CHAT, timeout=60)
    await _stop(bot)
    assert _photos(tmp_path) == (1, 0)
    assert _replies(api, [photo["message_id"]]) == {photo["message_id"]: 1}
