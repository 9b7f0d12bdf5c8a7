"""What the bot sent, as tests read it back.

The fake keeps the bot's own arguments (markup source, parse_mode, any reply_markup) beside
the Telegram message made of them, because tests assert on what the bot asked for while the
Telegram JSON holds what the chat would show.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypedDict

from bot.fake_telegram.objects import JSON


class BotMessage(TypedDict):
    """A message the bot sent, as it stands now (edits applied).

    ``text``/``caption`` are exactly what the bot passed, markup included, and ``parse_mode``
    says how Telegram would read them. ``photos`` holds the file id of the largest size of each
    photo (``FakeBotApi.file_bytes`` gives the content). ``message`` is the Telegram JSON.
    """

    chat_id: int
    message_id: int
    date: datetime
    text: str | None
    caption: str | None
    parse_mode: str | None
    reply_to_message_id: int | None
    reply_markup: JSON | None
    photos: list[str]
    document: str | None
    media_group_id: str | None
    message_thread_id: int | None
    edited: bool
    deleted: bool
    message: JSON


@dataclass
class SentByBot:
    """What the bot asked for, kept beside the message Telegram made of it."""

    message: JSON
    text: str | None = None
    caption: str | None = None
    parse_mode: str | None = None
    reply_markup: JSON | None = None
    deleted: bool = False


def view(sent: SentByBot) -> BotMessage:
    message = sent.message
    reply = message.get("reply_to_message")
    photo = message.get("photo")
    return BotMessage(
        chat_id=message["chat"]["id"],
        message_id=message["message_id"],
        date=datetime.fromtimestamp(message["date"], UTC),
        text=sent.text,
        caption=sent.caption,
        parse_mode=sent.parse_mode,
        reply_to_message_id=reply["message_id"] if reply else None,
        reply_markup=sent.reply_markup,
        photos=[photo[-1]["file_id"]] if photo else [],
        document=message["document"]["file_id"] if "document" in message else None,
        media_group_id=message.get("media_group_id"),
        message_thread_id=message.get("message_thread_id"),
        edited="edit_date" in message,
        deleted=sent.deleted,
        message=copy.deepcopy(message),
    )
