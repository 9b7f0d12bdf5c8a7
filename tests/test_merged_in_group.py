"""Merged confirmations in the group: while a group's replies wait for their turn, plain
confirmations pile up and go as one message; /undo in reply to it takes back the
sender's own line."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config.settings import Config
from bot.config.telegram import TelegramLimits
from bot.demo.group import LiveGroup
from bot.fake_telegram import BotMessage
from tests.live import live_group

ZHENG, JIANG, DONG = 200005, 200001, 200002
MANAGER = 100001
ONE_A_MINUTE = TelegramLimits(group_messages_per_minute=1, messages_per_second=0)


@pytest.fixture
async def group(example_config: Config, tmp_path: Path) -> AsyncIterator[LiveGroup]:
    """The example group, paced at one message a minute on the script's clock."""
    async with live_group(example_config, tmp_path, "2026-12-01 08:00", paced=ONE_A_MINUTE) as live:
        live.add_user(MANAGER, "王总")
        yield live


async def _three_merged(group: LiveGroup) -> BotMessage:
    """Three reports in a minute with room for one: the first answered, two merged."""
    await group.say(ZHENG, "储蓄35万")
    await group.say(JIANG, "储蓄20万")
    await group.say(DONG, "储蓄12万")
    await _next_minute(group)
    return group.api.bot_messages(group.chat_id)[-1]


async def _next_minute(group: LiveGroup) -> None:
    group.clock.advance(seconds=60)
    await group.settle()


async def test_confirmations_that_waited_for_the_groups_turn_go_as_one_message(
    group: LiveGroup,
) -> None:
    first = await group.say(ZHENG, "储蓄35万")
    await group.say(JIANG, "储蓄20万 保险3万")
    await group.say(DONG, "储蓄12万")
    await _next_minute(group)

    replied, merged = group.api.bot_messages(group.chat_id)
    assert replied["reply_to_message_id"] == first["message_id"]
    assert (merged["reply_to_message_id"], merged["text"]) == (
        None,
        "✅ 已记录 2 条：\n"
        "姜家营业所 11月30日（姜所长）储蓄 20万元，保险 3万元\n"
        "东城营业所 11月30日（东所长）储蓄 12万元",
    )


async def test_a_refusal_waiting_among_confirmations_stays_a_reply_of_its_own(
    group: LiveGroup,
) -> None:
    await group.say(ZHENG, "储蓄35万")
    await group.say(JIANG, "储蓄20万")
    refused = await group.say(DONG, "储畜5万 手机银行3户")
    await group.say(ZHENG, "保险3万")
    await _next_minute(group)
    await _next_minute(group)

    texts = [(m["reply_to_message_id"], m["text"]) for m in group.api.bot_messages(group.chat_id)]
    assert texts[1][1].startswith("✅ 已记录 2 条：")
    assert texts[2][0] == refused["message_id"]
    assert texts[2][1].startswith("❌")


async def test_undo_in_reply_to_a_merged_confirmation_takes_back_the_senders_line(
    group: LiveGroup,
) -> None:
    merged = await _three_merged(group)

    await group.say(DONG, "/undo", reply_to=merged["message_id"])
    await _next_minute(group)

    assert group.bot_texts()[-1] == "↩️ 已撤销 东城营业所 11月30日：储蓄 12万元"


async def test_a_manager_is_asked_which_report_of_a_merged_confirmation_to_undo(
    group: LiveGroup,
) -> None:
    merged = await _three_merged(group)

    await group.say(MANAGER, "/undo", reply_to=merged["message_id"])
    await _next_minute(group)

    assert group.bot_texts()[-1] == "这条确认合并了多条上报：请回复自己的那条上报消息再发 /undo"


async def test_an_approval_in_a_full_minute_holds_up_no_report_and_edits_when_its_turn_comes(
    group: LiveGroup, tmp_path: Path
) -> None:
    report = await group.say(ZHENG, "11月20日 储蓄5万")
    [held] = group.replies_to(report["message_id"])
    data = held["reply_markup"]["inline_keyboard"][0][0]["callback_data"]

    group.api.press_button(group.chat_id, group.users[MANAGER], held["message_id"], data)
    await group.say(JIANG, "储蓄20万")
    stored_before_the_turn = _reports(tmp_path)
    await _next_minute(group)

    assert stored_before_the_turn == 2
    [edited] = group.replies_to(report["message_id"])
    assert edited["text"].startswith("✅ 正阳营业所 11月20日（周五） 已记录：储蓄 5万元")


def _reports(folder: Path) -> int:
    with sqlite3.connect(folder / "zhanbao.db") as db:
        return db.execute("SELECT count(*) FROM reports").fetchone()[0]
