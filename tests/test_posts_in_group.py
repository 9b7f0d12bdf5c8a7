"""Scheduled posts over the fake server, with the script's clock: once, on working days."""

from __future__ import annotations

import dataclasses
from datetime import time
from pathlib import Path

import pytest

from bot.config.settings import Config
from bot.demo.group import LiveGroup
from bot.demo.pictures import visit_photo
from bot.domain.catalogue import Branch
from tests.live import CHAT, SHANGHAI, at, live_group, without_photo_reminders

ZHENGYANG, JIANGJIA, DONGCHENG = 200005, 200001, 200002

pytestmark = pytest.mark.live(start="2026-07-28 08:00")


def _posts(group: LiveGroup, marker: str) -> list[str]:
    return [text for text in group.bot_texts() if marker in text]


async def test_each_post_is_a_daily_job_at_its_local_time(group: LiveGroup) -> None:
    assert group.app.job_queue is not None
    times = {
        job.name: job.next_t.astimezone(SHANGHAI).time()
        for job in group.app.job_queue.jobs()
        if job.next_t is not None and job.name not in ("backup", "heartbeat")
    }

    assert times == {
        f"morning@{CHAT}": time(8, 30),
        f"reminder@{CHAT}": time(10, 0),
        f"weekly@{CHAT}": time(9, 0),
        f"monthly@{CHAT}": time(9, 0),
        f"pk@{CHAT}": time(17, 30),
    }


async def test_the_morning_job_posts_the_bulletin_once_per_day(group: LiveGroup) -> None:
    await group.say(ZHENGYANG, "储蓄35万")
    group.clock.time = at("2026-07-28 08:30")

    await group.run_job(f"morning@{CHAT}")
    await group.run_job(f"morning@{CHAT}")

    [bulletin] = _posts(group, "📊")
    assert "🥇 <b>正阳营业所</b> 35分" in bulletin
    assert group.api.bot_messages()[-1]["parse_mode"] == "HTML"


async def test_no_post_is_made_on_a_holiday(group: LiveGroup) -> None:
    group.clock.time = at("2026-10-01 08:30")

    await group.run_job(f"morning@{CHAT}")

    assert group.bot_texts() == []


async def test_the_reminder_names_exactly_the_missing_branches_and_mentions_their_heads(
    group: LiveGroup,
) -> None:
    for head in (ZHENGYANG, JIANGJIA, DONGCHENG):
        await group.say(head, "储蓄1万")
    group.clock.time = at("2026-07-28 10:00")

    await group.run_job(f"reminder@{CHAT}")

    [reminder] = _posts(group, "还没报")
    assert reminder.splitlines()[1:4] == [
        '• 利民城营业所 <a href="tg://user?id=200003">利所长</a>',
        '• 四明营业所 <a href="tg://user?id=200004">四所长</a>',
        '• 西环路营业所 <a href="tg://user?id=200006">西所长</a>',
    ]


async def test_no_reminder_is_posted_when_every_branch_has_reported_and_sent_photos(
    group: LiveGroup,
) -> None:
    for seed, head in enumerate((200001, 200002, 200003, 200004, 200005, 200006)):
        await group.say(head, "储蓄1万")
        await group.send_photos(head, [visit_photo(seed)], "7月27日 走访照片")
    replies = len(group.bot_texts())
    group.clock.time = at("2026-07-28 10:00")

    await group.run_job(f"reminder@{CHAT}")

    assert len(group.bot_texts()) == replies


@pytest.mark.live(start="2026-07-28 08:00", config=without_photo_reminders)
async def test_with_photo_reminders_off_a_reported_day_needs_no_reminder(
    group: LiveGroup,
) -> None:
    for head in (200001, 200002, 200003, 200004, 200005, 200006):
        await group.say(head, "储蓄1万")
    replies = len(group.bot_texts())
    group.clock.time = at("2026-07-28 10:00")
    await group.run_job(f"reminder@{CHAT}")

    assert len(group.bot_texts()) == replies


async def test_a_restart_after_the_post_time_posts_it_once_and_a_second_restart_nothing(
    example_config: Config, tmp_path: Path
) -> None:
    async with live_group(example_config, tmp_path, "2026-07-28 08:00") as first:
        await first.say(ZHENGYANG, "储蓄35万")

    async with live_group(example_config, tmp_path, "2026-07-28 09:00") as second:
        assert len(_posts(second, "📊")) == 1

    async with live_group(example_config, tmp_path, "2026-07-28 09:10") as third:
        assert _posts(third, "📊") == []


async def test_a_restart_past_the_grace_window_does_not_post_late(
    example_config: Config, tmp_path: Path
) -> None:
    async with live_group(example_config, tmp_path, "2026-07-28 11:00") as late:
        assert _posts(late, "📊") == []


