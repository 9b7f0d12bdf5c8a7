"""Reading the targets a manager types after /target, one branch a line:

    正阳 储蓄200万 保险50 月
    东城 积分 800 下周
    姜家：储蓄 2000000元，走访 300户，10月

A line names its branch, then metrics each followed by its target, and at most
one period word for all of them (this month when there is none). Each line is
scanned once against the catalogue's words. Letters that name nothing stay
together with the words they touch (东城区 is one unknown word, not 东城 and 区),
so a problem quotes what the manager typed.

Sheets are read by `target_sheet`; both give a `TargetInput`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from bot.domain import amounts
from bot.domain.catalogue import Branch, Catalogue, Metric
from bot.domain.line_reading import NEGATIVE_SIGNS
from bot.domain.periods import PeriodKind, period_containing
from bot.domain.scanner import CIRCLED_NUMBERS, LIST_NUMBER, SIGNS
from bot.domain.target_sheet import read_target_rows
from bot.domain.target_terms import (
    PERIOD,
    POINTS_METRIC,
    POINTS_WORDS,
    Collector,
    ProblemCode,
    TargetInput,
    TargetProblem,
    read_period,
    read_value,
)
from bot.domain.targets import Target

__all__ = [
    "ProblemCode",
    "TargetInput",
    "TargetProblem",
    "parse_target_lines",
    "read_target_rows",
]

# Lines are NFKC-folded first, so ，：；（ arrive as ,:;( here.
SEPARATORS = r"[\s:;,、【】\[\]()]+"
# Words a manager may put between a metric and its target: 储蓄目标200万.
FILLERS = ("目标值", "目标", "任务", "计划")


def parse_target_lines(text: str, *, catalogue: Catalogue, today: date) -> TargetInput:
    """Every target of a /target command, and every problem in it, by line number.

    A text without a single line gives neither; the caller then shows how the
    command is used.
    """
    vocabulary = _vocabulary(catalogue)
    sink = Collector()
    for row, raw in enumerate(text.splitlines(), start=1):
        if line := _normalised(raw):
            reading = _Line(row=row, text=line, vocabulary=vocabulary, today=today, sink=sink)
            reading.read(_parts(vocabulary.token.finditer(line)))
    return sink.result()


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """A catalogue's words compiled into one token pattern, built once per catalogue."""

    token: re.Pattern[str]
    branch_of: dict[str, Branch]
    metric_of: dict[str, Metric]


@lru_cache(maxsize=8)
def _vocabulary(catalogue: Catalogue) -> _Vocabulary:
    branch_of = {s: b for b in reversed(catalogue.branches) for s in b.spellings}
    metric_of = {w: m for m in reversed(catalogue.metrics) for w in (m.key, m.name, *m.aliases)}
    metric_of.update(dict.fromkeys(POINTS_WORDS, POINTS_METRIC))
    units = {*amounts.MEASURE_WORDS, *amounts.MONEY_UNITS, *POINTS_METRIC.units}
    units.update(unit for metric in catalogue.metrics for unit in metric.units)
    # Known words come before numbers so that 10月 is a period, not 10 and 月; a number
    # stops short of a Latin word, so that 200 week is not 200 w(万) and eek.
    token = re.compile(
        rf"(?P<sep>{SEPARATORS})|(?P<branch>{_either(branch_of)})|(?P<metric>{_either(metric_of)})"
        rf"|(?P<period>{PERIOD})|(?P<filler>{_either(FILLERS)})"
        rf"|(?P<value>(?P<sign>{SIGNS})?(?P<numeral>{amounts.NUMERAL})"
        rf"(?:\s?(?P<unit>{_either(units)}))?(?![A-Za-z]))"
        r"|(?P<other>.)"
    )
    return _Vocabulary(token, branch_of, metric_of)


def _either(words: Iterable[str]) -> str:
    """An alternation of literal words, longest first so that the longest one wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


def _normalised(raw: str) -> str:
    """The line with full-width forms folded and a list number (1、 ①) taken off."""
    line = unicodedata.normalize("NFKC", CIRCLED_NUMBERS.sub(" ", raw)).strip()
    return LIST_NUMBER.sub("", line, count=1).strip() if LIST_NUMBER.match(line) else line


@dataclass(frozen=True, slots=True)
class _Part:
    kind: str
    """The token's group: branch, metric, period, filler, value, or word (unknown)."""
    text: str
    value: re.Match[str] | None = None
    """A value's token, for its sign, numeral and unit."""


