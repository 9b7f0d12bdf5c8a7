"""The managers are told what no group shows, once each: a post that could not be sent,
posts caught up on or missed after the bot was down, sends that keep failing, a photo
store that refuses."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from bot.config.settings import Config
from bot.config.telegram import TelegramLimits
from bot.demo.group import Clock, LiveGroup
from bot.demo.pictures import visit_photo
from tests.live import CHAT, at, live_group

ALERTS = -1009999000
MANAGER = 100001
ZHENGYANG = 200005
REFUSED = {"error_code": 400, "description": "Bad Request: not enough rights"}


def with_alert_chat(config: Config) -> Config:
    return dataclasses.replace(config, alert_chat=ALERTS)


pytestmark = pytest.mark.live(start="2026-07-28 08:00", config=with_alert_chat)


def _alerts(group: LiveGroup, chat_id: int = ALERTS) -> list[str]:
    return [m["text"] or "" for m in group.api.bot_messages(chat_id)]


def _watched(config: Config, folder: Path, start: str) -> LiveGroup:
    """A live group whose fake Telegram has the managers' alert chat too."""
    group = live_group(with_alert_chat(config), folder, start)
    group.api.add_group(ALERTS, "管理层")
    return group


async def test_a_post_that_finally_fails_is_told_once(group: LiveGroup) -> None:
    group.api.add_group(ALERTS, "管理层")
    await group.say(ZHENGYANG, "储蓄35万")
    for moment in ("08:30", "08:40"):
        group.clock.time = at(f"2026-07-28 {moment}")
        group.api.fail_next("sendMessage", **REFUSED)
        await group.run_job(f"morning@{CHAT}")

    assert _alerts(group) == ["⚠️ 08:30 晨报未能发出：Not enough rights\n可用 /post 晨报 手动发送"]


async def test_a_start_after_the_bulletins_time_tells_it_was_caught_up(
    example_config: Config, tmp_path: Path
) -> None:
    async with _watched(example_config, tmp_path, "2026-07-28 07:10"):
        pass

    async with _watched(example_config, tmp_path, "2026-07-28 09:05") as second:
        assert _alerts(second) == ["08:30 晨报 补发：机器人 07:10—09:05 未运行"]


async def test_a_start_past_the_grace_tells_the_bulletin_was_missed(
    example_config: Config, tmp_path: Path
) -> None:
    async with _watched(example_config, tmp_path, "2026-07-28 07:10"):
        pass

    async with _watched(example_config, tmp_path, "2026-07-28 11:00") as second:
        assert _alerts(second) == [
            "⚠️ 08:30 晨报 未发：机器人 07:10—11:00 未运行，已过补发时限；可用 /post 晨报 手动发送",
            "10:00 催报 补发：机器人 07:10—11:00 未运行",
        ]


async def test_a_quick_restart_tells_nothing(example_config: Config, tmp_path: Path) -> None:
    async with _watched(example_config, tmp_path, "2026-07-28 08:29"):
        pass

    async with _watched(example_config, tmp_path, "2026-07-28 08:31") as second:
        assert _alerts(second) == []


async def test_without_an_alert_chat_a_manager_who_wrote_to_the_bot_is_told_in_private(
    example_config: Config, tmp_path: Path
) -> None:
    async with live_group(example_config, tmp_path, "2026-07-28 08:00") as group:
        group.add_user(MANAGER, "王总")
        group.api.add_group(MANAGER, "", type="private")  # a private chat's id is the user's
        group.api.send_text(MANAGER, group.users[MANAGER], "/start")
        await group.settle()
        group.clock.time = at("2026-07-28 08:30")
        group.api.fail_next("sendMessage", **REFUSED)
        await group.run_job(f"morning@{CHAT}")

        assert _alerts(group, MANAGER)[-1].startswith("⚠️ 08:30 晨报未能发出")


async def test_sends_to_a_group_that_keep_failing_are_told_once(
    tmp_path: Path, example_config: Config
) -> None:
    clock = Clock(at("2026-07-28 08:00"))
    group = LiveGroup(
        with_alert_chat(example_config),
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'zhanbao.db'}",
        clock=clock,
        photos=tmp_path / "photos",
        limits=TelegramLimits(group_messages_per_minute=0, messages_per_second=0),
        scripted_waits=True,
    )
    async with group:
        group.api.add_group(ALERTS, "管理层")
        group.api.fail_next("sendMessage", times=7)  # 502: Telegram is having a bad day
        await group.say(ZHENGYANG, "储蓄35万")
        for _ in range(12):
            clock.advance(seconds=60)
            await group.settle()

        assert _alerts(group) == [
            "⚠️ 发往「肇东市分公司业务群」的消息已连续 5 次失败（Bad Gateway），机器人仍在重试"
        ]
        assert group.bot_texts()[-1].startswith("✅")


async def test_a_photo_store_that_refuses_is_told_once_a_day(
    group: LiveGroup, tmp_path: Path
) -> None:
    group.api.add_group(ALERTS, "管理层")
    photos = tmp_path / "photos"
    shutil.rmtree(photos, ignore_errors=True)
    photos.write_bytes(b"")  # a file where the folder should be: every write fails

    await group.send_photos(ZHENGYANG, [visit_photo(1)], "走访照片")
    await group.send_photos(ZHENGYANG, [visit_photo(2)], "走访照片")

    [alert] = _alerts(group)
    assert alert.startswith("⚠️ 走访照片无法保存到")
