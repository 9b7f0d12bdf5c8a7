"""Posts from the chat side: the JobQueue's daily jobs per chat, the catch-up after a
restart, retries within the grace window, and the posts managers ask for (/post, /chart,
/pk).

APScheduler fires every day at the post's time; the post's own rule decides whether a
post is owed today (working days by default; a summary missed on its day, on the next
few), and the posts use case (usecases/publishing.py) decides whether this process is the
one that posts. Posts are queued in the outbox, which sends them.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from telegram import Message

from bot.chat.context import BotApplication, BotContext
from bot.domain.outcomes import NotManager, Usage
from bot.domain.outgoing import version_of
from bot.domain.schedule import PostKind
from bot.usecases import publishing
from bot.usecases.composing import Composed
from bot.usecases.incoming import Sender

log = logging.getLogger(__name__)
BACKUP_AT = time(3, 30)
"""Local time of the daily backup: nobody reports at half past three."""
BACKUP_GRACE = 6 * 3600
"""A bot down at 03:30 still makes the day's copy when it is back before 09:30."""
RETRY_FIRST, RETRY_MOST = 30.0, 600.0
"""Seconds before trying again to make a post that failed, doubling up to the most."""


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


async def catch_up(application: BotApplication) -> set[tuple[int, PostKind, datetime]]:
    """Make, once, the posts that fell due while the bot was down (within the grace
    window); the (chat, kind, time due) of those this start made."""
    config = application.bot_data.config
    assert config is not None
    now = application.bot_data.clock()
    made = set()
    for chat in config.chats:
        for rule in chat.schedule.rules:
            moment = rule.missed_run(now, chat.schedule.grace, config.timezone, config.calendar)
            if moment is not None and await _attempt(application, chat.id, rule.kind, moment):
                made.add((chat.id, rule.kind, moment))
    return made


async def _scheduled_post(context: BotContext) -> None:
    """Post the job's kind in its chat, if one is owed today (`_attempt` asks)."""
    assert context.job is not None
    chat_id, kind = context.job.data  # type: ignore[misc]
    config, now = context.config, context.now()
    chat = config.chat(chat_id)
    rule = chat.schedule.rule(kind) if chat else None
    if rule is not None:
        today = now.astimezone(config.timezone).date()
        moment = datetime.combine(today, rule.at, tzinfo=config.timezone)
        await _attempt(context.application, chat_id, kind, moment)


async def _retry(context: BotContext) -> None:
    assert context.job is not None
    chat_id, kind, moment, attempt = context.job.data  # type: ignore[misc]
    await _attempt(context.application, chat_id, kind, moment, attempt)


async def _attempt(
    application: BotApplication, chat_id: int, kind: PostKind, moment: datetime, attempt: int = 0
) -> bool:
    """Make the post that fell due at `moment` (a summary may be owed from an earlier
    day: then it is marked 补发). If making it fails (the database, a chart), it is tried
    again with a growing wait until its grace ends; its sending is the outbox's."""
    services, clock = application.bot_data.services, application.bot_data.clock
    config = application.bot_data.config
    assert services is not None, "post_init builds the services"
    assert config is not None
    chat = config.chat(chat_id)
    rule = chat.schedule.rule(kind) if chat else None
    day = moment.astimezone(config.timezone).date()
    owed = rule.owed(day, config.calendar) if chat and rule else None
    if chat is None or rule is None or owed is None:
        return False
    run = datetime.combine(owed, rule.at, tzinfo=config.timezone)
    expires = moment + chat.schedule.grace
    try:
        made = await publishing.publish(
            services, chat_id, kind, run, now=clock(), expires=expires, late=owed != day
        )
    except Exception as error:
        delay = min(RETRY_FIRST * 2**attempt, RETRY_MOST)
        if clock() + timedelta(seconds=delay) > expires:
            log.exception("Making %s in %s failed; its grace is over: not made", kind, chat_id)
            try:
                await publishing.give_up(services, chat_id, kind, run, str(error), now=clock())
            except Exception:
                # The database that failed the post may fail this too: the log has it.
                log.exception("Recording that %s in %s was not made failed", kind, chat_id)
            return False
        log.exception("Making %s in %s failed; trying again in %.0f s", kind, chat_id, delay)
        assert application.job_queue is not None
        data = (chat_id, kind, moment, attempt + 1)
        application.job_queue.run_once(
            _retry, delay, data=data, name=f"{kind.value}@{chat_id}:retry"
        )
        return False
    if made:
        application.bot_data.notify_outbox()
    return made


async def post_now(
    application: BotApplication,
    sender: Sender,
    message: Message,
    kind: PostKind | None,
    *,
    marked: bool = True,
) -> int | NotManager | Usage:
    """A manager's post on demand, in answer to `message` (see usecases.publishing); the
    post is the configured chat's, whatever id the chat has now."""
    services, config = application.bot_data.services, application.bot_data.config
    assert services is not None, "post_init builds the services"
    assert config is not None
    source = (message.chat_id, message.message_id, version_of(message.edit_date))
    chat_id = application.bot_data.moves.configured(message.chat_id, config) or message.chat_id
    outcome = await publishing.post_now(
        services, sender, chat_id, source, kind, message.date, marked=marked
    )
    application.bot_data.notify_outbox()
    return outcome


async def post_composed(application: BotApplication, message: Message, composed: Composed) -> None:
    """Post what was composed in answer to `message` (`/pk`), closing the contests whose
    result it announces."""
    services = application.bot_data.services
    assert services is not None, "post_init builds the services"
    source = (message.message_id, version_of(message.edit_date))
    await publishing.post_composed(services, message.chat_id, source, composed, now=message.date)
    application.bot_data.notify_outbox()
