"""A post is made once: composed, then claimed for its period with its messages queued
in one transaction; what becomes of the messages decides what becomes of the post."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from bot.config.settings import Config
from bot.domain.catalogue import Branch
from bot.domain.outgoing import POST, Delivered
from bot.domain.schedule import PostKind
from bot.storage.posts import FAILED, POSTED, QUEUED, UNCERTAIN
from bot.storage.unit_of_work import Database
from bot.usecases.composing import Album, Composed
from bot.usecases.publishing import messages, publish
from bot.usecases.services import Services
from tests.live import CHAT

TUESDAY_10AM = datetime(2026, 7, 28, 2, 0, tzinfo=UTC)
GRACE_ENDS = TUESDAY_10AM + timedelta(hours=2)
PERIOD = "2026-07-28"


@pytest.fixture
async def network(database: Database, example_config: Config) -> Services:
    """Three hundred branches, none reported: the reminder takes several messages."""
    branches = tuple(Branch(f"网点{i:03}营业所", f"网点{i:03}") for i in range(1, 301))
    catalogue = dataclasses.replace(example_config.catalogue, branches=branches)
    config = dataclasses.replace(example_config, catalogue=catalogue, members=())
    services = Services(database, config)
    await services.roster.sync()
    return services


async def _status(services: Services) -> str | None:
    async with services.database.transaction() as uow:
        return await uow.posts.status(CHAT, PostKind.REMINDER.value, PERIOD)


async def _remind(services: Services) -> bool:
    return await publish(
        services, CHAT, PostKind.REMINDER, TUESDAY_10AM, now=TUESDAY_10AM, expires=GRACE_ENDS
    )


async def _send_all(services: Services, *, works: int, outcome: str = "failed") -> None:
    """Send what waits: the first `works` go through, the rest end as `outcome`."""
    outbox = services.outbox
    for n, item in enumerate(await outbox.waiting()):
        await outbox.sending([item.id], now=TUESDAY_10AM)
        if n < works:
            await outbox.sent([Delivered([item], 500 + n, TUESDAY_10AM)])
        elif outcome == "failed":
            await outbox.failed([item.id], "Bad Request: chat not found", now=TUESDAY_10AM)
        else:
            await outbox.uncertain([item.id], now=TUESDAY_10AM)


async def test_a_post_is_queued_whole_once(network: Services) -> None:
    made, again = await _remind(network), await _remind(network)

    queued = await network.outbox.waiting()
    assert (made, again) == (True, False)
    assert len(queued) > 1
    assert {item.message.source_version for item in queued} == {POST}
    assert [item.message.part for item in queued] == list(range(len(queued)))
    assert all(item.message.expires == GRACE_ENDS for item in queued)
    assert await _status(network) == QUEUED


async def test_a_post_is_posted_once_every_message_is_sent(network: Services) -> None:
    await _remind(network)

    await _send_all(network, works=100)

    assert await _status(network) == POSTED


async def test_a_post_cut_off_after_its_first_message_is_not_made_again(
    network: Services,
) -> None:
    await _remind(network)
    await _send_all(network, works=1, outcome="uncertain")

    assert await _remind(network) is False
    assert await _status(network) == UNCERTAIN


async def test_a_post_refused_for_good_is_failed_and_made_by_a_later_run(
    network: Services,
) -> None:
    await _remind(network)
    await _send_all(network, works=0)
    assert await _status(network) == FAILED

    assert await _remind(network) is True
    assert await _status(network) == QUEUED


def test_an_album_of_more_than_ten_goes_as_albums_of_ten_the_caption_on_the_first() -> None:
    photos = [bytes([n]) for n in range(23)]
    composed = Composed(["📊 周报"], albums=(Album(photos, "📷 本周走访"),))

    said = messages(composed, CHAT, 7, POST)

    assert [(m.part, m.text, len(m.photos)) for m in said] == [
        (0, "📊 周报", 0), (1, "📷 本周走访", 10), (2, "", 10), (3, "", 3),
    ]  # fmt: skip
    assert all(m.html and not m.reply for m in said)
