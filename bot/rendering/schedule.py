"""The chat's schedule as `/schedule` shows it: each post, its days, and its next run."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.calendar import WorkCalendar
from bot.domain.schedule import PostRule, Schedule
from bot.rendering.replies import day_label
from bot.rendering.texts import Texts


def schedule_text(
    schedule: Schedule, now: datetime, zone: ZoneInfo, calendar: WorkCalendar, texts: Texts
) -> str:
    lines = [texts("schedule.title")]
    for rule in schedule.rules:
        upcoming = rule.next_run(now, zone, calendar)
        when = texts("schedule.never")
        if upcoming is not None:
            weekday = texts(f"weekday.{upcoming.weekday()}")
            day = texts("bulletin.day", day=day_label(upcoming.date(), texts), weekday=weekday)
            when = f"{day} {upcoming:%H:%M}"
        lines.append(
            texts(
                "schedule.line",
                name=texts(f"post.kind.{rule.kind.value}"),
                time=f"{rule.at:%H:%M}",
                days=_days(rule, texts),
                next=when,
            )
        )
    minutes = int(schedule.grace.total_seconds() // 60)
    lines.append(texts("schedule.grace", minutes=minutes))
    return "\n".join(lines)


def _days(rule: PostRule, texts: Texts) -> str:
    if isinstance(rule.days, str):
        return texts(f"schedule.{rule.days}")
    return texts.names(texts(f"weekday.{d}") for d in rule.days)
