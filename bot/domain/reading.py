"""Gathering one message's dates, branches and figures, line by line, into a result.

Each line is read by `line_reading.LineReading`; what it finds joins the message
only when the line is not a header of context.
"""

from __future__ import annotations

from datetime import date

from bot.domain.catalogue import Branch, Metric
from bot.domain.line_reading import LineReading, plain
from bot.domain.reports import Entry, Problem, Refusal, Report
from bot.domain.scanner import Scanner

KEPT_FROM_CONTEXT = frozenset({"period_total", "unknown_metric_close"})
"""What a context line's words may still be refused for, once the message is a report."""


class Reading:
    """What one message says, gathered line by line."""

    def __init__(self, scanner: Scanner, today: date) -> None:
        self.scanner = scanner
        self.today = today
        self.dates: list[tuple[str, date | None]] = []
        self.branch: Branch | None = None
        self.topic: Metric | None = None
        """The one metric a header names: bare numbers below it are its figures."""
        self.entries: dict[str | None, dict[str, float]] = {}
        self.problems: list[Problem] = []
        self.loose: list[Problem] = []
        """Problems that count only if the message turns out to be a report."""
        self.pairs = 0

    def read_line(self, line: str, *, header: bool, first: bool) -> None:
        found = LineReading(
            self.scanner, self.today, line, topic=self.topic, after=bool(self.pairs)
        )
        found.scan()
        self.dates.extend(found.dates)
        if header and found.is_context(first=first):
            # A line before the figures is context: its date, branch and topic
            # (#接龙 / 7月27日各网点储蓄接龙), never a refusal. A running total or a typo
            # on it still counts if the message is a report.
            self.branch = found.branch or self.branch
            if named := set(found.named):
                self.topic = named.pop() if len(named) == 1 else None
            self.loose.extend(p for p in found.loose if p.code in KEPT_FROM_CONTEXT)
            return
        self._commit(found)

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
            problems.append(Problem("future_date", {"date": named.get(day, day.isoformat())}))
        return day, problems

    def _commit(self, found: LineReading) -> None:
        for branch, metric, value in found.items:
            owner = branch or self.branch
            values = self.entries.setdefault(owner.name if owner else None, {})
            earlier = values.setdefault(metric.key, value)
            if earlier != value:
                names = {"word": metric.name, "first": plain(earlier), "second": plain(value)}
                found.problems.append(Problem("duplicate_metric", names))
        self.branch = found.branch or self.branch
        self.pairs += found.pairs
        self.problems.extend(found.problems)
        self.loose.extend(found.loose)
