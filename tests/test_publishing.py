"""A post is made once: claimed for its day, sent through an outlet, and recorded as
posted, given back when nothing went out, or kept when part of it may have arrived."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from bot.config.settings import Config
from bot.domain.catalogue import Branch
from bot.domain.schedule import PostKind
from bot.storage.posts import POSTED, UNCERTAIN
from bot.storage.unit_of_work import Database
from bot.usecases.publishing import publish
from bot.usecases.services import Services
from tests.live import CHAT

TUESDAY_10AM = datetime(2026, 7, 28, 2, 0, tzinfo=UTC)
PERIOD = "2026-07-28"


class Outlet:
    """Takes `works` messages, then fails every send the way a dropped connection does."""

    def __init__(self, works: int, *, uncertain: bool = False) -> None:
        self.works = works
        self.texts: list[str] = []
        self._uncertain = uncertain

    async def text(self, text: str) -> int:
        if len(self.texts) >= self.works:
            raise ConnectionError("Bad Gateway")
        self.texts.append(text)
        return 100 + len(self.texts)

    async def album(self, caption: str, photos: Sequence[bytes]) -> int:
        raise AssertionError("a reminder has no album")

    def uncertain(self, error: Exception) -> bool:
        return self._uncertain


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


async def _remind(services: Services, outlet: Outlet) -> list[int]:
    return await publish(
        services, outlet, CHAT, PostKind.REMINDER, TUESDAY_10AM, clock=lambda: TUESDAY_10AM
    )


async def test_a_post_sent_whole_is_posted_once(network: Services) -> None:
    outlet = Outlet(works=100)

    first = await _remind(network, outlet)
    again = await _remind(network, Outlet(works=100))

    assert len(first) == len(outlet.texts) > 1
    assert again == []
    assert await _status(network) == POSTED


async def test_a_post_cut_off_after_its_first_message_is_not_made_again(
    network: Services,
) -> None:
    with pytest.raises(ConnectionError):
        await _remind(network, Outlet(works=1))

    second = Outlet(works=100)
    assert await _remind(network, second) == []
    assert second.texts == []
    assert await _status(network) == UNCERTAIN


async def test_a_post_of_which_nothing_went_out_is_made_by_the_next_run(
    network: Services,
) -> None:
    with pytest.raises(ConnectionError):
        await _remind(network, Outlet(works=0))
    assert await _status(network) is None

    assert await _remind(network, Outlet(works=100)) != []
    assert await _status(network) == POSTED


async def test_a_send_that_may_have_arrived_is_not_made_again(network: Services) -> None:
    with pytest.raises(ConnectionError):
        await _remind(network, Outlet(works=0, uncertain=True))

    assert await _remind(network, Outlet(works=100)) == []
    assert await _status(network) == UNCERTAIN
