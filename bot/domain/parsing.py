"""Reading a chat message as a report of figures, or as not a report at all.

The pair rule of PRODUCT.md decides: a message holding a metric alias followed
by a number (or 无) is a report, and then it must be read whole; anything else
is chit-chat and gets no reply.
"""

from __future__ import annotations

from datetime import date

from bot.domain.catalogue import Catalogue, Metric
from bot.domain.reading import Reading
from bot.domain.reports import Entry, Problem, Refusal, Report
from bot.domain.scanner import lines_of, scanner_for

__all__ = ["Entry", "Problem", "Refusal", "Report", "format_report", "parse_report"]


def parse_report(
    text: str, *, catalogue: Catalogue, today: date, default_day: date
) -> Report | Refusal | None:
    """None: not a report. Report: read whole. Refusal: a report that cannot be read whole."""
    lines = lines_of(text)
    reading = Reading(scanner_for(catalogue), today)
    for index, line in enumerate(lines):
        # Every line before the first one with figures is context: #接龙, then its title.
        reading.read_line(line, header=len(lines) > 1 and not reading.pairs, first=index == 0)
    return reading.result(default_day)


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
