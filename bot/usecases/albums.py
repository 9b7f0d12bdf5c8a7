"""Gathering an album's photos in the database and taking each album once.

Telegram sends each photo of an album as its own update, and behind a webhook proxy the
updates of one album may reach different instances. Each photo is stored as it comes (its
update is then done), and whichever instance's quiet timer fires first takes everything
stored of the album under the album's lock; a photo stored later is taken by the next
timer, under the same lock, and joins the same visit. A photo stored by an instance that
died before its album was taken is found by another's sweep.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

from bot.storage.locks import Kind
from bot.storage.unit_of_work import Database
from bot.usecases.incoming import Sender

TAKEN_AT_ONCE = 3
"""Albums taken at the same time by one process: each holds a connection for its lock and
needs another for its transactions, and a burst of lone photos must not take the whole
connection pool (5 + 10) from the inbox and the webhook."""
KEPT_FOR = timedelta(days=7)
"""How long a taken photo's item stays, to look into what happened."""
Item = tuple[str, Sender]
"""A photo message waiting to be taken: its JSON, and who sent it."""


class Albums:
    def __init__(self, database: Database) -> None:
        self.database = database
        self._taking = asyncio.Semaphore(TAKEN_AT_ONCE)

    async def gather(
        self, chat_id: int, album: str, message_id: int, message: str, sender: Sender, now: datetime
    ) -> None:
        """Keep one photo message of `album`; kept again, it is kept once."""
        who = json.dumps(dataclasses.asdict(sender), ensure_ascii=False)
        async with self.database.transaction() as uow:
            await uow.albums.gather(chat_id, album, message_id, message, who, now)

    @asynccontextmanager
    async def taking(self, chat_id: int, album: str, *, now: datetime) -> AsyncIterator[list[Item]]:
        """The album's photos not taken yet, for the block to take; marked taken when it
        ends without an error. A second taker of the same album waits for the first, then
        finds only what came since."""
        lock = self.database.locks.hold(Kind.ALBUM, f"{chat_id}:{album}", wait=True)
        async with self._taking, lock:
            async with self.database.reading() as uow:
                waiting = await uow.albums.waiting(chat_id, album)
            yield [(message, Sender(**json.loads(sender))) for _, message, sender in waiting]
            if waiting:
                async with self.database.transaction() as uow:
                    await uow.albums.taken([item_id for item_id, _, _ in waiting], now)

    async def left(self, *, before: datetime | None) -> Sequence[tuple[int, str]]:
        """(chat, album) of the albums with photos not taken that came before `before`:
        at a start (any), and those an instance that stopped left behind."""
        async with self.database.reading() as uow:
            return await uow.albums.left(before)

    async def tidy(self, *, now: datetime) -> int:
        async with self.database.transaction() as uow:
            return await uow.albums.forget(now - KEPT_FOR)
