"""What a message reports, or why it cannot be stored: the parser's results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from bot.domain.changes import FigureKey


@dataclass(frozen=True, slots=True)
class Entry:
    branch: str | None
    """The branch's full name; None: the sender's own branch."""
    values: dict[str, float]
    """Metric key → value in the metric's display unit, in message order."""


@dataclass(frozen=True, slots=True)
class Report:
    day: date
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    """Rendered with the text key `problem.<code>`."""
    params: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)
    """A tuple is a list of names: the renderer writes it as the language writes lists."""


@dataclass(frozen=True, slots=True)
class Refusal:
    problems: tuple[Problem, ...]


def wanted_figures(report: Report, own_branch: str | None) -> dict[FigureKey, float] | None:
    """The figures a report asks to store, keyed by branch; None when a branch is unknown."""
    wanted: dict[FigureKey, float] = {}
    for entry in report.entries:
        branch = entry.branch or own_branch
        if branch is None:
            return None
        wanted.update({(branch, report.day, key): value for key, value in entry.values.items()})
    return wanted
