"""The fake Bot API's bad days, as the outbox's tests use them: Telegram's flood limit
on a group, and refusals at random."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from telegram import Bot
from telegram.error import NetworkError, RetryAfter

from bot.demo.group import Clock
from bot.fake_telegram import FakeBotApi

GROUP = -1001234567890


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 12, 1, 0, 0, tzinfo=UTC))


@pytest.fixture
async def api(clock: Clock, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeBotApi]:
    # PTB warns of RetryAfter's coming timedelta whenever it makes one, unless opted in.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    async with FakeBotApi(clock=clock) as fake:
        fake.add_group(GROUP, "支行战报群")
        yield fake


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url) as client:
        yield client


async def test_a_groups_message_past_its_limit_in_a_minute_is_refused_with_the_wait(
    api: FakeBotApi, bot: Bot, clock: Clock
) -> None:
    api.limit_groups(3)
    for n in range(3):
        await bot.send_message(GROUP, f"第{n}条")
        clock.advance(seconds=10)

    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(GROUP, "第4条")

    assert refused.value.retry_after == timedelta(seconds=30)
    assert api.faults.refused_floods == 1


async def test_a_group_may_send_again_once_its_oldest_message_is_a_minute_old(
    api: FakeBotApi, bot: Bot, clock: Clock
) -> None:
    api.limit_groups(1)
    await bot.send_message(GROUP, "第1条")
    clock.advance(seconds=60)

    await bot.send_message(GROUP, "第2条")

    assert len(api.bot_messages(GROUP)) == 2


async def test_refusals_at_random_are_429s_and_500s_at_about_the_rate_asked(
    api: FakeBotApi, bot: Bot
) -> None:
    api.fail_at_random("sendMessage", rate=0.2, seed=3)
    floods = errors = 0
    for n in range(200):
        try:
            await bot.send_message(GROUP, f"第{n}条")
        except RetryAfter:
            floods += 1
        except NetworkError:
            errors += 1

    assert 20 <= floods + errors <= 60
    assert floods > 0
    assert errors > 0
    assert len(api.bot_messages(GROUP)) == 200 - floods - errors
