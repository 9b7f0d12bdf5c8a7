"""The one-message form of a new contest, as a manager types it after `/pk new`:

    7月储蓄保险PK 7/1-7/31 储蓄,保险 正阳:姜家 四明:东城 利民城:西环路 奖励：…

The name comes first; then, in any order, the period, the scoring (积分 when
left out), and the sides: pairs `正阳:姜家`, teams `正阳+四明:姜家+东城`,
`自动 [网点…]` to pair by size, or `联赛 [网点…]` for a league. Everything
after 奖励 is the reward text. The whole message is checked before anything
is stored, and every problem is named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.catalogue import Catalogue
from bot.domain.contest_periods import SEPARATOR, read_span
from bot.domain.contests import Match, Rule, Scoring, Side
from bot.domain.league import ROUND_DAYS, rounds_needed

NAME_LENGTH = 40
REWARD = re.compile(r"(?:^|(?<=\s))(?:奖励|奖品|(?i:reward))\s*[:：]?\s*")
VERSUS = re.compile(r"\s*(?:[:：]|(?i:vs\.?))\s*")
TEAM = re.compile(r"[+＋、&]")
METRIC_LIST = re.compile(r"[,，、+＋/]")
WEIGHT = re.compile(r"(.+?)\s*[*×xX]\s*(\d+(?:\.\d+)?)")
AUTO_WORDS = ("自动", "自动配对", "按规模", "按规模配对", "auto")
LEAGUE_WORDS = ("联赛", "循环赛", "league")
POINTS_WORDS = ("积分", "总积分", "points")
COMPLETION = "完成率"


class ContestProblemCode(StrEnum):
    NO_NAME = "no_name"
    NO_PERIOD = "no_period"
    BAD_DATE = "bad_date"
    END_BEFORE_START = "end_before_start"
    UNKNOWN_BRANCH = "unknown_branch"
    UNKNOWN_METRIC = "unknown_metric"
    UNKNOWN_WORD = "unknown_word"
    TWICE = "twice"
    NO_SIDES = "no_sides"
    NO_OPPONENT = "no_opponent"
    SEVERAL = "several"
    MIXED_SIDES = "mixed_sides"
    OVER = "over"
    TOO_FEW = "too_few"
    LEAGUE_TOO_SHORT = "league_too_short"


@dataclass(frozen=True, slots=True)
class ContestProblem:
    code: ContestProblemCode
    word: str = ""


@dataclass(frozen=True, slots=True)
class ContestSpec:
    """A contest as asked for; `auto` (pair these by size, () for all) is resolved by
    the service, which knows last month's ranking."""

    name: str
    first: date
    last: date
    scoring: Scoring
    matches: tuple[Match, ...] = ()
    league: tuple[str, ...] = ()
    auto: tuple[str, ...] | None = None
    reward: str = ""


def read_contest(
    text: str, *, catalogue: Catalogue, today: date
) -> ContestSpec | tuple[ContestProblem, ...]:
    found = REWARD.search(text)
    body, reward = (text[: found.start()], text[found.end() :]) if found else (text, "")
    tokens = _tokens(body)
    reader = _Reader(catalogue, today)
    if not tokens or reader.kind(tokens[0]) != "word":
        reader.problem(ContestProblemCode.NO_NAME)
        name = ""
    else:
        name, tokens = tokens[0][:NAME_LENGTH], tokens[1:]
    for token in tokens:
        reader.read(token)
    return reader.result(name, reward.strip())


def _tokens(body: str) -> list[str]:
    # `正阳 : 姜家` and `正阳 vs 姜家` are one pair, whatever the spaces.
    joined = re.sub(rf"\s*([:：+＋、&,，]|{SEPARATOR})\s*", r"\1", body.strip())
    joined = re.sub(r"\s+((?i:vs\.?))\s+", r"\1", joined)
    return joined.split()


