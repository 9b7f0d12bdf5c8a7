"""Where a contest stands on a day: every match's scores, or a league's round and table.

The same standings serve the daily post, `/pk` on demand and the final
result: the result is simply the standings once the last day is counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bot.domain.catalogue import Catalogue
from bot.domain.contests import (
    Contest,
    Grid,
    Match,
    MatchScore,
    Rule,
    days_left,
    decimals,
    score_match,
)
from bot.domain.league import Round, TableRow, season, table
from bot.domain.targets import POINTS

TargetOf = Callable[[str, str, date, date], float | None]
"""(branch, metric, first, last) → the branch's target for that span, if it has one."""


@dataclass(frozen=True, slots=True)
class Standings:
    contest: Contest
    through: date
    """The last day counted; before the contest's first day, nothing is."""
    matches: tuple[MatchScore, ...]
    """Every match; for a league, the current round's."""
    round: Round | None = None
    rounds: int = 0
    table: tuple[TableRow, ...] = ()

    @property
    def started(self) -> bool:
        return self.through >= self.contest.first

    @property
    def finished(self) -> bool:
        return self.through >= self.contest.last

    @property
    def days_left(self) -> int:
        return days_left(self.contest, self.through)

    @property
    def champions(self) -> tuple[str, ...]:
        """A league's branches at the top of its table (several when they share it)."""
        return tuple(row.branch for row in self.table if row.rank == 1)


def standings(
    contest: Contest,
    grid: Grid,
    *,
    through: date,
    previous: date,
    catalogue: Catalogue,
    target_of: TargetOf,
) -> Standings:
    """The standings with the figures up to `through`, the change since `previous`."""
    counted = min(through, contest.last)
    previous = min(previous, counted)
    places = decimals(contest.scoring)

    def score(
        round_first: date, round_last: date, matches: tuple[Match, ...]
    ) -> tuple[MatchScore, ...]:
        targets = _targets(contest, round_first, round_last, target_of)
        last = min(counted, round_last)
        return tuple(
            score_match(m, contest.scoring, grid, (round_first, last), previous, catalogue, targets)
            for m in matches
        )

    if not contest.league:
        return Standings(contest, counted, score(contest.first, contest.last, contest.matches))
    rounds = season(contest.league, contest.first, contest.last)
    played = [r for r in rounds if r.last <= counted]
    results = [result for r in played for result in score(r.first, r.last, r.matches)]
    current = next((r for r in rounds if r.first <= counted <= r.last), None)
    if current is None and counted >= contest.first:
        current = played[-1]
    matches = score(current.first, current.last, current.matches) if current else ()
    return Standings(
        contest,
        counted,
        matches,
        round=current,
        rounds=len(rounds),
        table=table(contest.league, results, places),
    )


def _targets(
    contest: Contest, first: date, last: date, target_of: TargetOf
) -> dict[tuple[str, str], float]:
    if contest.scoring.rule is not Rule.COMPLETION:
        return {}
    found = {}
    for branch in contest.branches:
        for key in contest.scoring.metrics or (POINTS,):
            value = target_of(branch, key, first, last)
            if value:
                found[branch, key] = value
    return found
