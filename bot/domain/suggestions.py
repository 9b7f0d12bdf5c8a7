"""Which metric a mistyped word most likely meant: 储畜 → 储蓄."""

from __future__ import annotations

from bot.domain.catalogue import Catalogue, Metric


def closest_metric(word: str, catalogue: Catalogue) -> Metric | None:
    """The metric with an alias one edit away from `word` (or from its tail, so that
    a name typed before it does not hide the typo); on a tie, the first in the catalogue."""
    tails = [word[start:] for start in range(len(word)) if len(word) - start >= 2]
    for metric in catalogue.metrics:
        for alias in metric.aliases:
            if any(_one_edit(tail, alias) for tail in tails):
                return metric
    return None


def _one_edit(word: str, alias: str) -> bool:
    """Equal but for one substituted, inserted or deleted character, or two neighbours swapped."""
    if word == alias or abs(len(word) - len(alias)) > 1:
        return False
    if len(word) == len(alias):
        diffs = [i for i, (a, b) in enumerate(zip(word, alias, strict=True)) if a != b]
        if len(diffs) == 1:
            return True
        first, second = diffs[0], diffs[-1]
        return (
            len(diffs) == 2
            and second == first + 1
            and word[first] == alias[second]
            and word[second] == alias[first]
        )
    shorter, longer = sorted((word, alias), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
