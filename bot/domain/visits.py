"""Visit photos as evidence: the day a photo is for, which photos are old, who sent none.

A visit is photographed as it happens, so a photo is for the day it is sent, unless its
caption names another day (7月27日 走访) for photos posted late.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar

from bot.domain import dates
from bot.domain.catalogue import Branch

T = TypeVar("T")
_HEAD_DATE = re.compile(r"[\s【\[(（]*(?:" + dates.DATE + ")")


def photo_day(caption: str, sent_day: date, branches: Sequence[Branch] = ()) -> date:
    """The day a caption starts with (7月26日 走访照片, or after its branch: 正阳 7月26日),
    if real and not yet to come, else the day it was sent. Only at its head: further on,
    幸福小区5号 names a place."""
    head = caption.lstrip(" 【[(（")
    spellings = sorted((s for b in branches for s in b.spellings), key=len, reverse=True)
    if branch := next((s for s in spellings if head.startswith(s)), None):
        head = head.removeprefix(branch).lstrip(" 】])）:：")
    match = _HEAD_DATE.match(head)
    day = dates.resolve(match, sent_day) if match else None
    return day if day is not None and day <= sent_day else sent_day


def is_stale(taken_at: datetime | None, day: date, stale_days: int) -> bool:
    """Taken more than `stale_days` before the day it is shown for: last month's visit
    posted again as today's. Most photos carry no capture time and are never stale."""
    return taken_at is not None and taken_at.date() < day - timedelta(days=stale_days)


@dataclass(frozen=True, slots=True)
class PhotoTally:
    """Photos per branch per day, over some days."""

    days: tuple[date, ...]
    counts: dict[tuple[str, date], int]

    def of(self, branch: str, day: date) -> int:
        return self.counts.get((branch, day), 0)

    def total(self, branch: str) -> int:
        return sum(self.of(branch, day) for day in self.days)

    def days_without(self, branch: str, workdays: Iterable[date]) -> int:
        return sum(1 for day in workdays if not self.of(branch, day))


def tally(photos: Iterable[tuple[str, date]], days: Sequence[date]) -> PhotoTally:
    return PhotoTally(tuple(days), dict(Counter(photos)))


def spread(photos: Sequence[T], group: Callable[[T], Hashable]) -> list[T]:
    """Every group's first photo before any group's second, each round in the given order: a
    sheet with room for 90 of a week's 3,000 photos shows 90 branch-days, not 30 three times."""
    seen: Counter[Hashable] = Counter()
    ranked = []
    for index, photo in enumerate(photos):
        key = group(photo)
        ranked.append((seen[key], index, photo))
        seen[key] += 1
    return [photo for *_, photo in sorted(ranked, key=lambda item: item[:2])]


def named_branch(caption: str, branches: Sequence[Branch]) -> Branch | None:
    """The branch a caption names first (正阳 走访照片), by any of its spellings."""
    found = [
        (position, -len(spelling), branch)
        for branch in branches
        for spelling in branch.spellings
        if (position := caption.find(spelling)) >= 0
    ]
    return min(found, key=lambda item: item[:2])[2] if found else None
