"""Reading back which reports the bot confirmed: a reply of its own, or a line of a merged
confirmation (`✅ 已记录 6 条：`), found by the figure each report states."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime

from bot.fake_telegram import BotMessage

MERGED = re.compile(r"^✅ 已记录 (\d+) 条：")
SAVINGS = re.compile(r"储蓄 (?:[\d.]+→)?(\d+)万元")


def confirmations(sent: Iterable[BotMessage], reports: Mapping[int, int]) -> Counter[int]:
    """How often each report (message id → the 储蓄 it states, unique to it) was confirmed."""
    counted: Counter[int] = Counter(dict.fromkeys(reports, 0))
    counted.update(report for report, _ in _confirming(sent, reports))
    return counted


def confirmed_at(sent: Iterable[BotMessage], reports: Mapping[int, int]) -> dict[int, datetime]:
    """When each confirmed report was first confirmed."""
    first: dict[int, datetime] = {}
    for report, message in _confirming(sent, reports):
        first.setdefault(report, message["date"])
    return first


def _confirming(
    sent: Iterable[BotMessage], reports: Mapping[int, int]
) -> Iterator[tuple[int, BotMessage]]:
    """(report, the message confirming it), for every confirmation sent."""
    by_value = {value: message_id for message_id, value in reports.items()}
    for message in sent:
        text = message["text"] or ""
        if message["reply_to_message_id"] in reports:
            yield message["reply_to_message_id"], message
        elif merged := MERGED.match(text):
            lines = text.splitlines()[1:]
            assert len(lines) == int(merged.group(1)), text
            for line in lines:
                found = SAVINGS.search(line)
                assert found is not None, line
                yield by_value[int(found.group(1))], message


def merged_messages(sent: Iterable[BotMessage]) -> list[BotMessage]:
    return [message for message in sent if MERGED.match(message["text"] or "")]
