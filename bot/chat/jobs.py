"""Scheduled posts in the JobQueue: registered per chat, made once, caught up after a restart.

APScheduler fires every day at the post's time; the post's own rule decides
whether today is a day it runs (working days by default), and a claimed row
in storage decides whether this process is the one that posts.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from functools import partial
from typing import TypeVar

from telegram import InputMediaPhoto
from telegram.constants import ParseMode
from telegram.error import NetworkError, TimedOut

from bot.chat.context import BotApplication, BotContext
from bot.domain.schedule import PostKind, period_of
from bot.storage.posts import POSTED, UNCERTAIN
from bot.usecases.composing import Composed, compose

log = logging.getLogger(__name__)
T = TypeVar("T")
# Seconds to wait before each new attempt at a post whose send failed.
RETRY_DELAYS = (2.0, 10.0, 60.0)
ALBUM_SIZE = 10
"""Telegram's most photos in one album."""


def schedule_posts(application: BotApplication) -> None:
    """One daily job per chat and post kind, at the post's local time."""
    config = application.bot_data.config
    assert config is not None
    assert application.job_queue is not None
    for chat in config.chats:
        for rule in chat.schedule.rules:
            application.job_queue.run_daily(
                _scheduled_post,
                time=rule.at.replace(tzinfo=config.timezone),
                data=(chat.id, rule.kind),
                name=f"{rule.kind.value}@{chat.id}",
                job_kwargs={
                    "misfire_grace_time": int(chat.schedule.grace.total_seconds()),
                    "coalesce": True,
                },
            )


async def catch_up(application: BotApplication) -> None:
    """Make, once, the posts that fell due while the bot was down (within the grace window)."""
    config = application.bot_data.config
    assert config is not None
    now = application.bot_data.clock()
    for chat in config.chats:
        for rule in chat.schedule.rules:
            run = rule.missed_run(now, chat.schedule.grace, config.timezone, config.calendar)
            if run is None:
                continue
            try:
                await publish(application, chat.id, rule.kind, run)
            except Exception:
                # One chat's failed post must not keep the bot from starting, nor the others.
                log.exception("Catching up %s in %s failed", rule.kind, chat.id)


async def _scheduled_post(context: BotContext) -> None:
    """Post the job's kind in its chat, if today is a day it runs."""
    assert context.job is not None
    chat_id, kind = context.job.data  # type: ignore[misc]
    config, now = context.config, context.now()
    chat = config.chat(chat_id)
    rule = chat.schedule.rule(kind) if chat else None
    if rule is not None and rule.runs_on(now.astimezone(config.timezone).date(), config.calendar):
        await publish(context.application, chat_id, kind, now)


async def publish(
    application: BotApplication,
    chat_id: int,
    kind: PostKind,
    run: datetime,
    *,
    repeat: bool = False,
    marked: bool = True,
) -> list[int]:
    """Make the post of `run`'s period unless another run already claimed it; a repeat
    (`/post`, `/chart`) is made regardless, and `marked` as one unless it is asked for on
    demand. Returns the message ids sent."""
    data = application.bot_data
    assert data.config is not None
    assert data.services is not None
    posts, period = data.services.posts, period_of(run, data.config.timezone)
    if not repeat and not await posts.claim(chat_id, kind.value, period, data.clock()):
        return []
    # A bulletin publishes its report day: what arrives for that day later is 补报.
    closes = posts.report_day(run) if kind is PostKind.MORNING else None

    sent: list[int] = []
    try:
        composed = await compose(
            data.services, data.config, chat_id, kind, run, repeat=repeat and marked
        )
        await send_composed(application, chat_id, composed, sent)
    except Exception as error:
        # After a TimedOut, or once part of a split bulletin is out, posting again could
        # post twice: the post stays claimed, and a manager can /post it again. Any other
        # failure gives the claim back, so the next run can make the post.
        uncertain = isinstance(error, TimedOut) or bool(sent)
        log.warning("Post %s for %s failed (%s); uncertain: %s", kind, chat_id, error, uncertain)
        if repeat:
            raise
        if uncertain:
            await posts.finish(
                chat_id, kind.value, period, status=UNCERTAIN, message_ids=sent,
                report_day=closes, now=data.clock(),
            )  # fmt: skip
        else:
            await posts.release(chat_id, kind.value, period)
        raise
    if not repeat:
        await posts.finish(
            chat_id, kind.value, period, status=POSTED, message_ids=sent,
            report_day=closes, now=data.clock(),
        )  # fmt: skip
    return sent


async def send_composed(
    application: BotApplication, chat_id: int, composed: Composed, sent: list[int]
) -> None:
    """Send the texts, then the albums; contests whose result went out are closed."""
    data = application.bot_data
    assert data.services is not None

    async def send(text: str) -> int:
        message = await application.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)
        return message.message_id

    await deliver(send, composed.texts, RETRY_DELAYS, sent=sent)
    if composed.finishes:
        await data.services.contests.close(list(composed.finishes), now=data.clock())
    for album in composed.albums:
        send = partial(send_albums, application, chat_id, album.caption)
        await deliver(send, [album.photos], RETRY_DELAYS, sent=sent)


async def send_albums(
    application: BotApplication, chat_id: int, caption: str, photos: Sequence[bytes]
) -> int:
    """Photos as albums of up to ten, the caption on the first photo as Telegram shows it;
    a single photo goes as a photo, since an album holds two to ten."""
    first: int | None = None
    for start in range(0, len(photos), ALBUM_SIZE):
        chunk = photos[start : start + ALBUM_SIZE]
        text = caption if start == 0 else None
        if len(chunk) == 1:
            message = await application.bot.send_photo(
                chat_id, chunk[0], caption=text, parse_mode=ParseMode.HTML
            )
            message_id = message.message_id
        else:
            media = [
                InputMediaPhoto(photo, caption=text if i == 0 else None, parse_mode=ParseMode.HTML)
                for i, photo in enumerate(chunk)
            ]
            message_id = (await application.bot.send_media_group(chat_id, media))[0].message_id
        first = message_id if first is None else first
    assert first is not None, "at least one photo"
    return first


async def deliver(
    send: Callable[[T], Awaitable[int]],
    texts: Sequence[T],
    delays: Sequence[float],
    *,
    sent: list[int] | None = None,
) -> list[int]:
    """Send each item in order, retrying a failed one after each delay; a TimedOut is not
    retried (the message may have arrived). Raises the last error when retries run out;
    `sent` then holds the ids of the messages that did go out."""
    sent = [] if sent is None else sent
    for text in texts:
        for attempt in range(len(delays) + 1):
            try:
                sent.append(await send(text))
                break
            except TimedOut:
                raise
            except NetworkError as error:
                if attempt == len(delays):
                    raise
                log.warning("Sending a post failed (%s); retrying in %ss", error, delays[attempt])
                await asyncio.sleep(delays[attempt])
    return sent
