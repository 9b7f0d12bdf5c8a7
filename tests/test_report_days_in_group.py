"""The one calendar over the fake server: a Monday's undated reports are Friday's, and the
bulletin, the reminder and the weekly summary all say so."""

from __future__ import annotations

import dataclasses

import pytest

from bot.config.settings import Config
from bot.demo.group import LiveGroup
from bot.domain.report_days import DAILY
from bot.storage.unit_of_work import Database
from tests.live import CHAT, at

MANAGER = 100001
ZHENGYANG, JIANGJIA, SIMING = 200005, 200001, 200004
MORNING_REPORTS = {ZHENGYANG: "储蓄35万 手机银行3户", JIANGJIA: "储蓄20万", SIMING: "储蓄12万"}

pytestmark = pytest.mark.live(start="2026-11-30 08:20", users={MANAGER: "王总"})


async def _report_the_morning(group: LiveGroup) -> list[str]:
    replies = []
    for user_id, text in MORNING_REPORTS.items():
        message = await group.say(user_id, text)
        [reply] = group.replies_to(message["message_id"])
        replies.append(reply["text"] or "")
    return replies


def _missing(reminder: str) -> list[str]:
    return [line.split()[1] for line in reminder.splitlines() if line.startswith("• ")]


async def _mondays_weekly(group: LiveGroup) -> str:
    """The weekly summary at 09:00, after the morning's reports."""
    await _report_the_morning(group)
    group.clock.time = at("2026-11-30 09:00")
    await group.run_job(f"weekly@{CHAT}")
    [summary] = [text for text in group.bot_texts() if text.startswith("📊 <b>周报")]
    return summary


def _bulletin(group: LiveGroup) -> str:
    [bulletin] = [text for text in group.bot_texts() if text.startswith("📊 <b>晨报")]
    return bulletin


async def test_mondays_undated_reports_are_for_friday(group: LiveGroup) -> None:
    replies = await _report_the_morning(group)

    assert replies[0] == "✅ 正阳营业所 11月27日 已记录：储蓄 35万元，手机银行 3户"


async def test_mondays_bulletin_ranks_friday_with_the_mornings_reports(group: LiveGroup) -> None:
    await _report_the_morning(group)
    group.clock.time = at("2026-11-30 08:30")

    await group.run_job(f"morning@{CHAT}")

    bulletin = _bulletin(group)
    assert bulletin.startswith("📊 <b>晨报｜11月27日（周五）")
    assert "🥇 <b>正阳营业所</b>" in bulletin
    assert "还没有网点上报数据" not in bulletin


async def test_mondays_reminder_names_only_the_branches_still_missing(group: LiveGroup) -> None:
    await _report_the_morning(group)
    group.clock.time = at("2026-11-30 10:00")

    await group.run_job(f"reminder@{CHAT}")

    assert _missing(group.bot_texts()[-1]) == ["东城营业所", "利民城营业所", "西环路营业所"]


@pytest.mark.live(start="2026-10-08 08:10", users={MANAGER: "王总"})
async def test_after_national_day_undated_reports_are_for_its_eve(group: LiveGroup) -> None:
    replies = await _report_the_morning(group)
    group.clock.time = at("2026-10-08 08:30")
    await group.run_job(f"morning@{CHAT}")

    group.clock.time = at("2026-10-08 10:00")
    await group.run_job(f"reminder@{CHAT}")

    assert replies[1] == "✅ 姜家营业所 9月30日 已记录：储蓄 20万元"
    bulletin = _bulletin(group)
    assert bulletin.startswith("📊 <b>晨报｜9月30日（周三）")
    assert "🥇 <b>正阳营业所</b>" in bulletin
    assert _missing(group.bot_texts()[-1]) == ["东城营业所", "利民城营业所", "西环路营业所"]


