"""Decoding Bot API parameters the way Telegram does, whatever encoding the client chose.

PTB posts url-encoded forms, or multipart forms when a file is uploaded; other clients post
JSON or use the query string. In forms every value is a string: complex values (reply_markup,
media, ...) are JSON text and numbers are decimal text. Parameters are normalised here once,
by name, so method handlers and the request log see the same typed values for every encoding.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from bot.fake_telegram.files import Upload
from bot.fake_telegram.objects import JSON, ApiError

_JSON_PARAMS = frozenset(
    [
        "reply_markup",
        "reply_parameters",
        "media",
        "entities",
        "caption_entities",
        "allowed_updates",
        "commands",
        "scope",
        "link_preview_options",
    ]
)
_INT_PARAMS = frozenset(
    [
        "chat_id",
        "message_id",
        "message_thread_id",
        "reply_to_message_id",
        "user_id",
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "from_chat_id",
        "max_connections",
    ]
)
_BOOL_PARAMS = frozenset(
    [
        "disable_notification",
        "protect_content",
        "show_alert",
        "allow_sending_without_reply",
        "drop_pending_updates",
        "has_spoiler",
        "disable_content_type_detection",
    ]
)


class Params:
    """The decoded parameters of one call, with typed accessors that fail like Telegram."""

    def __init__(self, values: JSON, uploads: dict[str, Upload]) -> None:
        self.values = values
        self.uploads = uploads

    @classmethod
    async def read(cls, request: web.Request) -> Params:
        raw: dict[str, Any] = dict(request.query)
        uploads: dict[str, Upload] = {}
        if request.content_type == "application/json":
            body = await request.json() if request.can_read_body else {}
            if not isinstance(body, dict):
                raise ApiError.bad_request("request body must be a JSON object")
            raw |= body
        elif request.can_read_body:
            for name, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    with value.file as spooled:
                        uploads[name] = Upload(value.filename, value.content_type, spooled.read())
                else:
                    raw[name] = value
        return cls({name: _normalise(name, value) for name, value in raw.items()}, uploads)

    def as_log(self) -> JSON:
        return self.values | self.uploads

    def optional(self, name: str) -> Any:
        return self.values.get(name)

    def required(self, name: str) -> Any:
        value = self.values.get(name)
        if value is None or value == "":
            raise ApiError.bad_request(f"{name} is empty")
        return value

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        return None if value is None else str(value)

    def integer(self, name: str, default: int | None = None) -> int | None:
        value = self.values.get(name, default)
        if value is None or isinstance(value, int):
            return value
        raise ApiError.bad_request(f"invalid {name} specified")

    def required_integer(self, name: str) -> int:
        value = self.integer(name)
        if value is None:
            raise ApiError.bad_request(f"{name} is empty")
        return value

    def flag(self, name: str) -> bool:
        return bool(self.values.get(name, False))


def _normalise(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if name in _JSON_PARAMS:
        try:
            return json.loads(value)
        except ValueError:
            raise ApiError.bad_request(f"can't parse {name} JSON object") from None
    if name in _INT_PARAMS:
        # chat_id may also be "@channelusername"; Telegram resolves those, numbers stay numbers.
        try:
            return int(value)
        except ValueError:
            return value
    if name in _BOOL_PARAMS:
        return value.lower() in ("true", "1")
    return value
