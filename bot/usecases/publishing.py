"""Making a scheduled post once: claim its period, compose it, send it, record what went out.

The claim on (chat, kind, period) is what makes a post happen once across restarts and
processes; this module owns it, and the chat side only sends through an `Outlet`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol

from bot.domain.outcomes import ManagerAction, NotManager, Usage
from bot.domain.schedule import PostKind, period_of
from bot.storage.posts import POSTED, UNCERTAIN
from bot.usecases.composing import Composed, compose
from bot.usecases.incoming import Sender
from bot.usecases.services import Services

log = logging.getLogger(__name__)


class Outlet(Protocol):
    """Where a post goes: each call returns the id of the (first) message sent."""

    async def text(self, text: str) -> int: ...

    async def album(self, caption: str, photos: Sequence[bytes]) -> int: ...

    def uncertain(self, error: Exception) -> bool:
        """Whether a failed send may still have arrived (a timeout): sending again could
        post twice."""
        ...


async def publish(
    services: Services,
    outlet: Outlet,
    chat_id: int,
    kind: PostKind,
    run: datetime,
    *,
    clock: Callable[[], datetime],
    repeat: bool = False,
    marked: bool = True,
) -> list[int]:
    """Make the post of `run`'s period unless another run already claimed it; a repeat
    (`/post`, `/chart`) is made regardless, and `marked` as one unless it is asked for on
    demand. Returns the message ids sent."""
    config, posts = services.config, services.posts
    period = period_of(run, config.timezone)
    if not repeat and not await posts.claim(chat_id, kind.value, period, clock()):
        return []
    # A bulletin publishes its report day: what arrives for that day later is 补报.
    closes = posts.report_day(run) if kind is PostKind.MORNING else None

    sent: list[int] = []
    try:
        composed = await compose(services, config, chat_id, kind, run, repeat=repeat and marked)
        await send(services, outlet, composed, sent, clock=clock)
    except Exception as error:
        # After a timeout, or once part of a split bulletin is out, posting again could
        # post twice: the post stays claimed, and a manager can /post it again. Any other
        # failure gives the claim back, so the next run can make the post.
        uncertain = outlet.uncertain(error) or bool(sent)
        log.warning("Post %s for %s failed (%s); uncertain: %s", kind, chat_id, error, uncertain)
        if repeat:
            raise
        if uncertain:
            await posts.finish(
                chat_id,
                kind.value,
                period,
                status=UNCERTAIN,
                message_ids=sent,
                report_day=closes,
                now=clock(),
            )
        else:
            await posts.release(chat_id, kind.value, period)
        raise
    if not repeat:
        await posts.finish(
            chat_id,
            kind.value,
            period,
            status=POSTED,
            message_ids=sent,
            report_day=closes,
            now=clock(),
        )
    return sent


async def post_now(
    services: Services,
    outlet: Outlet,
    sender: Sender,
    chat_id: int,
    kind: PostKind | None,
    run: datetime,
    *,
    clock: Callable[[], datetime],
    marked: bool = True,
) -> list[int] | NotManager | Usage:
    """A manager's `/post` or `/chart`: the post made now, whether or not it was made today;
    `kind` is None when the words named no post."""
    if not sender.is_manager:
        return NotManager(ManagerAction.POST)
    if kind is None:
        return Usage()
    return await publish(
        services, outlet, chat_id, kind, run, clock=clock, repeat=True, marked=marked
    )


async def send(
    services: Services,
    outlet: Outlet,
    composed: Composed,
    sent: list[int],
    *,
    clock: Callable[[], datetime],
) -> None:
    """The texts, then the albums; contests whose result went out are closed as soon as the
    texts are out, so a failed chart cannot announce a result twice. `sent` collects the
    ids of what went out, also when a later send fails."""
    for text in composed.texts:
        sent.append(await outlet.text(text))
    if composed.finishes:
        await services.contests.close(list(composed.finishes), now=clock())
    for album in composed.albums:
        sent.append(await outlet.album(album.caption, album.photos))