class _Reader:
    def __init__(self, catalogue: Catalogue, today: date) -> None:
        self.catalogue = catalogue
        self.today = today
        self.problems: list[ContestProblem] = []
        self.period: tuple[date, date] | None = None
        self.period_word = ""
        self.scoring: Scoring | None = None
        self.matches: list[Match] = []
        self.mode: str | None = None
        self.mode_word = ""
        self.listed: list[str] = []

    def problem(self, code: ContestProblemCode, word: str = "") -> None:
        self.problems.append(ContestProblem(code, word))

    def kind(self, token: str) -> str:
        if VERSUS.search(token):
            return "match"
        if self._period(token) is not None:
            return "period"
        if token.lower() in AUTO_WORDS or token.lower() in LEAGUE_WORDS:
            return "mode"
        if self.catalogue.find_branch(token):
            return "branch"
        if self._scoring(token, quiet=True):
            return "scoring"
        return "word"

    def read(self, token: str) -> None:
        kind = self.kind(token)
        if kind == "match":
            self._match(token)
        elif kind == "period":
            found = self._period(token)
            if found is None or found is False:
                self.problem(ContestProblemCode.BAD_DATE, token)
            elif self.period is not None:
                self.problem(ContestProblemCode.SEVERAL, token)
            else:
                self.period, self.period_word = found, token
        elif kind == "mode":
            if self.mode is not None:
                self.problem(ContestProblemCode.MIXED_SIDES, token)
            self.mode = "league" if token.lower() in LEAGUE_WORDS else "auto"
            self.mode_word = token
        elif kind == "branch" and self.mode:
            self.listed.append(self._branch(token) or token)
        elif kind == "scoring" and self.scoring is not None:
            self.problem(ContestProblemCode.SEVERAL, token)
        elif kind == "scoring":
            self.scoring = self._scoring(token)
        elif kind == "branch":
            self.problem(ContestProblemCode.NO_OPPONENT, token)
        else:
            self._scoring(token)  # names the unknown metric, or the unknown word

    def _branch(self, word: str) -> str | None:
        branch = self.catalogue.find_branch(word)
        if branch is None:
            self.problem(ContestProblemCode.UNKNOWN_BRANCH, word)
            return None
        return branch.name

    def _match(self, token: str) -> None:
        halves = VERSUS.split(token)
        if len(halves) != 2 or not all(halves):
            self.problem(ContestProblemCode.UNKNOWN_WORD, token)
            return
        sides = []
        for half in halves:
            names = [self._branch(word) for word in TEAM.split(half) if word]
            sides.append(Side(tuple(n for n in names if n)))
        if all(side.branches for side in sides):
            self.matches.append(Match(sides[0], sides[1]))

    def _scoring(self, token: str, *, quiet: bool = False) -> Scoring | None:
        word = token.strip()
        completion = word.endswith(COMPLETION)
        word = word.removesuffix(COMPLETION)
        if word.lower() in POINTS_WORDS or (completion and not word):
            return Scoring(Rule.COMPLETION if completion else Rule.POINTS)
        weights: list[tuple[str, float]] = []
        explicit = False
        for part in filter(None, METRIC_LIST.split(word)):
            weighted = WEIGHT.fullmatch(part)
            metric = self.catalogue.find_metric(weighted[1] if weighted else part)
            if metric is None:
                if not quiet:
                    code = ContestProblemCode
                    self.problem(code.UNKNOWN_METRIC if weights else code.UNKNOWN_WORD, part)
                return None
            explicit = explicit or weighted is not None
            weight = float(weighted[2]) if weighted else (metric.points or 1.0)
            if weight <= 0:
                if not quiet:
                    self.problem(ContestProblemCode.UNKNOWN_WORD, part)
                return None
            weights.append((metric.key, weight))
        if not weights:
            return None
        if completion:
            return Scoring(Rule.COMPLETION, tuple((key, 1.0) for key, _ in weights))
        if len(weights) == 1 and not explicit:
            weights = [(weights[0][0], 1.0)]
        return Scoring(Rule.METRICS, tuple(weights))

    def _period(self, token: str) -> tuple[date, date] | bool | None:
        return read_span(token, self.today)

    def result(self, name: str, reward: str) -> ContestSpec | tuple[ContestProblem, ...]:
        if self.period is None and not any(
            p.code is ContestProblemCode.BAD_DATE for p in self.problems
        ):
            self.problem(ContestProblemCode.NO_PERIOD)
        if self.period and self.period[1] < self.period[0]:
            self.problem(ContestProblemCode.END_BEFORE_START, self.period_word)
        elif self.period and self.period[1] < self.today:
            self.problem(ContestProblemCode.OVER, self.period_word)
        if self.mode and self.matches:
            self.problem(ContestProblemCode.MIXED_SIDES, self.mode_word)
        entrants = self.listed or (
            [b.name for b in self.catalogue.branches] if self.mode == "league" else []
        )
        if self.mode == "auto" and not self.listed:
            entrants = []
        every = [b for m in self.matches for side in m.sides for b in side.branches] + entrants
        for branch in dict.fromkeys(b for b in every if every.count(b) > 1):
            self.problem(ContestProblemCode.TWICE, self.catalogue.branch(branch).short_name)
        if not self.matches and self.mode is None and not self.problems:
            self.problem(ContestProblemCode.NO_SIDES)
        if (self.mode == "league" or (self.mode == "auto" and self.listed)) and len(entrants) < 2:
            self.problem(ContestProblemCode.TOO_FEW, str(len(entrants)))
        if self.mode == "league" and self.period and len(entrants) >= 2:
            weeks = -(-((self.period[1] - self.period[0]).days + 1) // ROUND_DAYS)
            if weeks < rounds_needed(len(entrants)):
                self.problem(ContestProblemCode.LEAGUE_TOO_SHORT, str(rounds_needed(len(entrants))))
        if self.problems or self.period is None:
            return tuple(self.problems)
        return ContestSpec(
            name=name,
            first=self.period[0],
            last=self.period[1],
            scoring=self.scoring or Scoring(Rule.POINTS),
            matches=tuple(self.matches) if self.mode != "league" else (),
            league=tuple(entrants) if self.mode == "league" else (),
            auto=tuple(self.listed) if self.mode == "auto" else None,
            reward=reward,
        )
