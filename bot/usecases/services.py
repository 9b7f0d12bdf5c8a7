"""The use cases besides reports: set-up, members, rankings, the audit trail.

One transaction each, the time passed in, no Telegram here.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from bot.adapters.photo_store import open_store
from bot.config.settings import Config
from bot.domain.dates import read_day
from bot.domain.outcomes import (
    Audit,
    BadDay,
    Bound,
    ManagerAction,
    NotManager,
    Today,
    Unbound,
    UnknownBranch,
    UnknownMetric,
    UnknownUser,
    Usage,
)
from bot.domain.periods import default_report_day
from bot.domain.ranking import Ranking, rank_branches
from bot.domain.records import ChangeRecord
from bot.storage import migrations
from bot.storage.unit_of_work import Database
from bot.usecases.contests import Contesting
from bot.usecases.incoming import Sender
from bot.usecases.photos import PhotoViews
from bot.usecases.posts import Posting
from bot.usecases.reports import Reporting
from bot.usecases.scores import Judging
from bot.usecases.targets import Targeting
from bot.usecases.visits import Visiting

# How far back "the metrics a branch usually reports" looks.
USUAL_DAYS = 28


def upgrade_schema(config: Config) -> None:
    """Bring the database to the newest schema (Alembic); run before the bot starts."""
    migrations.upgrade(config.database_url)


class Services:
    """Every use case of one deployment, over one database: what the chat side and the
    command line call, so neither ever opens storage themselves."""

    @classmethod
    def open(cls, config: Config) -> Services:
        """The use cases over the configured database; `close` gives its connections back."""
        return cls(Database(config.database_url), config)

    async def close(self) -> None:
        await self.database.dispose()

    def __init__(self, database: Database, config: Config) -> None:
        self.database = database
        self.config = config
        self.reports = Reporting(database, config)
        self.posts = Posting(database, config)
        self.targets = Targeting(database, config, self.posts)
        self.contests = Contesting(database, config)
        self.judging = Judging(database, config)
        photos = config.photos
        store = open_store(photos.location, endpoint_url=photos.endpoint_url, region=photos.region)
        self.visits = Visiting(database, config, self.reports, store)
        self.photos = PhotoViews(database, config, store)

    async def sync_configuration(self) -> None:
        """Bring the chats, branches and roster members of the configuration into storage."""
        async with self.database.transaction() as uow:
            await uow.chats.sync((chat.id, chat.title) for chat in self.config.chats)
            await uow.branches.sync(self.config.catalogue.branches)
            for member in self.config.members:
                await uow.members.bind_from_roster(
                    user_id=member.user_id, name=member.name, branch=member.branch, role=member.role
                )

    async def bind(
        self, *, who: int | str | None, name: str | None, branch_word: str, sender: Sender
    ) -> Bound | UnknownBranch | UnknownUser | NotManager | Usage:
        """A manager binds a person (by user id, or by a @username the bot has seen) to a
        branch; `who` is None when the command named nobody."""
        if not sender.is_manager:
            return NotManager(ManagerAction.BIND)
        if who is None:
            return Usage()
        branch = self.config.catalogue.find_branch(branch_word)
        if branch is None:
            return UnknownBranch(branch_word)
        async with self.database.transaction() as uow:
            known = await (
                uow.members.by_username(who) if isinstance(who, str) else uow.members.get(who)
            )
            if known is None and isinstance(who, str):
                return UnknownUser(who)
            user_id = known.user_id if known else int(who)
            display = name or (known.name if known else str(user_id))
            role = known.role if known and known.branch == branch.name else "staff"
            await uow.members.bind(
                user_id=user_id,
                name=display,
                branch=branch.name,
                role=role,
                bound_by=sender.user_id,
            )
        return Bound(display, branch.name)

    async def ranking(
        self, *, now: datetime, metric_word: str | None = None
    ) -> Ranking | UnknownMetric:
        """The ranking of the day that reports made now are for (yesterday, by default)."""
        catalogue = self.config.catalogue
        metric = catalogue.find_metric(metric_word) if metric_word else None
        if metric_word and metric is None:
            return UnknownMetric(metric_word)
        day = default_report_day(now, self.config.timezone, self.config.report_day)
        async with self.database.transaction() as uow:
            records = await uow.figures.of_days([day])
        figures: dict[str, dict[str, float]] = defaultdict(dict)
        for record in records:
            if record.metric not in catalogue.judged:
                figures[record.branch][record.metric] = record.value
        return rank_branches(day=day, figures=figures, catalogue=catalogue, metric=metric)

    async def today(
        self, *, user_id: int, branch_word: str | None, now: datetime
    ) -> Today | Unbound | UnknownBranch:
        """A branch's figures for the report day, and what it usually reports but has not.

        "Usually" is every metric the branch reported in the four weeks before."""
        day = default_report_day(now, self.config.timezone, self.config.report_day)
        async with self.database.transaction() as uow:
            if branch_word:
                found = self.config.catalogue.find_branch(branch_word)
                if found is None:
                    return UnknownBranch(branch_word)
                branch = found.name
            else:
                member = await uow.members.get(user_id)
                if member is None or member.branch is None:
                    return Unbound()
                branch = member.branch
            recent = await uow.figures.of_branch(branch, day - timedelta(days=USUAL_DAYS), day)
        values = {f.metric: f.value for f in recent if f.day == day}
        usual = {f.metric for f in recent}
        order = [m.key for m in self.config.catalogue.metrics]
        missing = tuple(key for key in order if key in usual and key not in values)
        return Today(branch=branch, day=day, values=values, missing=missing)

    async def audit(self, *, branch: str, day: date) -> list[ChangeRecord]:
        async with self.database.transaction() as uow:
            return await uow.changes.of_branch_day(branch, day)

    async def audit_trail(
        self, *, words: list[str], now: datetime
    ) -> Audit | UnknownBranch | BadDay:
        """`/audit 正阳 7月27日`: every change to a branch's day, with who made it."""
        if not words:
            return UnknownBranch("")
        branch = self.config.catalogue.find_branch(words[0])
        if branch is None:
            return UnknownBranch(words[0])
        today = now.astimezone(self.config.timezone).date()
        day = read_day(" ".join(words[1:]), today) if words[1:] else self.posts.report_day(now)
        if day is None:
            return BadDay(" ".join(words[1:]))
        async with self.database.transaction() as uow:
            changes = await uow.changes.of_branch_day(branch.name, day)
            people = await uow.members.names({change.user_id for change in changes})
        return Audit(branch=branch.name, day=day, changes=tuple(changes), people=people)
