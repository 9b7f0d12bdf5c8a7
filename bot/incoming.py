"""What the chat layer hands the use cases: who sent which text, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.config import Config
from bot.domain.parsing import Refusal, Report, parse_report
from bot.domain.periods import default_report_day, local_day


@dataclass(frozen=True, slots=True)
class Sender:
    """Who posted a message, as the chat layer knows them."""

    user_id: int
    name: str
    username: str | None = None
    is_manager: bool = False
    anonymous: bool = False


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    chat_id: int
    message_id: int
    sender: Sender
    text: str
    sent_at: datetime
    edited_at: datetime | None = None
    """When the message was last edited; None for the message as first sent."""


def parse_message(config: Config, text: str, sent_at: datetime) -> Report | Refusal | None:
    """Read a message as the deployment's catalogue and report-day rule say, at its send time."""
    zone = config.timezone
    return parse_report(
        text,
        catalogue=config.catalogue,
        today=local_day(sent_at, zone),
        default_day=default_report_day(sent_at, zone, config.report_day),
    )
