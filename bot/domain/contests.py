"""PK contests (PK赛): sides, scoring rules, and the standings of every match.

A contest pits sides against each other two by two: one branch per side for a
pair (两两一组), several for a team. Scores are recomputed from the stored
figures every time, so a correction that arrives after a standings post simply
shows in the next one. Every rule is a weighted sum of figures, so a score needs
only each branch's total of each metric over the days counted, never its days.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.catalogue import Catalogue
from bot.domain.ranking import points
from bot.domain.targets import POINTS

Grid = Mapping[date, Mapping[str, Mapping[str, float]]]
"""day → branch → metric → value"""
Span = tuple[date, date]
"""first, last: both included"""
Totals = Mapping[str, Mapping[str, float]]
"""branch → metric → the sum of its values over a span"""
Sums = Mapping[Span, Totals]
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

    def counted(self, catalogue: Catalogue) -> frozenset[str]:
        """The metrics whose figures a score reads: the rule's own, or every metric of the
        catalogue for points (积分)."""
        if self.rule is Rule.METRICS or (self.rule is Rule.COMPLETION and self.metrics):
            return frozenset(self.metrics)
        return frozenset(catalogue.weights)

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
    totals: Totals,
    catalogue: Catalogue,
    targets: Mapping[tuple[str, str], float],
) -> tuple[float, bool]:
    """A side's score with its branches' `totals` over the days counted, and whether a
    target was missing. A team's completion is its branches' combined actual over combined
    target."""
    if scoring.rule is not Rule.COMPLETION:
        score = sum(
            scoring.value(totals[branch], catalogue) for branch in side.branches if branch in totals
        )
        return score, False
    rates, missing = [], False
    for key in scoring.metrics or (POINTS,):
        done = sum(_actual(totals.get(branch), key, catalogue) for branch in side.branches)
        target = sum(targets.get((branch, key), 0.0) for branch in side.branches)
        missing = missing or any((branch, key) not in targets for branch in side.branches)
        rates.append(done / target if target else 0.0)
    return sum(rates) / len(rates), missing


def _actual(values: Mapping[str, float] | None, key: str, catalogue: Catalogue) -> float:
    """What a branch reached for a metric (or POINTS), rounded as targets' `actual` is."""
    if not values:
        return 0.0
    return round(points(values, catalogue) if key == POINTS else values.get(key, 0.0), 6)


def score_match(
    match: Match,
    scoring: Scoring,
    sums: Sums,
    days: Span,
    previous: date,
    catalogue: Catalogue,
    targets: Mapping[tuple[str, str], float],
) -> MatchScore:
    """Both sides over `days`, with their change since the standings through `previous`;
    `sums` holds the totals of `days` and of (its first day, `previous`)."""
    first, last = days
    now: list[SideScore] = []
    before: list[float] = []
    for side in match.sides:
        score, missing = side_score(side, scoring, sums.get(days, {}), catalogue, targets)
        earlier = 0.0
        if previous >= first:
            earlier, _ = side_score(
                side, scoring, sums.get((first, previous), {}), catalogue, targets
            )
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


def sums_of(grid: Grid, spans: Collection[Span]) -> dict[Span, dict[str, dict[str, float]]]:
    """The totals of each span that daily figures add up to: what storage sums in SQL."""
    sums: dict[Span, dict[str, dict[str, float]]] = {span: {} for span in spans}
    for (first, last), totals in sums.items():
        for day, branches in grid.items():
            if first <= day <= last:
                for branch, values in branches.items():
                    total = totals.setdefault(branch, {})
                    for key, value in values.items():
                        total[key] = total.get(key, 0.0) + value
    return sums


def _leader(a: float, b: float, places: int) -> int | None:
    a, b = round(a, places), round(b, places)
    return None if a == b else (0 if a > b else 1)


def days_left(contest: Contest, through: date) -> int:
    """Contest days whose figures are still to come after `through`."""
    return max(0, (contest.last - max(through, contest.first - timedelta(days=1))).days)