def _parts(tokens: Iterable[re.Match[str]]) -> list[_Part]:
    """The line's parts without separators; touching parts that hold a letter naming
    nothing become one unknown word."""
    parts: list[_Part] = []
    run: list[re.Match[str]] = []
    for token in tokens:
        if token.lastgroup not in ("sep", "value"):
            run.append(token)
            continue
        parts.extend(_glued(run))
        run = []
        if token.lastgroup == "value":
            parts.append(_Part("value", token[0].strip(), token))
    parts.extend(_glued(run))
    return parts


def _glued(run: list[re.Match[str]]) -> list[_Part]:
    if any(token.lastgroup == "other" for token in run):
        return [_Part("word", "".join(token[0] for token in run))]
    return [_Part(str(token.lastgroup), token[0]) for token in run]


@dataclass
class _Line:
    """One line's branch, targets and period, read part by part from left to right."""

    row: int
    text: str
    vocabulary: _Vocabulary
    today: date
    sink: Collector
    branch: Branch | None = None
    metric: str | None = None
    """A metric named whose target has not come yet, as it was written."""
    word: str | None = None
    """An unknown word whose role the next part tells: a metric if a number follows."""
    period: str | None = None
    items: list[tuple[Branch | None, Metric, float]] = field(default_factory=list)
    problems: list[ProblemCode] = field(default_factory=list)

    def read(self, parts: list[_Part]) -> None:
        for part in parts:
            self._read(part)
        self._settle()
        self._finish()

    def _refuse(self, code: ProblemCode, word: str) -> None:
        self.problems.append(code)
        self.sink.refuse(self.row, code, word)

    def _read(self, part: _Part) -> None:
        if part.value is not None:
            self._value(part.text, part.value)
            return
        if part.kind == "filler":
            return
        if part.kind == "word" and self.metric is not None:
            # 保险 很多: whatever stands where the target belongs is a bad target.
            self.metric = None
            self._refuse(ProblemCode.BAD_VALUE, part.text)
            return
        self._settle()
        if part.kind == "branch":
            self.branch = self.vocabulary.branch_of[part.text]
        elif part.kind == "metric":
            self.metric = part.text
        elif part.kind == "period" and self.period is not None:
            self._refuse(ProblemCode.SEVERAL_PERIODS, part.text)
        elif part.kind == "period":
            self.period = part.text
        else:
            self.word = part.text

    def _value(self, text: str, token: re.Match[str]) -> None:
        if self.metric is None:
            code = ProblemCode.MISSING_METRIC if self.word is None else ProblemCode.UNKNOWN_METRIC
            self._refuse(code, self.word or text)
            self.word = None
            return
        metric = self.vocabulary.metric_of[self.metric]
        self.metric = None
        value = read_value(
            metric,
            numeral=token["numeral"],
            unit=token["unit"],
            negative=token["sign"] in NEGATIVE_SIGNS,
        )
        if isinstance(value, ProblemCode):
            self._refuse(value, text)
        else:
            self.items.append((self.branch, metric, value))

    def _settle(self) -> None:
        """A metric or an unknown word that no number followed is wrong for good."""
        if self.metric is not None:
            self._refuse(ProblemCode.MISSING_VALUE, self.metric)
            self.metric = None
        if self.word is not None:
            code = ProblemCode.UNKNOWN_BRANCH if self.branch is None else ProblemCode.UNKNOWN_WORD
            self._refuse(code, self.word)
            self.word = None

    def _finish(self) -> None:
        kind, day = PeriodKind.MONTH, None
        if self.period is not None:
            named = read_period(self.period, self.today)
            if named is None:
                self._refuse(ProblemCode.BAD_PERIOD, self.period)
                return
            kind, day = named
        if not self.items and not self.problems:
            self._refuse(ProblemCode.NO_TARGET, self.text)
        period = period_containing(kind, day or self.today)
        for branch, metric, value in self.items:
            if branch is None:
                # Unless the branch was there but unknown, which is already said.
                if ProblemCode.UNKNOWN_BRANCH not in self.problems:
                    self._refuse(ProblemCode.MISSING_BRANCH, self.text)
                return
            target = Target(branch.name, metric.key, period, value)
            self.sink.add(target, row=self.row, word=f"{branch.short_name} {metric.name}")
