"""`/bind @name 网点` finds anyone the bot has seen, whatever they did: a command, a
button, joining the group, or being replied to."""

from __future__ import annotations

import pytest

from bot.demo.group import LiveGroup

ZHENG, MANAGER, XIAOLI, LAOZHANG = 200005, 100001, 300002, 300003

pytestmark = pytest.mark.live(
    start="2026-12-01 08:00",
    users={MANAGER: "王总", XIAOLI: "小李", LAOZHANG: "老张"},
    usernames={XIAOLI: "xiaoli", LAOZHANG: "laozhang"},
)


async def _bind(group: LiveGroup, command: str) -> str:
    message = await group.say(MANAGER, command)
    return group.replies_to(message["message_id"])[-1]["text"] or ""


async def test_a_member_seen_only_through_a_command_can_be_bound(group: LiveGroup) -> None:
    await group.say(XIAOLI, "/today")

    assert await _bind(group, "/bind @xiaoli 正阳") == "✅ 已绑定 小李 → 正阳营业所"


async def test_a_member_seen_only_through_a_button_can_be_bound(group: LiveGroup) -> None:
    backfill = await group.say(ZHENG, "11月20日 储蓄5万")
    [held] = group.replies_to(backfill["message_id"])
    data = held["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    group.api.press_button(group.chat_id, group.users[XIAOLI], held["message_id"], data)
    await group.settle()

    assert await _bind(group, "/bind @xiaoli 正阳") == "✅ 已绑定 小李 → 正阳营业所"


async def test_a_member_seen_only_joining_the_group_can_be_bound(group: LiveGroup) -> None:
    group.api.add_member(group.chat_id, group.users[XIAOLI])
    await group.settle()

    assert await _bind(group, "/bind @xiaoli 正阳") == "✅ 已绑定 小李 → 正阳营业所"


async def test_a_member_added_by_another_is_seen_too(group: LiveGroup) -> None:
    group.api.add_member(group.chat_id, group.users[LAOZHANG], by_user=group.users[XIAOLI])
    await group.settle()

    assert await _bind(group, "/bind @laozhang 正阳") == "✅ 已绑定 老张 → 正阳营业所"


async def test_a_bound_member_seen_by_a_command_can_then_report(group: LiveGroup) -> None:
    await group.say(XIAOLI, "/help")
    await _bind(group, "/bind @xiaoli 正阳")

    report = await group.say(XIAOLI, "走访4户")

    assert group.replies_to(report["message_id"])[-1]["text"] == (
        "✅ 正阳营业所 11月30日 已记录：走访 4户"
    )


async def test_someone_the_bot_never_saw_is_still_unknown(group: LiveGroup) -> None:
    assert await _bind(group, "/bind @laozhang 正阳") == (
        "还没见过 @laozhang：请对方先在群里发一条消息，或回复他的一条消息再发 /bind 网点名"
    )


@pytest.mark.live(start="2026-12-01 08:00", users={MANAGER: "王总", ZHENG: "Zheng Wei"})
async def test_a_bound_member_keeps_the_rosters_name_whatever_telegram_shows(
    group: LiveGroup,
) -> None:
    await group.say(ZHENG, "走访12户")

    audit = await group.say(MANAGER, "/audit 正阳 11月30日")

    assert "正所长 走访 12户 ✅当前" in (group.replies_to(audit["message_id"])[-1]["text"] or "")
