"""Building the Application that production, the tests and the demo all run."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial

from telegram import BotCommandScopeAllGroupChats
from telegram.ext import ApplicationBuilder, ContextTypes, Defaults

from bot.chat import doctor, downtime, jobs, startup
from bot.chat.albums import AlbumBuffer
from bot.chat.context import BotApplication, BotContext, BotData, utc_now
from bot.chat.handlers import commands, photos, register
from bot.chat.pacing import Pacer
from bot.chat.raw_updates import RawUpdates
from bot.chat.startup import Sleep
from bot.config.settings import Config
from bot.rendering.texts import Texts
from bot.usecases.services import Services

log = logging.getLogger(__name__)
ALBUMS_AT_STOP = 0.5
"""Seconds a stop gives the albums still settling: what the inbox's grace leaves of 5 s."""


def build_application(
    config: Config,
    *,
    clock: Callable[[], datetime] = utc_now,
    sleep: Sleep = asyncio.sleep,
    monotonic: Callable[[], float] = time.monotonic,
) -> BotApplication:
    """The bot for `config`; its database opens in post_init and closes in post_shutdown.

    `sleep` waits between retries of start-up's calls to Telegram (see startup) and for a
    turn to send (chat.pacing), whose time `monotonic` tells; a test passes a scripted
    pair."""
    if not config.token:
        raise ValueError("BOT_TOKEN is not set")
    # PTB warns on every 429 until opted in to its next major's timedelta `retry_after`.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    raw_updates = RawUpdates()
    builder = (
        ApplicationBuilder()
        .token(config.token)
        # Updates come in through the inbox (chat.inbox), never through PTB's Updater.
        .updater(None)
        .context_types(ContextTypes(context=BotContext, bot_data=BotData))
        .defaults(Defaults(tzinfo=config.timezone))
        .rate_limiter(Pacer(config.telegram, monotonic=monotonic, sleep=sleep))
        .get_updates_request(raw_updates)
        .post_init(partial(_post_init, sleep=sleep))
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
    )
    if config.base_url:
        builder = builder.base_url(config.base_url)
    if config.base_file_url:
        builder = builder.base_file_url(config.base_file_url)
    application: BotApplication = builder.build()  # type: ignore[assignment]
    application.bot_data.config = config
    application.bot_data.clock = clock
    application.bot_data.raw_updates = raw_updates
    application.bot_data.album_buffer = AlbumBuffer(
        config.photos.settle_seconds, partial(photos.take_album, application)
    )
    register(application)
    jobs.schedule_posts(application)
    jobs.schedule_backups(application)
    downtime.schedule_heartbeat(application)
    return application


async def _post_init(application: BotApplication, *, sleep: Sleep) -> None:
    data = application.bot_data
    assert data.config is not None
    data.services = Services.open(data.config)
    alone = data.services.running()  # before the doctor, which then tells of a second bot
    await data.services.roster.sync()
    await data.moves.load()
    texts = Texts(data.config.language)
    menu = partial(
        application.bot.set_my_commands, commands(texts), scope=BotCommandScopeAllGroupChats()
    )
    await startup.retrying(menu, "setMyCommands", sleep=sleep)
    # The doctor's own calls turn any failure into a warning: nothing there stops the start.
    for finding in await doctor.examine(application.bot, data.services):
        if not finding.ok:
            log.warning("%s", finding.text)
    if not alone:
        # Two bots on one SQLite file would handle and send each update twice.
        raise startup.CannotStart(texts("doctor.sqlite_shared"))
    down = await downtime.went_down(application)
    made = await jobs.catch_up(application)
    if down is not None:
        await downtime.tell(application, down, made)


async def _post_stop(application: BotApplication) -> None:
    """Albums still settling are taken now, while the bot can still answer them, if that
    is quick: a stop must be over within 5 s, and what is not taken is taken at the next
    start (or by another instance)."""
    albums = application.bot_data.albums
    try:
        await asyncio.wait_for(albums.flush(), ALBUMS_AT_STOP)
    except TimeoutError:
        log.warning("Stopping: albums not taken yet are left for the next start")
        await albums.abandon()


async def _post_shutdown(application: BotApplication) -> None:
    if application.bot_data.services is not None:
        await application.bot_data.services.close()
