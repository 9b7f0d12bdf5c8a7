"""The weekly and monthly summary as Telegram HTML, in the order the meeting goes through it:
who led, who trailed, the targets, who is behind and what they will do, who reported."""

from __future__ import annotations

from html import escape

from bot.domain.catalogue import Catalogue
from bot.domain.ranking import RankRow
from bot.domain.summary import Discipline, Summary
from bot.rendering.posts import split
from bot.rendering.progress import (
    behind_lines,
    by_branch,
    completion_lines,
    percent,
    period_label,
)
from bot.rendering.replies import MEDALS, day_label, number
from bot.rendering.texts import Texts

PODIUM = 3
# Beyond this many branches the completion table would fill several messages: the
# summary counts who is on track and lists only the branches behind (/progress has all).
TABLE_BRANCHES = 30


def summary_messages(
    summary: Summary, texts: Texts, catalogue: Catalogue, *, repeat: bool = False
) -> list[str]:
    kind = summary.period.kind.value
    title = texts(
        f"summary.title.{kind}",
        period=period_label(summary.period, texts),
        through=day_label(summary.through, texts),
    )
    lines = [title + (texts("bulletin.repeat") if repeat else "")]
    lines.extend(_podium(summary.ranking, texts))
    lines.extend(_targets(summary, texts, catalogue))
    lines.extend(_discipline(summary.discipline, texts, every_day=summary.every_day))
    return split(lines, continued=texts("bulletin.continued"))


def _podium(ranking: tuple[RankRow, ...], texts: Texts) -> list[str]:
    """The top three, and the bottom three that are not also in the top three."""
    if not any(row.value for row in ranking):
        return [texts("summary.nobody")]
    top = ranking[:PODIUM]
    bottom = ranking[max(PODIUM, len(ranking) - PODIUM) :][::-1]
    lines = [texts("summary.top", rows=" ".join(_ranked(row, texts) for row in top))]
    if bottom:
        rows = texts.names(_ranked(row, texts, medal=False) for row in bottom)
        lines.append(texts("summary.bottom", rows=rows))
    return lines


def _ranked(row: RankRow, texts: Texts, *, medal: bool = True) -> str:
    place = MEDALS[row.rank - 1] if medal and row.rank <= len(MEDALS) else ""
    return texts("summary.ranked", place=place, branch=escape(row.branch), points=number(row.value))


def _targets(summary: Summary, texts: Texts, catalogue: Catalogue) -> list[str]:
    month = period_label(summary.month, texts)
    rows = summary.month_progress
    if not rows:
        return [texts("summary.no_targets", month=month)]
    time = percent(rows[0].time_progress)
    lines = [texts("summary.targets", month=month, time=time)]
    branches = by_branch(rows)
    if len(branches) <= TABLE_BRANCHES:
        lines.extend(completion_lines(rows, texts, catalogue))
    else:
        behind = sum(1 for own in branches.values() if any(r.behind for r in own))
        lines.append(texts("summary.on_track", ahead=len(branches) - behind, behind=behind))
    if summary.behind:
        lines.append(texts("progress.behind_title"))
        lines.extend(behind_lines(rows, summary.plans, texts, catalogue))
    return lines


def _discipline(discipline: tuple[Discipline, ...], texts: Texts, *, every_day: bool) -> list[str]:
    """Who reported every report day, then the others, fewest days first."""
    if not discipline or not discipline[0].working:
        return []
    working = discipline[0].working
    key = "summary.discipline_every_day" if every_day else "summary.discipline"
    lines = [texts(key, working=working)]
    full = [escape(d.branch) for d in discipline if d.reported == d.working]
    short = sorted((d for d in discipline if d.reported < d.working), key=lambda d: d.reported)
    if full:
        lines.append(texts("summary.full", branches=texts.names(full)))
    if short:
        rows = texts.names(
            texts("summary.days", branch=escape(d.branch), reported=d.reported, working=working)
            for d in short
        )
        lines.append(texts("summary.short", rows=rows))
    return lines
