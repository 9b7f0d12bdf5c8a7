"""Targets, plans and progress over the fake server: set by command or sheet, shown back."""

from __future__ import annotations

import pytest

from bot.demo.group import LiveGroup
from tests.live import at

MANAGER = 100001
ZHENGYANG, JIANGJIA = 200005, 200001

pytestmark = pytest.mark.live(start="2026-07-28 08:00", users={MANAGER: "王总"})


async def _reply(group: LiveGroup, user_id: int, text: str) -> str:
    message = await group.say(user_id, text)
    [reply] = group.replies_to(message["message_id"])
    return reply["text"] or ""


async def test_a_manager_sets_several_targets_in_one_message(group: LiveGroup) -> None:
    reply = await _reply(group, MANAGER, "/target\n正阳 储蓄 200 月\n姜家 保险 50 季度")

    assert reply.splitlines() == [
        "🎯 已设定 2 项目标：",
        "• 正阳营业所 2026年7月 储蓄 200万元",
        "• 姜家营业所 2026年第3季度 保险 50万元",
    ]


async def test_setting_a_target_again_names_the_value_it_replaces(group: LiveGroup) -> None:
    await group.say(MANAGER, "/target 正阳 储蓄 200 月")

    reply = await _reply(group, MANAGER, "/target 正阳 储蓄 240 月")

    assert reply.splitlines()[1] == "• 正阳营业所 2026年7月 储蓄 240万元（原为 200）"


async def test_one_bad_line_stores_nothing_of_the_message(group: LiveGroup) -> None:
    reply = await _reply(group, MANAGER, "/target 正阳 储蓄 200 月\n南关 储蓄 100 月")

    assert reply.splitlines() == [
        "❌ 目标没有保存（整批未导入），请改正后重发：",
        "第2行：没有“南关”这个网点",
    ]
    assert (await _reply(group, MANAGER, "/progress")).startswith("🎯 2026年7月 还没有目标")


async def test_only_managers_set_targets(group: LiveGroup) -> None:
    assert await _reply(group, ZHENGYANG, "/target 正阳 储蓄 999 月") == "只有管理员可以设定目标"


async def test_a_sheet_with_bad_rows_names_each_and_imports_nothing(group: LiveGroup) -> None:
    rows = [
        ("网点", "指标", "目标", "周期"),
        ("正阳", "储蓄", 200, "月"),
        ("南关", "储蓄", 100, "月"),
        ("姜家", "保险", "很多", "月"),
    ]
    message = await group.send_sheet(MANAGER, "7月目标.xlsx", "7月目标", rows)

    [reply] = group.replies_to(message["message_id"])
    assert (reply["text"] or "").splitlines() == [
        "❌ 表格 7月目标.xlsx 没有导入：",
        "第3行：没有“南关”这个网点",
        "第4行：目标值“很多”不是数字",
    ]
    assert (await _reply(group, MANAGER, "/progress")).startswith("🎯 2026年7月 还没有目标")


async def test_a_csv_sheet_saved_by_excel_in_gbk_is_imported(group: LiveGroup) -> None:
    data = "网点,指标,目标,周期\r\n正阳,储蓄,200,月\r\n正阳,积分,300,月\r\n".encode("gbk")

    message = await group.send_file(MANAGER, data, "targets.csv", caption="目标")

    [reply] = group.replies_to(message["message_id"])
    assert (reply["text"] or "").startswith("🎯 已设定 2 项目标：")


async def test_a_spreadsheet_not_captioned_as_targets_is_left_alone(group: LiveGroup) -> None:
    message = await group.send_sheet(MANAGER, "值班表.xlsx", "下周值班", [("姓名", "日期")])

    assert group.replies_to(message["message_id"]) == []


async def test_progress_compares_completion_with_time_progress(group: LiveGroup) -> None:
    await group.say(MANAGER, "/target 正阳 储蓄 230 月")
    await group.say(ZHENGYANG, "储蓄35万")

    reply = await _reply(group, MANAGER, "/progress")

    # 27 July closes the 19th of July's 23 working days: 83%.
    assert reply.splitlines() == [
        "🎯 <b>2026年7月 目标完成</b>（截至7月27日，时间进度 83%）",
        "⚠️正阳营业所：储蓄 15%（35/230万元）",
        "⚠️ <b>落后时间进度</b>",
        "正阳营业所 储蓄 15% 预计完成 42.4万元 距目标差 195万元",
        "　一点一策：未填写（/plan 正阳 …）",
    ]


async def test_a_head_writes_the_plan_of_their_own_branch(group: LiveGroup) -> None:
    reply = await _reply(group, ZHENGYANG, "/plan 正阳 每天走访商户20户")

    assert reply == "📌 正阳营业所 一点一策已更新：每天走访商户20户"
    assert await _reply(group, JIANGJIA, "/plan 正阳") == "📌 正阳营业所 一点一策：每天走访商户20户"


async def test_a_head_cannot_write_another_branchs_plan(group: LiveGroup) -> None:
    reply = await _reply(group, JIANGJIA, "/plan 正阳 少走访")

    assert reply == "只能填写本网点的一点一策（管理员除外）"


async def test_the_morning_bulletin_shows_each_branchs_target_progress(group: LiveGroup) -> None:
    await group.say(MANAGER, "/target 正阳 储蓄 230 月")
    await group.say(ZHENGYANG, "储蓄35万")
    group.clock.time = at("2026-07-28 08:30")

    await group.run_job("morning@-1001234567890")

    [bulletin] = [text for text in group.bot_texts() if text.startswith("📊")]
    assert "🎯 本月目标时间进度 83%，⚠️ 为落后时间进度" in bulletin
    assert "　　🎯 储蓄 15%⚠️差195万元" in bulletin
