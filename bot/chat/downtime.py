"""Knowing the bot was down: a heartbeat every minute, and at start the posts that fell
due meanwhile told to the managers, caught up (within their grace) or missed (past it).

"08:30 晨报 补发：机器人 07:10—09:05 未运行" tells a manager why the bulletin came late,
and that the figures reported meanwhile were answered late too.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.chat.context import BotApplication, BotContext
from bot.domain.schedule import PostKind
from bot.rendering.alerts import downtime_text
from bot.rendering.texts import Texts
from bot.usecases import publishing
from bot.usecases.alerts import clock_text, place

log = logging.getLogger(__name__)
BEAT_EVERY = 60.0
"""Seconds between heartbeats."""
DOWN_AFTER = timedelta(minutes=3)
"""A longer gap between heartbeats was downtime; a quick restart is not worth telling."""
LOOK_BACK = timedelta(hours=24)
"""How far back a start tells of posts missed: a longer outage is news of its own."""
Made = set[tuple[int, PostKind, datetime]]
"""(chat, kind, time due) of each post a start caught up on."""


def schedule_heartbeat(application: BotApplication) -> None:
    assert application.job_queue is not None
    application.job_queue.run_repeating(
        _beat, interval=BEAT_EVERY, first=BEAT_EVERY, name="heartbeat"
    )


async def _beat(context: BotContext) -> None:
    try:
        await context.services.alerts.beat(now=context.now())
    except Exception:
        log.exception("The heartbeat could not be stored")


async def went_down(application: BotApplication) -> datetime | None:
    """Beat now; when the bot was last seen running, if it was down since. A database
    that cannot say does not keep the bot from starting: None, and the log says why."""
    services, now = application.bot_data.services, application.bot_data.clock()
    assert services is not None, "post_init builds the services"
    try:
        last = await services.alerts.beat(now=now)
    except Exception:
        log.exception("The heartbeat could not be read at start: downtime is not told")
        return None
    return last if last is not None and now - last > DOWN_AFTER else None


async def tell(application: BotApplication, down: datetime, made: Made) -> None:
    """Tell the managers of each post due while the bot was down: made now, or missed."""
    try:
        await _tell(application, down, made)
    except Exception:
        log.exception("Telling the managers of the downtime failed")


async def _tell(application: BotApplication, down: datetime, made: Made) -> None:
    services, config = application.bot_data.services, application.bot_data.config
    assert services is not None, "post_init builds the services"
    assert config is not None
    now, texts = application.bot_data.clock(), Texts(config.language)
    log.warning("The bot was not running from %s to %s", down, now)
    for chat in config.chats:
        grace = chat.schedule.grace
        for rule in chat.schedule.rules:
            for moment in rule.fell_due(max(down, now - LOOK_BACK), now, config.timezone,
                                        config.calendar):  # fmt: skip
                caught_up = (chat.id, rule.kind, moment) in made
                if not caught_up and moment + grace >= now:
                    continue  # made by another, or failing and told when given up
                if not caught_up and not await publishing.missed(
                    services, chat.id, rule.kind, moment, now=now
                ):
                    continue  # made before the bot stopped, or by another instance
                where, at = place(config, chat.id, rule.kind.value)
                text = downtime_text(
                    texts, where=where, time=at, kind=rule.kind.value,
                    since=clock_text(down, config), until=clock_text(now, config), made=caught_up,
                )  # fmt: skip
                key = f"down:{chat.id}:{rule.kind.value}:{moment.isoformat()}"
                await services.alerts.tell(key, text, now=now)
