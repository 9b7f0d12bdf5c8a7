"""Posts from the chat side: the JobQueue's daily jobs per chat, the catch-up after a
restart, and the posts managers ask for (/post, /chart, /pk).

APScheduler fires every day at the post's time; the post's own rule decides
whether today is a day it runs (working days by default), and the posts use case
(usecases/publishing.py) decides whether this process is the one that posts.
"""

from __future__ import annotations

import logging
from datetime import datetime, time

from bot.chat.context import BotApplication, BotContext
from bot.chat.outlet import TelegramOutlet
from bot.domain.outcomes import NotManager, Usage
from bot.domain.schedule import PostKind
from bot.usecases import publishing
from bot.usecases.composing import Composed
from bot.usecases.incoming import Sender
from bot.usecases.services import Services

log = logging.getLogger(__name__)
BACKUP_AT = time(3, 30)
"""Local time of the daily backup: nobody reports at half past three."""
BACKUP_GRACE = 6 * 3600
"""A bot down at 03:30 still makes the day's copy when it is back before 09:30."""


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


def schedule_backups(application: BotApplication) -> None:
    """The daily copy of a SQLite database, at a quiet hour of the night."""
    config = application.bot_data.config
    assert config is not None
    assert application.job_queue is not None
    if config.backups:
        application.job_queue.run_daily(
            _backup,
            time=BACKUP_AT.replace(tzinfo=config.timezone),
            name="backup",
            job_kwargs={"misfire_grace_time": BACKUP_GRACE, "coalesce": True},
        )


async def _backup(context: BotContext) -> None:
    try:
        copied = await context.services.backups.daily(now=context.now())
    except Exception:
        log.exception("The daily backup failed")
        return
    if copied is not None:
        log.info("Daily backup: %s", copied.path)


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


async def publish(application: BotApplication, chat_id: int, kind: PostKind, run: datetime) -> None:
    """Make `kind`'s post of `run` in the chat, once (see usecases.publishing.publish)."""
    services, outlet = _outlet(application, chat_id)
    clock = application.bot_data.clock
    await publishing.publish(services, outlet, chat_id, kind, run, clock=clock)


async def post_now(
    application: BotApplication,
    sender: Sender,
    chat_id: int,
    kind: PostKind | None,
    run: datetime,
    *,
    marked: bool = True,
) -> list[int] | NotManager | Usage:
    """A manager's post on demand (see usecases.publishing.post_now)."""
    services, outlet = _outlet(application, chat_id)
    clock = application.bot_data.clock
    return await publishing.post_now(
        services, outlet, sender, chat_id, kind, run, clock=clock, marked=marked
    )


async def send_composed(application: BotApplication, chat_id: int, composed: Composed) -> None:
    """Send what was composed on demand (`/pk`, a contest ended now), closing the contests
    whose result it announces."""
    services, outlet = _outlet(application, chat_id)
    await publishing.send(services, outlet, composed, [], clock=application.bot_data.clock)


def _outlet(application: BotApplication, chat_id: int) -> tuple[Services, TelegramOutlet]:
    """The use cases, and the chat as the outlet a post goes to."""
    services = application.bot_data.services
    assert services is not None, "post_init builds the services"
    return services, TelegramOutlet(application.bot, chat_id)
