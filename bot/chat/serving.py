"""The bot's life in production: start, fetch into the inbox and handle from it, and stop
cleanly when told to (SIGTERM from `docker stop`, or Ctrl-C).

This takes the place of python-telegram-bot's run_polling, whose Updater confirms updates
before they are handled (see chat.inbox). On a stop, fetching ends at once, the update in
hand gets a few seconds to finish, and what was not handled stays in the inbox.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Coroutine
from typing import Any

from bot.chat import startup
from bot.chat.context import BotApplication
from bot.chat.inbox import InboxRunner
from bot.chat.outbox import OutboxSender
from bot.chat.webhook import WebhookServer

log = logging.getLogger(__name__)
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


async def serve(application: BotApplication) -> None:
    """Run until a stop signal, or until Telegram refuses the token (TokenRejected)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for number in STOP_SIGNALS:
        loop.add_signal_handler(number, stop.set)
    try:
        # Told to stop while Telegram was still down: nothing started, nothing to stop.
        if await _unless_stopped(stop, startup.initialize(application)):
            await run_until(application, stop)
    finally:
        for number in STOP_SIGNALS:
            loop.remove_signal_handler(number)


async def run_until(application: BotApplication, stop: asyncio.Event) -> None:
    """The bot's life once Telegram has answered getMe, until `stop` is set (by a signal,
    or by a test running two instances in one process)."""
    try:
        # post_init may wait long for Telegram (setMyCommands retried, missed posts made).
        if application.post_init is not None and not await _unless_stopped(
            stop, application.post_init(application)
        ):
            return
        await application.start()
        sender = OutboxSender(application)
        await sender.start()
        assert application.bot_data.config is not None, "build_application sets it"
        web = application.bot_data.config.web
        runner = InboxRunner(application, fetching=not web.webhook)
        server = WebhookServer(application, web, runner.notify) if web.webhook else None
        try:
            await runner.start()
            if server is not None:
                await server.start()
                await _unless_stopped(stop, server.register(sleep=asyncio.sleep))
            log.info("Started: %s into the inbox, sending from the outbox", _how(server))
            await _until(stop, *runner.tasks, sender.task)
        finally:
            log.info("Stopping: no more updates taken; the rest stays in the inbox and outbox")
            if server is not None:
                await server.stop()
            await asyncio.gather(runner.stop(), sender.stop())
        if runner.failure is not None:
            raise startup.rejected("getUpdates") from None
    finally:
        if application.running:
            await application.stop()
        if application.post_stop is not None:
            await application.post_stop(application)
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


def _how(server: WebhookServer | None) -> str:
    return "fetching updates" if server is None else "taking updates by webhook"


async def _unless_stopped(stop: asyncio.Event, step: Coroutine[Any, Any, None]) -> bool:
    """Run `step` unless a stop signal comes first, which cancels it: whether it ran."""
    task = asyncio.create_task(step)
    await _until(stop, task)
    if not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return False
    task.result()
    return True


async def _until(stop: asyncio.Event, *tasks: asyncio.Task[None]) -> None:
    """Wait for a stop signal, or for one of `tasks` to end."""
    stopped = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait([stopped, *tasks], return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await stopped
