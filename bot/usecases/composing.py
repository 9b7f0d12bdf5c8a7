"""What each scheduled post says: its messages, and an album of charts.

Charts are drawn, and the long texts rendered, in worker threads, off the event loop.
Nothing here talks to Telegram; usecases/publishing.py queues what this composes in the
outbox.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial

from bot.adapters.images import square_thumbnail
from bot.config.settings import Config
from bot.domain.periods import Period, PeriodKind
from bot.domain.schedule import PostKind
from bot.domain.standings import Standings
from bot.rendering.chart_layout import MAX_BARS, Drawing
from bot.rendering.contact_sheet import TILES_PER_SHEET, Tile, contact_sheets
from bot.rendering.contest_chart import Duel, duel_chart
from bot.rendering.contests import (
    result_lines,
    score_text,
    scoring_text,
    side_name,
    standings_lines,
)
from bot.rendering.fonts import chart_font
from bot.rendering.posts import bulletin_messages, reminder_text, split
from bot.rendering.progress import period_label
from bot.rendering.replies import day_label
from bot.rendering.summary import summary_messages
from bot.rendering.summary_charts import summary_charts
from bot.rendering.texts import Texts
from bot.rendering.visits import week_lines
from bot.usecases.services import Services

# The summaries and the period each looks back on.
SUMMARIES = {PostKind.WEEKLY: PeriodKind.WEEK, PostKind.MONTHLY: PeriodKind.MONTH}
SHEETS = 3
"""Contact sheet pages in a weekly summary; past them, /photos shows the rest."""
CHART_MATCHES = 4
"""From this many matches a contest's standings come with a chart as well."""


@dataclass(frozen=True, slots=True)
class Album:
    """Photos sent together, the caption under the first."""

    photos: list[bytes]
    caption: str


@dataclass(frozen=True, slots=True)
class Composed:
    """A post's text messages, then its albums: charts, the week's visit photos."""

    texts: list[str]
    albums: tuple[Album, ...] = ()
    finishes: tuple[int, ...] = ()
    """The contests whose result this post announces: once it is out, they are closed."""


async def compose(
    services: Services, config: Config, chat_id: int, kind: PostKind, run: datetime, *,
    repeat: bool,
) -> Composed:  # fmt: skip
    """The messages of one post; none for a reminder when everyone has reported."""
    texts = Texts(config.language)
    chat = config.chat(chat_id)
    if kind is PostKind.MORNING:
        bulletin = await services.posts.bulletin(chat_id, run)
        render = partial(bulletin_messages, bulletin, texts, config.catalogue, repeat=repeat)
        return Composed(await asyncio.to_thread(render))
    if kind in SUMMARIES:
        summary = await services.posts.summary(SUMMARIES[kind], run)

        def charts() -> list[Drawing]:
            font = chart_font(config.font_path)
            return summary_charts(
                summary, texts=texts, catalogue=config.catalogue,
                main_metrics=config.main_metrics, font=font,
            )  # fmt: skip

        label = period_label(summary.period, texts)
        drawings = await asyncio.to_thread(charts)
        album = Album(await drawn(drawings), texts("summary.album", period=label))
        render = partial(summary_messages, summary, texts, config.catalogue, repeat=repeat)
        messages = await asyncio.to_thread(render)
        if kind is not PostKind.WEEKLY:
            return Composed(messages, albums=(album,))
        # A week asked for on Wednesday (/chart week) ends on Tuesday: no later columns.
        shown = replace(summary.period, last=min(summary.period.last, summary.through))
        lines, sheet = await compose_photos(services, config, shown, label)
        if lines:
            messages += split(lines, continued=texts("bulletin.continued"))
        return Composed(messages, albums=(album, sheet) if sheet else (album,))
    if kind is PostKind.PK:
        return await compose_contests(services, config, chat_id, run, on_demand=False)
    missing = await services.posts.missing(run)
    complete_too = repeat or (chat is not None and chat.schedule.remind_when_complete)
    if not missing.branches and not missing.no_photos and not complete_too:
        return Composed([])
    text = reminder_text(missing.day, missing.branches, texts, missing.no_photos)
    return Composed(split(text.splitlines(), continued=texts("bulletin.continued")))


