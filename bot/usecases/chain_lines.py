"""Other branches' lines in a member's message: what a 接龙 may repeat, and what not.

A 接龙 (chain) copies every earlier line and appends one: a member passes the other
branches' lines on unchanged, which must store nothing and refuse nothing, but may not
change them or report for a branch that is not theirs.
"""

from __future__ import annotations

from bot.config.settings import Config
from bot.domain.changes import FigureKey
from bot.domain.parsing import Problem
from bot.rendering.replies import amount, number
from bot.storage.unit_of_work import UnitOfWork
from bot.usecases.figures import current_values
from bot.usecases.incoming import Sender


async def without_repeats(
    uow: UnitOfWork, wanted: dict[FigureKey, float], own: str | None
) -> dict[FigureKey, float]:
    """Drop other branches' lines that only repeat what is stored: a 接龙 copies every
    earlier line, and a member may pass those on, though not change them."""
    foreign = {key for key in wanted if key[0] != own}
    if not foreign:
        return wanted
    current = await current_values(uow, foreign)
    return {k: v for k, v in wanted.items() if k not in foreign or current.get(k) != v}


async def forbidden(
    uow: UnitOfWork,
    wanted: dict[FigureKey, float],
    own: str | None,
    sender: Sender,
    config: Config,
) -> tuple[Problem, ...]:
    """A member reports only for their own branch; managers for any. A 接龙 line of another
    branch that differs from what it stored is named with both values, so the sender sees
    which copy they changed; a branch with nothing stored is simply not theirs."""
    if sender.is_manager:
        return ()
    foreign = {key: value for key, value in wanted.items() if key[0] != own}
    current = await current_values(uow, foreign.keys()) if foreign else {}
    problems: list[Problem] = []
    for branch in dict.fromkeys(key[0] for key in foreign):
        altered = [key for key in foreign if key[0] == branch and key in current]
        for key in altered:
            metric = config.catalogue.metric(key[2])
            change = {"old": number(current[key]), "new": amount(metric, foreign[key])}
            problems.append(
                Problem("altered_line", {"branch": branch, "word": metric.name, **change})
            )
        if len(altered) < sum(1 for key in foreign if key[0] == branch):
            problems.append(Problem("not_allowed", {"branch": branch, "own": own or "—"}))
    return tuple(problems)
