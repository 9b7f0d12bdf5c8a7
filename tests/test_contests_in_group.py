"""PK contests over the fake server: created in one message, standings each day, the
result once after the end, judged scores, and the step-by-step wizard."""

from __future__ import annotations

import dataclasses

import pytest

from bot.config.settings import Config
from bot.demo.group import LiveGroup
from bot.domain.catalogue import Branch, Catalogue
from bot.fake_telegram import BotMessage
from tests.live import CHAT, at

MANAGER = 100001
JIANGJIA, DONGCHENG, SIMING, ZHENGYANG = 200001, 200002, 200004, 200005
JULY_PK = (
    "/pk new 7月储蓄保险PK 7/1-7/31 储蓄,保险 正阳:姜家 四明:东城 利民城:西环路 "
    "奖励：获胜网点每人奖励100元"
)

pytestmark = pytest.mark.live(start="2026-06-29 09:00", users={MANAGER: "王总"})


async def _on(group: LiveGroup, moment: str) -> None:
    group.clock.time = at(moment)


async def _standings(group: LiveGroup, moment: str) -> list[str]:
    """Run the 17:30 job at `moment`; the texts it posted."""
    before = len(group.api.bot_messages(CHAT))
    await _on(group, moment)
    await group.run_job(f"pk@{CHAT}")
    return [m["text"] or "" for m in group.api.bot_messages(CHAT)[before:] if m["text"]]


def _reply(group: LiveGroup, message: dict[str, object]) -> str:
    [reply] = group.replies_to(int(message["message_id"]))  # type: ignore[call-overload]
    return reply["text"] or ""


async def test_a_contest_made_in_one_message_is_confirmed_with_its_pairs(
    group: LiveGroup,
) -> None:
    message = await group.say(MANAGER, JULY_PK)

    assert _reply(group, message).splitlines() == [
        "✅ PK赛已创建：<b>7月储蓄保险PK</b>（#1）",
        "📅 7月1日—7月31日（共31天）",
        "🧮 计分：储蓄×1＋保险×3",
        "⚔️ 正阳 vs 姜家",
        "⚔️ 四明 vs 东城",
        "⚔️ 利民城 vs 西环路",
        "🎁 奖励：获胜网点每人奖励100元",
        "每个工作日公布战况（随时发 /pk 查看），比赛结束后公布结果。",
    ]


async def test_a_redelivered_pk_new_creates_one_contest(group: LiveGroup) -> None:
    message = await group.say(MANAGER, JULY_PK)
    group.api.redeliver(group.api.injected_updates[-1])
    await group.settle()

    assert len(group.replies_to(int(message["message_id"]))) == 1


async def test_a_faulty_form_names_every_problem_and_creates_nothing(group: LiveGroup) -> None:
    message = await group.say(MANAGER, "/pk new 坏PK 7/31-7/1 正阳:正阳 火星:姜家")

    assert _reply(group, message).splitlines() == [
        "❌ PK赛未创建：",
        "• 没有“火星”这个网点",
        "• 结束日早于开始日：7/31-7/1",
        "• 正阳 出现了两次（一个网点只能在一方）",
    ]
    pk = await group.say(MANAGER, "/pk")
    assert _reply(group, pk).startswith("当前没有进行中的PK赛")


async def test_only_managers_create_contests(group: LiveGroup) -> None:
    message = await group.say(ZHENGYANG, JULY_PK)

    assert _reply(group, message) == "只有管理员可以新建、结束或取消PK赛"


