"""What storing a message's figures changes: the figure is its latest live statement.

Every message (and each edited version of it) that states a figure is a
statement of it. The figure is the most recent statement still live; a
message's new version replaces only its own statements, so an edit or an
undo falls back to what an earlier message said instead of deleting it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeAlias

from bot.domain.records import StatementRecord

FigureKey: TypeAlias = tuple[str, date, str]
"""(branch name, day, metric key)."""


@dataclass(frozen=True, slots=True)
class Source:
    """Whose statement a value was, and when (local time): a reply names it, so a head
    sees whose figure was replaced or which earlier message now stands."""

    at: datetime
    who: str | None = None
    """The member who stated it, when not the one whose message made this change."""
    dated: bool = False
    """Stated on another day than this change is made: the reply names that day too."""


@dataclass(frozen=True, slots=True)
class Change:
    branch: str
    day: date
    metric: str
    old: float | None
    new: float | None
    replaced: Source | None = None
    """The old value was another member's statement."""
    restored: Source | None = None
    """The new value is an earlier statement that stands again (an edit or undo fell back)."""

    @property
    def key(self) -> FigureKey:
        return (self.branch, self.day, self.metric)


@dataclass(frozen=True, slots=True)
class Revision:
    """What one version of a message does to its own statements."""

    ended: tuple[StatementRecord, ...]
    """Its statements this version no longer makes: edited away, changed, or undone."""
    added: dict[FigureKey, float]
    """The values it states anew."""

    @property
    def touched(self) -> list[FigureKey]:
        return list(dict.fromkeys([*self.added, *(s.key for s in self.ended)]))


def revise(own: Mapping[FigureKey, StatementRecord], wanted: Mapping[FigureKey, float]) -> Revision:
    """A version stating `wanted`, given the message's live statements `own`: a value it
    states unchanged keeps its statement (and its time), so a later message's correction
    of it still stands after an edit elsewhere in the text."""
    ended = tuple(s for key, s in own.items() if wanted.get(key) != s.value)
    added = {
        key: value for key, value in wanted.items() if key not in own or own[key].value != value
    }
    return Revision(ended=ended, added=added)


def latest(statements: Iterable[StatementRecord]) -> dict[FigureKey, StatementRecord]:
    """The statement that is each figure: the most recently stated of the live ones
    (the later stored, for two stated at the same second)."""
    current: dict[FigureKey, StatementRecord] = {}
    for statement in statements:
        if statement.ended_at is not None:
            continue
        best = current.get(statement.key)
        if best is None or (statement.stated_at, statement.id) > (best.stated_at, best.id):
            current[statement.key] = statement
    return current


def figure_change(
    key: FigureKey,
    before: StatementRecord | None,
    after: StatementRecord | None,
    *,
    report_id: int,
    actor: int,
    source: Callable[[StatementRecord, int], Source],
) -> Change | None:
    """How the figure `key` changed when its statement went from `before` to `after`
    because of the message `report_id` (sent, or undone, by `actor`); None if its value
    did not. `source` turns a statement into its Source, naming others than the actor."""
    old = before.value if before else None
    new = after.value if after else None
    if old == new:
        return None
    replaced: Source | None
    restored: Source | None
    replaced = restored = None
    if after is not None and after.report_id != report_id:
        restored = source(after, actor)
    elif after is not None and before is not None and before.user_id != after.user_id:
        replaced = source(before, after.user_id)
    return Change(*key, old=old, new=new, replaced=replaced, restored=restored)
