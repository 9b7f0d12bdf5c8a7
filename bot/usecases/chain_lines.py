"""Other branches' lines in a member's message: what a 接龙 may repeat, and what not.

A 接龙 (chain) copies every earlier line and appends one: a member passes the other
branches' lines on unchanged, which must store nothing and refuse nothing, but may not
change them or report for a branch that is not theirs.
"""

from __future__ import annotations

from bot.domain.catalogue import Catalogue
from bot.domain.changes import FigureKey
from bot.domain.parsing import Problem
from bot.rendering.replies import amount, number
from bot.storage.unit_of_work import UnitOfWork


async def foreign_lines(
    uow: UnitOfWork, wanted: dict[FigureKey, float], own: str | None, catalogue: Catalogue
) -> tuple[dict[FigureKey, float], tuple[Problem, ...]]:
    """A member's figures without the other branches' lines that only repeat what is
    stored, and the refusals for the rest: a line of another branch that differs from what
    it stored is named with both values, so the sender sees which copy they changed; a
    branch with nothing stored is simply not theirs. (Managers report for any branch.)"""
    foreign = {key: value for key, value in wanted.items() if key[0] != own}
    if not foreign:
        return wanted, ()
    current = await uow.figures.values_of(foreign.keys())
    changed = {key: value for key, value in foreign.items() if current.get(key) != value}
    problems: list[Problem] = []
    for branch in dict.fromkeys(key[0] for key in changed):
        altered = [key for key in changed if key[0] == branch and key in current]
        for key in altered:
            metric = catalogue.metric(key[2])
            change = {"old": number(current[key]), "new": amount(metric, changed[key])}
            problems.append(
                Problem("altered_line", {"branch": branch, "word": metric.name, **change})
            )
        if len(altered) < sum(1 for key in changed if key[0] == branch):
            problems.append(Problem("not_allowed", {"branch": branch, "own": own or "—"}))
    kept = {key: value for key, value in wanted.items() if key not in foreign or key in changed}
    return kept, tuple(problems)
