"""Writing figures: the changes a use case decided on, each with its audit row."""

from __future__ import annotations

from collections.abc import Set
from datetime import datetime

from bot.domain.changes import Change, FigureKey, plan_changes
from bot.storage.unit_of_work import UnitOfWork


async def apply_changes(
    uow: UnitOfWork,
    wanted: dict[FigureKey, float],
    dropped: frozenset[FigureKey],
    *,
    user_id: int,
    report_id: int,
    reason: str,
    now: datetime,
) -> list[Change]:
    """Set the `wanted` figures and remove the `dropped` ones, with an audit row for each."""
    current = await current_values(uow, wanted.keys() | dropped)
    changes = plan_changes(wanted=wanted, current=current, owned=dropped)
    for change in changes:
        if change.new is None:
            await uow.figures.remove(change.key)
        else:
            await uow.figures.put(
                change.key, change.new, reporter_id=user_id, report_id=report_id, now=now
            )
        await uow.changes.add(change, user_id=user_id, report_id=report_id, reason=reason, at=now)
    return changes


async def current_values(uow: UnitOfWork, keys: Set[FigureKey]) -> dict[FigureKey, float]:
    """The stored values of `keys` (those that have one)."""
    return {
        (f.branch, f.day, f.metric): f.value
        for f in await uow.figures.of_days({key[1] for key in keys})
        if (f.branch, f.day, f.metric) in keys
    }
