"""The outbox: what the bot owes a chat is stored with the change it reports, and sent
from the store, so a reply is never lost to a crash between the two nor sent twice.

A use case that changes something queues its answer in its own transaction (`queue`);
a reply that changes nothing is queued on its own (`Outbox.answer`). The chat side's
sender takes a `turn`: in one transaction it records what Telegram took since the last,
reads what waits and marks what it sends now as sending. A call that failed is recorded
at once, in its own transaction (retried, failed or uncertain).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import TypeVar

from bot.domain.outgoing import POST, Claimed, Delivered, Elsewhere, Outgoing, Pick, Queued
from bot.storage.contests import FINISHED
from bot.storage.posts import FAILED, POSTED, UNCERTAIN
from bot.storage.unit_of_work import Database, UnitOfWork

log = logging.getLogger(__name__)
KEPT_FOR = timedelta(days=7)
"""How long a message sent (or given up) stays in the outbox, to look into what happened."""
GIVEN_UP = "an earlier message of the post failed"
LEASE = timedelta(minutes=2)
"""How long a sender's claim on a message holds: longer than any one call to Telegram
may take (the request's timeouts), so only a sender that has stopped loses it."""
TURN = timedelta(seconds=30)
"""How long a sender's turn at a chat holds: longer than one send takes (PTB's timeouts
are at most 20 s, for uploads), short, since a stopped sender's turn holds up the chat's
other messages until it runs out (its message in flight stays LEASE, never sent again)."""
FLOOD_PERIOD = timedelta(minutes=1)
"""The span of Telegram's per-group limit."""
T = TypeVar("T")
Said = Outgoing | Sequence[Outgoing] | None
Answer = Callable[[T], Said]
"""How a use case's outcome is told in the chat: a message, several (a long list split
where Telegram needs it), or None when it is not told."""


def unanswered(outcome: object) -> None:
    """The answer of a use case called for its effect alone (a caption's figures, whose
    photos' answer tells of them)."""
    return


async def queue(uow: UnitOfWork, said: Said, now: datetime) -> None:
    """Queue what is said in the transaction of the change it reports."""
    for message in [said] if isinstance(said, Outgoing) else said or ():
        await uow.outbox.add(message, now)


async def answered(database: Database, answer: Answer[T], outcome: T, now: datetime) -> T:
    """Queue the answer to an outcome that changed nothing (a refusal), on its own."""
    if said := answer(outcome):
        async with database.transaction() as uow:
            await queue(uow, said, now)
    return outcome


PostFailed = Callable[[UnitOfWork, int, str, datetime], Awaitable[None]]
"""Told in the transaction that found it when a post's messages finally failed."""


class Outbox:
    def __init__(self, database: Database, *, on_post_failed: PostFailed | None = None) -> None:
        self.database = database
        self._on_post_failed = on_post_failed
        self.sender = uuid.uuid4().hex
        """This process's name on the messages it is sending."""
        self._read: dict[int, Queued] = {}
        """What waits, as read before: a message does not change while it waits, and in a
        rush the sender reads the queue once a message, so only the new ones are read."""

    async def answer(self, message: Outgoing, *, now: datetime) -> None:
        """Queue a reply that reports no change (a ranking, a usage hint)."""
        async with self.database.transaction() as uow:
            await queue(uow, message, now)

    async def waiting(self, *, limit: int = 500) -> list[Queued]:
        """What waits to be sent, oldest first: the ids read, the messages only once."""
        async with self.database.reading() as uow:
            return await self._waiting(uow, limit)

    async def _waiting(self, uow: UnitOfWork, limit: int = 500) -> list[Queued]:
        """As the process keeps it, where it alone writes the outbox (SQLite); else the ids
        read, and the messages among them not read before."""
        if (kept := uow.outbox.queuing.waiting(limit)) is not None:
            # What was read is not trimmed meanwhile, and SQLite gives the id of a row
            # forgotten to a new one: read again, not kept from before.
            self._read.clear()
            return kept
        ids = await uow.outbox.waiting_ids(limit)
        if new := [id_ for id_ in ids if id_ not in self._read]:
            self._read.update((item.id, item) for item in await uow.outbox.queued(new))
        self._read = {id_: self._read[id_] for id_ in ids if id_ in self._read}
        if len(ids) < limit:
            uow.outbox.queuing.read(list(self._read.values()))
        return list(self._read.values())

    async def turn(
        self, delivered: Sequence[Delivered], pick: Pick, *, clock: Callable[[], datetime]
    ) -> Claimed:
        """One pass of the sender, one transaction: record what was `delivered` since the
        last, read what waits, and claim what `pick` chooses to send now, in its order.
        The chats' turns are taken by chat id, the one order every instance locks them in,
        so two turns sharing chats never wait on each other's."""
        async with self.database.transaction() as uow:
            await self._record(uow, delivered)
            queue = await self._waiting(uow)
            batches = pick(queue, await self._elsewhere(uow, queue, clock()))
            taken: dict[int, set[int]] = {}
            for place in sorted(range(len(batches)), key=lambda i: batches[i][0].message.chat_id):
                chat_id, ids = batches[place][0].message.chat_id, [i.id for i in batches[place]]
                taken[place] = await self._claim(uow, ids, clock(), chat_id)
            return [(batch, taken[place]) for place, batch in enumerate(batches)]

    async def sending(
        self, ids: Sequence[int], *, now: datetime, chat_id: int | None = None
    ) -> set[int]:
        """Claim messages `ids` alone, as a turn claims what it picks."""
        async with self.database.transaction() as uow:
            return await self._claim(uow, ids, now, chat_id)

    async def _claim(
        self, uow: UnitOfWork, ids: Sequence[int], now: datetime, chat_id: int | None
    ) -> set[int]:
        """Mark messages as being sent by this process, for LEASE (from here a crash leaves
        them uncertain); the ids it took, which only it may send. With `chat_id`, where
        instances share the database, none while another is sending to that chat, or an
        older message of it waits: its messages go one send at a time, in order
        (`turn_over` ends this one's turn)."""
        if chat_id is None or not self.shared:
            return await uow.outbox.claim(ids, self.sender, now + LEASE)
        if not await uow.turns.take(chat_id, self.sender, now, now + TURN):
            return set()
        claimed = set()
        if not await uow.turns.older_waiting(chat_id, min(ids)):
            claimed = await uow.outbox.claim(ids, self.sender, now + LEASE)
        if not claimed:
            await uow.turns.end([chat_id], self.sender)
        return claimed

    async def turn_over(self, chat_id: int, *, now: datetime, hold: float = 0.0) -> None:
        """This process's send to the chat is over: another may send there now, or, when
        Telegram said to wait `hold` seconds, once that wait is over."""
        if self.shared:
            async with self.database.transaction() as uow:
                if hold > 0:
                    await uow.turns.hold(chat_id, self.sender, now + timedelta(seconds=hold))
                else:
                    await uow.turns.end([chat_id], self.sender)

    async def _elsewhere(
        self, uow: UnitOfWork, queue: Sequence[Queued], now: datetime
    ) -> Elsewhere:
        """What other instances sent within the last FLOOD_PERIOD to the groups in `queue`:
        their share of each group's flood limit, which all instances keep to together."""
        if not self.shared:  # before looking through the queue: each turn reads it all
            return []
        chats = sorted({item.message.chat_id for item in queue if item.message.chat_id < 0})
        if not chats:
            return []
        sent = await uow.turns.sent_by_others(chats, self.sender, now - FLOOD_PERIOD)
        return [(i, chat, (now - at).total_seconds(), count) for i, chat, at, count in sent]

    @property
    def shared(self) -> bool:
        """Whether other instances may be sending from this outbox too (PostgreSQL)."""
        return not self.database.single_process

    async def photos(self, outbox_id: int) -> list[bytes]:
        async with self.database.reading() as uow:
            return await uow.outbox.photos(outbox_id)

    async def retry(self, ids: Sequence[int], *, now: datetime) -> None:
        """Telegram refused before taking them (429, 5xx, no connection): send them later."""
        async with self.database.transaction() as uow:
            await uow.outbox.mark(ids, "pending", now, sender=self.sender)

    async def sent(self, delivered: Sequence[Delivered]) -> None:
        """Record sends Telegram took, outside a turn (the sender stopping)."""
        async with self.database.transaction() as uow:
            await self._record(uow, delivered)

    async def _record(self, uow: UnitOfWork, delivered: Sequence[Delivered]) -> None:
        """A confirmation marked sent becomes what `/undo` may reply to (a merged one, for
        each report it lists): the mark links its report (migration 0017's trigger)."""
        for send in delivered:
            ids = [item.id for item in send.items]
            marked = await uow.outbox.mark(
                ids, "sent", send.at, sender=self.sender, sent_id=send.sent_id
            )
            await _settle(uow, marked, send.at)

    async def failed(self, ids: Sequence[int], error: str, *, now: datetime) -> None:
        """Telegram refused them for good (400, 403), or a post's grace ran out: logged,
        not sent again."""
        async with self.database.transaction() as uow:
            posts = await uow.outbox.mark(ids, "failed", now, sender=self.sender, error=error)
            for chat_id, post_id in posts:
                states = [state for state, _ in await uow.outbox.of_post(chat_id, post_id)]
                if not {"sent", "uncertain"} & set(states):
                    await uow.outbox.give_up(chat_id, post_id, GIVEN_UP, now)
            for post_id in await _settle(uow, posts, now):
                if self._on_post_failed is not None:
                    await self._on_post_failed(uow, post_id, error, now)

    async def uncertain(self, ids: Sequence[int], *, now: datetime) -> None:
        """The call timed out: they may have arrived, so they are not sent again."""
        async with self.database.transaction() as uow:
            posts = await uow.outbox.mark(ids, "uncertain", now, sender=self.sender)
            await _settle(uow, posts, now)

    async def recover(self, *, now: datetime) -> int:
        """What a sender that stopped (this process before a restart, or another instance)
        was sending is uncertain: once its lease has run out, or at once on SQLite, which
        only one process uses. How many."""
        alive = self.sender if self.database.single_process else None
        async with self.database.transaction() as uow:
            given_up = await uow.outbox.abandon(now, alive=alive)
            posts = {(chat, source) for chat, source, version in given_up if version == POST}
            await _settle(uow, posts, now)
        return len(given_up)

    async def tidy(self, *, now: datetime) -> int:
        """Forget messages done with more than KEPT_FOR ago; how many went."""
        async with self.database.transaction() as uow:
            return await uow.outbox.forget(now - KEPT_FOR)


async def _settle(uow: UnitOfWork, posts: Iterable[tuple[int, int]], now: datetime) -> list[int]:
    """Each post whose messages moved on: posted once all are sent, failed if none went;
    a post out (or maybe out) finishes the contests whose result it announces. The posts
    that just failed."""
    failed = []
    for chat_id, post_id in posts:
        status = await uow.posts.settle(post_id, await uow.outbox.of_post(chat_id, post_id))
        if status is not None:
            log.info("Post %s in %s is %s", post_id, chat_id, status)
        if status in (POSTED, UNCERTAIN) and (finished := await uow.posts.finishes(post_id)):
            await uow.contests.close(finished, status=FINISHED, user_id=None, now=now)
        if status == FAILED:
            failed.append(post_id)
    return failed
