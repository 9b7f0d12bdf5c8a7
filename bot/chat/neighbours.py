"""What one instance's sender leaves to the others on its database: a chat's turn passes
between them (what they sent lately comes with each turn, usecases.outbox)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from bot.chat.moves import Moves
from bot.chat.pacing import Pacer
from bot.chat.persist import persistently
from bot.chat.startup import Sleep
from bot.usecases.outbox import Outbox

Clock = Callable[[], datetime]
TAKEN_WAIT = 0.25
"""Seconds before a chat another instance is sending to is tried again."""


class Taken:
    """Chats another instance was sending to: looked at again soon, and not as a wait
    for a turn, which would merge what piled up there."""

    def __init__(self) -> None:
        self._until: dict[int, float] = {}
        """When (loop time) each may be tried again."""

    def add(self, chat_id: int) -> None:
        self._until[chat_id] = asyncio.get_running_loop().time() + TAKEN_WAIT

    def wait(self, chat_id: int) -> float:
        """Seconds until the chat may be tried again; 0 or less: now."""
        return self._until.get(chat_id, 0.0) - asyncio.get_running_loop().time()


async def turn_over(
    outbox: Outbox, pacer: Pacer, moves: Moves, chat_id: int, clock: Clock, sleep: Sleep
) -> None:
    """Let other instances send to the chat, unless Telegram said to wait: then not until
    the wait is over."""
    hold = pacer.held_for(moves.current(chat_id))

    async def step() -> None:
        await outbox.turn_over(chat_id, now=clock(), hold=hold)

    await persistently(step, "ending a turn", sleep)
