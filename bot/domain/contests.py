"""PK contests (PK赛): sides, scoring rules, and the standings of every match.

A contest pits sides against each other two by two: one branch per side for a
pair (两两一组), several for a team. Scores are recomputed from the stored
figures every time, so a correction that arrives after a standings post simply
shows in the next one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.catalogue import Catalogue
from bot.domain.ranking import points
from bot.domain.targets import POINTS, actual

Grid = Mapping[date, Mapping[str, Mapping[str, float]]]
"""day → branch → metric → value"""
# Scores equal to this many decimals are a tie: what is shown is what is compared.
SCORE_DECIMALS = 2
RATE_DECIMALS = 3
"""A completion rate is shown to 0.1%."""


class Rule(StrEnum):
    POINTS = "points"
    """积分: the catalogue's weighted sum of every metric."""
    METRICS = "metrics"
    """One metric, or a weighted subset of metrics."""
    COMPLETION = "completion"
    """完成率 against each branch's own target: a fair handicap between sizes."""


@dataclass(frozen=True, slots=True)
class Scoring:
    rule: Rule
    weights: tuple[tuple[str, float], ...] = ()
    """METRICS: (metric, weight); COMPLETION: the metrics compared (none: 积分)."""

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.weights)

    @property
    def single(self) -> str | None:
        """The one metric counted in its own unit, when the rule is exactly that."""
        if self.rule is Rule.METRICS and len(self.weights) == 1 and self.weights[0][1] == 1:
            return self.weights[0][0]
        return None

    def value(self, figures: Mapping[str, float], catalogue: Catalogue) -> float:
        """What one branch's day of figures scores (completion: the points it adds)."""
        if self.rule is Rule.METRICS:
            return sum(figures.get(key, 0.0) * weight for key, weight in self.weights)
        return points(figures, catalogue)


@dataclass(frozen=True, slots=True)
class Side:
    branches: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Match:
    first: Side
    second: Side

    @property
    def sides(self) -> tuple[Side, Side]:
        return self.first, self.second


@dataclass(frozen=True, slots=True)
class Contest:
    id: int
    name: str
    first: date
    last: date
    scoring: Scoring
    matches: tuple[Match, ...] = ()
    league: tuple[str, ...] = ()
    """A league's entrants, in draw order; its matches come from the round-robin."""
    reward: str = ""

    @property
    def branches(self) -> tuple[str, ...]:
        if self.league:
            return self.league
        return tuple(b for match in self.matches for side in match.sides for b in side.branches)


@dataclass(frozen=True, slots=True)
class SideScore:
    side: Side
    score: float
    change: float
    """What the side gained since the previous standings."""
    no_target: bool = False
    """Completion scoring, and a branch of the side has no target for the contest."""


@dataclass(frozen=True, slots=True)
class MatchScore:
    first: SideScore
    second: SideScore
    leader: int | None
    """0 or 1: the side ahead; None on a tie."""
    margin: float
    overtaken: bool = False
    """The leader was behind (or level) at the previous standings."""
    undecided: bool = False
    """Completion scoring, and a side lacks a target: no rate to compare, so no leader."""

    @property
    def sides(self) -> tuple[SideScore, SideScore]:
        return self.first, self.second


def decimals(scoring: Scoring) -> int:
    return RATE_DECIMALS if scoring.rule is Rule.COMPLETION else SCORE_DECIMALS


def side_score(
    side: Side,
    scoring: Scoring,
    grid: Grid,
    days: tuple[date, date],
    catalogue: Catalogue,
    targets: Mapping[tuple[str, str], float],
) -> tuple[float, bool]:
    """A side's score over `days` (first, last; both included), and whether a target was
    missing. A team's completion is its branches' combined actual over combined target."""
    first, last = days
    if scoring.rule is not Rule.COMPLETION:
        score = sum(
            scoring.value(branches[branch], catalogue)
            for day, branches in grid.items()
            if first <= day <= last
            for branch in side.branches
            if branch in branches
        )
        return score, False
    rates, missing = [], False
    for key in scoring.metrics or (POINTS,):
        done = sum(actual(branch, key, grid, first, last, catalogue) for branch in side.branches)
        target = sum(targets.get((branch, key), 0.0) for branch in side.branches)
        missing = missing or any((branch, key) not in targets for branch in side.branches)
        rates.append(done / target if target else 0.0)
    return sum(rates) / len(rates), missing


def score_match(
    match: Match,
    scoring: Scoring,
    grid: Grid,
    days: tuple[date, date],
    previous: date,
    catalogue: Catalogue,
    targets: Mapping[tuple[str, str], float],
) -> MatchScore:
    """Both sides over `days`, with their change since the standings through `previous`."""
    first, last = days
    now: list[SideScore] = []
    before: list[float] = []
    for side in match.sides:
        score, missing = side_score(side, scoring, grid, days, catalogue, targets)
        earlier, _ = side_score(side, scoring, grid, (first, previous), catalogue, targets)
        earlier = earlier if previous >= first else 0.0
        now.append(SideScore(side, score, score - earlier, missing))
        before.append(earlier)
    places = decimals(scoring)
    undecided = any(side.no_target for side in now)
    if undecided:
        return MatchScore(now[0], now[1], leader=None, margin=0.0, undecided=True)
    leader = _leader(now[0].score, now[1].score, places)
    was = _leader(before[0], before[1], places) if previous >= first and last > previous else leader
    return MatchScore(
        first=now[0],
        second=now[1],
        leader=leader,
        margin=abs(round(now[0].score - now[1].score, places)),
        overtaken=leader is not None and was != leader,
    )


def _leader(a: float, b: float, places: int) -> int | None:
    a, b = round(a, places), round(b, places)
    return None if a == b else (0 if a > b else 1)


def days_left(contest: Contest, through: date) -> int:
    """Contest days whose figures are still to come after `through`."""
    return max(0, (contest.last - max(through, contest.first - timedelta(days=1))).days)