async def test_schedule_lists_each_post_with_its_next_run(group: LiveGroup) -> None:
    message = await group.say(ZHENGYANG, "/schedule", date=at("2026-09-30 09:00"))

    assert group.replies_to(message["message_id"])[0]["text"].splitlines() == [
        "🗓 本群定时消息：",
        "• 晨报 08:30（工作日）下次：10月8日（周四） 08:30",
        "• 催报 10:00（工作日）下次：9月30日（周三） 10:00",
        "• 周报 09:00（每周第一个工作日）下次：10月8日（周四） 09:00",
        "• 月报 09:00（每月第一个工作日）下次：10月8日（周四） 09:00",
        "• PK赛战况 17:30（工作日）下次：9月30日（周三） 17:30",
        "停机错过的消息，在 120 分钟内补发一次",
    ]


async def test_a_manager_posts_the_bulletin_again_marked_as_a_repeat(group: LiveGroup) -> None:
    await group.say(ZHENGYANG, "储蓄35万")
    group.clock.time = at("2026-07-28 08:30")
    await group.run_job(f"morning@{CHAT}")
    group.add_user(100001, "王总")

    await group.say(100001, "/post morning")

    bulletins = _posts(group, "📊")
    assert len(bulletins) == 2
    assert "（补发）" in bulletins[1]


async def test_only_managers_may_post_by_hand(group: LiveGroup) -> None:
    message = await group.say(ZHENGYANG, "/post morning")

    assert group.replies_to(message["message_id"])[0]["text"] == "只有管理员可以手动发送定时消息"


async def test_a_figure_after_the_bulletin_is_late_and_named_once_in_the_next_bulletin(
    group: LiveGroup,
) -> None:
    await group.say(ZHENGYANG, "储蓄35万")
    group.clock.time = at("2026-07-28 08:30")
    await group.run_job(f"morning@{CHAT}")
    first = _posts(group, "📊")[0]

    group.clock.time = at("2026-07-28 09:00")
    late = await group.say(JIANGJIA, "储蓄20万")
    for day in ("2026-07-29", "2026-07-30"):
        group.clock.time = at(f"{day} 08:30")
        await group.run_job(f"morning@{CHAT}")

    assert group.replies_to(late["message_id"])[0]["text"].startswith(
        "📝 姜家营业所 7月27日 已补报：储蓄 20万元"
    )
    bulletins = _posts(group, "📊")
    assert bulletins[0] == first
    assert "🥇" in first
    assert "姜家" not in first.split("未报")[0]
    assert "📝 补报：姜家营业所 7月27日 储蓄20万元" in bulletins[1]
    assert "补报" not in bulletins[2]


async def test_a_bulletin_whose_send_fails_is_retried_and_posted_once(
    group: LiveGroup,
) -> None:
    await group.say(ZHENGYANG, "储蓄35万")
    group.clock.time = at("2026-07-28 08:30")
    group.api.fail_next("sendMessage", times=2)

    await group.run_job(f"morning@{CHAT}")
    await group.delivered()

    assert len(_posts(group, "📊")) == 1
    sends = [method for method, _ in group.api.requests if method == "sendMessage"]
    assert len(sends) == 1 + 3  # the report's reply, two failures, the bulletin


async def test_a_bulletin_refused_for_good_is_made_by_a_later_run(group: LiveGroup) -> None:
    await group.say(ZHENGYANG, "储蓄35万")
    group.clock.time = at("2026-07-28 08:30")
    group.api.fail_next("sendMessage", error_code=400, description="Bad Request: not enough rights")
    await group.run_job(f"morning@{CHAT}")
    assert _posts(group, "📊") == []

    group.clock.time = at("2026-07-28 08:40")
    await group.run_job(f"morning@{CHAT}")

    assert len(_posts(group, "📊")) == 1


async def test_mondays_bulletin_ranks_the_previous_working_day(group: LiveGroup) -> None:
    group.clock.time = at("2026-07-25 09:00")
    await group.say(ZHENGYANG, "7月24日 储蓄35万")
    group.clock.time = at("2026-07-27 08:30")

    await group.run_job(f"morning@{CHAT}")

    [bulletin] = _posts(group, "📊")
    assert bulletin.startswith("📊 <b>晨报｜7月24日（周五）")
    assert "🥇 <b>正阳营业所</b> 35分" in bulletin


def _three_hundred_branches(config: Config) -> Config:
    branches = tuple(Branch(f"网点{i:03}营业所", f"网点{i:03}") for i in range(1, 301))
    catalogue = dataclasses.replace(config.catalogue, branches=branches)
    return dataclasses.replace(config, catalogue=catalogue, members=())


@pytest.mark.live(start="2026-07-28 10:00", config=_three_hundred_branches)
async def test_a_reminder_for_three_hundred_branches_is_split_to_fit_telegram(
    group: LiveGroup,
) -> None:
    await group.run_job(f"reminder@{CHAT}")

    reminder = group.bot_texts()
    assert len(reminder) > 1
    assert all(len(text) <= 4096 for text in reminder)
    lines = [line for text in reminder for line in text.splitlines()]
    assert len([line for line in lines if line.startswith("• 网点")]) == 300
    assert lines[-1] == "请尽快在群里上报，谢谢！"
