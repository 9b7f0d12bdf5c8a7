"""The morning rush in a 300-branch group, under Telegram's flood limit: a fake server
that refuses a group's 21st message in a minute, and a scripted clock that both it and the
bot read, so half an hour passes in seconds."""

from __future__ import annotations

import random
from collections import deque
from datetime import datetime, timedelta
from pathlib import Path

from bot.config.telegram import DEFAULT_GROUP_MESSAGES_PER_MINUTE, TelegramLimits
from bot.demo.group import Clock, LiveGroup
from bot.demo.network import FIRST_HEAD, network_config
from tests.confirmations import confirmations, confirmed_at, merged_messages
from tests.live import at

BRANCHES = 300
WINDOW = 30 * 60
"""Seconds over which the reports come in."""
GRACE = 60
"""Seconds within which every report must have been confirmed, the last one included."""


def _arrivals(count: int, seed: int) -> list[float]:
    """Seconds after 08:00 at which each report comes: most in the first ten minutes,
    up to 40 a minute at the peak, twice what Telegram lets through."""
    rng = random.Random(seed)
    return sorted(rng.betavariate(1.5, 5) * WINDOW for _ in range(count))


async def test_300_reports_in_half_an_hour_are_each_confirmed_within_a_minute(
    tmp_path: Path,
) -> None:
    config = network_config(tmp_path, BRANCHES)
    clock = Clock(at("2026-12-01 08:00"))
    limits = TelegramLimits(group_messages_per_minute=20, messages_per_second=30)
    group = LiveGroup(
        config,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'zhanbao.db'}",
        clock=clock,
        photos=tmp_path / "photos",
        limits=limits,
        scripted_waits=True,
    )
    async with group:
        group.api.limit_groups(DEFAULT_GROUP_MESSAGES_PER_MINUTE)
        due = deque(enumerate(_arrivals(BRANCHES, seed=8)))
        reports: dict[int, int] = {}
        sent_at: dict[int, datetime] = {}
        for second in range(WINDOW + GRACE + 1):
            while due and due[0][1] <= second:
                n, _ = due.popleft()
                head = group.users[FIRST_HEAD + n]
                message = group.api.send_text(group.chat_id, head, f"储蓄{n + 1}万")
                reports[message["message_id"]] = n + 1
                sent_at[message["message_id"]] = clock()
            await group.settle()
            clock.advance(seconds=1)
        answers = group.api.bot_messages(group.chat_id)

    assert set(confirmations(answers, reports).values()) == {1}
    confirmed = confirmed_at(answers, reports)
    delays = [confirmed[report] - sent_at[report] for report in reports]
    assert max(delays) <= timedelta(seconds=GRACE)
    assert group.api.faults.refused_floods == 0
    assert merged_messages(answers), "past 20 a minute, confirmations must be merged"
    assert len(answers) < len(reports)
