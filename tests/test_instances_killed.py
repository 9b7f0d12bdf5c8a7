"""Two `python -m bot run` processes in webhook mode on one PostgreSQL behind one proxy,
one killed in the middle of a burst of reports: the other handles the rest, and nothing
that reached either is lost or confirmed twice."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.config.settings import Config
from bot.fake_telegram import FakeBotApi
from bot.fake_telegram.proxy import SpreadingProxy
from bot.storage.engine import create_engine
from tests.confirmations import confirmations
from tests.conftest import NO_POSTGRES, POSTGRES_URL, ROOT, empty_postgres
from tests.instances import PATH, SECRET, free_port
from tests.live import CHAT
from tests.running import unpaced_config

pytestmark = [pytest.mark.postgres, pytest.mark.skipif(not POSTGRES_URL, reason=NO_POSTGRES)]
BURST = 300
HEADS = (200001, 200002, 200003, 200004, 200005, 200006)
STORED = """
SELECT (SELECT count(*) FROM reports),
       (SELECT count(*) FROM inbox_updates WHERE done_at IS NULL)
     + (SELECT count(*) FROM outbox_messages WHERE state = 'pending'),
       (SELECT count(*) FROM outbox_messages WHERE state IN ('sending', 'uncertain'))
"""


@pytest.fixture
async def api(example_config: Config) -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as fake:
        fake.add_group(CHAT, example_config.chats[0].title)
        for member in example_config.members:
            fake.add_user(member.user_id, member.name)
        yield fake


def _webhook_config(folder: Path, name: str, port: int, public_url: str) -> Path:
    """The unpaced example, serving the webhook on `port` behind `public_url`."""
    text_ = unpaced_config(folder).read_text(encoding="utf-8")
    for old, new in (
        ('# public_url = "https://zhanbao.example.com/telegram"', f'public_url = "{public_url}"'),
        ('listen = "0.0.0.0"', 'listen = "127.0.0.1"'),
        ("port = 8080", f"port = {port}"),
    ):
        assert old in text_, f"config.example.toml no longer says {old}"
        text_ = text_.replace(old, new)
    path = folder / f"{name}.toml"
    path.write_text(text_, encoding="utf-8")
    return path


async def _run(api: FakeBotApi, folder: Path, config: Path) -> asyncio.subprocess.Process:
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATABASE_URL")}
    env.update(
        PYTHONPATH=str(ROOT),
        BOT_TOKEN=api.token,
        BOT_API_BASE_URL=api.base_url,
        BOT_API_BASE_FILE_URL=api.base_file_url,
        BOT_WEBHOOK_SECRET=SECRET,
        DATABASE_URL=POSTGRES_URL or "",
    )
    return await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "run", "--config", str(config)),
        cwd=folder,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def _stored() -> tuple[int, int, int]:
    """(reports, updates or answers still to do, answers maybe lost with the killed one)."""
    assert POSTGRES_URL is not None
    engine = create_engine(POSTGRES_URL)
    try:
        async with engine.connect() as connection:
            reports, left, uncertain = (await connection.execute(text(STORED))).one()
    finally:
        await engine.dispose()
    return int(reports), int(left), int(uncertain)


async def _until_all_stored(count: int) -> tuple[int, int, int]:
    async with asyncio.timeout(120):
        while True:
            stored = await _stored()
            if stored[0] == count and stored[1] == 0:
                return stored
            await asyncio.sleep(0.3)


async def test_killing_one_of_two_mid_burst_loses_nothing_and_repeats_nothing(
    api: FakeBotApi, tmp_path: Path
) -> None:
    await empty_postgres()
    ports = (free_port(), free_port())
    backends = [f"http://127.0.0.1:{port}" for port in ports]
    async with SpreadingProxy(backends, random.Random(23)) as proxy:
        configs = [
            _webhook_config(tmp_path, f"bot{i}", port, proxy.url + PATH)
            for i, port in enumerate(ports)
        ]
        bots = [await _run(api, tmp_path, config) for config in configs]
        try:
            await api.wait_for_requests("setWebhook", count=2, timeout=60)
            reports = {
                api.send_text(CHAT, api.users[HEADS[n % len(HEADS)]], f"储蓄{n + 1}万")[
                    "message_id"
                ]: n + 1
                for n in range(BURST)
            }
            await api.wait_for_requests("sendMessage", count=60, timeout=60)
            bots[0].send_signal(signal.SIGKILL)
            await bots[0].wait()
            at_kill = await _stored()

            _, _, uncertain = await _until_all_stored(BURST)
        finally:
            for bot in bots:
                if bot.returncode is None:
                    bot.send_signal(signal.SIGTERM)
            outcomes = await asyncio.gather(*(bot.communicate() for bot in bots))

    assert at_kill[0] < BURST, "killed in the middle of the burst"
    assert all(count > 0 for count in proxy.answered.values())
    assert bots[1].returncode == 0, outcomes[1][1].decode()
    confirmed = confirmations(api.bot_messages(CHAT), reports)
    assert max(confirmed.values()) == 1
    assert list(confirmed.values()).count(0) <= uncertain
