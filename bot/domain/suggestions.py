"""Which metric a mistyped word most likely meant: 储畜 → 储蓄."""

from __future__ import annotations

from bot.domain.catalogue import Catalogue, Metric


def closest_metric(word: str, catalogue: Catalogue) -> Metric | None:
    """The metric with an alias one edit away from `word`, else from its longest tail that
    has one (so that a name typed before it does not hide the typo: 正阳储畜); on a tie,
    the first in the catalogue. The whole word comes first: 手机行 is 手机银行 missing a
    character, not 他行 with 机 for 他."""
    tails = [word[start:] for start in range(len(word)) if len(word) - start >= 2]
    # Judged metrics are never reported, so no typo is taken for one (早会9分 is no 晨会).
    reportable = [metric for metric in catalogue.metrics if not metric.is_judged]
    for tail in tails:
        for metric in reportable:
            if any(_one_edit(tail, alias) for alias in metric.aliases):
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
