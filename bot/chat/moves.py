"""The chat moves this process follows: served under every id a group has had, sent to
its newest. Loaded at start; a move seen here (a service message, a send refused with
ChatMigrated) is recorded in the database first, so every instance and restart knows it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from datetime import datetime

from bot.config.settings import Config
from bot.domain.chat_moves import ChatMoves
from bot.usecases.roster import Roster

log = logging.getLogger(__name__)


class Moves:
    def __init__(self, roster: Callable[[], Roster]) -> None:
        self._roster = roster
        self.known = ChatMoves()

    async def load(self) -> None:
        self.known = await self._roster().moves()

    def current(self, chat_id: int) -> int:
        return self.known.current(chat_id)

    def served(self, chat_id: int, configured: Collection[int]) -> int | None:
        return self.known.served(chat_id, configured)

    def configured(self, chat_id: int, config: Config) -> int | None:
        """The id the config knows the chat `chat_id` is (or was) by; None if unserved."""
        if config.serves(chat_id):
            return chat_id
        return self.known.served(chat_id, [chat.id for chat in config.chats])

    async def record(self, old: int, new: int, *, now: datetime) -> bool:
        """A group became a supergroup: from now on it is served and sent to as `new`.
        Whether this was news (each of the two service messages tells it)."""
        if self.known.current(old) == new:
            return False
        await self._roster().moved(old, new, now=now)
        self.known = self.known.with_move(old, new)
        log.warning(
            "Chat %s became supergroup %s: it is served under both ids; put id = %s in its "
            "[[chats]] table of the config",
            old, new, new,
        )  # fmt: skip
        return True
