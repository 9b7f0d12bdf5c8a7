"""The report vocabulary of one catalogue, compiled once: the tokens a line is made of.

The scanner walks each line once, left to right, recognising dates, branches,
aliases, numbers and separators; whatever is left is ordinary words, which
matter only when they stand before a number. It knows words, not messages:
bot/domain/line_reading.py reads a line with it, reading.py gathers the lines.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bot.domain import amounts, dates
from bot.domain.catalogue import Catalogue

# Words between a metric and its number: 储蓄新增35万, 手机银行开户5户, 储蓄约35万. Not 了:
# 今天走访了3个小区 is news, not a report.
FILLERS = (
    "新增", "净增", "增加", "完成", "共计", "合计", "共", "约",
    "开户", "办卡", "办理", "营销", "发放", "购买",
)  # fmt: skip
REMARK_PREFIXES = ("备注", "说明", "注:")
NONE_WORDS = ("暂无", "没有", "无")
SIGNS = r"[+\-−负]"
# A month, a week or a year (7月份, 本月, 累计) names no day: figures for it are totals.
PERIOD = r"\d{4}年|\d{1,2}月份?|" + "|".join(
    ("月累计", "年累计", "累计", "本月", "当月", "本周", "本年", "今年", "全年", "本季度")
)
# 截至17:00, 8:30: a time of day is neither a figure nor a stray number.
CLOCK_TIME = r"\d{1,2}:\d{2}(?!\d)"
# Whitespace, : and = sit between a word and its number; other punctuation ends the word.
GLUE = r"[\s:=]"
PUNCTUATION = r"[,;、。.!?~…()\[\]【】<>《》\"'“”‘’/|\\+*#@&·-]"
CIRCLED_NUMBERS = re.compile("[\u2460-\u2473\u2776-\u277f]")
LIST_NUMBER = re.compile(r"\s*(?:\d{1,3}\s*[.、)](?!\d)|\(\d{1,3}\))\s*")


_last: list[tuple[Catalogue, Scanner]] = []
"""The scanner asked for last, with its catalogue: found by identity, at no cost."""


def scanner_for(catalogue: Catalogue) -> Scanner:
    """Compiling the vocabulary costs milliseconds; a catalogue's is kept and reused. The
    deployment's own catalogue is found by identity: hashing and comparing a catalogue of
    3,000 branches, as a plain cache would for every message, costs most of a millisecond."""
    if _last and _last[0][0] is catalogue:
        return _last[0][1]
    scanner = _scanner_of(catalogue)
    _last[:] = [(catalogue, scanner)]
    return scanner


@lru_cache(maxsize=8)
def _scanner_of(catalogue: Catalogue) -> Scanner:
    return Scanner(catalogue)


class Scanner:
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
        starts = {w[0] for w in (*self.metric_of, *self.branch_of)} | dates.STARTS
        plain = "".join(re.escape(c) for c in sorted(starts))
        self.token = re.compile(
            rf"(?P<date>{dates.DATE})"
            rf"|(?P<period>{PERIOD})|(?P<time>{CLOCK_TIME})"
            rf"|(?P<branch>{_alternatives(self.branch_of)})"
            rf"|(?P<alias>{_alternatives(self.metric_of)})"
            rf"|(?P<number>[+-]?(?:{amounts.ARABIC})(?:{GLUE}?[万千亿wWkK])*){unit}"
            rf"|(?P<glue>{GLUE}+)|(?P<punct>{PUNCTUATION}+)"
            rf"|(?P<word>[^\d\s:=,;、。.!?~…()\[\]【】<>《》\"'“”‘’/|\\+*#@&·{plain}-]+|.)"
        )
        self.value = re.compile(
            rf"{GLUE}*(?:(?:{'|'.join(FILLERS)}){GLUE}*)*"
            rf"(?!{dates.DATE})(?:(?P<sign>{SIGNS}){GLUE}*)?(?:(?P<numeral>{amounts.NUMERAL})"
            rf"|(?P<none>{'|'.join(NONE_WORDS)})){unit}"
        )


def lines_of(text: str) -> list[str]:
    """Normalised lines: full-width forms folded, list numbers and remarks dropped."""
    text = unicodedata.normalize("NFKC", CIRCLED_NUMBERS.sub(" ", text))
    lines = []
    for raw in text.splitlines():
        line = LIST_NUMBER.sub("", raw, count=1) if LIST_NUMBER.match(raw) else raw
        if line.strip() and not line.lstrip().startswith(REMARK_PREFIXES):
            lines.append(line)
    return lines


def _alternatives(words: object) -> str:
    """A regex alternation of literal words, longest first so the longest match wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]
