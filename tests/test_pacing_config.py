"""Pacing as the deployment sets it ([telegram] group_messages_per_minute and
messages_per_second): the bot's own sends, over real HTTP to the fake Bot API."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import time
from collections.abc import AsyncIterator

from telegram import Message
from telegram.ext import ExtBot

from bot.chat.app import build_application
from bot.config.settings import Config
from bot.config.telegram import UNPACED, TelegramLimits
from bot.fake_telegram import FakeBotApi
from tests.live import CHAT


@contextlib.asynccontextmanager
async def paced_bot(
    config: Config, limits: TelegramLimits
) -> AsyncIterator[tuple[FakeBotApi, ExtBot[bool]]]:
    """The bot `build_application` makes for `config` with `limits`, ready to send to the
    example group; sends still waiting for their turn are dropped at the end."""
    async with FakeBotApi() as api:
        api.add_group(CHAT, config.chats[0].title)
        config = dataclasses.replace(
            config, token=api.token, base_url=api.base_url, telegram=limits
        )
        bot = build_application(config).bot
        await bot.initialize()
        try:
            yield api, bot
        finally:
            await bot.shutdown()


def _sends(api: FakeBotApi) -> int:
    return sum(1 for method, _ in api.requests if method == "sendMessage")


def _send(bot: ExtBot[bool], count: int) -> list[asyncio.Task[Message]]:
    return [asyncio.create_task(bot.send_message(CHAT, f"第{n}条")) for n in range(count)]


async def _drop(tasks: list[asyncio.Task[Message]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def test_by_default_a_group_gets_twenty_messages_at_once_and_the_next_waits(
    example_config: Config,
) -> None:
    async with paced_bot(example_config, example_config.telegram) as (api, bot):
        tasks = _send(bot, 21)
        await api.wait_for_requests("sendMessage", count=20)

        # The 21st is due three seconds (a minute's twentieth) after the 20th.
        await asyncio.sleep(0.5)

        assert _sends(api) == 20
        await _drop(tasks)


async def test_zero_turns_pacing_off(example_config: Config) -> None:
    async with paced_bot(example_config, UNPACED) as (api, bot):
        tasks = _send(bot, 40)

        await api.wait_for_requests("sendMessage", count=40)

        assert _sends(api) == 40
        await asyncio.gather(*tasks)


async def test_the_overall_rate_spaces_sends_across_all_chats(example_config: Config) -> None:
    limits = TelegramLimits(group_messages_per_minute=0, messages_per_second=1)
    async with paced_bot(example_config, limits) as (_, bot):
        started = time.monotonic()

        await asyncio.gather(*_send(bot, 2))

        assert time.monotonic() - started >= 0.9
