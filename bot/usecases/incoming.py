"""What the chat layer hands the use cases: who sent which text, and when."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime

from bot.config.settings import Config
from bot.domain.outcomes import DayContext
from bot.domain.parsing import Refusal, Report, parse_report
from bot.domain.periods import local_day

SENT_DAY = "sent"
"""A day rule: undated figures are for the day the message is sent, report day or not."""


@dataclass(frozen=True, slots=True)
class Person:
    """Someone an update shows, as Telegram names them now."""

    user_id: int
    name: str
    username: str | None = None


@dataclass(frozen=True, slots=True)
class Sender:
    """Who posted a message, as the chat layer knows them."""

    user_id: int
    name: str
    username: str | None = None
    is_manager: bool = False
    anonymous: bool = False


@dataclass(frozen=True, slots=True)
class IncomingFile:
    """A file sent to the bot, its bytes fetched only when a use case wants them: a
    spreadsheet from someone who may not import one is never downloaded."""

    name: str
    size: int
    read: Callable[[], Awaitable[bytes]]


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    chat_id: int
    message_id: int
    sender: Sender
    text: str
    sent_at: datetime
    edited_at: datetime | None = None
    """When the message was last edited; None for the message as first sent."""
    day_rule: str | None = None
    """The day an undated message is for, when not the deployment's report day: a photo's
    caption tells of the visit it shows, which is the day it is sent (SENT_DAY)."""


def parse_message(
    config: Config, text: str, sent_at: datetime, day_rule: str | None = None
) -> Report | Refusal | None:
    """Read a message as the deployment's catalogue and report days say, at its send time."""
    today = local_day(sent_at, config.timezone)
    default = usual_day(config, sent_at, day_rule)
    return parse_report(text, catalogue=config.catalogue, today=today, default_day=default)


def day_context(
    config: Config, sent_at: datetime, day_rule: str | None, now: datetime
) -> DayContext:
    """What a reply needs to name a stored report's day plainly or with its weekday."""
    return DayContext(usual_day(config, sent_at, day_rule), local_day(now, config.timezone))


def usual_day(config: Config, sent_at: datetime, day_rule: str | None = None) -> date:
    """The day an undated message sent at `sent_at` is for."""
    if day_rule == SENT_DAY:
        return local_day(sent_at, config.timezone)
    return config.report_days.of(sent_at)


@dataclass(frozen=True, slots=True)
class IncomingPhoto:
    """One image of a visit, as Telegram describes it before anything is downloaded."""

    message_id: int
    file_id: str
    file_unique_id: str
    file_size: int | None
    """As Telegram declares it; None when it does not say."""
    caption: str = ""


@dataclass(frozen=True, slots=True)
class IncomingAlbum:
    """A single photo, or the items of an album that arrived together."""

    chat_id: int
    album: str
    """Telegram's media_group_id, or "m" and the message id of a single photo."""
    sender: Sender
    sent_at: datetime
    photos: tuple[IncomingPhoto, ...]

    @property
    def captioned(self) -> IncomingPhoto | None:
        """The item that carries the caption: any one of an album's, or none."""
        return next((photo for photo in self.photos if photo.caption), None)
