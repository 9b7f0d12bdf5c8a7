"""Start-up's calls to the Bot API, retried until Telegram answers.

A bot that exits when Telegram answers one 500 at start-up stays down until someone
notices, and a supervisor that restarts it only turns an outage into a restart loop.
So a transient failure (a 5xx, a timeout, a refused connection, a 429) is waited out,
doubling the wait from 1 s up to a minute and logging each retry, for as long as it
lasts: the operator sees the warnings, and the bot is up as soon as Telegram is. What
waiting cannot fix, a token Telegram refuses, stops the start with one line.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter

from bot.chat.context import BotApplication

log = logging.getLogger(__name__)
T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]
FIRST_DELAY = 1.0
MOST_DELAY = 60.0
"""Seconds before the first retry, and the longest wait between two: doubling in between."""


class TokenRejected(Exception):
    """Telegram refused the token (401, or 404 for a malformed one or a wrong base_url).

    Its message never holds the token: PTB's own for a failed getMe does."""


class CannotStart(Exception):
    """Something waiting cannot fix stops the start; its message says what to do."""


def rejected(what: str) -> TokenRejected:
    return TokenRejected(
        f"{what}: Telegram refused the bot token (401 Unauthorized or 404 Not Found):"
        " check BOT_TOKEN, and BOT_API_BASE_URL if set; not retrying"
    )


async def retrying(
    call: Callable[[], Awaitable[T]], what: str, *, sleep: Sleep = asyncio.sleep
) -> T:
    """`call()`'s result once it succeeds. A failure the same call may not meet again is
    retried for as long as it lasts: a 5xx, a timeout, a lost connection (NetworkErrors
    to PTB), a 429 after the wait it names. A refused token raises TokenRejected; a 400
    (a NetworkError too) or a 403 would only repeat, and are raised as they are."""
    delay, retries = FIRST_DELAY, 0
    while True:
        try:
            return await call()
        except InvalidToken:
            raise rejected(what) from None
        except BadRequest:
            raise
        except RetryAfter as error:
            wait, reason = flood_wait(error), str(error)
        except NetworkError as error:
            wait, reason, delay = delay, str(error), min(delay * 2, MOST_DELAY)
        retries += 1
        log.warning("%s failed at start-up (%s); retry %d in %g s", what, reason, retries, wait)
        await sleep(wait)


def flood_wait(error: RetryAfter) -> float:
    """The seconds a 429 names. PTB's public `retry_after` warns of its coming change of
    type on every read (an error under the suite's warning filter); its rate limiter
    reads the timedelta underneath, as this does."""
    return error._retry_after.total_seconds()


async def initialize(application: BotApplication, *, sleep: Sleep = asyncio.sleep) -> None:
    """`application.initialize()`, which asks getMe, then, when polling, deleteWebhook
    (getUpdates answers 409 Conflict while a webhook is set), each retried as above.

    Instead of PTB's own `bootstrap_retries`: it logs those retries at DEBUG, and a
    refused token with a traceback whose message holds the token."""
    try:
        await retrying(application.initialize, "getMe", sleep=sleep)
        config = application.bot_data.config
        if config is None or not config.web.webhook:
            await retrying(application.bot.delete_webhook, "deleteWebhook", sleep=sleep)
    except BaseException:
        # The first attempt opened the connections; nothing else will close them.
        await application.bot.shutdown()
        raise