async def test_the_standings_follow_the_scripted_days_and_the_right_side_wins(
    group: LiveGroup,
) -> None:
    await group.say(MANAGER, JULY_PK)
    await _on(group, "2026-07-02 08:30")
    await group.say(ZHENGYANG, "储蓄35万 保险2万")
    await group.say(JIANGJIA, "储蓄20万 保险5万")

    [first_day] = await _standings(group, "2026-07-02 17:30")

    assert first_day.splitlines()[:3] == [
        "⚔️ <b>PK赛战况｜7月储蓄保险PK</b>",
        "截至7月1日 · 计分：储蓄×1＋保险×3 · 还剩30天",
        "1. 正阳 <b>41分</b> : <b>35分</b> 姜家",
    ]
    assert first_day.splitlines()[-1] == "   🤝 打平 · 较上次 +0分/+0分"
    await _on(group, "2026-07-03 08:30")
    await group.say(JIANGJIA, "储蓄10万")
    [second_day] = await _standings(group, "2026-07-03 17:30")
    assert second_day.splitlines()[2:4] == [
        "1. 正阳 <b>41分</b> : <b>45分</b> 姜家",
        "   🔥 姜家反超，领先 4分 · 较上次 +0分/+10分",
    ]
    [result] = await _standings(group, "2026-08-03 17:30")
    assert result.splitlines() == [
        "🏆 <b>PK赛结果｜7月储蓄保险PK</b>（7月1日—7月31日）",
        "🧮 计分：储蓄×1＋保险×3",
        "🥇 姜家 胜 正阳：45分 : 41分，领先 4分",
        "🤝 四明 与 东城 打平：均为 0分",
        "🤝 利民城 与 西环路 打平：均为 0分",
        "🎁 奖励：获胜网点每人奖励100元",
        "👏 感谢正阳、姜家、四明、东城、利民城、西环路的全力拼搏！本次PK赛圆满结束。",
    ]


async def test_the_standings_are_posted_once_a_day(group: LiveGroup) -> None:
    await group.say(MANAGER, JULY_PK)

    assert len(await _standings(group, "2026-07-02 17:30")) == 1
    assert await _standings(group, "2026-07-02 17:31") == []


async def test_no_standings_are_posted_before_the_first_day(group: LiveGroup) -> None:
    await group.say(MANAGER, JULY_PK)

    assert await _standings(group, "2026-06-30 17:30") == []


async def test_a_correction_after_a_standings_post_shows_in_the_next(group: LiveGroup) -> None:
    await group.say(MANAGER, JULY_PK)
    await _on(group, "2026-07-02 08:30")
    report = await group.say(ZHENGYANG, "储蓄35万")
    await _standings(group, "2026-07-02 17:30")
    await _on(group, "2026-07-02 18:00")
    await group.edit(int(report["message_id"]), "储蓄3万")

    [standings] = await _standings(group, "2026-07-03 17:30")

    assert "1. 正阳 <b>3分</b> : <b>0分</b> 姜家" in standings.splitlines()


async def test_the_result_is_posted_once_and_the_contest_closes(group: LiveGroup) -> None:
    await group.say(MANAGER, "/pk new 周PK 7/6-7/10 正阳:姜家")
    await _on(group, "2026-07-07 08:30")
    await group.say(ZHENGYANG, "储蓄5万")

    [result] = await _standings(group, "2026-07-13 17:30")
    again = await _standings(group, "2026-07-14 17:30")

    assert result.splitlines()[2] == "🥇 正阳 胜 姜家：5分 : 0分，领先 5分"
    assert again == []
    pk = await group.say(MANAGER, "/pk")
    assert _reply(group, pk).startswith("当前没有进行中的PK赛")


async def test_a_result_telegram_refused_is_posted_by_the_next_days_standings(
    group: LiveGroup,
) -> None:
    """Queued is not announced: the contest closes once its result is out."""
    await group.say(MANAGER, "/pk new 周PK 7/6-7/10 正阳:姜家")
    await _on(group, "2026-07-07 08:30")
    await group.say(ZHENGYANG, "储蓄5万")
    group.api.fail_next("sendMessage", error_code=400, description="Bad Request: not enough rights")

    refused = await _standings(group, "2026-07-13 17:30")
    [result] = await _standings(group, "2026-07-14 17:30")

    assert refused == []
    assert result.splitlines()[2] == "🥇 正阳 胜 姜家：5分 : 0分，领先 5分"


async def test_a_contest_ended_early_posts_its_result_at_once(group: LiveGroup) -> None:
    await group.say(MANAGER, JULY_PK)
    await _on(group, "2026-07-02 08:30")
    await group.say(SIMING, "保险1万")
    await _on(group, "2026-07-02 10:00")

    message = await group.say(MANAGER, "/pk end")

    assert _reply(group, message) == "🏁 已提前结束：<b>7月储蓄保险PK</b>"
    result = group.bot_texts()[-1].splitlines()
    assert result[0] == "🏆 <b>PK赛结果｜7月储蓄保险PK</b>（7月1日—7月1日）"
    assert "🥇 四明 胜 东城：3分 : 0分，领先 3分" in result
    assert await _standings(group, "2026-07-02 17:30") == []


