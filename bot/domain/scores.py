"""A judged score as a manager gives it: `/score 正阳 9.5 晨会 [7月27日]`, words in any order.

Judged metrics (晨会, 服务礼仪) are no branch's own figures: a manager scores
them for a day, today unless a date is named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.domain.catalogue import Catalogue
from bot.domain.dates import read_day

NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
SCORE_WORDS = re.compile(r"(\d+(?:\.\d+)?)分?")


@dataclass(frozen=True, slots=True)
class Score:
    branch: str
    metric: str
    day: date
    value: float


@dataclass(frozen=True, slots=True)
class ScoreProblem:
    code: str
    """usage, not_judged, no_metric, future_date, twice, unknown_word"""
    word: str = ""
    """The word at fault."""
    choices: tuple[str, ...] = ()
    """What may be named instead (no_metric: the judged items)."""


def read_score(words: list[str], *, catalogue: Catalogue, today: date) -> Score | ScoreProblem:
    branch = metric = day = value = None
    judged = [m for m in catalogue.metrics if m.is_judged]
    for word in words:
        number = SCORE_WORDS.fullmatch(word)
        found = catalogue.find_branch(word)
        found_metric = catalogue.find_metric(word)
        named = read_day(word, today)
        if (number and value is not None) or (found and branch) or (found_metric and metric):
            return ScoreProblem("twice", word)
        if named and day:
            return ScoreProblem("twice", word)
        if number:
            value = float(number[1])
        elif found:
            branch = found.name
        elif found_metric:
            if not found_metric.is_judged:
                return ScoreProblem("not_judged", found_metric.name)
            metric = found_metric.key
        elif named is not None:
            day = named
        else:
            return ScoreProblem("unknown_word", word)
    if branch is None or value is None:
        return ScoreProblem("usage")
    if metric is None and len(judged) != 1:
        return ScoreProblem("no_metric", choices=tuple(m.name for m in judged))
    day = day or today
    if day > today:
        return ScoreProblem("future_date", day.isoformat())
    return Score(branch, metric or judged[0].key, day, value)
