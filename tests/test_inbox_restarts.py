"""Nothing that reached the bot is lost, whatever stops it when: `python -m bot run` in a
subprocess, killed or stopped in the middle of a burst of reports, then started again."""

from __future__ import annotations

import asyncio
import random
import signal
import sqlite3
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from bot.config.settings import Config
from bot.demo.pictures import visit_photo
from bot.fake_telegram import FakeBotApi
from tests.confirmations import confirmations
from tests.live import CHAT
from tests.running import run_bot, unpaced_config

BURST = 500
HEADS = (200001, 200002, 200003, 200004, 200005, 200006)


@pytest.fixture
async def api(example_config: Config) -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as fake:
        fake.add_group(CHAT, example_config.chats[0].title)
        for member in example_config.members:
            fake.add_user(member.user_id, member.name)
        yield fake


def _burst(api: FakeBotApi, count: int = BURST) -> dict[int, int]:
    """`count` reports from the six heads, each with a 储蓄 of its own: message id → it."""
    return {
        api.send_text(CHAT, api.users[HEADS[n % len(HEADS)]], f"储蓄{n + 1}万")["message_id"]: n + 1
        for n in range(count)
    }


def _stored(folder: Path) -> tuple[int, int, int, int]:
    """(reports, statements, messages stating, inbox updates not handled or answers not
    sent)."""
    with sqlite3.connect(folder / "zhanbao.db") as db:
        reports = db.execute("SELECT count(*) FROM reports").fetchone()[0]
        stated = db.execute(
            "SELECT count(*), count(DISTINCT report_id) FROM figure_statements"
        ).fetchone()
        pending = db.execute("SELECT count(*) FROM inbox_updates WHERE done_at IS NULL")
        waiting = db.execute(
            "SELECT count(*) FROM outbox_messages WHERE state IN ('pending', 'sending')"
        )
        return reports, stated[0], stated[1], pending.fetchone()[0] + waiting.fetchone()[0]


def _uncertain(folder: Path) -> int:
    with sqlite3.connect(folder / "zhanbao.db") as db:
        query = "SELECT count(*) FROM outbox_messages WHERE state = 'uncertain'"
        return db.execute(query).fetchone()[0]


async def _until_stored(folder: Path, count: int) -> None:
    """Wait (at most 90 s) until `count` reports are stored and answered, and the inbox
    and the outbox are empty."""
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


async def _after_a_batch_is_fetched(api: FakeBotApi) -> None:
    """The getUpdates after the one that brought the first batch: it confirms that batch."""
    fetches = sum(1 for method, _ in api.requests if method == "getUpdates")
    await api.wait_for_requests("getUpdates", count=fetches + 2, timeout=60)


async def _mid_handling(api: FakeBotApi) -> None:
    await api.wait_for_requests("sendMessage", count=45, timeout=60)


async def _mid_send(api: FakeBotApi) -> None:
    """While a confirmation is on its way: Telegram gets it, the bot never hears back."""
    api.slow_down("sendMessage", 2)
    await api.wait_for_requests("sendMessage", count=3, timeout=60)


async def _at_random(api: FakeBotApi) -> None:
    count = random.Random(17).randrange(2, BURST)
    await api.wait_for_requests("sendMessage", count=count, timeout=60)


@pytest.mark.parametrize(
    "kill_point", [_after_a_batch_is_fetched, _mid_handling, _mid_send, _at_random]
)
async def test_a_bot_killed_in_a_burst_stores_and_confirms_every_report_once_after_a_restart(
    api: FakeBotApi, tmp_path: Path, kill_point: Callable[[FakeBotApi], Awaitable[None]]
) -> None:
    config = unpaced_config(tmp_path)
    bot = await run_bot(api, tmp_path, token=api.token, config=config)
    await api.wait_for_requests("getUpdates", timeout=60)
    reports = _burst(api)
    await kill_point(api)
    bot.kill()
    await bot.wait()

    api.slow_down("sendMessage", 0)
    bot = await run_bot(api, tmp_path, token=api.token, config=config)
    await _until_stored(tmp_path, BURST)
    await _stop(bot)

    assert _stored(tmp_path) == (BURST, BURST, BURST, 0)
    confirmed = confirmations(api.bot_messages(CHAT), reports)
    assert max(confirmed.values()) == 1
    # Only a send in flight at the kill may have been lost; none was sent twice.
    assert list(confirmed.values()).count(0) <= _uncertain(tmp_path)


async def test_sigterm_in_a_burst_exits_within_five_seconds_and_loses_nothing(
    api: FakeBotApi, tmp_path: Path
) -> None:
    """Paced as Telegram is: the burst is still being answered when the stop comes."""
    bot = await run_bot(api, tmp_path, token=api.token)
    await api.wait_for_requests("getUpdates", timeout=60)
    reports = _burst(api)
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
    confirmed = confirmations(api.bot_messages(CHAT), reports)
    assert max(confirmed.values()) == 1
    assert list(confirmed.values()).count(0) <= _uncertain(tmp_path)


def _photos(folder: Path) -> tuple[int, int]:
    """(visit photos stored, photo messages kept but not taken yet)."""
    with sqlite3.connect(folder / "zhanbao.db") as db:
        photos = db.execute("SELECT count(*) FROM visit_photos").fetchone()[0]
        waiting = db.execute("SELECT count(*) FROM album_items WHERE taken_at IS NULL")
        return photos, waiting.fetchone()[0]


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


async def test_a_second_bot_on_the_same_sqlite_file_refuses_to_start(
    api: FakeBotApi, tmp_path: Path
) -> None:
    config = unpaced_config(tmp_path)
    first = await run_bot(api, tmp_path, token=api.token, config=config)
    await api.wait_for_requests("getUpdates", timeout=60)

    second = await run_bot(api, tmp_path, token=api.token, config=config)
    _, stderr = await asyncio.wait_for(second.communicate(), 60)
    await _stop(first)

    assert second.returncode == 2
    assert "另一个机器人实例正在使用同一个 SQLite 数据库文件" in stderr.decode()
    assert first.returncode == 0
