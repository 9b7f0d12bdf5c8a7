"""The whole bot in a group, over real HTTP against the fake Bot API server.

Each test posts as people do and reads what the bot answered and stored.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.demo.group import LiveGroup
from bot.storage.unit_of_work import Database
from tests.live import at

START = "2026-07-28 08:00"  # in Shanghai, before the bulletin
MORNING = at(START)
YESTERDAY = date(2026, 7, 27)
ZHENGYANG, JIANGJIA, DONGCHENG = 200005, 200001, 200002
MANAGER, STRANGER = 100001, 300001

pytestmark = pytest.mark.live(
    start=START,
    users={MANAGER: "王总", STRANGER: "路人甲"},
    usernames={STRANGER: "lurenjia"},
)


async def _figures(database: Database, day: date = YESTERDAY) -> dict[tuple[str, str], float]:
    async with database.transaction() as uow:
        return {(f.branch, f.metric): f.value for f in await uow.figures.of_days([day])}


async def test_a_report_is_confirmed_in_one_reply_in_display_units(group: LiveGroup) -> None:
    message = await group.say(ZHENGYANG, "储蓄35万 保险2万 走访12户")

    [reply] = group.replies_to(message["message_id"])
    assert reply["text"] == "✅ 正阳营业所 7月27日 已记录：储蓄 35万元，保险 2万元，走访 12户"


async def test_a_report_is_stored_for_the_members_branch_and_yesterday(
    group: LiveGroup, sqlite_database: Database
) -> None:
    await group.say(ZHENGYANG, "储蓄35万 保险2万 走访12户")

    assert await _figures(sqlite_database) == {
        ("正阳营业所", "deposit"): 35,
        ("正阳营业所", "insurance"): 2,
        ("正阳营业所", "visits"): 12,
    }


async def test_the_same_update_delivered_twice_changes_nothing(
    group: LiveGroup, sqlite_database: Database
) -> None:
    await group.say(ZHENGYANG, "储蓄35万 保险2万 走访12户")
    replies_before = len(group.bot_texts())

    group.api.redeliver(group.api.injected_updates[-1])
    await group.settle()

    assert len(group.bot_texts()) == replies_before
    assert len(await _figures(sqlite_database)) == 3
    async with sqlite_database.transaction() as uow:
        assert len(await uow.changes.of_branch_day("正阳营业所", YESTERDAY)) == 3


async def test_an_edited_report_replaces_what_it_stored_and_the_audit_keeps_both(
    group: LiveGroup, sqlite_database: Database
) -> None:
    message = await group.say(ZHENGYANG, "储蓄35万 保险2万 走访12户")

    await group.edit(message["message_id"], "储蓄30万")

    assert await _figures(sqlite_database) == {("正阳营业所", "deposit"): 30}
    async with sqlite_database.transaction() as uow:
        audit = await uow.changes.of_branch_day("正阳营业所", YESTERDAY)
    assert [(c.metric, c.old_value, c.new_value) for c in audit] == [
        ("deposit", None, 35),
        ("insurance", None, 2),
        ("visits", None, 12),
        ("deposit", 35, 30),
        ("insurance", 2, None),
        ("visits", 12, None),
    ]
    assert group.replies_to(message["message_id"])[-1]["text"] == (
        "✅ 正阳营业所 7月27日 已记录："
        "储蓄 35→30万元，保险 已删除（原2万元），走访 已删除（原12户）"
    )


async def test_chit_chat_gets_no_reply(group: LiveGroup) -> None:
    for text in (
        "收到",
        "明天上午9点到四楼会议室开会",
        "本月宣传单已经发完了",
        "正阳的同志们加油！",
    ):
        await group.say(ZHENGYANG, text)

    assert group.bot_texts() == []


async def test_a_malformed_report_is_refused_with_the_problem_and_stores_nothing(
    group: LiveGroup, sqlite_database: Database
) -> None:
    message = await group.say(DONGCHENG, "储畜5万 手机银行3户")

    [reply] = group.replies_to(message["message_id"])
    assert reply["text"].startswith("❌ 未记录")
    assert "储畜" in reply["text"]
    assert "储蓄" in reply["text"]
    assert await _figures(sqlite_database) == {}


async def test_an_unbound_user_who_reports_gets_a_one_line_hint(
    group: LiveGroup, sqlite_database: Database
) -> None:
    message = await group.say(STRANGER, "储蓄35万")

    [reply] = group.replies_to(message["message_id"])
    assert "/bind" in reply["text"]
    assert "\n" not in reply["text"]
    assert await _figures(sqlite_database) == {}


async def test_a_member_reporting_for_another_branch_is_refused(group: LiveGroup) -> None:
    message = await group.say(ZHENGYANG, "姜家 储蓄20万")

    [reply] = group.replies_to(message["message_id"])
    assert "姜家营业所：您只能上报本网点（正阳营业所）的数据" in reply["text"]


async def test_a_manager_binds_a_user_by_username_who_can_then_report(
    group: LiveGroup, sqlite_database: Database
) -> None:
    await group.say(STRANGER, "大家好")
    bind = await group.say(MANAGER, "/bind @lurenjia 四明")

    report = await group.say(STRANGER, "走访8户")

    assert group.replies_to(bind["message_id"])[0]["text"] == "✅ 已绑定 路人甲 → 四明营业所"
    assert group.replies_to(report["message_id"])
    async with sqlite_database.transaction() as uow:
        assert await uow.figures.of_days([YESTERDAY]) != []
    assert await _figures(sqlite_database) == {("四明营业所", "visits"): 8}


async def test_only_managers_may_bind(group: LiveGroup) -> None:
    message = await group.say(ZHENGYANG, "/bind @lurenjia 四明")

    assert group.replies_to(message["message_id"])[0]["text"] == "只有管理员可以绑定成员"


async def test_rank_answers_with_yesterdays_ranking_ties_sharing_a_rank(group: LiveGroup) -> None:
    await group.say(ZHENGYANG, "储蓄30万")
    await group.say(JIANGJIA, "储蓄20万")
    await group.say(DONGCHENG, "保险 10万")  # 30 points: ties with 正阳

    message = await group.say(MANAGER, "/rank")

    assert group.replies_to(message["message_id"])[0]["text"] == (
        "🏆 7月27日 网点排名（积分）\n"
        "🥇 东城营业所 30\n"
        "🥇 正阳营业所 30\n"
        "🥉 姜家营业所 20\n"
        "未报：利民城营业所、四明营业所、西环路营业所"
    )


async def test_rank_by_one_metric_uses_its_unit(group: LiveGroup) -> None:
    await group.say(ZHENGYANG, "储蓄30万 保险1万")
    await group.say(JIANGJIA, "保险2万")

    message = await group.say(MANAGER, "/rank 保险")

    lines = group.replies_to(message["message_id"])[0]["text"].splitlines()
    assert lines[:3] == [
        "🏆 7月27日 网点排名（保险）",
        "🥇 姜家营业所 2万元",
        "🥈 正阳营业所 1万元",
    ]


async def test_rank_by_an_unknown_metric_lists_the_metrics(group: LiveGroup) -> None:
    message = await group.say(MANAGER, "/rank 贷款")

    text = group.replies_to(message["message_id"])[0]["text"]
    assert text.startswith("没有“贷款”这个指标。可选：储蓄、他行揽储")


async def test_help_lists_the_metrics_in_chinese(group: LiveGroup) -> None:
    message = await group.say(ZHENGYANG, "/help")

    text = group.replies_to(message["message_id"])[0]["text"]
    assert "储蓄35万 保险2万 走访12户" in text
    assert "信用卡" in text


async def test_the_command_menu_is_set_for_group_chats(group: LiveGroup) -> None:
    menu = group.api.my_commands(scope={"type": "all_group_chats"})

    assert [c["command"] for c in menu] == [
        "today",
        "undo",
        "rank",
        "progress",
        "chart",
        "plan",
        "pk",
        "score",
        "photos",
        "target",
        "audit",
        "schedule",
        "post",
        "bind",
        "help",
    ]


async def test_a_report_in_a_chat_that_is_not_served_is_not_answered(group: LiveGroup) -> None:
    other = group.api.add_group(-1009999, "别的群")
    group.api.send_text(other, group.users[ZHENGYANG], "储蓄35万")
    await group.settle()

    assert group.api.bot_messages() == []


async def test_the_bot_leaves_a_group_it_was_not_configured_for(group: LiveGroup) -> None:
    other = group.api.add_group(-1009999, "别的群", bot_status="left")
    group.api.add_bot_to_chat(other, group.users[STRANGER])
    await group.settle()

    assert ("leaveChat", {"chat_id": -1009999}) in group.api.requests


async def test_editing_a_report_into_plain_text_removes_its_figures(
    group: LiveGroup, sqlite_database: Database
) -> None:
    message = await group.say(ZHENGYANG, "储蓄35万 保险2万")

    await group.edit(message["message_id"], "发错群了，不好意思")

    assert await _figures(sqlite_database) == {}
    assert group.replies_to(message["message_id"])[-1]["text"] == (
        "✅ 已按修改删除 正阳营业所 7月27日 的数据：储蓄 35万元，保险 2万元"
    )


async def test_an_explicit_username_wins_over_the_replied_to_member(
    group: LiveGroup, sqlite_database: Database
) -> None:
    await group.say(STRANGER, "大家好")
    head = await group.say(ZHENGYANG, "早上好")

    await group.say(MANAGER, "/bind @lurenjia 四明", reply_to=head["message_id"])

    async with sqlite_database.transaction() as uow:
        stranger = await uow.members.get(STRANGER)
        head_member = await uow.members.get(ZHENGYANG)
    assert stranger is not None
    assert head_member is not None
    assert (stranger.branch, head_member.branch) == ("四明营业所", "正阳营业所")


async def test_binding_by_reply_binds_the_author_of_that_message(
    group: LiveGroup, sqlite_database: Database
) -> None:
    hello = await group.say(STRANGER, "大家好")

    await group.say(MANAGER, "/bind 西环路", reply_to=hello["message_id"])

    async with sqlite_database.transaction() as uow:
        member = await uow.members.get(STRANGER)
    assert member is not None
    assert member.branch == "西环路营业所"


CHAIN = "7月27日业绩接龙\n1. 正阳 储蓄35万 保险2万"


async def test_a_growing_chain_stores_each_branch_once_and_replies_only_with_changes(
    group: LiveGroup, sqlite_database: Database
) -> None:
    first = await group.say(ZHENGYANG, CHAIN)
    second = await group.say(JIANGJIA, CHAIN + "\n2. 姜家 储蓄20万 走访8户")
    third = await group.say(DONGCHENG, CHAIN + "\n2. 姜家 储蓄20万 走访8户\n3. 东城 储蓄5万")

    assert await _figures(sqlite_database) == {
        ("正阳营业所", "deposit"): 35,
        ("正阳营业所", "insurance"): 2,
        ("姜家营业所", "deposit"): 20,
        ("姜家营业所", "visits"): 8,
        ("东城营业所", "deposit"): 5,
    }
    assert [group.replies_to(m["message_id"])[0]["text"] for m in (first, second, third)] == [
        "✅ 正阳营业所 7月27日 已记录：储蓄 35万元，保险 2万元",
        "✅ 姜家营业所 7月27日 已记录：储蓄 20万元，走访 8户\n其余 1 个网点数据无变化",
        "✅ 东城营业所 7月27日 已记录：储蓄 5万元\n其余 2 个网点数据无变化",
    ]
    async with sqlite_database.transaction() as uow:
        assert len(await uow.changes.of_branch_day("正阳营业所", YESTERDAY)) == 2


async def test_a_member_may_not_change_another_branchs_line_in_a_chain(group: LiveGroup) -> None:
    await group.say(ZHENGYANG, CHAIN)

    message = await group.say(JIANGJIA, "7月27日业绩接龙\n1. 正阳 储蓄36万\n2. 姜家 储蓄20万")

    assert (
        "正阳营业所 储蓄 35→36万元：只能上报本网点的数据，其他网点的行请原样保留"
        in (group.bot_texts()[-1])
    )
    assert group.replies_to(message["message_id"])


async def test_undo_as_a_reply_to_ones_report_removes_exactly_what_it_stored(
    group: LiveGroup, sqlite_database: Database
) -> None:
    await group.say(ZHENGYANG, "储蓄35万")
    report = await group.say(ZHENGYANG, "保险2万 走访12户")

    undo = await group.say(ZHENGYANG, "/undo", reply_to=report["message_id"])

    assert await _figures(sqlite_database) == {("正阳营业所", "deposit"): 35}
    assert group.replies_to(undo["message_id"])[0]["text"] == (
        "↩️ 已撤销 正阳营业所 7月27日：保险 2万元，走访 12户"
    )
    async with sqlite_database.transaction() as uow:
        reasons = [c.reason for c in await uow.changes.of_branch_day("正阳营业所", YESTERDAY)]
    assert reasons == ["report", "report", "report", "undo", "undo"]


async def test_undo_as_a_reply_to_the_bots_confirmation_works_too(
    group: LiveGroup, sqlite_database: Database
) -> None:
    report = await group.say(ZHENGYANG, "储蓄35万")
    [confirmation] = group.replies_to(report["message_id"])

    await group.say(ZHENGYANG, "/undo", reply_to=confirmation["message_id"])

    assert await _figures(sqlite_database) == {}


async def test_undo_of_someone_elses_report_is_refused_unless_by_a_manager(
    group: LiveGroup, sqlite_database: Database
) -> None:
    report = await group.say(ZHENGYANG, "储蓄35万")

    other = await group.say(JIANGJIA, "/undo", reply_to=report["message_id"])
    assert group.replies_to(other["message_id"])[0]["text"] == "只能撤销自己的上报（管理员除外）"
    assert await _figures(sqlite_database) == {("正阳营业所", "deposit"): 35}

    await group.say(MANAGER, "/undo", reply_to=report["message_id"])
    assert await _figures(sqlite_database) == {}


async def test_undo_without_a_reply_explains_how(group: LiveGroup) -> None:
    message = await group.say(ZHENGYANG, "/undo")

    assert "回复" in group.replies_to(message["message_id"])[0]["text"]


async def test_today_shows_what_is_stored_and_what_is_usually_reported_but_missing(
    group: LiveGroup,
) -> None:
    group.clock.time = MORNING - timedelta(days=1)
    await group.say(ZHENGYANG, "储蓄30万 走访10户 宣传单100份")
    group.clock.time = MORNING
    await group.say(ZHENGYANG, "储蓄35万")

    message = await group.say(ZHENGYANG, "/today")

    assert group.replies_to(message["message_id"])[0]["text"] == (
        "📋 正阳营业所 7月27日 已报：储蓄 35万元\n还没报（平时常报）：走访、宣传单"
    )


async def test_audit_shows_every_change_to_a_branchs_day_with_who_and_why(
    group: LiveGroup,
) -> None:
    report = await group.say(ZHENGYANG, "储蓄35万 保险2万")
    await group.edit(report["message_id"], "储蓄30万 保险2万")

    message = await group.say(MANAGER, "/audit 正阳 7月27日")

    assert group.replies_to(message["message_id"])[0]["text"].splitlines() == [
        "🧾 正阳营业所 7月27日 的上报与变更：",
        "上报：",
        "07-28 08:00 正所长 储蓄 35万元（已修改）",
        "07-28 08:00 正所长 保险 2万元 ✅当前",
        "07-28 08:00 正所长 储蓄 30万元 ✅当前",
        "变更：",
        "07-28 08:00 正所长 储蓄 —→35万元（上报）",
        "07-28 08:00 正所长 保险 —→2万元（上报）",
        "07-28 08:00 正所长 储蓄 35→30万元（修改）",
    ]


@pytest.mark.parametrize(
    ("command", "reply"),
    [
        ("/audit", "用法：/audit 网点 日期，例如 /audit 正阳 7月27日"),
        ("/audit 正阳 7月32日", "看不懂日期“7月32日”，例如：7月27日、7/27、昨天"),
        ("/audit 正阳", "🧾 正阳营业所 7月27日 没有上报和变更记录"),
    ],
    ids=["no arguments", "a day that does not exist", "the report day by default"],
)
async def test_audit_explains_what_it_needs(group: LiveGroup, command: str, reply: str) -> None:
    message = await group.say(MANAGER, command)

    assert group.replies_to(message["message_id"])[0]["text"] == reply


async def test_an_old_backfill_waits_for_a_managers_approval_and_stores_nothing_before(
    group: LiveGroup, sqlite_database: Database
) -> None:
    report = await group.say(ZHENGYANG, "7月20日 储蓄5万")

    [reply] = group.replies_to(report["message_id"])
    assert reply["text"] == "⏳ 7月20日（周一）是 8 天前的数据，需管理员批准后才记录：储蓄 5万元"
    assert reply["reply_markup"]["inline_keyboard"][0][0]["text"] == "✅ 批准补报"
    assert await _figures(sqlite_database, date(2026, 7, 20)) == {}


async def test_a_member_cannot_approve_a_backfill(
    group: LiveGroup, sqlite_database: Database
) -> None:
    report = await group.say(ZHENGYANG, "7月20日 储蓄5万")
    [reply] = group.replies_to(report["message_id"])
    data = reply["reply_markup"]["inline_keyboard"][0][0]["callback_data"]

    group.api.press_button(group.chat_id, group.users[JIANGJIA], reply["message_id"], data)
    await group.settle()

    assert group.api.answered_callbacks[-1]["text"] == "只有管理员可以批准补报"
    assert await _figures(sqlite_database, date(2026, 7, 20)) == {}


async def test_a_managers_approval_stores_the_backfill_and_removes_the_button(
    group: LiveGroup, sqlite_database: Database
) -> None:
    report = await group.say(ZHENGYANG, "7月20日 储蓄5万")
    [reply] = group.replies_to(report["message_id"])
    data = reply["reply_markup"]["inline_keyboard"][0][0]["callback_data"]

    group.api.press_button(group.chat_id, group.users[MANAGER], reply["message_id"], data)
    await group.settle()

    assert await _figures(sqlite_database, date(2026, 7, 20)) == {("正阳营业所", "deposit"): 5}
    [edited] = group.replies_to(report["message_id"])
    assert edited["text"] == "✅ 正阳营业所 7月20日（周一） 已记录：储蓄 5万元\n（王总 已批准）"
    assert not edited["reply_markup"]
