"""Reading a chat message as a report of figures, or as not a report at all.

The pair rule of PRODUCT.md decides: a message holding a metric alias followed
by a number (or 无) is a report, and then it must be read whole; anything else
is chit-chat and gets no reply. The scanner walks each line once, left to
right, recognising dates, branches, aliases, numbers and separators; whatever
is left is ordinary words, which matter only when they stand before a number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from bot.domain import amounts, dates
from bot.domain.catalogue import Branch, Catalogue, Metric
from bot.domain.suggestions import closest_metric

FILLERS = ("新增", "净增", "增加", "完成")
REMARK_PREFIXES = ("备注", "说明", "注:")
NONE_WORDS = ("暂无", "没有", "无")
SIGNS = r"[+\-−负]"
NEGATIVE_SIGNS = ("-", "−", "负")
# A month or a year alone (7月份, 2026年) names no day: never a date, never a value.
PERIOD = r"\d{4}年|\d{1,2}月份?"
# Whitespace, : and = sit between a word and its number; other punctuation ends the word.
GLUE = r"[\s:=]"
PUNCTUATION = r"[,;、。.!?~…()\[\]【】<>《》\"'“”‘’/|\\+*#@&·-]"
CIRCLED_NUMBERS = re.compile("[\u2460-\u2473\u2776-\u277f]")
LIST_NUMBER = re.compile(r"\s*(?:\d{1,3}\s*[.、)](?!\d)|\(\d{1,3}\))\s*")


@dataclass(frozen=True, slots=True)
class Entry:
    branch: str | None
    """The branch's full name; None: the sender's own branch."""
    values: dict[str, float]
    """Metric key → value in the metric's display unit, in message order."""


@dataclass(frozen=True, slots=True)
class Report:
    day: date
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    """Rendered with the text key `problem.<code>`."""
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Refusal:
    problems: tuple[Problem, ...]


def parse_report(
    text: str, *, catalogue: Catalogue, today: date, default_day: date
) -> Report | Refusal | None:
    """None: not a report. Report: read whole. Refusal: a report that cannot be read whole."""
    return _scanner(catalogue).parse(text, today=today, default_day=default_day)


def format_report(report: Report, catalogue: Catalogue) -> str:
    """The canonical text of a report: a date line, then one line per entry."""
    lines = [report.day.isoformat()]
    for entry in report.entries:
        items = [_item(catalogue.metric(key), value) for key, value in entry.values.items()]
        lines.append(" ".join(([entry.branch] if entry.branch else []) + items))
    return "\n".join(lines)


def _item(metric: Metric, value: float) -> str:
    number = f"{value:.6f}".rstrip("0").rstrip(".")
    return (
        f"{metric.name}{number}万元" if metric.is_money else f"{metric.name}{number}{metric.unit}"
    )


@lru_cache(maxsize=8)
def _scanner(catalogue: Catalogue) -> _Scanner:
    return _Scanner(catalogue)


