"""The inbox under the running bot: what it cannot read is set aside, the rest handled; what
the database failed for a while is handled again once it answers."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from bot.demo.group import LiveGroup
from bot.storage.unit_of_work import Database
from bot.usecases.inbox import Inbox
from tests.live import CHAT, at
from tests.locked import LockedAtFirst

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


async def test_a_report_the_database_was_locked_for_is_stored_and_answered_once_it_is_free(
    group: LiveGroup, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    reporting = group.app.bot_data.services.reports
    locked = LockedAtFirst(reporting.submit_report, tmp_path)
    monkeypatch.setattr(reporting, "submit_report", locked)
    report = await group.say(ZHENG, "储蓄35万")

    assert locked.calls == 2
    [reply] = group.replies_to(report["message_id"])
    assert reply["text"] == "✅ 正阳营业所 11月30日 已记录：储蓄 35万元"


async def test_a_handler_error_of_its_own_is_not_tried_again(
    group: LiveGroup, monkeypatch: pytest.MonkeyPatch
) -> None:
    reporting = group.app.bot_data.services.reports
    tries = []

    async def wrong(*args: Any, **kwargs: Any) -> Any:
        tries.append(args)
        raise ValueError("a mistake of the code, which would fail again the same way")

    monkeypatch.setattr(reporting, "submit_report", wrong)
    report = await group.say(ZHENG, "储蓄35万")

    assert len(tries) == 1
    assert group.replies_to(report["message_id"]) == []


async def test_the_pause_before_trying_again_doubles_while_the_database_stays_locked(
    group: LiveGroup,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    reporting = group.app.bot_data.services.reports
    monkeypatch.setattr(
        reporting, "submit_report", LockedAtFirst(reporting.submit_report, tmp_path, times=2)
    )
    with caplog.at_level(logging.WARNING, logger="bot.chat.inbox"):
        await group.say(ZHENG, "储蓄35万")

    waits = [r.getMessage() for r in caplog.records if r.name == "bot.chat.inbox"]
    pauses = [message.rsplit("again in ", 1)[-1] for message in waits]
    assert pauses == ["1 s", "2 s"]
