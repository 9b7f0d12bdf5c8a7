"""Confirmations in a rush: when a group's replies wait for Telegram's limit, the plain
confirmations that piled up go as one message, one line per report, so that every head
still finds their own figures, with their name, within a minute."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.domain.catalogue import Catalogue
from bot.domain.outcomes import Stored
from bot.rendering.replies import change_item, stored_day
from bot.rendering.texts import Texts


def merged_line(outcome: Stored, who: str, texts: Texts, catalogue: Catalogue) -> str | None:
    """`正阳 11月27日（正所长）储蓄 35万元，保险 3万元`: a report's line in a merged
    confirmation; None for one that must be answered on its own (an edit that removed
    figures, a report that changed nothing, a late one whose note matters)."""
    if outcome.late or not outcome.changes:
        return None
    if any(change.new is None for change in outcome.changes):
        return None
    places: dict[tuple[str, date], list[str]] = {}
    for change in outcome.changes:
        places.setdefault((change.branch, change.day), []).append(
            change_item(change, texts, catalogue)
        )
    return "\n".join(
        texts(
            "report.merged_line",
            branch=branch,
            day=stored_day(day, outcome.when, texts),
            who=who,
            items=texts.items(items),
        )
        for (branch, day), items in places.items()
    )


def merged_confirmations(lines: Sequence[str], texts: Texts) -> str:
    """One message for several reports' confirmations, oldest first."""
    return texts("report.merged", count=len(lines), lines="\n".join(lines))
