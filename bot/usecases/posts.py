"""What the scheduled posts say: the reads behind the bulletin, the summaries and the
reminder. Making a post once is usecases/publishing.py's."""

from __future__ import annotations

import asyncio
import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial

from bot.config.settings import Config
from bot.domain.bulletin import (
    Bulletin,
    DayFigures,
    LateEntry,
    build_bulletin,
    late_entries,
)
from bot.domain.contests import Grid, sums_of
from bot.domain.periods import PeriodKind, period_containing
from bot.domain.schedule import PostKind
from bot.domain.summary import Summary, build_summary, progress_of, summary_spans
from bot.domain.targets import targets_for
from bot.storage.unit_of_work import Database, UnitOfWork


@dataclass(frozen=True, slots=True)
class Missing:
    """The branches that have not reported for a day, each with its heads (id, name)."""

    day: date
    branches: tuple[tuple[str, tuple[tuple[int, str], ...]], ...]
    no_photos: tuple[str, ...] = ()
    """The branches without a visit photo for the day (when photo reminders are on)."""


class Posting:
    def __init__(self, database: Database, config: Config) -> None:
        self.database = database
        self.config = config

    def report_day(self, now: datetime) -> date:
        """The day a post made `now` is about, the one undated reports sent now are for:
        Monday's bulletin ranks Friday."""
        return self.config.report_days.of(now)

    async def bulletin(self, chat_id: int, now: datetime) -> Bulletin:
        """The bulletin of the report day that posts made `now` are about; its 补报 are the
        late changes since this chat's previous bulletin. Reads two days' figures and the
        month's sums, whatever the history kept."""
        day = self.report_day(now)
        previous = self.config.report_days.before(day)
        month = period_containing(PeriodKind.MONTH, day)
        catalogue = self.config.catalogue
        async with self.database.reading() as uow:
            # Judged scores are no branch's report: left out by the query, a branch with
            # nothing else is not there at all.
            today = await uow.reads.of_day(day, leaving_out=catalogue.judged)
            before = await uow.reads.of_day(previous, leaving_out=catalogue.judged)
            sums = await uow.totals.sums(month.first, day, self._reported)
            targets = await uow.targets.overlapping(month.first, day)
            late = await self._late(uow, chat_id, day, first=min(month.first, previous))

        def build() -> Bulletin:
            bulletin = build_bulletin(
                day=day,
                previous_day=previous,
                today=today,
                before=before,
                month=sums,
                catalogue=catalogue,
                main_metrics=self.config.main_metrics,
            )
            progress = progress_of(
                targets_for(month, targets, self.config.calendar),
                day,
                sums,
                catalogue=catalogue,
                calendar=self.config.calendar,
            )
            return dataclasses.replace(bulletin, late=late, progress=progress)

        # Tens of milliseconds at a thousand branches: in a thread, so updates are still
        # handled meanwhile (the GIL lets the loop in between).
        return await asyncio.to_thread(build)

    @property
    def _reported(self) -> list[str]:
        """The metrics a branch reports: judged scores are no branch's report."""
        return [m.key for m in self.config.catalogue.metrics if not m.is_judged]

    async def _late(
        self, uow: UnitOfWork, chat_id: int, day: date, *, first: date
    ) -> tuple[LateEntry, ...]:
        """The 补报 since the chat's previous bulletin: changes to days before `day` made
        after those days' bulletins. A chat's first bulletin tells those of the days it
        covers (from `first`), not of every day ever closed."""
        judged = self.config.catalogue.judged
        moment = await uow.posts.last_posted(chat_id, PostKind.MORNING.value)
        first_day = None
        if moment is None:
            days = [first + timedelta(days=n) for n in range((day - first).days)]
            if not (closes := await uow.posts.closes(days)):
                return ()
            moment, first_day = min(closes.values()), first
        changes = await uow.changes.since(
            moment, first_day=first_day, before=day, leaving_out=judged
        )
        closes = await uow.posts.closes({c.day for c in changes}) if changes else {}
        changed = [c for c in changes if c.day in closes]
        if not changed:
            return ()
        figures = await uow.figures.of_days(closes, branches={c.branch for c in changed})
        current = {(f.branch, f.day, f.metric): f.value for f in figures}
        return late_entries(changed, closes=closes, current=current)

    async def summary(self, kind: PeriodKind, now: datetime) -> Summary:
        """The weekly or monthly summary of the period holding the report day of `now`, up to
        yesterday: Monday's summary counts the weekend's figures of branches that opened."""
        # Under either report-day rule a summary looks back on finished days: Monday's
        # weekly is about last week, not the one that has just begun.
        today = now.astimezone(self.config.timezone).date()
        yesterday = today - timedelta(days=1)
        report_day = self.config.report_days.closed(now)
        period = period_containing(kind, report_day)
        through = max(report_day, min(period.last, yesterday))
        period, month = summary_spans(kind, through, self.config.calendar)
        month_through = min(through, month.last)
        async with self.database.reading() as uow:
            grid = await uow.figures.grid(period.first, through)
            figures = reported_only(grid, self.config.catalogue.judged)
            span = (period.first, through)
            period_sums = sums_of(figures, [span])[span]  # not read again as SQL sums
            month_sums = (
                period_sums
                if (month.first, month_through) == span
                else await uow.totals.sums(month.first, month_through, self._reported)
            )
            targets = await uow.targets.overlapping(min(period.first, month.first), period.last)
            plans = await uow.plans.current()
        build = partial(
            build_summary,
            kind=kind,
            through=through,
            figures=figures,
            period_sums=period_sums,
            month_sums=month_sums,
            targets=targets,
            plans={branch: plan.text for branch, plan in plans.items()},
            catalogue=self.config.catalogue,
            calendar=self.config.calendar,
            report_days=self.config.report_days,
        )
        return await asyncio.to_thread(build)  # as the bulletin's: off the event loop

    async def missing(self, now: datetime) -> Missing:
        """The branches still to report for the report day, in roster order, with their heads."""
        day = self.report_day(now)
        async with self.database.reading() as uow:
            judged = self.config.catalogue.judged
            reported = await uow.totals.reporters(day, leaving_out=judged)
            heads = await uow.members.heads()
            photographed = {photo.branch for photo in await uow.visits.of_days(day, day)}
        roster = self.config.catalogue.branches
        branches = tuple(
            (b.name, tuple((h.user_id, h.name) for h in heads.get(b.name, [])))
            for b in roster
            if b.name not in reported
        )
        no_photos = tuple(b.name for b in roster if b.name not in photographed)
        return Missing(day, branches, no_photos if self.config.photos.remind else ())


def reported_only(grid: Grid, judged: frozenset[str]) -> Grid:
    """The grid without judged scores: a /score is not the branch's report."""
    if not judged:
        return grid
    kept = {day: reported_day(branches, judged) for day, branches in grid.items()}
    return {day: branches for day, branches in kept.items() if branches}


def reported_day(figures: DayFigures, judged: frozenset[str]) -> DayFigures:
    """One day's figures without judged scores; a branch with nothing else is left out."""
    if not judged:
        return figures
    kept = {b: {k: v for k, v in f.items() if k not in judged} for b, f in figures.items()}
    return {branch: own for branch, own in kept.items() if own}
