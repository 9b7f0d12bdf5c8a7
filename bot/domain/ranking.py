"""Ranking branches by points (积分) or by one metric, ties sharing a rank."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bot.domain.catalogue import Catalogue, Metric

# Points are sums of float products; two branches with equal figures must tie.
_PRECISION = 6


@dataclass(frozen=True, slots=True)
class RankRow:
    rank: int
    branch: str
    value: float


@dataclass(frozen=True, slots=True)
class Ranking:
    day: date
    metric: Metric | None
    """None: ranked by points."""
    rows: tuple[RankRow, ...]
    """The branches that reported, best first."""
    missing: tuple[str, ...]
    """The branches that reported nothing for the day, in roster order (未报)."""


def points(values: Mapping[str, float], catalogue: Catalogue) -> float:
    """The weighted sum of a branch's figures; metrics outside the catalogue count nothing."""
    weights = catalogue.weights
    return round(sum(value * weights.get(key, 0.0) for key, value in values.items()), _PRECISION)


def points_totals(
    grid: Mapping[date, Mapping[str, Mapping[str, float]]], catalogue: Catalogue
) -> dict[str, float]:
    """Each branch's points summed over every day of `grid` (day → branch → figures)."""
    totals: dict[str, float] = {}
    for branches in grid.values():
        for branch, values in branches.items():
            totals[branch] = totals.get(branch, 0.0) + points(values, catalogue)
    return totals


def rank_branches(
    *,
    day: date,
    figures: Mapping[str, Mapping[str, float]],
    catalogue: Catalogue,
    metric: Metric | None = None,
) -> Ranking:
    """Rank every branch of the roster that reported on `day` (1, 2, 2, 4 for ties).

    A branch that reported but not the ranked metric counts as 0 for it: heads
    leave out what they did not do."""
    scores: dict[str, float] = {}
    missing: list[str] = []
    for branch in catalogue.branches:
        values = figures.get(branch.name)
        if values:
            scores[branch.name] = _score(values, catalogue, metric)
        else:
            missing.append(branch.name)
    return Ranking(day=day, metric=metric, rows=rank_scores(scores), missing=tuple(missing))


def rank_scores(scores: Mapping[str, float]) -> tuple[RankRow, ...]:
    """Best first, ties sharing a rank (1, 2, 2, 4); tied branches keep the mapping's order.

    Each score is rounded once, for the sort and the tie alike: one pass after the sort."""
    ordered = sorted(
        ((round(value, _PRECISION), branch, value) for branch, value in scores.items()),
        key=lambda item: -item[0],
    )
    rows: list[RankRow] = []
    rank, previous = 0, None
    for position, (rounded, branch, value) in enumerate(ordered, start=1):
        if rounded != previous:
            rank, previous = position, rounded
        rows.append(RankRow(rank, branch, value))
    return tuple(rows)


def _score(values: Mapping[str, float], catalogue: Catalogue, metric: Metric | None) -> float:
    if metric is None:
        return points(values, catalogue)
    return round(values.get(metric.key, 0.0), _PRECISION)
