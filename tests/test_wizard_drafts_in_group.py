"""The `/pk new` wizard over the fake server, its drafts in the database: a half-made
contest outlives a restart of the bot, and a step is answered once however often its
button is pressed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import pytest

from bot.config.settings import Config
from bot.demo.group import LiveGroup
from bot.fake_telegram import BotMessage
from tests.live import CHAT, at, live_group

MANAGER = 100001
START = "2026-06-29 09:00"
EXPIRED = "这个创建步骤已失效，请重新发送 /pk new"

pytestmark = pytest.mark.live(start=START, users={MANAGER: "王总"})


@asynccontextmanager
async def _restarted(before: LiveGroup, config: Config, folder: Path) -> AsyncIterator[LiveGroup]:
    """A new bot on the database `before` left, in the same group of the same Telegram:
    only the bot restarted, the group and its messages (buttons and all) are still there."""
    after = live_group(config, folder, START)
    after.api, after.clock = before.api, before.clock
    async with AsyncExitStack() as stack:
        with pytest.MonkeyPatch.context() as patch:
            # Entering adds the group; it is still there, messages and all: keep it.
            chats = after.api.chats
            patch.setattr(after.api, "add_group", lambda chat_id, *_, **__: chats[chat_id])
            await stack.enter_async_context(after)
        after.users.update(before.users)
        yield after


async def _press(group: LiveGroup, message: BotMessage, label: str) -> None:
    keyboard = message["reply_markup"]["inline_keyboard"]
    [data] = [b["callback_data"] for row in keyboard for b in row if b["text"] == label]
    group.api.press_button(CHAT, group.users[MANAGER], message["message_id"], data)
    await group.settle()


def _last_asked(group: LiveGroup) -> BotMessage:
    return group.api.bot_messages(CHAT)[-1]


async def test_a_contest_half_made_before_a_restart_is_finished_after_it(
    example_config: Config, tmp_path: Path
) -> None:
    async with live_group(example_config, tmp_path, START) as first:
        first.add_user(MANAGER, "王总")
        start = await first.say(MANAGER, "/pk new")
        [ask_name] = first.replies_to(int(start["message_id"]))
        named = await first.say(MANAGER, "重启 PK", reply_to=ask_name["message_id"])
        [ask_period] = first.replies_to(int(named["message_id"]))

    async with _restarted(first, example_config, tmp_path) as second:
        second.clock.time = at("2026-06-29 09:10")
        await _press(second, ask_period, "本月")
        await _press(second, _last_asked(second), "储蓄")
        ask_sides = _last_asked(second)
        sides = await second.say(MANAGER, "正阳:姜家", reply_to=ask_sides["message_id"])
        [ask_reward] = second.replies_to(int(sides["message_id"]))
        await _press(second, ask_reward, "无奖励")
        confirm = _last_asked(second)
        assert confirm["text"] == "请确认：\n重启PK 本月 储蓄 正阳:姜家"
        await _press(second, confirm, "✅ 创建")

        assert second.bot_texts()[-1].splitlines()[0] == "✅ PK赛已创建：<b>重启PK</b>（#1）"


async def test_a_step_pressed_twice_at_once_is_answered_once(group: LiveGroup) -> None:
    start = await group.say(MANAGER, "/pk new")
    [ask_name] = group.replies_to(int(start["message_id"]))
    named = await group.say(MANAGER, "双击PK", reply_to=ask_name["message_id"])
    [ask_period] = group.replies_to(int(named["message_id"]))
    keyboard = ask_period["reply_markup"]["inline_keyboard"]
    [data] = [b["callback_data"] for row in keyboard for b in row if b["text"] == "本月"]

    for _ in range(2):  # the second press comes before the first is answered
        group.api.press_button(CHAT, group.users[MANAGER], ask_period["message_id"], data)
    await group.settle()

    asked = [m["text"] or "" for m in group.api.bot_messages(CHAT)[-1:]]
    assert asked == ["🧮（3/5）计分方式：选一个，或回复本消息写指标，如 储蓄,保险"]
    assert [a.get("text") for a in group.api.answered_callbacks] == [None, EXPIRED]


async def test_a_reply_to_a_step_already_answered_is_read_as_any_other_message(
    group: LiveGroup,
) -> None:
    start = await group.say(MANAGER, "/pk new")
    [ask_name] = group.replies_to(int(start["message_id"]))
    await group.say(MANAGER, "七月PK", reply_to=ask_name["message_id"])

    await group.say(MANAGER, "八月PK", reply_to=ask_name["message_id"])

    asked = [text for text in group.bot_texts() if text.startswith("📅（2/5）比赛时间")]
    assert len(asked) == 1
