"""A figure is its latest live statement: reports, corrections, edits, undo and
redeliveries in the group, in every order, with the figure and the reply after each."""

from __future__ import annotations

from datetime import date

import pytest

from bot.demo.group import LiveGroup
from bot.storage.unit_of_work import Database

DAY = date(2026, 11, 30)
XI, ZHENG, MANAGER, XIAOLI = 200006, 200005, 100001, 300002

pytestmark = pytest.mark.live(
    start="2026-12-01 07:52", users={MANAGER: "王总", XIAOLI: "小李"}, usernames={XIAOLI: "xl"}
)


async def _figures(database: Database, branch: str = "西环路营业所") -> dict[str, float]:
    async with database.transaction() as uow:
        return {f.metric: f.value for f in await uow.figures.of_days([DAY]) if f.branch == branch}


async def _reply(group: LiveGroup, message_id: int) -> str:
    return group.replies_to(message_id)[-1]["text"] or ""


async def _two_reports(group: LiveGroup) -> tuple[int, int]:
    first = await group.say(XI, "昨天 储蓄10万 信用卡2张")
    group.clock.advance(minutes=18)
    second = await group.say(XI, "储蓄20万 信用卡3张")
    group.clock.advance(minutes=5)
    return first["message_id"], second["message_id"]


async def test_a_later_report_replaces_the_figure(
    group: LiveGroup, sqlite_database: Database
) -> None:
    _, second = await _two_reports(group)

    assert await _reply(group, second) == (
        "✅ 西环路营业所 11月30日 已记录：储蓄 10→20万元，信用卡 2→3张"
    )
    assert await _figures(sqlite_database) == {"deposit": 20, "credit_card": 3}


async def test_editing_a_metric_out_falls_back_to_the_earlier_message(
    group: LiveGroup, sqlite_database: Database
) -> None:
    _, second = await _two_reports(group)

    await group.edit(second, "储蓄25万")

    assert await _reply(group, second) == (
        "✅ 西环路营业所 11月30日 已记录：储蓄 20→25万元，信用卡 3→2张（恢复为 07:52 的数据）"
    )
    assert await _figures(sqlite_database) == {"deposit": 25, "credit_card": 2}


async def test_undoing_the_later_report_falls_back_to_the_earlier_one(
    group: LiveGroup, sqlite_database: Database
) -> None:
    _, second = await _two_reports(group)

    undo = await group.say(XI, "/undo", reply_to=second)

    assert await _reply(group, undo["message_id"]) == (
        "↩️ 已撤销 西环路营业所 11月30日："
        "储蓄 20→10万元（恢复为 07:52 的数据），信用卡 3→2张（恢复为 07:52 的数据）"
    )
    assert await _figures(sqlite_database) == {"deposit": 10, "credit_card": 2}


async def test_a_figure_goes_only_when_no_statement_of_it_is_left(
    group: LiveGroup, sqlite_database: Database
) -> None:
    first, second = await _two_reports(group)
    await group.say(XI, "/undo", reply_to=second)

    undo = await group.say(XI, "/undo", reply_to=first)

    assert await _reply(group, undo["message_id"]) == (
        "↩️ 已撤销 西环路营业所 11月30日：储蓄 10万元，信用卡 2张"
    )
    assert await _figures(sqlite_database) == {}


async def test_undoing_the_earlier_report_leaves_the_later_one_standing(
    group: LiveGroup, sqlite_database: Database
) -> None:
    first, _ = await _two_reports(group)

    undo = await group.say(XI, "/undo", reply_to=first)

    assert await _reply(group, undo["message_id"]) == (
        "↩️ 已撤销：这条消息的数据已被后来的上报替换，没有需要删除的"
    )
    assert await _figures(sqlite_database) == {"deposit": 20, "credit_card": 3}


async def test_editing_the_earlier_report_makes_the_edit_the_latest_statement(
    group: LiveGroup, sqlite_database: Database
) -> None:
    first, _ = await _two_reports(group)

    await group.edit(first, "昨天 储蓄10万 信用卡4张")

    assert await _reply(group, first) == "✅ 西环路营业所 11月30日 已记录：信用卡 3→4张"
    assert await _figures(sqlite_database) == {"deposit": 20, "credit_card": 4}


async def test_an_edit_elsewhere_in_the_earlier_report_leaves_the_later_figures(
    group: LiveGroup, sqlite_database: Database
) -> None:
    first, _ = await _two_reports(group)

    await group.edit(first, "昨天 储蓄10万 信用卡2张 走访3户")

    assert await _reply(group, first) == "✅ 西环路营业所 11月30日 已记录：走访 3户"
    assert await _figures(sqlite_database) == {"deposit": 20, "credit_card": 3, "visits": 3}


async def test_editing_a_report_into_plain_text_falls_back_too(
    group: LiveGroup, sqlite_database: Database
) -> None:
    _, second = await _two_reports(group)

    await group.edit(second, "发错了")

    assert await _figures(sqlite_database) == {"deposit": 10, "credit_card": 2}


async def test_an_edit_after_undo_states_its_figures_anew(
    group: LiveGroup, sqlite_database: Database
) -> None:
    _, second = await _two_reports(group)
    await group.say(XI, "/undo", reply_to=second)
    group.clock.advance(minutes=1)

    await group.edit(second, "储蓄21万 信用卡3张")

    assert await _figures(sqlite_database) == {"deposit": 21, "credit_card": 3}


