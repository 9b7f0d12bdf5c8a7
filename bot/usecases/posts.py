"""What the scheduled posts say: the reads behind the bulletin, the summaries and the
reminder. Making a post once is usecases/publishing.py's."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.config.settings import Config
from bot.domain.bulletin import Bulletin, Changed, build_bulletin, late_entries
from bot.domain.contests import Grid
from bot.domain.periods import PeriodKind, period_containing
from bot.domain.schedule import PostKind
from bot.domain.summary import Summary, build_summary, progress_of
from bot.domain.targets import targets_for
from bot.storage.unit_of_work import Database


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
        late changes since this chat's previous bulletin."""
        day = self.report_day(now)
        previous = self.config.report_days.before(day)
        first = min(day.replace(day=1), previous)
        judged = self.config.catalogue.judged
        async with self.database.transaction() as uow:
            days = reported_only(await uow.figures.grid(first, day), judged)
            targets = await uow.targets.overlapping(day.replace(day=1), day)
            closes = await uow.posts.closes()
            previous_post = await uow.posts.last_posted(chat_id, PostKind.MORNING.value)
            changes = [c for c in await uow.changes.since(previous_post) if c.metric not in judged]
            late_days = {c.day for c in changes if c.day < day and c.day in closes}
            current = {
                (f.branch, f.day, f.metric): f.value for f in await uow.figures.of_days(late_days)
            }
        bulletin = build_bulletin(
            day=day,
            previous_day=previous,
            figures=days,
            catalogue=self.config.catalogue,
            main_metrics=self.config.main_metrics,
        )
        changed = [
            Changed(c.branch, c.day, c.metric, c.changed_at) for c in changes if c.day in late_days
        ]
        late = late_entries(changed, closes=closes, current=current)
        month = period_containing(PeriodKind.MONTH, day)
        progress = progress_of(
            targets_for(month, targets, self.config.calendar),
            day,
            days,
            catalogue=self.config.catalogue,
            calendar=self.config.calendar,
        )
        return dataclasses.replace(bulletin, late=late, progress=progress)

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
        first = min(period.first, report_day.replace(day=1))
        async with self.database.transaction() as uow:
            figures = reported_only(
                await uow.figures.grid(first, through), self.config.catalogue.judged
            )
            targets = await uow.targets.overlapping(first, period.last)
            plans = await uow.plans.current()
        return build_summary(
            kind=kind,
            through=through,
            figures=figures,
            targets=targets,
            plans={branch: plan.text for branch, plan in plans.items()},
            catalogue=self.config.catalogue,
            calendar=self.config.calendar,
            report_days=self.config.report_days,
        )

    async def missing(self, now: datetime) -> Missing:
        """The branches still to report for the report day, in roster order, with their heads."""
        day = self.report_day(now)
        async with self.database.transaction() as uow:
            judged = self.config.catalogue.judged
            figures = await uow.figures.of_days([day])
            reported = {record.branch for record in figures if record.metric not in judged}
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
    kept: dict[date, dict[str, dict[str, float]]] = {}
    for day, branches in grid.items():
        for branch, figures in branches.items():
            own = {key: value for key, value in figures.items() if key not in judged}
            if own:
                kept.setdefault(day, {})[branch] = own
    return kept
