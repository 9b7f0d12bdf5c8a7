"""What the end-to-end tests share: the business day's clock and a live group on SQLite."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config.settings import Config
from bot.config.telegram import UNPACED, TelegramLimits
from bot.demo.group import Clock, LiveGroup

SHANGHAI = ZoneInfo("Asia/Shanghai")
CHAT = -1001234567890
"""The example configuration's chat."""


def at(text: str) -> datetime:
    """A local time in Shanghai (2026-07-28 08:30), as the UTC moment Telegram sends."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI).astimezone(UTC)


def live_group(
    config: Config, folder: Path, start: str, *, paced: TelegramLimits | None = None
) -> LiveGroup:
    """The real bot and the fake server, on a fresh SQLite file in `folder`, from `start`;
    `paced`, it keeps to those limits and waits for its turns on the script's clock."""
    url = f"sqlite+aiosqlite:///{folder / 'zhanbao.db'}"
    return LiveGroup(
        config,
        database_url=url,
        clock=Clock(at(start)),
        photos=folder / "photos",
        limits=paced or UNPACED,
        scripted_waits=paced is not None,
    )


def without_photo_reminders(config: Config) -> Config:
    """`config` not asking for visit photos: the reminder names no branch for lack of them,
    and the summary of a week without any says nothing of photos."""
    return dataclasses.replace(config, photos=dataclasses.replace(config.photos, remind=False))