class _Scanner:
    """The compiled vocabulary of one catalogue; built once, used for every message."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.metric_of = {a: m for m in reversed(catalogue.metrics) for a in m.aliases}
        self.branch_of = {s: b for b in reversed(catalogue.branches) for s in b.spellings}
        units = {u for m in catalogue.metrics for u in m.units}
        units.update(amounts.MEASURE_WORDS, amounts.MONEY_UNITS)
        # A unit stands right after its number, or after a space when nothing follows it.
        words = _alternatives(units)
        unit = rf"(?:(?P<unit>{words})|{GLUE}(?P<unit2>{words})(?=$|[\s,;、。!?]))?"
        starts = {w[0] for w in (*self.metric_of, *self.branch_of, *dates.RELATIVE_DAYS)}
        plain = "".join(re.escape(c) for c in sorted(starts))
        self.token = re.compile(
            rf"(?P<date>{dates.DATE})"
            rf"|(?P<period>{PERIOD})"
            rf"|(?P<branch>{_alternatives(self.branch_of)})"
            rf"|(?P<alias>{_alternatives(self.metric_of)})"
            rf"|(?P<number>[+-]?(?:{amounts.ARABIC})(?:{GLUE}?[万千亿wWkK])*){unit}"
            rf"|(?P<glue>{GLUE}+)|(?P<punct>{PUNCTUATION}+)"
            rf"|(?P<word>[^\d\s:=,;、。.!?~…()\[\]【】<>《》\"'“”‘’/|\\+*#@&·{plain}-]+|.)"
        )
        self.value = re.compile(
            rf"{GLUE}*(?:(?:{'|'.join(FILLERS)}){GLUE}*)?"
            rf"(?!{dates.DATE})(?:(?P<sign>{SIGNS}){GLUE}*)?(?:(?P<numeral>{amounts.NUMERAL})"
            rf"|(?P<none>{'|'.join(NONE_WORDS)})){unit}"
        )

    def parse(self, text: str, *, today: date, default_day: date) -> Report | Refusal | None:
        lines = _lines(text)
        reading = _Reading(self, today)
        for index, line in enumerate(lines):
            reading.read_line(line, header=index == 0 and len(lines) > 1)
        return reading.result(default_day)


class _Reading:
    """What one message says, gathered line by line."""

    def __init__(self, scanner: _Scanner, today: date) -> None:
        self.scanner = scanner
        self.today = today
        self.dates: list[tuple[str, date | None]] = []
        self.branch: Branch | None = None
        self.entries: dict[str | None, dict[str, float]] = {}
        self.problems: list[Problem] = []
        self.loose: list[Problem] = []
        """Problems that count only if the message turns out to be a report."""
        self.pairs = 0

    def read_line(self, line: str, *, header: bool) -> None:
        found = _LineReading(self, line)
        found.scan()
        self.dates.extend(found.dates)
        if header and found.is_context:
            # A first line without figures is context: its date and branch, never a refusal.
            self.branch = found.branch or self.branch
            return
        found.commit()

    def result(self, default_day: date) -> Report | Refusal | None:
        if not self.pairs:
            return Refusal(tuple(self.problems)) if self.problems else None
        day, problems = self._day(default_day)
        problems += [*self.problems, *self.loose]
        if problems:
            return Refusal(tuple(problems))
        entries = tuple(Entry(branch, values) for branch, values in self.entries.items() if values)
        return Report(day=day, entries=entries)

    def _day(self, default_day: date) -> tuple[date, list[Problem]]:
        """The one day a report is for; a date that does not exist or is yet to come, or two
        different dates, would store figures on a day nobody meant, so they are refused."""
        problems: list[Problem] = []
        named: dict[date, str] = {}
        for word, day in self.dates:
            if day is None:
                problems.append(Problem("bad_date", {"date": word}))
            else:
                named.setdefault(day, word)
        if len(named) > 1:
            first, second = list(named.values())[:2]
            problems.append(Problem("several_dates", {"first": first, "second": second}))
        day = next(iter(named), default_day)
        if day > self.today:
            problems.append(Problem("future_date", {"date": day.isoformat()}))
        return day, problems


class _LineReading:
    """The dates, branches and figures of one line, before they join the message."""

    def __init__(self, reading: _Reading, line: str) -> None:
        self.reading = reading
        self.line = line
        self.dates: list[tuple[str, date | None]] = []
        self.figures = False
        """Whether a number has been read on this line: 今天 after the figures is chat."""
        self.branch: Branch | None = None
        self.items: list[tuple[Branch | None, Metric, float]] = []
        self.problems: list[Problem] = []
        self.loose: list[Problem] = []
        self.pairs = 0

    def scan(self) -> None:
        scanner, line, position, word = self.reading.scanner, self.line, 0, ""
        while position < len(line):
            token = scanner.token.match(line, position)
            assert token is not None, "the word group matches any character"
            position = token.end()
            if token["date"] is not None:
                if not (token["relative"] and self.figures):
                    self.dates.append((token["date"], dates.resolve(token, self.reading.today)))
            elif token["branch"] is not None:
                self.branch = scanner.branch_of[token["branch"]]
            elif token["alias"] is not None:
                position = self._pair(scanner.metric_of[token["alias"]], token["alias"], position)
            elif token["number"] is not None:
                self._stray_number(word.strip(), token)
            elif token["word"] is not None:
                word += token["word"]
                continue
            elif token["glue"] is not None and _number_follows(line, position):
                continue
            word = ""

    def _pair(self, metric: Metric, alias: str, position: int) -> int:
        value = self.reading.scanner.value.match(self.line, position)
        spelt = value is not None and not (value["numeral"] or "")[:1].isdigit()
        if value is None or (spelt and self._runs_on(value.end())):
            # 走访一下, 保险一个都没卖, 保险无人买: a Chinese numeral or 无 inside a word.
            self.loose.append(Problem("no_value", {"word": alias}))
            return position
        self.pairs += 1
        self.figures = True
        unit = value["unit"] or value["unit2"]
        if not amounts.fits(metric, unit):
            units = "、".join(amounts.accepted_units(metric))
            self.problems.append(Problem("bad_unit", {"word": alias, "unit": unit, "units": units}))
        elif value["sign"] in NEGATIVE_SIGNS and not metric.may_be_negative:
            self.problems.append(Problem("negative", {"word": alias}))
        elif value["none"] is not None:
            self.items.append((self.branch, metric, 0.0))
        else:
            try:
                number, absolute = amounts.evaluate(value["numeral"])
            except amounts.NotANumber:
                self.problems.append(Problem("no_value", {"word": alias}))
                return value.end()
            shown = amounts.display_value(metric, number, absolute=absolute, unit=unit)
            self.items.append(
                (self.branch, metric, -shown if value["sign"] in NEGATIVE_SIGNS else shown)
            )
        return value.end()

    def _stray_number(self, word: str, token: re.Match[str]) -> None:
        """A number after no alias: a typo of one (储畜35万), or a number that means nothing."""
        self.figures = True
        if not word:
            self.loose.append(Problem("orphan_number", {"number": token["number"].strip()}))
            return
        metric = closest_metric(word, self.reading.scanner.catalogue)
        if metric is None:
            self.loose.append(Problem("unknown_metric", {"word": word}))
            return
        problem = Problem("unknown_metric_close", {"word": word, "suggestion": metric.name})
        # Only a figure the metric could have makes chat a report: 他们35个人, 走路3公里 are chat.
        figure = amounts.fits(metric, token["unit"] or token["unit2"])
        (self.problems if figure and not self._runs_on(token.end()) else self.loose).append(problem)

    def _runs_on(self, position: int) -> bool:
        """Whether an unknown word starts right at `position` (a CJK letter, no space)."""
        line = self.line
        if position >= len(line) or not "\u3400" <= line[position] <= "\u9fff":
            return False
        token = self.reading.scanner.token.match(line, position)
        return token is not None and token["word"] is not None

    @property
    def is_context(self) -> bool:
        """A first line without figures or typos names a date, branch or topic."""
        return not self.pairs and not self.problems

    def commit(self) -> None:
        reading = self.reading
        for branch, metric, value in self.items:
            owner = branch or reading.branch
            values = reading.entries.setdefault(owner.name if owner else None, {})
            earlier = values.setdefault(metric.key, value)
            if earlier != value:
                names = {"word": metric.name, "first": _plain(earlier), "second": _plain(value)}
                self.problems.append(Problem("duplicate_metric", names))
        reading.branch = self.branch or reading.branch
        reading.pairs += self.pairs
        reading.problems.extend(self.problems)
        reading.loose.extend(self.loose)


def _lines(text: str) -> list[str]:
    """Normalised lines: full-width forms folded, list numbers and remarks dropped."""
    text = unicodedata.normalize("NFKC", CIRCLED_NUMBERS.sub(" ", text))
    lines = []
    for raw in text.splitlines():
        line = LIST_NUMBER.sub("", raw, count=1) if LIST_NUMBER.match(raw) else raw
        if line.strip() and not line.lstrip().startswith(REMARK_PREFIXES):
            lines.append(line)
    return lines


def _number_follows(line: str, position: int) -> bool:
    return position < len(line) and (line[position].isdigit() or line[position] in "+-")


def _alternatives(words: object) -> str:
    """A regex alternation of literal words, longest first so the longest match wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


def _plain(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")
