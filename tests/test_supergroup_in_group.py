"""A group that becomes a supergroup mid-day keeps its bot: Telegram gives it a new id,
and the bot serves it there with everything it had, a database locked meanwhile too."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.chat import doctor
from bot.config.settings import Config
from bot.demo.group import LiveGroup
from tests.live import at, live_group
from tests.locked import LockedAtFirst

GROUP, SUPERGROUP = -4012345678, -1004012345678
MANAGER = 100001
ZHENGYANG, JIANGJIA = 200005, 200001
JULY_PK = "/pk new 7月储蓄PK 7/27-7/31 储蓄 正阳:姜家"


def in_a_basic_group(config: Config) -> Config:
    """The example configuration, its chat a basic group (ids without -100)."""
    chat = dataclasses.replace(config.chats[0], id=GROUP)
    return dataclasses.replace(config, chats=(chat, *config.chats[1:]))


pytestmark = pytest.mark.live(
    start="2026-07-28 08:00", users={MANAGER: "王总"}, config=in_a_basic_group
)


async def _upgrade(group: LiveGroup) -> None:
    """An admin makes the group a supergroup; the script goes on in the new one."""
    group.api.upgrade_group(GROUP, SUPERGROUP, by_user=MANAGER)
    await group.settle()
    group.chat_id = SUPERGROUP


def _reply(group: LiveGroup, message: dict[str, object]) -> str:
    [reply] = group.replies_to(int(message["message_id"]))  # type: ignore[call-overload]
    return reply["text"] or ""


def _bulletins(group: LiveGroup, chat_id: int) -> list[str]:
    texts = [m["text"] or "" for m in group.api.bot_messages(chat_id)]
    return [text for text in texts if text.startswith("📊 <b>晨报")]


async def test_a_report_in_the_new_supergroup_is_stored_and_answered_there(
    group: LiveGroup,
) -> None:
    await _upgrade(group)

    message = await group.say(ZHENGYANG, "储蓄35万")

    assert _reply(group, message).startswith("✅ 正阳营业所 7月27日")


async def test_today_in_the_supergroup_shows_what_was_reported_in_the_group(
    group: LiveGroup,
) -> None:
    await group.say(ZHENGYANG, "储蓄35万")
    await _upgrade(group)

    message = await group.say(ZHENGYANG, "/today")

    assert _reply(group, message).startswith("📋 正阳营业所 7月27日 已报：储蓄 35万元")


async def test_the_bulletin_after_the_move_goes_to_the_supergroup(group: LiveGroup) -> None:
    await group.say(ZHENGYANG, "储蓄35万")
    await _upgrade(group)
    group.clock.time = at("2026-07-28 08:30")

    await group.run_job(f"morning@{GROUP}")

    assert (len(_bulletins(group, SUPERGROUP)), _bulletins(group, GROUP)) == (1, [])
    assert "正阳营业所" in _bulletins(group, SUPERGROUP)[0]


async def test_a_contest_and_a_target_set_in_the_group_carry_over(group: LiveGroup) -> None:
    await group.say(MANAGER, JULY_PK)
    await group.say(MANAGER, "/target 正阳 积分 400 月")
    await group.say(ZHENGYANG, "储蓄35万")
    await _upgrade(group)

    await group.say(ZHENGYANG, "/pk")
    progress = await group.say(ZHENGYANG, "/progress")

    assert any("7月储蓄PK" in text for text in group.bot_texts())  # the supergroup's
    assert "400" in _reply(group, progress)


async def test_a_send_refused_because_the_group_moved_goes_to_the_new_id(
    group: LiveGroup,
) -> None:
    """The bot never heard of the move (it was down): Telegram's refusal names the new id."""
    await group.say(ZHENGYANG, "储蓄35万")
    group.api.add_group(SUPERGROUP, "城区营业所管理群")
    group.api.chats[GROUP].migrated_to = SUPERGROUP
    group.clock.time = at("2026-07-28 08:30")

    await group.run_job(f"morning@{GROUP}")
    await group.delivered()

    assert len(_bulletins(group, SUPERGROUP)) == 1


async def test_a_restarted_bot_still_serves_the_supergroup(
    example_config: Config, tmp_path: Path
) -> None:
    config = in_a_basic_group(example_config)
    async with live_group(config, tmp_path, "2026-07-28 08:00") as first:
        first.add_user(MANAGER, "王总")
        await _upgrade(first)
        seen = len(first.api.injected_updates)

    async with live_group(config, tmp_path, "2026-07-28 09:00") as second:
        second.api.updates.number_after(seen)
        second.api.add_group(SUPERGROUP, "城区营业所管理群")
        second.chat_id = SUPERGROUP
        message = await second.say(ZHENGYANG, "储蓄35万")

        assert _reply(second, message).startswith("✅ 正阳营业所 7月27日")


async def test_doctor_says_which_id_to_put_in_the_config(group: LiveGroup) -> None:
    await _upgrade(group)
    services = group.app.bot_data.services
    assert services is not None

    findings = await doctor.examine(group.app.bot, services)

    moved = [f.text for f in findings if not f.ok and str(SUPERGROUP) in f.text]
    assert moved == [
        f"⚠️ 群 {GROUP} 已升级为超级群 {SUPERGROUP}：机器人照常服务，"
        f"请把配置里的 id 改为 {SUPERGROUP}"
    ]


async def test_a_move_met_by_a_locked_database_is_kept_once_it_is_free(
    group: LiveGroup, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    roster = group.app.bot_data.services.roster
    # Both service messages (of the old chat and of the new) meet the lock.
    monkeypatch.setattr(roster, "moved", LockedAtFirst(roster.moved, tmp_path, times=2))
    await _upgrade(group)
    message = await group.say(ZHENGYANG, "储蓄35万")

    assert SUPERGROUP not in group.app.bot_data.left_chats
    assert _reply(group, message).startswith("✅ 正阳营业所")
