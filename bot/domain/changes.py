"""What storing a message's figures changes, worked out before anything is written.

A message owns the figures it stored. Storing it again (an edit, a redelivery)
must replace exactly those, leave other messages' figures alone unless it
names them, and never count anything twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TypeAlias

FigureKey: TypeAlias = tuple[str, date, str]
"""(branch name, day, metric key)."""


@dataclass(frozen=True, slots=True)
class Change:
    branch: str
    day: date
    metric: str
    old: float | None
    new: float | None

    @property
    def key(self) -> FigureKey:
        return (self.branch, self.day, self.metric)


def plan_changes(
    *,
    wanted: Mapping[FigureKey, float],
    current: Mapping[FigureKey, float],
    owned: frozenset[FigureKey],
) -> list[Change]:
    """The changes that make the store hold `wanted`, given its `current` values and
    the keys this message `owned` before: values it names are set, values it
    stored before and no longer names are removed, everything else is left alone."""
    changes = [
        Change(*key, old=current.get(key), new=value)
        for key, value in wanted.items()
        if current.get(key) != value
    ]
    changes.extend(
        Change(*key, old=current[key], new=None)
        for key in sorted(owned - wanted.keys())
        if key in current
    )
    return changes