async def test_a_cancelled_contest_posts_no_result(group: LiveGroup) -> None:
    await group.say(MANAGER, JULY_PK)

    message = await group.say(MANAGER, "/pk cancel 7月储蓄保险PK")

    assert _reply(group, message) == "🚫 已取消：<b>7月储蓄保险PK</b>（不公布结果）"
    assert await _standings(group, "2026-08-03 17:30") == []


async def test_ending_one_of_several_contests_needs_its_name(group: LiveGroup) -> None:
    await group.say(MANAGER, JULY_PK)
    await group.say(MANAGER, "/pk new 晨会PK 7/1-7/31 晨会 正阳:姜家")

    message = await group.say(MANAGER, "/pk end")

    assert _reply(group, message).splitlines() == [
        "有多个进行中的PK赛，请写明名称或编号：",
        "#1 7月储蓄保险PK（7月1日—7月31日）",
        "#2 晨会PK（7月1日—7月31日）",
    ]


async def test_judged_scores_decide_a_judged_contest(group: LiveGroup) -> None:
    await group.say(MANAGER, "/pk new 晨会PK 7/1-7/31 晨会 正阳:姜家")
    await _on(group, "2026-07-01 09:30")
    scored = await group.say(MANAGER, "/score 正阳 9.5 晨会")
    await group.say(MANAGER, "/score 姜家 9 晨会")

    [standings] = await _standings(group, "2026-07-02 17:30")

    assert _reply(group, scored) == "✅ 正阳 7月1日 晨会 9.5分"
    assert "1. 正阳 <b>9.5分</b> : <b>9分</b> 姜家" in standings.splitlines()


async def test_only_managers_give_scores(group: LiveGroup) -> None:
    message = await group.say(ZHENGYANG, "/score 正阳 10 晨会")

    assert _reply(group, message) == "只有管理员可以评分"


async def test_a_judged_metric_cannot_be_reported(group: LiveGroup) -> None:
    message = await group.say(ZHENGYANG, "晨会 10")

    assert _reply(group, message).splitlines()[1] == (
        "• “晨会”由管理员评分（/score 正阳 9.5 晨会），不能上报"
    )


async def test_completion_uses_each_branchs_own_target(group: LiveGroup) -> None:
    await group.say(MANAGER, "/target 正阳 储蓄 100 7月\n姜家 储蓄 400 7月")
    await group.say(MANAGER, "/pk new 完成率PK 7月 储蓄完成率 正阳:姜家")
    await _on(group, "2026-07-02 08:30")
    await group.say(ZHENGYANG, "储蓄10万")
    await group.say(JIANGJIA, "储蓄20万")

    [standings] = await _standings(group, "2026-07-02 17:30")

    assert "1. 正阳 <b>10%</b> : <b>5%</b> 姜家" in standings.splitlines()


async def test_the_wizard_builds_a_contest_with_buttons_and_replies(group: LiveGroup) -> None:
    start = await group.say(MANAGER, "/pk new")
    [ask_name] = group.replies_to(int(start["message_id"]))
    named = await group.say(MANAGER, "按钮PK", reply_to=ask_name["message_id"])
    [ask_period] = group.replies_to(int(named["message_id"]))
    await _press(group, ask_period, "本月")
    ask_scoring = group.api.bot_messages(CHAT)[-1]
    await _press(group, ask_scoring, "储蓄")
    ask_sides = group.api.bot_messages(CHAT)[-1]
    sides = await group.say(MANAGER, "正阳:姜家 四明:东城", reply_to=ask_sides["message_id"])
    [ask_reward] = group.replies_to(int(sides["message_id"]))
    await _press(group, ask_reward, "无奖励")
    confirm = group.api.bot_messages(CHAT)[-1]

    assert confirm["text"] == "请确认：\n按钮PK 本月 储蓄 正阳:姜家 四明:东城"
    await _press(group, confirm, "✅ 创建")
    created = (group.bot_texts()[-1]).splitlines()
    assert created[0] == "✅ PK赛已创建：<b>按钮PK</b>（#1）"
    assert created[3:5] == ["⚔️ 正阳 vs 姜家", "⚔️ 四明 vs 东城"]


