"""The vocabulary of a deployment: its metrics and its branches.

Metrics and branches are configuration, not code, so every part of the bot
receives them as these plain values instead of importing constants.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

MONEY_UNIT = "万元"
BRANCH_SUFFIXES = ("营业所", "网点", "支行", "所")


class MetricKind(StrEnum):
    """How a metric's numbers are read: money scales by 万, counts by their unit."""

    MONEY = "money"
    COUNT = "count"
    JUDGED = "judged"
    """A score managers give (晨会 9.5): set with /score, never reported by branches."""


@dataclass(frozen=True, slots=True)
class Metric:
    """One figure a branch reports, with the words people use for it.

    `unit` is the display unit (万元 for money); values are always stored in it.
    `units` are the count units people may write after a number (户, 家, ...);
    money metrics accept 元/千/万/w/亿 instead.
    """

    key: str
    name: str
    unit: str
    aliases: tuple[str, ...]
    points: float
    kind: MetricKind = MetricKind.COUNT
    may_be_negative: bool = False
    units: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    """Words that say what kind it was, between it and its number: 走访 商户3户."""

    @property
    def is_money(self) -> bool:
        return self.kind is MetricKind.MONEY

    @property
    def is_judged(self) -> bool:
        return self.kind is MetricKind.JUDGED


@dataclass(frozen=True, slots=True)
class Branch:
    """A ranked unit: recognised by its full name, short name or any alias."""

    name: str
    short_name: str
    aliases: tuple[str, ...] = ()
    group: str | None = None

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every way a message may name this branch, longest first."""
        names = {self.name, self.short_name, *self.aliases}
        names.update(self.short_name + suffix for suffix in BRANCH_SUFFIXES)
        return tuple(sorted(names, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The metrics (in display order) and branches of one deployment."""

    metrics: tuple[Metric, ...]
    branches: tuple[Branch, ...]
    _metric_by_key: dict[str, Metric] = field(init=False, repr=False, compare=False)
    _branch_by_name: dict[str, Branch] = field(init=False, repr=False, compare=False)
    _weights: Mapping[str, float] = field(init=False, repr=False, compare=False)
    _judged: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen and slotted, so no cached_property: everything derived is made once here,
        # since a bulletin asks for the weights tens of thousands of times.
        object.__setattr__(self, "_metric_by_key", {m.key: m for m in self.metrics})
        object.__setattr__(self, "_branch_by_name", {b.name: b for b in self.branches})
        weights = {m.key: m.points for m in self.metrics}
        object.__setattr__(self, "_weights", weights)
        judged = frozenset(m.key for m in self.metrics if m.is_judged)
        object.__setattr__(self, "_judged", judged)

    @property
    def weights(self) -> Mapping[str, float]:
        """Each metric's points (积分) per unit, by key: what `points` weighs figures by."""
        return self._weights

    @property
    def judged(self) -> frozenset[str]:
        """The keys of the judged metrics: scores managers give, which are no branch's
        report, so they never make a branch count as having reported."""
        return self._judged

    def metric(self, key: str) -> Metric:
        return self._metric_by_key[key]

    def branch(self, name: str) -> Branch:
        return self._branch_by_name[name]

    def short_name(self, name: str) -> str:
        """What people call a branch; one since dropped from the configuration, yet still in
        stored records, keeps its full name."""
        branch = self._branch_by_name.get(name)
        return branch.short_name if branch else name

    def find_metric(self, word: str) -> Metric | None:
        """The metric whose name or alias is exactly `word`, if any."""
        for metric in self.metrics:
            if word == metric.name or word in metric.aliases or word == metric.key:
                return metric
        return None

    def find_branch(self, word: str) -> Branch | None:
        """The branch spelled exactly `word` (any spelling, 【】 stripped), if any."""
        word = word.strip().strip("【】[]")
        for branch in self.branches:
            if word in branch.spellings:
                return branch
        return None
