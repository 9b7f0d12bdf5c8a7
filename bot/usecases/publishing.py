"""Making a scheduled post once: composed, then claimed with its messages queued in one
transaction, so a post is either made whole (the outbox sends it, part by part, across
restarts) or not at all (and a later run makes it).

The claim on (chat, kind, period) is what makes a post happen once across restarts and
processes. Composing comes first and reads only: two instances may both compose, but
only the one whose claim lands queues anything.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.outcomes import ManagerAction, NotManager, Usage
from bot.domain.outgoing import ALBUM_MAX, POST, Outgoing
from bot.domain.schedule import PostKind, period_of
from bot.storage.contests import FINISHED
from bot.storage.posts import DONE, FAILED
from bot.storage.unit_of_work import UnitOfWork
from bot.usecases.alerts import post_failed, post_key, tell
from bot.usecases.composing import Composed, compose
from bot.usecases.incoming import Sender
from bot.usecases.outbox import queue
from bot.usecases.services import Services


async def publish(
    services: Services, chat_id: int, kind: PostKind, run: datetime, *, now: datetime,
    expires: datetime, late: bool = False,
) -> bool:  # fmt: skip
    """Make the post of `run`'s period unless it was made: True when this call made it.
    Its messages not sent by `expires` (the end of its grace) are given up. `late`: a
    summary made after its day, marked 补发, and only if it failed or was missed then (a
    bot installed on a Tuesday does not post last week's)."""
    period = period_of(run, services.config.timezone)
    async with services.database.reading() as uow:
        status = await uow.posts.status(chat_id, kind.value, period)
    if status in DONE or (late and status != FAILED):
        return False
    composed = await compose(services, services.config, chat_id, kind, run, repeat=late)
    # A bulletin publishes its report day: what arrives for that day later is 补报.
    closes = services.posts.report_day(run) if kind is PostKind.MORNING else None
    async with services.database.transaction() as uow:
        post_id = await uow.posts.claim(
            chat_id, kind.value, period, report_day=closes, now=now, finishes=composed.finishes
        )
        if post_id is None:
            return False
        # Its contests are finished once it is out (the outbox settles it), not now: a post
        # that fails is made again, result and all.
        said = messages(composed, chat_id, post_id, POST, expires=expires)
        await queue(uow, said, now)
        if not said:
            await uow.posts.settle(post_id, [])
    return True


async def give_up(
    services: Services, chat_id: int, kind: PostKind, run: datetime, error: str, *,
    now: datetime,
) -> None:  # fmt: skip
    """Record that the post of `run`'s period could not be made within its grace, so a
    summary is made up for on the following days, and tell the managers."""
    config = services.config
    period = period_of(run, config.timezone)
    text = post_failed(config, chat_id, kind.value, error)
    async with services.database.transaction() as uow:
        if await uow.posts.fail(chat_id, kind.value, period, now=now):
            await tell(uow, config, post_key(chat_id, kind.value, period), text, now)


async def missed(
    services: Services, chat_id: int, kind: PostKind, run: datetime, *, now: datetime
) -> bool:
    """Record that the post due at `run` was not made (the bot was down past its grace),
    so a summary is made up for on the following days; False when it was made after all
    (the heartbeat lags a minute; another instance may have run)."""
    period = period_of(run, services.config.timezone)
    async with services.database.transaction() as uow:
        return await uow.posts.fail(chat_id, kind.value, period, now=now)


async def post_now(
    services: Services,
    sender: Sender,
    chat_id: int,
    source: tuple[int, int, int],
    kind: PostKind | None,
    run: datetime,
    *,
    marked: bool = True,
) -> int | NotManager | Usage:
    """A manager's `/post` or `/chart`: the post of the configured chat `chat_id` made now,
    whether or not it was made today, marked as a repeat unless `marked` is false; `kind`
    is None when the words named no post. It answers the message `source` (its chat, id
    and version: a group that moved numbers its messages afresh). How many messages."""
    if not sender.is_manager:
        return NotManager(ManagerAction.POST)
    if kind is None:
        return Usage()
    composed = await compose(services, services.config, chat_id, kind, run, repeat=marked)
    where, message_id, version = source
    return await post_composed(services, where, (message_id, version), composed, now=run)


async def post_composed(
    services: Services, chat_id: int, source: tuple[int, int], composed: Composed, *,
    now: datetime,
) -> int:  # fmt: skip
    """Queue what was composed on demand, in answer to the message `source` (message id,
    version); contests whose result it announces are closed with it. How many messages."""
    said = messages(composed, chat_id, *source)
    async with services.database.transaction() as uow:
        await _queue(uow, composed, said, now)
    return len(said)


async def _queue(uow: UnitOfWork, composed: Composed, said: list[Outgoing], now: datetime) -> None:
    """A result queued is a result announced: its contest is finished in the same step, so
    a later post cannot announce it again."""
    if composed.finishes:
        await uow.contests.close(list(composed.finishes), status=FINISHED, user_id=None, now=now)
    await queue(uow, said, now)


def messages(
    composed: Composed, chat_id: int, source_id: int, version: int, *,
    expires: datetime | None = None,
) -> list[Outgoing]:  # fmt: skip
    """The texts, then the albums, each of at most ALBUM_MAX photos with the caption
    under the first photo as Telegram shows it; none is a reply."""
    parts: list[tuple[str, tuple[bytes, ...]]] = [(text, ()) for text in composed.texts]
    for album in composed.albums:
        for start in range(0, len(album.photos), ALBUM_MAX):
            chunk = tuple(album.photos[start : start + ALBUM_MAX])
            parts.append((album.caption if start == 0 else "", chunk))
    return [
        Outgoing(
            chat_id,
            source_id,
            version,
            text,
            part=part,
            reply=False,
            html=True,
            photos=photos,
            expires=expires,
        )
        for part, (text, photos) in enumerate(parts)
    ]
