"""A script settles the bot before it moves its clock on: once nothing queued can go until
the clock moves, however much of the group's limit what waits would take."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PIL import Image

from bot.config.settings import Config
from bot.config.telegram import TelegramLimits
from bot.demo.group import LiveGroup
from bot.domain.outgoing import Outgoing
from tests.live import live_group

THREE_A_MINUTE = TelegramLimits(group_messages_per_minute=3, messages_per_second=0)
SETTLED_WITHIN = 10.0
"""Seconds of the wall clock a settle may take here before it counts as hanging."""


@pytest.fixture
async def group(example_config: Config, tmp_path: Path) -> AsyncIterator[LiveGroup]:
    """The example group, paced at three messages a minute on the script's clock."""
    async with live_group(
        example_config, tmp_path, "2026-12-01 14:00", paced=THREE_A_MINUTE
    ) as live:
        yield live


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, format="PNG")
    return out.getvalue()


async def _album_with_room_for_one(group: LiveGroup) -> None:
    """Two of the minute's three turns taken, then an album of three photos queued."""
    assert group.app.bot_data.services is not None
    group.app.bot.rate_limiter.take(group.chat_id, 2)  # type: ignore[union-attr]
    album = Outgoing(
        chat_id=group.chat_id, source_id=1, source_version=0, text="📈 图表", reply=False,
        photos=(_png(),) * 3,
    )  # fmt: skip
    await group.app.bot_data.services.outbox.answer(album, now=group.clock())
    group.app.bot_data.notify_outbox()


async def test_an_album_with_room_for_one_message_but_not_all_its_photos_lets_the_script_on(
    group: LiveGroup,
) -> None:
    await _album_with_room_for_one(group)

    await asyncio.wait_for(group.settle(), SETTLED_WITHIN)

    assert group.api.bot_messages(group.chat_id) == []


async def test_an_album_that_waited_for_its_turn_goes_once_the_clock_brings_it(
    group: LiveGroup,
) -> None:
    await _album_with_room_for_one(group)
    await asyncio.wait_for(group.settle(), SETTLED_WITHIN)

    group.clock.advance(seconds=60)
    await asyncio.wait_for(group.settle(), SETTLED_WITHIN)

    assert [len(m["photos"]) for m in group.api.bot_messages(group.chat_id)] == [1, 1, 1]
