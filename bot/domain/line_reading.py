"""Reading one line of a message: its dates, branches, figures and problems.

A line is scanned once with the compiled vocabulary of `scanner.Scanner`; whether
what it finds joins the message, or is a header's context, is `reading.Reading`'s.
"""

from __future__ import annotations

import re
from datetime import date

from bot.domain import amounts, dates
from bot.domain.catalogue import Branch, Catalogue, Metric
from bot.domain.reports import Problem
from bot.domain.scanner import Scanner
from bot.domain.suggestions import closest_metric

NEGATIVE_SIGNS = ("-", "−", "负")


class LineReading:
    """The dates, branches and figures of one line, before they join the message."""

    def __init__(
        self, scanner: Scanner, today: date, line: str, *, topic: Metric | None, after: bool
    ) -> None:
        self.scanner = scanner
        self.today = today
        self.topic = topic
        """The one metric the message's header names: bare numbers below it are its."""
        self.after = after
        """Whether an earlier line held figures: a day word on this one is then news."""
        self.line = line
        self.dates: list[tuple[str, date | None]] = []
        self.figures = False
        """Whether a number has been read on this line: 今天 after the figures is chat."""
        self.branch: Branch | None = None
        self.items: list[tuple[Branch | None, Metric, float]] = []
        self.problems: list[Problem] = []
        self.loose: list[Problem] = []
        self.pairs = 0
        self.named: list[Metric] = []
        """Metrics named on this line without a number (a header's topic)."""
        self.awaiting: tuple[Metric, Problem] | None = None
        """The metric just named without a number: 走访 商户3户 gives it the number after a
        word that qualifies it, and the problem of its missing number goes."""
        self.period = ""
        """Period words (本月, 累计) standing before the next figure: it is then a total."""

    def scan(self) -> None:
        scanner, line, position, word = self.scanner, self.line, 0, ""
        while position < len(line):
            token = scanner.token.match(line, position)
            assert token is not None, "the word group matches any character"
            position = token.end()
            if token["date"] is not None:
                # 储蓄35万 今天开会, 储蓄35万\n周五开会: a day word after figures is news.
                news = self.figures or self.after
                if not ((token["relative"] or token["weekday"]) and news):
                    self.dates.append((token["date"], dates.resolve(token, self.today)))
            elif token["period"] is not None:
                self.period += token["period"]
            elif token["branch"] is not None:
                self.branch = scanner.branch_of[token["branch"]]
            elif token["alias"] is not None:
                position = self._pair(scanner.metric_of[token["alias"]], token["alias"], position)
            elif token["number"] is not None:
                self._stray_number(word.strip(), token)
                self.awaiting = None
            elif token["word"] is not None:
                word += token["word"]
                continue
            elif token["glue"] is not None and _number_follows(line, position):
                continue
            elif token["punct"] is not None:
                self.period = ""
                self.awaiting = None
            word = ""

    def _pair(self, metric: Metric, alias: str, position: int) -> int:
        value = self.scanner.value.match(self.line, position)
        spelt = value is not None and not (value["numeral"] or "")[:1].isdigit()
        if value is None or (spelt and self._runs_on(value.end())):
            # 走访一下, 保险一个都没卖, 保险无人买: a Chinese numeral or 无 inside a word.
            problem = Problem("no_value", {"word": alias})
            self.loose.append(problem)
            self.named.append(metric)
            self.awaiting = (metric, problem)
            return position
        unit = value["unit"] or value["unit2"]
        if metric.is_judged and (unit not in (None, "分") or self._runs_on(value.end())):
            return position  # 晨会8点开始: a meeting's time, not its score
        self.awaiting = None
        self.pairs += 1
        self.figures = True
        if self.period:
            self.problems.append(Problem("period_total", {"word": self.period + alias}))
            self.period = ""
        elif metric.is_judged:
            # 晨会 9分: judged scores are given by managers with /score, never reported.
            self.problems.append(Problem("judged", {"word": metric.name}))
        elif not amounts.fits(metric, unit):
            units = tuple(amounts.accepted_units(metric))
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
            if amounts.implausible(metric, number, absolute=absolute, unit=unit):
                self.problems.append(
                    Problem("needs_unit", {"word": alias, "number": plain(number)})
                )
                return value.end()
            shown = amounts.display_value(metric, number, absolute=absolute, unit=unit)
            self.items.append(
                (self.branch, metric, -shown if value["sign"] in NEGATIVE_SIGNS else shown)
            )
        return value.end()

    def _stray_number(self, word: str, token: re.Match[str]) -> None:
        """A number after no alias: a typo of one (储畜35万), or a number that means nothing."""
        self.figures = True
        if self.period:
            # 本月绩效奖每人500元 is an announcement: a total counts only in a report.
            self.loose.append(Problem("period_total", {"word": self.period + word}))
            self.period = ""
            return
        topic = self.topic
        if not word and topic is not None and self.branch is not None:
            # 储蓄接龙 … 1. 正阳 35万: the header's metric, for the branch on this line.
            self._pair(topic, topic.name, token.start())
            return
        if not word:
            self.loose.append(Problem("orphan_number", {"number": token["number"].strip()}))
            return
        if self._qualifies(word, token):
            return
        catalogue = self.scanner.catalogue
        if self.awaiting is not None and (typed := self._typo_after_alias(word, catalogue)):
            word, metric = typed
        elif (found := closest_metric(word, catalogue)) is not None:
            metric = found
        else:
            self.loose.append(Problem("unknown_metric", {"word": word}))
            return
        problem = Problem("unknown_metric_close", {"word": word, "suggestion": metric.name})
        # Only a figure the metric could have makes chat a report: 他们35个人, 走路3公里 are chat.
        figure = amounts.fits(metric, token["unit"] or token["unit2"])
        (self.problems if figure and not self._runs_on(token.end()) else self.loose).append(problem)

    def _typo_after_alias(self, word: str, catalogue: Catalogue) -> tuple[str, Metric] | None:
        """他行揽 10万 is 他行揽储 missing a character: the scanner read 他行 as an alias
        without a number, then 揽 before it. Taken together the two are one typo, whose
        suggestion replaces the alias's missing value."""
        assert self.awaiting is not None
        _, problem = self.awaiting
        typed = f"{problem.params['word']}{word}"
        metric = closest_metric(typed, catalogue)
        if metric is None:
            return None
        self.loose.remove(problem)
        self.awaiting = None
        return typed, metric

    def _qualifies(self, word: str, token: re.Match[str]) -> bool:
        """Read 走访 商户3户 as 走访 3户: one of the metric's kind words (商户, 小区) may stand
        between it and its number. Only those: 存款 流失 30万 is no deposit."""
        if self.awaiting is None or self._runs_on(token.end()):
            return False  # 走访了3个小区: the number runs on into chat
        metric, problem = self.awaiting
        if word not in metric.kinds or not amounts.fits(metric, token["unit"] or token["unit2"]):
            return False
        self.loose.remove(problem)
        self.named.remove(metric)
        self._pair(metric, metric.name, token.start())
        return True

    def _runs_on(self, position: int) -> bool:
        """Whether an unknown word starts right at `position` (a CJK letter, no space)."""
        line = self.line
        if position >= len(line) or not "\u3400" <= line[position] <= "\u9fff":
            return False
        token = self.scanner.token.match(line, position)
        return token is not None and token["word"] is not None

    def is_context(self, *, first: bool) -> bool:
        """A line without figures or refusals names a date, branch or topic; after the first
        line, one naming a branch and a metric is an entry whose value is missing
        (1. 正阳 保险很多), not context."""
        entry = not first and self.branch is not None and bool(self.named)
        return not self.pairs and not self.problems and not entry


def _number_follows(line: str, position: int) -> bool:
    return position < len(line) and (line[position].isdigit() or line[position] in "+-")


def plain(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")
