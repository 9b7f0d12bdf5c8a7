"""getUpdates' own connection, which keeps each update as Telegram sent it.

The inbox stores every update before it is handled. Serialising python-telegram-bot's
Update back to JSON walks every attribute of every object in it, which cost about as much
as storing the report it carries; the text Telegram sent is at hand here for the price
of a json.dumps, and is what the inbox should hold anyway: what arrived, field for field.
Non-ASCII stays escaped, as Telegram sends it and as python-telegram-bot's to_json writes
it: a lone surrogate (a text cut in the middle of an emoji) has no UTF-8 form, and the
inbox could never store it otherwise.
"""

from __future__ import annotations

import json
from typing import Any

from telegram.request import HTTPXRequest

KEPT_MOST = 1000
"""Updates kept as sent, beyond which the poller serialises them itself."""


class RawUpdates(HTTPXRequest):
    """python-telegram-bot's default getUpdates request (one connection), and the JSON of
    each update the last responses held, by update id, until taken."""

    def __init__(self) -> None:
        super().__init__(connection_pool_size=1)
        self._sent: dict[int, str] = {}

    def parse_json_payload(self, payload: bytes) -> dict[str, Any]:
        """Read as python-telegram-bot does; each update's text kept before PTB reads it
        into objects (which only copies, but keeping text takes no chances)."""
        data = HTTPXRequest.parse_json_payload(payload)
        result = data.get("result") if isinstance(data, dict) else None
        if isinstance(result, list):
            if len(self._sent) > KEPT_MOST:  # never taken: a caller that stopped
                self._sent.clear()
            for update in result:
                if isinstance(update, dict) and isinstance(update.get("update_id"), int):
                    self._sent[update["update_id"]] = json.dumps(update)
        return data

    def take(self, update_id: int) -> str | None:
        """The update's JSON as Telegram sent it; None if it was not fetched here."""
        return self._sent.pop(update_id, None)
