"""Reading the pacing keys of `[telegram]`: how fast the bot may send.

Telegram answers a bot that sends faster than about 20 messages a minute to one group,
or 30 a second in all, with 429s and then silence; a self-hosted Bot API server, a
benchmark or the scripted demo may have other limits or none, so the numbers are the
deployment's to set.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.config.reader import Table

DEFAULT_GROUP_MESSAGES_PER_MINUTE = 20
DEFAULT_MESSAGES_PER_SECOND = 30


@dataclass(frozen=True, slots=True)
class TelegramLimits:
    """What the bot keeps to when it sends; 0 in either means no limit of that kind."""

    group_messages_per_minute: int
    """At most this many messages a minute to any one group (edits count)."""
    messages_per_second: int
    """At most this many messages a second to all chats together."""


UNPACED = TelegramLimits(group_messages_per_minute=0, messages_per_second=0)
"""No pacing at all: for a scripted group whose clock runs days in seconds."""


def read_limits(table: Table) -> TelegramLimits:
    """The pacing keys of `table`; its other keys are the caller's to read and check."""
    return TelegramLimits(
        group_messages_per_minute=_rate(
            table, "group_messages_per_minute", DEFAULT_GROUP_MESSAGES_PER_MINUTE
        ),
        messages_per_second=_rate(table, "messages_per_second", DEFAULT_MESSAGES_PER_SECOND),
    )


def _rate(table: Table, name: str, default: int) -> int:
    value: int = table.int(name, default)
    if value < 0:
        raise table.fail(name, f"must be 0 (no limit) or more, got {value}")
    return value
