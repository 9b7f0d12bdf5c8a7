"""Start-up waits out Telegram's bad moments (5xx, timeouts, lost connections, 429s) and
stops, in one line, only for a token Telegram refuses: the bot's own start over real
HTTP to the fake Bot API, and `python -m bot run` as a user runs it."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot
from telegram.error import BadRequest

from bot.chat import startup
from bot.chat.app import build_application
from bot.chat.context import BotApplication
from bot.config.settings import Config
from bot.fake_telegram import FakeBotApi
from bot.usecases.services import upgrade_schema
from tests.live import CHAT, at
from tests.running import run_bot

BEFORE_THE_MORNING = at("2026-07-28 07:00")
"""No post is due or missed then: the start sends nothing of its own."""
GROUP_MENU = {"type": "all_group_chats"}


class Waits:
    """The sleep start-up is given: it notes each wait instead of waiting."""

    def __init__(self, *, most: int | None = None) -> None:
        self.seconds: list[float] = []
        self._most = most

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)
        if self._most is not None and len(self.seconds) >= self._most:
            raise GaveUp


class GaveUp(Exception):
    """How a test ends a wait that would otherwise last for ever."""


@pytest.fixture
async def api(example_config: Config) -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as fake:
        fake.add_group(CHAT, example_config.chats[0].title)
        yield fake


def _config(example_config: Config, api: FakeBotApi, folder: Path) -> Config:
    return dataclasses.replace(
        example_config,
        token=api.token,
        base_url=api.base_url,
        base_file_url=api.base_file_url,
        database_url=f"sqlite+aiosqlite:///{folder / 'zhanbao.db'}",
        photos=dataclasses.replace(example_config.photos, location=str(folder / "photos")),
    )


@contextlib.asynccontextmanager
async def starting(config: Config, waits: Waits) -> AsyncIterator[BotApplication]:
    """The bot started as `python -m bot run` starts it, up to polling, then shut down."""
    await asyncio.to_thread(upgrade_schema, config)
    app = build_application(config, clock=lambda: BEFORE_THE_MORNING, sleep=waits)
    await startup.initialize(app, sleep=waits)
    try:
        assert app.post_init is not None
        await app.post_init(app)
        yield app
    finally:
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


async def test_set_my_commands_answering_500_twice_still_sets_the_menu(
    api: FakeBotApi, example_config: Config, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    api.fail_next("setMyCommands", times=2, error_code=500, description="Internal Server Error")
    waits = Waits()

    with caplog.at_level(logging.WARNING, logger=startup.__name__):
        async with starting(_config(example_config, api, tmp_path), waits):
            pass

    assert api.my_commands(scope=GROUP_MENU) != []
    assert waits.seconds == [1, 2]
    assert [r.getMessage() for r in caplog.records if r.name == startup.__name__] == [
        "setMyCommands failed at start-up (Internal Server Error); retry 1 in 1 s",
        "setMyCommands failed at start-up (Internal Server Error); retry 2 in 2 s",
    ]


async def test_get_me_answering_500_once_is_asked_again_a_second_later(
    api: FakeBotApi, example_config: Config, tmp_path: Path
) -> None:
    api.fail_next("getMe", error_code=500, description="Internal Server Error")
    waits = Waits()

    async with starting(_config(example_config, api, tmp_path), waits) as app:
        assert app.bot.username == "zhanbao_test_bot"

    assert waits.seconds == [1]


async def test_a_flood_wait_at_start_up_waits_the_seconds_telegram_names(
    api: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PTB warns of RetryAfter's coming timedelta whenever it makes one, unless opted in.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    waits = Waits()
    async with Bot(api.token, base_url=api.base_url) as bot:
        api.fail_next("getMe", retry_after=7)
        me = await startup.retrying(bot.get_me, "getMe", sleep=waits)

    assert me.username == "zhanbao_test_bot"
    assert waits.seconds == [7]


async def test_while_telegram_cannot_be_reached_the_wait_doubles_up_to_a_minute(
    example_config: Config,
) -> None:
    nobody = "http://127.0.0.1:9/bot"  # the discard port: nothing listens there
    config = dataclasses.replace(example_config, token="1:unreachable", base_url=nobody)
    waits = Waits(most=9)

    with pytest.raises(GaveUp):
        await startup.initialize(build_application(config, sleep=waits), sleep=waits)

    assert waits.seconds == [1, 2, 4, 8, 16, 32, 60, 60, 60]


async def test_a_refused_token_stops_the_start_without_a_retry_or_the_token(
    api: FakeBotApi, example_config: Config, tmp_path: Path
) -> None:
    config = dataclasses.replace(_config(example_config, api, tmp_path), token="1:wrong")
    waits = Waits()
    app = build_application(config, sleep=waits)

    with pytest.raises(startup.TokenRejected) as refused:
        await startup.initialize(app, sleep=waits)

    assert waits.seconds == []
    assert "check BOT_TOKEN" in str(refused.value)
    assert "1:wrong" not in str(refused.value)


async def test_a_bad_request_at_start_up_is_not_retried(api: FakeBotApi) -> None:
    api.fail_next("setMyCommands", error_code=400, description="Bad Request: bad command")
    waits = Waits()
    async with Bot(api.token, base_url=api.base_url) as bot:
        with pytest.raises(BadRequest):
            await startup.retrying(lambda: bot.set_my_commands([]), "setMyCommands", sleep=waits)

    assert waits.seconds == []


async def test_run_starts_polling_though_telegram_first_answers_500(
    api: FakeBotApi, tmp_path: Path
) -> None:
    for method in ("getMe", "setMyCommands"):
        api.fail_next(method, error_code=500, description="Internal Server Error")
    bot = await run_bot(api, tmp_path, token=api.token)

    await api.wait_for_requests("getUpdates", timeout=60)
    bot.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(bot.communicate(), 30)

    assert bot.returncode == 0, stderr.decode()
    assert api.my_commands(scope=GROUP_MENU) != []
    warnings = [line for line in stderr.decode().splitlines() if "failed at start-up" in line]
    assert len(warnings) == 2
    assert "WARNING bot.chat.startup: getMe failed" in warnings[0]
    assert "WARNING bot.chat.startup: setMyCommands failed" in warnings[1]


async def test_run_with_a_token_telegram_refuses_exits_non_zero_with_one_line(
    api: FakeBotApi, tmp_path: Path
) -> None:
    bot = await run_bot(api, tmp_path, token="1:wrong")

    _, stderr = await asyncio.wait_for(bot.communicate(), 60)

    text = stderr.decode()
    assert bot.returncode == 2
    assert "Traceback" not in text
    assert "1:wrong" not in text
    [line] = [line for line in text.splitlines() if " ERROR " in line]
    assert line.endswith(
        "ERROR bot.cli: getMe: Telegram refused the bot token (401 Unauthorized or 404 Not"
        " Found): check BOT_TOKEN, and BOT_API_BASE_URL if set; not retrying"
    )


async def test_sigterm_while_telegram_is_still_down_at_start_exits_at_once(
    api: FakeBotApi, tmp_path: Path
) -> None:
    api.fail_next("setMyCommands", times=1000, error_code=500, description="Internal Server Error")
    bot = await run_bot(api, tmp_path, token=api.token)
    await api.wait_for_requests("setMyCommands", timeout=60)

    started = time.monotonic()
    bot.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(bot.communicate(), 30)

    assert bot.returncode == 0, stderr.decode()
    assert time.monotonic() - started < 5
