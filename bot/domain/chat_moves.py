"""Groups that became supergroups: Telegram gives the chat a new id, and the bot follows.

A basic group upgraded to a supergroup (by an admin, or by Telegram past 200 members) is
a new chat to the Bot API: new id, message ids counted afresh. Messages keep the id of
the chat they were sent in (their ids are only unique there); what belongs to the chat as
a whole (its contests, its posts) is looked up under every id it has had, and what is
sent goes to its newest id.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ChatMoves:
    """Each old id → the id it moved to."""

    moved: Mapping[int, int] = field(default_factory=dict)

    def current(self, chat_id: int) -> int:
        """The id the chat has now: where to send."""
        seen = {chat_id}
        while (chat_id := self.moved.get(chat_id, chat_id)) not in seen:
            seen.add(chat_id)
        return chat_id

    def family(self, chat_id: int) -> frozenset[int]:
        """Every id the chat has had, the current one included."""
        now = self.current(chat_id)
        return frozenset({now, *(old for old in self.moved if self.current(old) == now)})

    def served(self, chat_id: int, configured: Collection[int]) -> int | None:
        """The configured id of the chat `chat_id` is one of the ids of; None if none is."""
        return next((one for one in sorted(self.family(chat_id)) if one in configured), None)

    def with_move(self, old: int, new: int) -> ChatMoves:
        return ChatMoves({**self.moved, old: new})
