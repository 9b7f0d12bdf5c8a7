"""What a member meets besides their reports: silence for announcements, /help in two
parts, a private /start, and a bot that leaves groups it does not serve."""

from __future__ import annotations

import logging

import pytest

from bot.demo.group import LiveGroup
from bot.fake_telegram import FakeChat
from tests.live import at

MANAGER, ZHENGYANG, STRANGER = 100001, 200005, 300001
OTHER_GROUP = -1009999

pytestmark = pytest.mark.live(
    start="2026-07-28 08:00",
    users={MANAGER: "王总", STRANGER: "路人甲"},
    usernames={STRANGER: "lurenjia"},
)


@pytest.mark.parametrize(
    "announcement",
    ["本周例会改到周三下午3点", "今年储蓄任务5000万，大家加油", "本月绩效奖每人500元"],
)
async def test_an_announcement_gets_no_reply(group: LiveGroup, announcement: str) -> None:
    message = await group.say(MANAGER, announcement)

    assert group.replies_to(message["message_id"]) == []


async def test_a_members_help_lists_what_everyone_may_do(group: LiveGroup) -> None:
    message = await group.say(ZHENGYANG, "/help")

    [help_text] = [reply["text"] or "" for reply in group.replies_to(message["message_id"])]
    for command in ("/today", "/undo", "/rank", "/progress", "/plan", "/pk", "/photos"):
        assert command in help_text
    assert "走访照片" in help_text
    assert "/target" not in help_text


async def test_a_managers_help_adds_the_managers_part(group: LiveGroup) -> None:
    message = await group.say(MANAGER, "/help")

    members, managers = [reply["text"] or "" for reply in group.replies_to(message["message_id"])]
    assert members.startswith("📊 战报机器人")
    assert managers.startswith("管理员另可：")
    for command in ("/target", "/bind", "/score", "/chart", "/post", "/pk new"):
        assert command in managers
    assert "CSV/XLSX" in managers


def _private(group: LiveGroup, user_id: int) -> FakeChat:
    return group.api.add_group(user_id, "", type="private")


async def test_a_private_start_says_what_the_bot_is_and_how_to_be_bound(group: LiveGroup) -> None:
    chat = _private(group, STRANGER)
    group.api.send_text(chat, group.users[STRANGER], "/start")
    await group.settle()

    [answer] = group.api.bot_messages(STRANGER)
    text = answer["text"] or ""
    assert text.startswith("📊 战报机器人")
    assert "肇东市分公司业务群" in text
    assert "/bind @lurenjia 网点名" in text


async def test_other_private_messages_get_that_answer_once_a_day(group: LiveGroup) -> None:
    chat = _private(group, STRANGER)
    for text in ("你好", "在吗"):
        group.api.send_text(chat, group.users[STRANGER], text)
        await group.settle()
    group.clock.time = at("2026-07-29 08:00")
    group.api.send_text(chat, group.users[STRANGER], "你好")
    await group.settle()

    assert len(group.api.bot_messages(STRANGER)) == 2


async def test_a_message_from_a_group_it_does_not_serve_makes_the_bot_leave_it(
    group: LiveGroup, caplog: pytest.LogCaptureFixture
) -> None:
    other = group.api.add_group(OTHER_GROUP, "别的群")
    with caplog.at_level(logging.WARNING, logger="bot.chat.handlers.chats"):
        group.api.send_text(other, group.users[STRANGER], "大家好")
        await group.settle()
        group.api.send_text(other, group.users[STRANGER], "还在吗")
        await group.settle()

    leaves = [r for r in group.api.requests if r == ("leaveChat", {"chat_id": OTHER_GROUP})]
    assert len(leaves) == 1
    [logged] = [r.getMessage() for r in caplog.records if str(OTHER_GROUP) in r.getMessage()]
    assert "别的群" in logged


async def test_the_bot_leaves_an_unserved_group_again_when_added_back(group: LiveGroup) -> None:
    other = group.api.add_group(OTHER_GROUP, "别的群", bot_status="left")
    for _ in range(2):
        group.api.add_bot_to_chat(other, group.users[STRANGER])
        await group.settle()

    leaves = [r for r in group.api.requests if r == ("leaveChat", {"chat_id": OTHER_GROUP})]
    assert len(leaves) == 2


async def test_an_unserved_groups_report_goes_no_further_when_leaving_fails(
    group: LiveGroup,
) -> None:
    other = group.api.add_group(OTHER_GROUP, "别的群")
    group.api.fail_next("leaveChat", error_code=400, description="Bad Request: chat not found")
    group.api.send_text(other, group.users[STRANGER], "储蓄35万")
    await group.settle()

    assert group.api.bot_messages() == []