async def test_the_monday_summary_counts_fridays_figures_reported_that_morning(
    group: LiveGroup,
) -> None:
    lines = (await _mondays_weekly(group)).splitlines()
    assert lines[0] == "📊 <b>周报｜11月23日—11月29日</b>（截至11月29日）"
    assert lines[1] == "🏆 前三：🥇正阳营业所 38分 🥈姜家营业所 20分 🥉四明营业所 12分"


@pytest.mark.live(start="2026-12-02 08:10", users={MANAGER: "王总"})
async def test_a_weekday_word_reports_for_that_day_and_leaves_yesterday_alone(
    group: LiveGroup, sqlite_database: Database
) -> None:
    await group.say(ZHENGYANG, "储蓄12万")
    friday = await group.say(ZHENGYANG, "周五 储蓄9万")
    tomorrow = await group.say(ZHENGYANG, "明天 储蓄7万")

    [reply] = group.replies_to(friday["message_id"])
    assert reply["text"] == "✅ 正阳营业所 11月27日（周五） 已记录：储蓄 9万元"
    [refusal] = group.replies_to(tomorrow["message_id"])
    assert "明天还没到，不能上报未来的数据" in (refusal["text"] or "")
    async with sqlite_database.transaction() as uow:
        tuesday = await uow.figures.of_days([at("2026-12-01 12:00").date()])
    assert [(f.metric, f.value) for f in tuesday] == [("deposit", 12.0)]


async def test_a_saturday_named_by_date_is_stored_but_not_ranked_on_monday(
    group: LiveGroup, sqlite_database: Database
) -> None:
    saturday = await group.say(ZHENGYANG, "11月28日 储蓄5万")
    await group.say(JIANGJIA, "储蓄20万")
    group.clock.time = at("2026-11-30 08:30")
    await group.run_job(f"morning@{CHAT}")

    [reply] = group.replies_to(saturday["message_id"])
    assert reply["text"] == "✅ 正阳营业所 11月28日（周六） 已记录：储蓄 5万元"
    async with sqlite_database.transaction() as uow:
        stored = await uow.figures.of_days([at("2026-11-28 12:00").date()])
    assert [(f.branch, f.value) for f in stored] == [("正阳营业所", 5.0)]
    assert "⚠️ 未报：" in _bulletin(group)
    assert "正阳营业所" in _bulletin(group).split("⚠️ 未报：")[1]


def _every_day(config: Config) -> Config:
    days = dataclasses.replace(config.report_days, days=DAILY)
    return dataclasses.replace(config, report_days=days)


@pytest.mark.live(start="2026-11-30 08:20", users={MANAGER: "王总"}, config=_every_day)
async def test_where_every_day_is_a_report_day_mondays_reports_are_sundays(
    group: LiveGroup,
) -> None:
    replies = await _report_the_morning(group)
    group.clock.time = at("2026-11-30 08:30")
    await group.run_job(f"morning@{CHAT}")

    assert replies[2] == "✅ 四明营业所 11月29日 已记录：储蓄 12万元"
    assert _bulletin(group).startswith("📊 <b>晨报｜11月29日（周日）")


@pytest.mark.live(start="2026-11-02 08:20", users={MANAGER: "王总"}, config=_every_day)
async def test_where_every_day_is_a_report_day_the_monthly_still_covers_the_month_before(
    group: LiveGroup,
) -> None:
    group.clock.time = at("2026-11-02 09:00")  # Monday: 1 November was a Sunday

    await group.run_job(f"monthly@{CHAT}")

    [summary] = [text for text in group.bot_texts() if text.startswith("📊 <b>月报")]
    assert summary.splitlines()[0] == "📊 <b>月报｜2026年10月</b>（截至10月31日）"


@pytest.mark.live(start="2026-11-30 08:20", users={MANAGER: "王总"}, config=_every_day)
async def test_where_every_day_is_a_report_day_the_weekly_counts_all_seven(
    group: LiveGroup,
) -> None:
    assert "📝 <b>上报情况</b>（7 天）" in (await _mondays_weekly(group)).splitlines()
