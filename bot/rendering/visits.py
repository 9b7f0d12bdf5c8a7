"""Visit photos in words: the one answer to a photo or album, and the weekly photo lines."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from bot.domain.catalogue import Catalogue
from bot.domain.outcomes import Anonymous, Unbound
from bot.domain.visit_outcomes import (
    Lookalike,
    NoPhotoBranch,
    OnlyRepeats,
    PhotoProblem,
    PhotosOfDay,
    PhotosRefused,
    Repeat,
    VisitOutcome,
    VisitTaken,
)
from bot.domain.visits import PhotoTally
from bot.rendering.replies import day_label, report_reply, stored_day
from bot.rendering.texts import Texts

CROWD = 30
"""Past this many branches, the week's table lists only the branches that missed days."""


def visit_reply(
    outcome: VisitOutcome, texts: Texts, catalogue: Catalogue, *, stale_days: int
) -> str | None:
    """The one short answer an album gets; None for a redelivered one."""
    match outcome:
        case VisitTaken():
            short = catalogue.short_name(outcome.branch)
            day = stored_day(outcome.day, outcome.when, texts)
            key = "photo.taken_late" if outcome.late else "photo.taken"
            lines = [texts(key, branch=short, day=day, count=outcome.total, added=outcome.added)]
            lines += _repeats(outcome.repeats, texts, catalogue)
            if outcome.stale:
                taken = texts.names(dict.fromkeys(day_label(d, texts) for d in outcome.stale))
                lines.append(
                    texts("photo.stale", count=len(outcome.stale), dates=taken, days=stale_days)
                )
            lines += _problems(outcome.refused, texts)
            if outcome.report is not None and (
                said := report_reply(outcome.report, texts, catalogue)
            ):
                lines.append(said)
            return "\n".join(lines)
        case OnlyRepeats():
            return "\n".join(
                _repeats(outcome.repeats, texts, catalogue) + _problems(outcome.refused, texts)
            )
        case PhotosRefused():
            return "\n".join([texts("photo.refused"), *_problems(outcome.problems, texts)])
        case NoPhotoBranch():
            return texts("photo.which_branch")
        case Unbound():
            return texts("report.unbound")
        case Anonymous():
            return texts("report.anonymous")
        case _:
            return None


def photos_caption(shown: PhotosOfDay, texts: Texts, catalogue: Catalogue) -> str:
    """The caption of a day's photos posted back, or the answer that there are none."""
    branch = catalogue.short_name(shown.branch)
    day = day_label(shown.day, texts)
    count, listed = shown.count, len(shown.images)
    if not count:
        return texts("photos.none", branch=branch, day=day)
    caption = texts("photos.caption", branch=branch, day=day, count=count)
    return caption + (texts("photos.more", count=count, shown=listed) if count > listed else "")


def _repeats(repeats: Sequence[Repeat], texts: Texts, catalogue: Catalogue) -> list[str]:
    """A file sent before may be another branch's, so its branch is named; a picture known
    by its content is always the branch's own, so only its day is."""
    lines = []
    if sent := [r for r in repeats if not r.alike]:
        where = texts.names(
            dict.fromkeys(
                f"{catalogue.short_name(r.branch)} {day_label(r.day, texts)}" for r in sent
            )
        )
        lines.append(texts("photo.repeats", count=len(sent), where=where))
    if alike := [r for r in repeats if r.alike]:
        days = texts.names(day_label(day, texts) for day in sorted({r.day for r in alike}))
        lines.append(texts("photo.alike", count=len(alike), days=days))
    return lines


def _problems(problems: Sequence[PhotoProblem], texts: Texts) -> list[str]:
    return [
        texts(f"photo.problem.{problem.value}", count=count)
        for problem, count in Counter(problems).items()
    ]


def week_lines(
    tally: PhotoTally,
    workdays: Sequence[date],
    stale: Sequence[tuple[str, date]],
    texts: Texts,
    catalogue: Catalogue,
    *,
    stale_days: int,
    lookalikes: Sequence[Lookalike] = (),
) -> list[str]:
    """Photos per branch per working day; past CROWD branches, only who missed days. Then
    what managers should look at: old photos, and photos another branch sent before."""
    short = catalogue.short_name
    # A weekend's photos get a column of their own, so the total adds up across the row.
    columns = sorted(set(workdays) | {day for _, day in tally.counts})
    span = "/".join(f"{d.month}.{d.day}" for d in columns)
    lines = [texts("summary.photos.title", days=span)]
    roster = [branch.name for branch in catalogue.branches]
    if len(roster) <= CROWD:
        for branch in roster:
            total = tally.total(branch)
            counts = "/".join(str(tally.of(branch, day)) for day in columns)
            key = "summary.photos.line" if total else "summary.photos.empty"
            lines.append(texts(key, branch=short(branch), counts=counts, total=total))
    else:
        missed = {b: tally.days_without(b, workdays) for b in roster}
        short_of = sorted((b for b in roster if missed[b]), key=lambda b: -missed[b])
        lines.append(
            texts("summary.photos.crowd", full=len(roster) - len(short_of), short=len(short_of))
        )
        items = (
            texts("summary.photos.missing_days", branch=short(b), count=missed[b]) for b in short_of
        )
        lines.append(texts.names(items))
    if stale:
        counted = Counter(stale)
        items = texts.names(
            (
                texts(
                    "summary.photos.stale_item", branch=short(b), day=day_label(d, texts), count=n
                )
                for (b, d), n in counted.items()
            )
        )
        lines.append(texts("summary.photos.stale", days=stale_days, items=items))
    lines += [
        _lookalike(seen, count, texts, catalogue) for seen, count in Counter(lookalikes).items()
    ]
    return lines


def _lookalike(seen: Lookalike, count: int, texts: Texts, catalogue: Catalogue) -> str:
    return texts(
        "summary.photos.lookalike", branch=catalogue.short_name(seen.branch),
        day=day_label(seen.day, texts), count=count,
        earlier=catalogue.short_name(seen.earlier_branch),
        earlier_day=day_label(seen.earlier_day, texts),
    )  # fmt: skip
