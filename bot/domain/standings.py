"""Where a contest stands on a day: every match's scores, or a league's round and table.

The same standings serve the daily post, `/pk` on demand and the final
result: the result is simply the standings once the last day is counted. They
are worked out from the totals of a few spans of days (`spans` says which),
which storage sums, so a run never reads a contest's figures day by day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bot.domain.catalogue import Catalogue
from bot.domain.contests import (
    Contest,
    Match,
    MatchScore,
    Rule,
    Span,
    Sums,
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


def spans(contest: Contest, *, through: date, previous: date) -> frozenset[Span]:
    """The spans whose totals `standings` reads: each round scored (a match contest is
    one round) up to `through`, and up to `previous`."""
    counted, previous = _counted(contest, through, previous)
    scored = [(contest.first, contest.last)]
    if contest.league:
        _, played, current = _rounds(contest, counted)
        scored = [(r.first, r.last) for r in (*played, *([current] if current else []))]
    found = set()
    for first, last in scored:
        found.add((first, min(counted, last)))
        if previous >= first:
            found.add((first, previous))
    return frozenset((first, last) for first, last in found if first <= last)


def standings(
    contest: Contest,
    sums: Sums,
    *,
    through: date,
    previous: date,
    catalogue: Catalogue,
    target_of: TargetOf,
) -> Standings:
    """The standings with the figures up to `through`, the change since `previous`; `sums`
    holds the totals of the `spans` of the same arguments (a span missing has none)."""
    counted, previous = _counted(contest, through, previous)
    places = decimals(contest.scoring)

    def score(
        round_first: date, round_last: date, matches: tuple[Match, ...]
    ) -> tuple[MatchScore, ...]:
        targets = _targets(contest, round_first, round_last, target_of)
        last = min(counted, round_last)
        return tuple(
            score_match(m, contest.scoring, sums, (round_first, last), previous, catalogue, targets)
            for m in matches
        )

    if not contest.league:
        return Standings(contest, counted, score(contest.first, contest.last, contest.matches))
    rounds, played, current = _rounds(contest, counted)
    results = [result for r in played for result in score(r.first, r.last, r.matches)]
    matches = score(current.first, current.last, current.matches) if current else ()
    return Standings(
        contest,
        counted,
        matches,
        round=current,
        rounds=len(rounds),
        table=table(contest.league, results, places),
    )


def _counted(contest: Contest, through: date, previous: date) -> tuple[date, date]:
    """The last day counted, and the last one the previous standings counted."""
    counted = min(through, contest.last)
    return counted, min(previous, counted)


def _rounds(contest: Contest, counted: date) -> tuple[tuple[Round, ...], list[Round], Round | None]:
    """A league's rounds, those played by `counted`, and the current one (the last once
    the season is over; none before it starts)."""
    rounds = season(contest.league, contest.first, contest.last)
    played = [r for r in rounds if r.last <= counted]
    current = next((r for r in rounds if r.first <= counted <= r.last), None)
    if current is None and counted >= contest.first:
        current = played[-1]
    return rounds, played, current


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
