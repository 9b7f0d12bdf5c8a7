"""The scheduled posts as Telegram HTML: the morning bulletin and the reminder.

Names come from configuration and from Telegram profiles, so every one is
escaped; a long bulletin is split at line ends into messages Telegram accepts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from html import escape

from bot.domain.bulletin import Bulletin, BulletinRow, LateEntry
from bot.domain.catalogue import Catalogue
from bot.domain.targets import Progress
from bot.rendering.progress import by_branch, metric_amount, metric_name, percent
from bot.rendering.replies import MEDALS, amount, day_label, number
from bot.rendering.texts import Texts

MESSAGE_LIMIT = 4096


def bulletin_messages(
    bulletin: Bulletin, texts: Texts, catalogue: Catalogue, *, repeat: bool = False
) -> list[str]:
    weekday = texts(f"weekday.{bulletin.day.weekday()}")
    day = texts("bulletin.day", day=day_label(bulletin.day, texts), weekday=weekday)
    title = texts("bulletin.title", day=day) + (texts("bulletin.repeat") if repeat else "")
    lines = [title]
    if not bulletin.rows:
        lines.append(texts("bulletin.nobody"))
    progress = by_branch(bulletin.progress)
    if bulletin.progress:
        lines.append(texts("bulletin.time", time=percent(bulletin.progress[0].time_progress)))
    for row in bulletin.rows:
        lines.extend(_row(row, texts, catalogue))
        if row.branch in progress:
            lines.append(_progress(progress[row.branch], texts, catalogue))
    if bulletin.rows and bulletin.missing:
        missing = texts.names(escape(b) for b in bulletin.missing)
        lines.append(texts("bulletin.missing", branches=missing))
    lines.extend(_late(entry, texts, catalogue) for entry in bulletin.late)
    return split(lines, continued=texts("bulletin.continued"))


def _late(entry: LateEntry, texts: Texts, catalogue: Catalogue) -> str:
    figures = " ".join(
        f"{catalogue.metric(key).name}"
        + (amount(catalogue.metric(key), value) if value is not None else texts("bulletin.removed"))
        for key, value in entry.values
    )
    return texts(
        "bulletin.late",
        branch=escape(entry.branch),
        day=day_label(entry.day, texts),
        figures=escape(figures),
    )


def _progress(rows: Sequence[Progress], texts: Texts, catalogue: Catalogue) -> str:
    """积分 84%⚠️差60.3分，储蓄 106%: where the branch stands on its month targets."""
    items = []
    for row in rows:
        item = texts(
            "bulletin.progress_item",
            metric=metric_name(row.metric, texts, catalogue),
            completion=percent(row.completion),
        )
        if row.behind:
            gap = metric_amount(row.metric, row.gap, texts, catalogue)
            item += texts("bulletin.behind", gap=gap)
        items.append(item)
    return texts("bulletin.progress", items=texts.items(items))


def _row(row: BulletinRow, texts: Texts, catalogue: Catalogue) -> list[str]:
    place = MEDALS[row.rank - 1] if row.rank <= len(MEDALS) else f"{row.rank}."
    head = texts(
        "bulletin.row",
        place=place,
        branch=escape(row.branch),
        points=number(row.points),
        movement=_movement(row.movement, texts),
    )
    figures = " ".join(
        f"{catalogue.metric(key).name}{amount(catalogue.metric(key), value)}"
        for key, value in row.figures
    )
    detail = texts(
        "bulletin.detail",
        figures=escape(figures),
        month_points=number(row.month_points),
        month_rank=row.month_rank,
    )
    return [head, detail]


def _movement(movement: int | None, texts: Texts) -> str:
    if movement is None:
        return texts("bulletin.new")
    if movement > 0:
        return texts("bulletin.up", n=movement)
    if movement < 0:
        return texts("bulletin.down", n=-movement)
    return texts("bulletin.same")


def reminder_text(
    day: date,
    missing: Sequence[tuple[str, Sequence[tuple[int, str]]]],
    texts: Texts,
    no_photos: Sequence[str] = (),
) -> str:
    """`missing`: each branch not yet reported, with its heads as (user id, name);
    `no_photos`: the branches without a visit photo for the day."""
    label = day_label(day, texts)
    lines = [] if missing else [texts("reminder.complete", day=label)]
    if missing:
        lines.append(texts("reminder.title", day=label))
    for branch, heads in missing:
        mentions = " ".join(_mention(user_id, name) for user_id, name in heads)
        lines.append(texts("reminder.line", branch=escape(branch), heads=mentions).rstrip())
    if no_photos:
        branches = texts.names(escape(branch) for branch in no_photos)
        lines.append(texts("reminder.no_photos", day=label, branches=branches))
    if missing or no_photos:
        lines.append(texts("reminder.footer"))
    return "\n".join(lines)


def _mention(user_id: int, name: str) -> str:
    """A text mention: Telegram notifies the person even without a username."""
    return f'<a href="tg://user?id={user_id}">{escape(name)}</a>'


def _fitting(lines: Iterable[str], width: int) -> Iterator[str]:
    """Lines no longer than `width`: an overlong one is cut, since Telegram refuses it whole."""
    for line in lines:
        while len(line) > width:
            yield line[:width]
            line = line[width:]
        yield line


def split(lines: Iterable[str], *, continued: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Join lines into as few messages as fit `limit`, breaking only between lines."""
    messages: list[str] = []
    current = ""
    for line in _fitting(lines, limit - len(continued) - 1):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            messages.append(current)
        current = f"{continued}\n{line}" if messages else line
    if current:
        messages.append(current)
    return messages
