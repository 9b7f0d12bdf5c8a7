"""The weekly summary over the fake server: posted once a week, with its charts as one album."""

from __future__ import annotations

import struct

import pytest

from bot.demo.group import LiveGroup
from bot.fake_telegram import BotMessage
from tests.live import CHAT, at

MANAGER = 100001
ZHENGYANG, JIANGJIA = 200005, 200001

pytestmark = [
    pytest.mark.live(start="2026-09-22 08:00", users={MANAGER: "王总"}),
    pytest.mark.usefixtures("a_week_of_reports"),
]


@pytest.fixture
async def a_week_of_reports(group: LiveGroup) -> None:
    """A week of two reports and one target in the group: 21 and 22 September 2026."""
    await group.say(MANAGER, "/target 正阳 积分 400 月")
    await group.say(ZHENGYANG, "储蓄35万 保险2万")
    group.clock.time = at("2026-09-23 08:00")
    await group.say(JIANGJIA, "储蓄20万")


def _summaries(group: LiveGroup) -> list[BotMessage]:
    return [m for m in group.api.bot_messages(CHAT) if (m["text"] or "").startswith("📊 <b>周报")]


def _album(group: LiveGroup) -> list[BotMessage]:
    return [m for m in group.api.bot_messages(CHAT) if m["photos"]]


async def test_the_weekly_summary_is_posted_on_monday_with_three_charts(group: LiveGroup) -> None:
    group.clock.time = at("2026-09-28 08:00")

    await group.run_job(f"weekly@{CHAT}")

    [summary] = _summaries(group)
    assert (summary["text"] or "").splitlines()[
        0
    ] == "📊 <b>周报｜9月21日—9月27日</b>（截至9月27日）"
    album = _album(group)
    assert len(album) == 3
    assert album[0]["caption"] == "📈 9月21日—9月27日 图表"
    assert len({m["message"]["media_group_id"] for m in album}) == 1


async def test_the_charts_sent_are_phone_portrait_pngs(group: LiveGroup) -> None:
    group.clock.time = at("2026-09-28 08:00")

    await group.run_job(f"weekly@{CHAT}")

    for message in _album(group):
        png = group.api.file_bytes(message["photos"][-1])
        assert png.startswith(b"\x89PNG")
        assert struct.unpack(">II", png[16:24]) == (1080, 1440)


async def test_the_weekly_summary_is_posted_once_per_week(group: LiveGroup) -> None:
    group.clock.time = at("2026-09-28 08:00")
    await group.run_job(f"weekly@{CHAT}")
    group.clock.time = at("2026-09-28 08:05")
    await group.run_job(f"weekly@{CHAT}")
    group.clock.time = at("2026-09-29 08:00")
    await group.run_job(f"weekly@{CHAT}")

    assert len(_summaries(group)) == 1
    assert len(_album(group)) == 3


async def test_chart_week_posts_the_summary_on_demand_without_a_repeat_mark(
    group: LiveGroup,
) -> None:
    group.clock.time = at("2026-09-28 10:00")

    await group.say(MANAGER, "/chart week")

    [summary] = _summaries(group)
    assert "补发" not in (summary["text"] or "")
    assert len(_album(group)) == 3


async def test_chart_without_a_period_says_how_to_use_it(group: LiveGroup) -> None:
    message = await group.say(MANAGER, "/chart")

    [reply] = group.replies_to(message["message_id"])
    assert reply["text"] == "用法：/chart week（周）或 /chart month（月）"


async def test_only_managers_post_the_charts_on_demand(group: LiveGroup) -> None:
    message = await group.say(ZHENGYANG, "/chart week")

    [reply] = group.replies_to(message["message_id"])
    assert reply["text"] == "只有管理员可以手动发送定时消息"
    assert _album(group) == []


def _monthly(group: LiveGroup) -> list[str]:
    return [text for text in group.bot_texts() if text.startswith("📊 <b>月报")]


async def test_the_monthly_summary_on_the_months_first_working_day_covers_the_month_before(
    group: LiveGroup,
) -> None:
    group.clock.time = at("2026-10-08 09:00")  # National Day over: October's first

    await group.run_job(f"monthly@{CHAT}")

    [summary] = _monthly(group)
    assert summary.splitlines()[0] == "📊 <b>月报｜2026年9月</b>（截至9月30日）"
    assert "🥇正阳营业所 41分 🥈姜家营业所 20分" in summary


async def test_no_monthly_summary_is_posted_on_the_months_last_working_day_by_default(
    group: LiveGroup,
) -> None:
    group.clock.time = at("2026-09-30 09:00")

    await group.run_job(f"monthly@{CHAT}")

    assert _monthly(group) == []


async def test_a_week_asked_for_midweek_has_no_photo_columns_after_its_last_day(
    group: LiveGroup,
) -> None:
    group.clock.time = at("2026-09-24 10:00")  # Thursday: the week so far ends Wednesday

    await group.say(MANAGER, "/chart week")

    [table] = [text for text in group.bot_texts() if text.startswith("📷 <b>走访照片</b>")]
    assert table.splitlines()[0] == "📷 <b>走访照片</b>（张，9.21/9.22/9.23）"
