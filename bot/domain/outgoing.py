"""What the bot owes a chat: a reply queued with the change it reports, and what a rush
makes of several at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

Button = tuple[str, str]
"""A button's label and its callback data."""

MERGED_MAX_CHARS = 3800
"""Below Telegram's 4,096 characters a message, with room for the heading."""
POST = -1
"""The `source_version` of a scheduled post's messages, whose `source_id` is the post's:
no message version is negative, so a post and a reply never share a key."""
ALERT = -2
"""The `source_version` of an alert to the managers, whose `source_id` is the alert's."""
ALBUM_MAX = 10
"""Telegram's most photos in one album."""


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A message in answer to one version of one message of a chat."""

    chat_id: int
    source_id: int
    """The message answered, and replied to unless `reply` is false."""
    source_version: int
    """Its edit time in whole seconds, 0 as first sent: a new version gets a new answer."""
    text: str
    part: int = 0
    """Which of the answers to that version, when it has more than one."""
    reply: bool = True
    line: str | None = None
    """A plain confirmation's line in a merged list; None for what must stand on its own
    (refusals, approvals, anything a person has to act on)."""
    buttons: tuple[Button, ...] = ()
    undoable: bool = False
    """`/undo` in reply to it takes back the report it confirms."""
    html: bool = False
    """The text is Telegram HTML (bold names, escaped user text), not plain."""
    edits: int | None = None
    """The bot's own message this replaces the text of (a held backfill once approved),
    instead of sending a new one."""
    photos: tuple[bytes, ...] = ()
    """An album (at most ALBUM_MAX), `text` its caption; stored apart from the queue, so
    `Queued.message` read back has none and `Queued.photos` counts them."""
    expires: datetime | None = None
    """A post's grace: what is not sent by then is given up (a bulletin at 15:00 misleads)."""

    @property
    def is_post(self) -> bool:
        return self.source_version == POST


def version_of(edited_at: datetime | None) -> int:
    """A message version as the outbox keys it."""
    return 0 if edited_at is None else int(edited_at.timestamp())


@dataclass(frozen=True, slots=True)
class Queued:
    """An outgoing message as the outbox holds it."""

    id: int
    message: Outgoing
    photos: int = 0
    """How many photos the message has (loaded only to send it)."""


@dataclass(frozen=True, slots=True)
class Delivered:
    """A send Telegram took, as message `sent_id`. Where one process sends (SQLite) it is
    recorded with the sender's next turn: till then its messages stay sending, so a crash
    leaves them uncertain, never sent twice, and a rush costs one transaction a message
    rather than three."""

    items: Sequence[Queued]
    sent_id: int
    at: datetime


Elsewhere = list[tuple[int, int, float, int]]
"""What other instances sent lately: (outbox id, chat, seconds ago, messages) each."""
Picked = list[list[Queued]]
Pick = Callable[[list[Queued], Elsewhere], Picked]
"""The sender's choice, from what waits, of what to send now: one batch per chat."""
Claimed = list[tuple[list[Queued], set[int]]]
"""Each batch picked, with the ids of it this sender took (the others are not its own)."""


def mergeable(queued: Sequence[Queued]) -> list[Queued]:
    """The plain confirmations of one chat's queue, oldest first, as many as one merged
    message holds."""
    taken: list[Queued] = []
    size = 0
    for item in queued:
        line = item.message.line
        if line is None:
            continue
        size += len(line) + 1
        if taken and size > MERGED_MAX_CHARS:
            break
        taken.append(item)
    return taken
