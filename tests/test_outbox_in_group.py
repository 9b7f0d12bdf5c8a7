"""The outbox under the running bot: every answer is queued with what it reports and sent
from there, once, through Telegram's refusals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.chat import outbox
from bot.config.settings import Config
from bot.demo.group import LiveGroup
from tests.confirmations import confirmations
from tests.live import live_group

HEADS = (200001, 200002, 200003, 200004, 200005, 200006)
ZHENG = 200005

pytestmark = pytest.mark.live(start="2026-12-01 08:00")


def _burst(group: LiveGroup, count: int) -> dict[int, int]:
    """`count` reports from the six heads, each stating a 储蓄 of its own: message id →
    the figure."""
    sent = {}
    for n in range(count):
        user = group.users[HEADS[n % len(HEADS)]]
        message = group.api.send_text(group.chat_id, user, f"储蓄{n + 1}万")
        sent[message["message_id"]] = n + 1
    return sent


def _states(folder: Path) -> dict[str, int]:
    with sqlite3.connect(folder / "zhanbao.db") as db:
        rows = db.execute("SELECT state, count(*) FROM outbox_messages GROUP BY state")
        return dict(rows.fetchall())


async def test_a_confirmation_is_sent_from_the_outbox_as_a_reply(
    group: LiveGroup, tmp_path: Path
) -> None:
    report = await group.say(ZHENG, "储蓄35万")

    [reply] = group.replies_to(report["message_id"])
    assert reply["text"] == "✅ 正阳营业所 11月30日 已记录：储蓄 35万元"
    assert _states(tmp_path) == {"sent": 1}


async def test_with_a_fifth_of_sends_refused_every_report_is_confirmed_exactly_once(
    group: LiveGroup, tmp_path: Path
) -> None:
    """Half the refusals are 429s naming a second's wait, half are 500s."""
    group.api.fail_at_random("sendMessage", rate=0.2, seed=11)

    reports = _burst(group, 40)
    await group.delivered()

    assert set(confirmations(group.api.bot_messages(group.chat_id), reports).values()) == {1}
    assert set(_states(tmp_path)) == {"sent"}


async def test_a_message_telegram_refuses_for_good_is_given_up_and_the_next_sent(
    group: LiveGroup, tmp_path: Path
) -> None:
    group.api.fail_next("sendMessage", error_code=400, description="Bad Request: not enough rights")

    first = await group.say(ZHENG, "储蓄35万")
    second = await group.say(ZHENG, "保险3万")

    assert group.replies_to(first["message_id"]) == []
    assert len(group.replies_to(second["message_id"])) == 1
    assert _states(tmp_path) == {"failed": 1, "sent": 1}


async def test_a_reply_whose_report_was_deleted_is_sent_without_the_reply(
    group: LiveGroup,
) -> None:
    report = group.api.send_text(group.chat_id, group.users[ZHENG], "储蓄35万")
    group.api.slow_down("sendMessage", 0.3)
    await group.api.wait_for_requests("sendMessage")
    # The head deletes it while its confirmation is on the way.
    group.api.forget_message(group.api.chat(group.chat_id), report["message_id"])
    await group.settle()

    [answer] = group.api.bot_messages(group.chat_id)
    assert (answer["reply_to_message_id"], answer["text"]) == (
        None,
        "✅ 正阳营业所 11月30日 已记录：储蓄 35万元",
    )


async def test_a_confirmation_telegram_takes_while_the_bot_stops_is_recorded_sent(
    example_config: Config, tmp_path: Path
) -> None:
    """Not left as being sent, which the next start would count uncertain."""
    async with live_group(example_config, tmp_path, "2026-12-01 08:00") as group:
        group.add_user(ZHENG, "正所长")
        group.api.slow_down("sendMessage", 0.5)
        group.api.send_text(group.chat_id, group.users[ZHENG], "储蓄35万")
        await group.api.wait_for_requests("sendMessage")

    assert _states(tmp_path) == {"sent": 1}


async def test_a_stop_asked_between_two_turns_starts_no_new_send(
    example_config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An answer queued while the sender waits out its gap between turns stays queued for
    the next start: a turn begun during a stop could outlive the stop's grace."""
    monkeypatch.setattr(outbox, "NOTIFIED_GAP", 2.0)  # under STOP_GRACE, so the turn would come
    async with live_group(example_config, tmp_path, "2026-12-01 08:00") as group:
        group.add_user(ZHENG, "正所长")
        group.api.slow_down("sendMessage", 0.5)
        group.api.send_text(group.chat_id, group.users[ZHENG], "储蓄35万")
        await group.api.wait_for_requests("sendMessage")
        private = group.api.add_group(ZHENG, "", type="private")
        group.api.send_text(private, group.users[ZHENG], "/start")
        await group.handled()

    assert _states(tmp_path) == {"sent": 1, "pending": 1}
    assert group.api.bot_messages(private.id) == []


async def test_a_send_that_times_out_is_uncertain_and_never_sent_again(
    group: LiveGroup, tmp_path: Path
) -> None:
    """Telegram answers after python-telegram-bot's 5 s read timeout: the reply did arrive,
    and sending it again would double it."""
    group.api.slow_down("sendMessage", 6)
    mark = group.api.mark()

    report = await group.say(ZHENG, "储蓄35万")
    group.api.slow_down("sendMessage", 0)
    await group.api.wait_for_bot_messages(since=mark, chat_id=group.chat_id, timeout=10)
    await group.say(ZHENG, "保险3万")

    assert _states(tmp_path) == {"uncertain": 1, "sent": 1}
    assert len(group.replies_to(report["message_id"])) == 1