async def test_a_reply_to_the_wizard_is_not_read_as_a_report(group: LiveGroup) -> None:
    start = await group.say(MANAGER, "/pk new")
    [ask_name] = group.replies_to(int(start["message_id"]))

    named = await group.say(MANAGER, "储蓄PK 35万", reply_to=ask_name["message_id"])

    [reply] = group.replies_to(int(named["message_id"]))
    assert (reply["text"] or "").startswith("📅（2/5）比赛时间")


async def test_only_the_manager_who_started_the_wizard_may_answer_it(group: LiveGroup) -> None:
    group.add_user(100002, "李主任")
    start = await group.say(MANAGER, "/pk new")
    [ask_name] = group.replies_to(int(start["message_id"]))
    named = await group.say(MANAGER, "按钮PK", reply_to=ask_name["message_id"])
    [ask_period] = group.replies_to(int(named["message_id"]))

    await _press(group, ask_period, "本月", user=100002)

    assert group.api.answered_callbacks[-1]["text"] == "这是其他管理员正在创建的PK赛"


async def _press(group: LiveGroup, message: BotMessage, label: str, user: int = MANAGER) -> None:
    keyboard = message["reply_markup"]["inline_keyboard"]
    [data] = [b["callback_data"] for row in keyboard for b in row if b["text"] == label]
    group.api.press_button(group.chat_id, group.users[user], message["message_id"], data)
    await group.settle()


def _four_more_branches(config: Config) -> Config:
    extra = tuple(Branch(f"新{i}营业所", f"新{i}") for i in range(1, 5))
    catalogue = config.catalogue
    return dataclasses.replace(
        config, catalogue=Catalogue(catalogue.metrics, catalogue.branches + extra)
    )


@pytest.mark.live(start="2026-06-29 09:00", users={MANAGER: "王总"}, config=_four_more_branches)
async def test_a_contest_of_many_pairs_comes_with_a_chart(group: LiveGroup) -> None:
    await group.say(MANAGER, "/pk new 全员PK 7/1-7/31 自动")
    await _on(group, "2026-07-02 08:30")
    await group.say(ZHENGYANG, "储蓄35万")
    await _standings(group, "2026-07-02 17:30")

    captions = [m["caption"] for m in group.api.bot_messages(CHAT) if m["photos"]]
    assert captions[-1] == "⚔️ 全员PK：截至7月1日"


async def test_automatic_pairing_matches_neighbours_in_last_months_points(
    group: LiveGroup,
) -> None:
    await _on(group, "2026-06-20 08:30")
    for user, text in (
        (ZHENGYANG, "储蓄100万"),
        (JIANGJIA, "储蓄10万"),
        (SIMING, "储蓄90万"),
        (DONGCHENG, "储蓄20万"),
    ):
        await group.say(user, text)
    await _on(group, "2026-07-01 09:00")

    message = await group.say(MANAGER, "/pk new 7月PK 7/1-7/31 自动 正阳 姜家 四明 东城")

    assert _reply(group, message).splitlines()[3:6] == [
        "⚔️ 正阳 vs 四明",
        "⚔️ 东城 vs 姜家",
        "按上月积分相近配对",
    ]


async def test_a_score_does_not_count_as_the_branchs_report(group: LiveGroup) -> None:
    await _on(group, "2026-07-01 09:30")
    await group.say(MANAGER, "/score 正阳 9.5 晨会 昨天")
    await _on(group, "2026-07-01 10:00")

    await group.run_job(f"reminder@{CHAT}")

    assert "正阳营业所" in group.bot_texts()[-1]


async def test_a_score_names_one_branch(group: LiveGroup) -> None:
    message = await group.say(MANAGER, "/score 正阳 9.5 晨会 姜家")

    assert _reply(group, message) == "“姜家”重复了：一次只评一个网点、一个项目、一天"


async def test_a_league_result_names_its_champion_and_the_table(group: LiveGroup) -> None:
    await group.say(MANAGER, "/pk new 小联赛 7/6-7/19 联赛 正阳 姜家")
    await _on(group, "2026-07-07 08:30")
    await group.say(ZHENGYANG, "储蓄5万")

    [result] = await _standings(group, "2026-07-20 17:30")

    assert result.splitlines()[2:5] == [
        "🥇 冠军：正阳",
        "1. 正阳 4分（1胜1平0负，净胜+5分）",
        "2. 姜家 1分（0胜1平1负，净胜-5分）",
    ]
