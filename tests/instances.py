"""Bot instances side by side on one PostgreSQL, each in webhook mode behind one proxy,
run in this process as production runs them (`serving.run_until`), for the tests of
several instances."""

from __future__ import annotations

import asyncio
import dataclasses
import socket
import time
from pathlib import Path
from types import TracebackType

from sqlalchemy import text

from bot.chat import serving, startup
from bot.chat.app import build_application
from bot.chat.context import BotApplication
from bot.config.settings import Config
from bot.config.telegram import UNPACED
from bot.config.web import WebSettings
from bot.demo.group import Clock
from bot.fake_telegram import FakeBotApi
from bot.storage.engine import create_engine

SECRET = "two-instances_secret"
PATH = "/telegram"
SETTLE_SECONDS = 1.0
"""An album's quiet period here: its photos come in one burst, within a second even
with the machine busy."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def instance_config(
    config: Config, api: FakeBotApi, *, database_url: str, port: int, public_url: str, photos: Path
) -> Config:
    return dataclasses.replace(
        config,
        token=api.token,
        base_url=api.base_url,
        base_file_url=api.base_file_url,
        database_url=database_url,
        telegram=UNPACED,
        photos=dataclasses.replace(
            config.photos, location=str(photos), settle_seconds=SETTLE_SECONDS
        ),
        web=WebSettings(public_url=public_url, listen="127.0.0.1", port=port, secret=SECRET),
    )


class Instance:
    """One bot, started and stopped as `python -m bot run` is, without its signals."""

    def __init__(self, config: Config, clock: Clock) -> None:
        self.config = config
        self.url = f"http://127.0.0.1:{config.web.port}"
        self._clock = clock
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.app: BotApplication | None = None

    async def __aenter__(self) -> Instance:
        self.app = build_application(self.config, clock=self._clock)
        await startup.initialize(self.app)
        self._task = asyncio.create_task(serving.run_until(self.app, self._stop))
        await _listening(self.config.web.port)
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task


async def _listening(port: int, timeout: float = 30) -> None:  # noqa: ASYNC109
    """Until the instance's webhook server answers: its start is over."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.05)
            continue
        writer.close()
        await writer.wait_closed()
        return
    raise TimeoutError(f"nothing listens on port {port}")


UNFINISHED = """
SELECT (SELECT count(*) FROM inbox_updates WHERE done_at IS NULL)
     + (SELECT count(*) FROM album_items WHERE taken_at IS NULL)
     + (SELECT count(*) FROM outbox_messages WHERE state IN ('pending', 'sending'))
"""


async def settled(api: FakeBotApi, database_url: str, timeout: float = 60) -> None:  # noqa: ASYNC109
    """Until every update was delivered and the instances between them have handled it,
    taken every album and sent every answer: seen in the database they share."""
    await api.wait_delivered(timeout=timeout)
    engine = create_engine(database_url)
    deadline = time.monotonic() + timeout
    try:
        quiet = 0
        while quiet < 3:
            if time.monotonic() > deadline:
                raise TimeoutError("the instances did not finish what they were given")
            async with engine.connect() as connection:
                left = (await connection.execute(text(UNFINISHED))).scalar()
            quiet = quiet + 1 if left == 0 else 0
            await asyncio.sleep(0.1)
    finally:
        await engine.dispose()
