"""The inbox under the running bot: what it cannot read is set aside, the rest handled."""

from __future__ import annotations

import pytest

from bot.demo.group import LiveGroup
from bot.storage.unit_of_work import Database
from bot.usecases.inbox import Inbox
from tests.live import CHAT, at

ZHENG = 200005

pytestmark = pytest.mark.live(start="2026-12-01 08:00")


async def test_an_update_that_cannot_be_read_is_set_aside_and_the_rest_handled(
    group: LiveGroup, sqlite_database: Database
) -> None:
    inbox = Inbox(sqlite_database)
    # Update id 0: below every id the fake hands out, so the next fetch's offset (past the
    # last update stored) confirms none of them, whenever the fetching first reads it.
    await inbox.keep([(0, CHAT, "{not json")], now=at("2026-12-01 07:59"))

    report = await group.say(ZHENG, "储蓄35万")

    assert group.replies_to(report["message_id"])
    assert await inbox.pending() == []
