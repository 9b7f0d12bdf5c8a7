"""Targets in words: periods, completion against time progress, and /progress's table.

Shared by the morning bulletin, the summaries and the replies to /target, so a
branch's standing reads the same wherever it appears.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape

from bot.domain.catalogue import Catalogue
from bot.domain.periods import Period, PeriodKind
from bot.domain.targets import POINTS, Progress
from bot.rendering.replies import day_label, number
from bot.rendering.texts import Texts


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def metric_name(key: str, texts: Texts, catalogue: Catalogue) -> str:
    return texts("target.points") if key == POINTS else catalogue.metric(key).name


def metric_amount(key: str, value: float, texts: Texts, catalogue: Catalogue) -> str:
    """An amount to one decimal: projections and sums need no more on a phone."""
    unit = texts("target.points_unit") if key == POINTS else catalogue.metric(key).unit
    return f"{number(round(value, 1))}{unit}"


def period_label(period: Period, texts: Texts) -> str:
    if period.kind is PeriodKind.WEEK:
        first, last = day_label(period.first, texts), day_label(period.last, texts)
        return texts("period.week", first=first, last=last)
    if period.kind is PeriodKind.MONTH:
        return texts("period.month", year=period.first.year, month=period.first.month)
    quarter = (period.first.month - 1) // 3 + 1
    return texts("period.quarter", year=period.first.year, quarter=quarter)


def completion(row: Progress, texts: Texts, catalogue: Catalogue) -> str:
    """储蓄 60%（120/200万元）"""
    return texts(
        "progress.item",
        metric=metric_name(row.metric, texts, catalogue),
        completion=percent(row.completion),
        actual=number(round(row.actual, 1)),
        target=metric_amount(row.metric, row.target, texts, catalogue),
    )


def behind(row: Progress, texts: Texts, catalogue: Catalogue) -> str:
    """姜家 储蓄 40% 预计完成 80万元 距目标差 120万元"""
    return texts(
        "progress.behind",
        branch=escape(row.branch),
        metric=metric_name(row.metric, texts, catalogue),
        completion=percent(row.completion),
        projection=metric_amount(row.metric, row.projection, texts, catalogue),
        gap=metric_amount(row.metric, row.gap, texts, catalogue),
    )


def by_branch(rows: Sequence[Progress]) -> dict[str, list[Progress]]:
    grouped: dict[str, list[Progress]] = {}
    for row in rows:
        grouped.setdefault(row.branch, []).append(row)
    return grouped


def completion_lines(rows: Sequence[Progress], texts: Texts, catalogue: Catalogue) -> list[str]:
    """One line per branch with all its targets, flagged when any is behind time progress."""
    return [
        texts(
            "progress.row",
            flag=texts("progress.flag") if any(r.behind for r in own) else "",
            branch=escape(branch),
            items=texts.items(completion(r, texts, catalogue) for r in own),
        )
        for branch, own in by_branch(rows).items()
    ]


def behind_lines(
    rows: Sequence[Progress], plans: Mapping[str, str], texts: Texts, catalogue: Catalogue
) -> list[str]:
    """What each branch behind time progress lacks, then its 一点一策 (or that it has none)."""
    lines: list[str] = []
    for branch, own in by_branch([r for r in rows if r.behind]).items():
        lines.extend(behind(r, texts, catalogue) for r in own)
        plan = plans.get(branch)
        lines.append(
            texts("progress.plan", plan=escape(plan))
            if plan
            else texts("progress.no_plan", branch=escape(catalogue.branch(branch).short_name))
        )
    return lines


def progress_text(
    rows: Sequence[Progress],
    plans: Mapping[str, str],
    *,
    period: Period,
    through: date,
    texts: Texts,
    catalogue: Catalogue,
) -> list[str]:
    """/progress: the period's completion table, then who is behind and their plans."""
    label = period_label(period, texts)
    if not rows:
        return [texts("progress.none", period=label)]
    time, day = percent(rows[0].time_progress), day_label(through, texts)
    lines = [texts("progress.title", period=label, through=day, time=time)]
    lines.extend(completion_lines(rows, texts, catalogue))
    if any(r.behind for r in rows):
        lines.append(texts("progress.behind_title"))
        lines.extend(behind_lines(rows, plans, texts, catalogue))
    return lines
