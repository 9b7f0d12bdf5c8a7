"""Users, chats and the JSON shapes Telegram gives them.

Everything the fake hands to the bot goes through these builders, so the objects PTB parses
look the way the real Bot API produces them (including UTF-16 entity offsets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

JSON = dict[str, Any]

# Telegram's own rules: a command is a slash at the start of the text or after whitespace,
# at most 32 word characters, optionally addressed to one bot; a mention is a 5-32 char username.
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_])")
_MENTION = re.compile(r"(?<![\w@/])@[A-Za-z0-9_]{5,32}(?![A-Za-z0-9_])")


class ApiError(Exception):
    """A failure the Bot API reports to the caller, with Telegram's status code and wording."""

    def __init__(self, error_code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    @classmethod
    def bad_request(cls, reason: str) -> ApiError:
        return cls(400, f"Bad Request: {reason}")

    def as_json(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.error_code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


@dataclass
class FakeUser:
    """A Telegram account; the bot itself is one too (``is_bot=True``)."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    is_bot: bool = False

    def as_json(self) -> JSON:
        data: JSON = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name is not None:
            data["last_name"] = self.last_name
        if self.username is not None:
            data["username"] = self.username
        return data


@dataclass
class FakeChat:
    """A group chat. ``bot_status`` is what getChatMember reports for the bot and is mutable.

    Message ids are counted per chat, as in real groups, so ids from different chats overlap.
    """

    id: int
    title: str
    type: str = "supergroup"
    username: str | None = None
    is_forum: bool = False
    bot_status: str = "member"
    admins: set[int] = field(default_factory=set)
    members: set[int] = field(default_factory=set)
    last_message_id: int = 0
    migrated_to: int | None = None
    """Set once the group became a supergroup: the Bot API refuses it from then on."""

    def as_json(self) -> JSON:
        data: JSON = {"id": self.id, "type": self.type, "title": self.title}
        if self.username is not None:
            data["username"] = self.username
        if self.is_forum:
            data["is_forum"] = True
        return data

    def next_message_id(self) -> int:
        self.last_message_id += 1
        return self.last_message_id

    def status_of(self, user_id: int) -> str:
        if user_id in self.admins:
            return "administrator"
        return "member" if user_id in self.members else "left"


def member_json(user: FakeUser, status: str) -> JSON:
    """A ChatMember; administrators need their full rights list or PTB refuses to parse them."""
    data: JSON = {"user": user.as_json(), "status": status}
    if status == "administrator":
        rights = [
            "can_manage_chat",
            "can_delete_messages",
            "can_manage_video_chats",
            "can_restrict_members",
            "can_change_info",
            "can_invite_users",
            "can_post_stories",
            "can_edit_stories",
            "can_delete_stories",
            "can_pin_messages",
        ]
        data |= dict.fromkeys(rights, True)
        data |= {"can_be_edited": False, "is_anonymous": False, "can_promote_members": False}
    elif status == "creator":
        data["is_anonymous"] = False
    elif status not in ("member", "left", "kicked"):
        raise ValueError(f"unsupported chat member status {status!r}")
    return data


def unix(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("message dates must be timezone-aware")
    return int(moment.timestamp())


def utf16_len(text: str) -> int:
    """Entity offsets count UTF-16 code units: emoji and other astral characters count twice."""
    return len(text.encode("utf-16-le")) // 2


def text_entities(text: str) -> list[JSON]:
    """The bot_command and mention entities Telegram would detect in a user's plain text."""
    found = [(m, "bot_command") for m in _COMMAND.finditer(text)]
    found += [(m, "mention") for m in _MENTION.finditer(text)]
    found.sort(key=lambda item: item[0].start())
    return [
        {
            "type": kind,
            "offset": utf16_len(text[: match.start()]),
            "length": utf16_len(match.group()),
        }
        for match, kind in found
    ]


def addressed_command(text: str, bot_username: str) -> bool:
    """Whether a text starts with a command that a bot in privacy mode would still receive."""
    match = _COMMAND.match(text)
    if match is None:
        return False
    _, _, target = match.group().partition("@")
    return target in ("", bot_username)