async def test_an_old_version_redelivered_after_its_edit_changes_nothing(
    group: LiveGroup, sqlite_database: Database
) -> None:
    _, second = await _two_reports(group)
    original = group.api.injected_updates[-1]
    await group.edit(second, "储蓄25万")
    replies = len(group.bot_texts())

    group.api.redeliver(original)
    await group.settle()

    assert len(group.bot_texts()) == replies
    assert await _figures(sqlite_database) == {"deposit": 25, "credit_card": 2}


async def test_an_edit_redelivered_changes_nothing(
    group: LiveGroup, sqlite_database: Database
) -> None:
    _, second = await _two_reports(group)
    await group.edit(second, "储蓄25万")
    replies = len(group.bot_texts())

    group.api.redeliver(group.api.injected_updates[-1])
    await group.settle()

    assert len(group.bot_texts()) == replies
    assert await _figures(sqlite_database) == {"deposit": 25, "credit_card": 2}


async def test_a_staff_members_figure_replacing_the_heads_names_the_head(
    group: LiveGroup, sqlite_database: Database
) -> None:
    await group.say(ZHENG, "走访12户")
    group.clock.advance(minutes=30)
    hello = await group.say(XIAOLI, "收到")
    await group.say(MANAGER, "/bind 正阳", reply_to=hello["message_id"])

    report = await group.say(XIAOLI, "走访4户")

    assert await _reply(group, report["message_id"]) == (
        "✅ 正阳营业所 11月30日 已记录：走访 12→4户（原为正所长 07:52 所报）"
    )
    assert await _figures(sqlite_database, "正阳营业所") == {"visits": 4}


async def test_undoing_the_staff_members_figure_restores_the_heads(
    group: LiveGroup, sqlite_database: Database
) -> None:
    await group.say(ZHENG, "走访12户")
    group.clock.advance(minutes=30)
    hello = await group.say(XIAOLI, "收到")
    await group.say(MANAGER, "/bind 正阳", reply_to=hello["message_id"])
    report = await group.say(XIAOLI, "走访4户")

    undo = await group.say(XIAOLI, "/undo", reply_to=report["message_id"])

    assert await _reply(group, undo["message_id"]) == (
        "↩️ 已撤销 正阳营业所 11月30日：走访 4→12户（恢复为正所长 07:52 所报的数据）"
    )


async def test_audit_lists_the_statements_with_the_current_one_marked(group: LiveGroup) -> None:
    _, second = await _two_reports(group)
    await group.edit(second, "储蓄25万")

    audit = await group.say(MANAGER, "/audit 西环路 11月30日")

    lines = (await _reply(group, audit["message_id"])).splitlines()
    assert lines[:7] == [
        "🧾 西环路营业所 11月30日 的上报与变更：",
        "上报：",
        "12-01 07:52 西所长 储蓄 10万元（已被后来的上报替换）",
        "12-01 07:52 西所长 信用卡 2张 ✅当前",
        "12-01 08:10 西所长 储蓄 20万元（已修改）",
        "12-01 08:10 西所长 信用卡 3张（已修改）",
        "12-01 08:15 西所长 储蓄 25万元 ✅当前",
    ]
    assert lines[7] == "变更："


async def test_an_edit_into_an_old_backfill_withdraws_the_figures_until_approved(
    group: LiveGroup, sqlite_database: Database
) -> None:
    _, second = await _two_reports(group)

    await group.edit(second, "11月20日 储蓄20万 信用卡3张")

    assert (await _reply(group, second)).startswith("⏳ 11月20日")
    assert await _figures(sqlite_database) == {"deposit": 10, "credit_card": 2}


async def test_an_edit_moving_the_report_to_another_day_names_both_days(
    group: LiveGroup, sqlite_database: Database
) -> None:
    _, second = await _two_reports(group)

    await group.edit(second, "今天 储蓄20万 信用卡3张")

    assert (await _reply(group, second)).splitlines() == [
        "✅ 西环路营业所 12月1日（周二） 已记录：储蓄 20万元，信用卡 3张",
        "✅ 西环路营业所 11月30日 已记录：储蓄 20→10万元（恢复为 07:52 的数据），"
        "信用卡 3→2张（恢复为 07:52 的数据）",
    ]


async def test_a_score_edit_arriving_before_an_older_version_keeps_the_newer_score(
    group: LiveGroup, sqlite_database: Database
) -> None:
    scored = await group.say(MANAGER, "/score 西环路 9 晨会 今天")
    original = group.api.injected_updates[-1]
    group.clock.advance(minutes=2)
    await group.edit(scored["message_id"], "/score 西环路 8 晨会 今天")

    group.api.redeliver(original)
    await group.settle()

    async with sqlite_database.transaction() as uow:
        figures = await uow.figures.of_days([date(2026, 12, 1)])
    assert [(f.branch, f.value) for f in figures] == [("西环路营业所", 8)]


async def test_an_approved_chain_states_only_the_reporters_own_branch(
    group: LiveGroup, sqlite_database: Database
) -> None:
    await group.say(MANAGER, "姜家 11月20日 储蓄5万")
    chain = await group.say(ZHENG, "11月20日\n姜家 储蓄5万\n正阳 储蓄3万")
    [held] = group.replies_to(chain["message_id"])
    data = held["reply_markup"]["inline_keyboard"][0][0]["callback_data"]

    group.api.press_button(group.chat_id, group.users[MANAGER], held["message_id"], data)
    await group.settle()

    async with sqlite_database.transaction() as uow:
        jiangjia = await uow.statements.of_branch_day("姜家营业所", date(2026, 11, 20))
        zhengyang = await uow.statements.of_branch_day("正阳营业所", date(2026, 11, 20))
    assert [(s.value, s.user_id) for s in jiangjia] == [(5, MANAGER)]
    assert [(s.value, s.user_id) for s in zhengyang] == [(3, ZHENG)]