async def compose_photos(
    services: Services, config: Config, period: Period, label: str
) -> tuple[list[str], Album | None]:
    """The week's visit photos: per branch and working day, and the contact sheet."""
    texts = Texts(config.language)
    shown = TILES_PER_SHEET * SHEETS
    week = await services.photos.week(period, shown=shown)
    if not week.count and not config.photos.remind:
        return [], None  # a deployment that does not ask for photos hears nothing of them
    workdays = list(config.calendar.working_days(period.first, period.last)) or week.tally.days
    lines = week_lines(
        week.tally, workdays, week.stale, texts, config.catalogue,
        stale_days=config.photos.stale_days, lookalikes=week.lookalikes,
    )  # fmt: skip
    if not week.images:
        return lines, None
    short = config.catalogue.short_name
    tiles = [
        Tile(image.data, f"{short(image.branch)} {image.day.month}/{image.day.day}", image.stale)
        for image in week.images
    ]

    def draw() -> list[bytes]:
        font = chart_font(config.font_path)
        title = texts("summary.sheet_title", period=label, count=week.count)
        return contact_sheets(
            tiles, title=title, subtitle="", font=font, thumbnail=square_thumbnail,
            max_sheets=SHEETS,
        )  # fmt: skip

    drawn = min(len(tiles), shown)
    key = "summary.sheet_more" if week.count > drawn else "summary.sheet"
    caption = texts(key, period=label, count=week.count, shown=drawn)
    return lines, Album(await asyncio.to_thread(draw), caption)


async def compose_contests(
    services: Services, config: Config, chat_id: int, run: datetime, *, on_demand: bool
) -> Composed:
    """Each running contest's standings, and the result of each that is over. On demand
    (`/pk`), contests not yet started are listed too and no result is announced."""
    texts, catalogue = Texts(config.language), config.catalogue
    today = services.contests.today(run)
    messages: list[str] = []
    charted: list[Standings] = []
    finishes: list[int] = []
    for standings in await services.contests.standings(chat_id, run):
        if today > standings.contest.last and not on_demand:
            lines = result_lines(standings, texts, catalogue)
            finishes.append(standings.contest.id)
        elif standings.started or on_demand:
            lines = standings_lines(standings, texts, catalogue)
            if standings.started and len(standings.matches) >= CHART_MATCHES:
                charted.append(standings)
        else:
            continue
        messages.extend(split(lines, continued=texts("bulletin.continued")))

    albums: tuple[Album, ...] = ()
    if charted:
        first = charted[0]
        caption = texts(
            "pk.chart.caption", name=first.contest.name, through=day_label(first.through, texts)
        )
        font = await asyncio.to_thread(chart_font, config.font_path)
        charts = [partial(contest_chart, s, texts, config, font) for s in charted]
        albums = (Album(await drawn(charts), caption),)
    return Composed(messages, albums=albums, finishes=tuple(finishes))


async def drawn(drawings: Sequence[Drawing]) -> list[bytes]:
    """An album's charts, each drawn in a worker thread of its own, all at once. The
    chart lock lets one through matplotlib at a time (rendering.chart_layout), and the
    PNG of one is encoded, without the GIL, while the next is drawn: on a weekly summary
    that takes some 7% (50 ms) off the wait, the PNGs unchanged."""
    return list(await asyncio.gather(*(asyncio.to_thread(draw) for draw in drawings)))


def contest_chart(standings: Standings, texts: Texts, config: Config, font: str) -> bytes:
    scoring, catalogue = standings.contest.scoring, config.catalogue
    duels = [
        Duel(
            names=(side_name(match.first.side, catalogue), side_name(match.second.side, catalogue)),
            values=(match.first.score, match.second.score),
            texts=(
                score_text(match.first.score, scoring, texts, catalogue),
                score_text(match.second.score, scoring, texts, catalogue),
            ),
            leader=match.leader,
        )
        for match in standings.matches
    ]
    through = day_label(standings.through, texts)
    return duel_chart(
        title=texts("pk.chart.title", name=standings.contest.name, through=through),
        subtitle=texts(
            "pk.standings.head",
            through=through,
            rule=scoring_text(scoring, texts, catalogue),
            left=standings.days_left,
        ),
        duels=duels,
        font=font,
        more=texts("pk.chart.more", count=max(0, len(duels) - MAX_BARS)),
    )
