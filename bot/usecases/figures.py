"""Figures read: the ranking, a branch's day (/today) and its audit trail (/audit)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.config.settings import Config
from bot.domain.dates import read_day
from bot.domain.outcomes import Audit, BadDay, Today, Unbound, UnknownBranch, UnknownMetric
from bot.domain.ranking import Ranking, rank_branches
from bot.domain.records import ChangeRecord
from bot.storage.unit_of_work import Database
from bot.usecases.posts import Posting

# How far back "the metrics a branch usually reports" looks.
USUAL_DAYS = 28


class Figures:
    """The reads of stored figures that commands ask for, one transaction each."""

    def __init__(self, database: Database, config: Config, posting: Posting) -> None:
        self.database = database
        self.config = config
        self._posting = posting

    async def ranking(
        self, *, now: datetime, metric_word: str | None = None
    ) -> Ranking | UnknownMetric:
        """The ranking of the day that reports made now are for (yesterday, by default)."""
        catalogue = self.config.catalogue
        metric = catalogue.find_metric(metric_word) if metric_word else None
        if metric_word and metric is None:
            return UnknownMetric(metric_word)
        day = self.config.report_days.of(now)
        async with self.database.reading() as uow:
            figures = await uow.reads.of_day(day, leaving_out=catalogue.judged)
        return rank_branches(day=day, figures=figures, catalogue=catalogue, metric=metric)

    async def today(
        self, *, user_id: int, branch_word: str | None, now: datetime
    ) -> Today | Unbound | UnknownBranch:
        """A branch's figures for the report day, and what it usually reports but has not.

        "Usually" is every metric the branch reported in the four weeks before."""
        day = self.config.report_days.of(now)
        async with self.database.reading() as uow:
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
            values = {f.metric: f.value for f in await uow.figures.of_branch(branch, day, day)}
            order = [m.key for m in self.config.catalogue.metrics]
            first = day - timedelta(days=USUAL_DAYS)
            usual = await uow.reads.metrics_of(branch, first, day, among=order)
        missing = tuple(key for key in order if key in usual and key not in values)
        return Today(branch=branch, day=day, values=values, missing=missing)

    async def audit(self, *, branch: str, day: date) -> list[ChangeRecord]:
        async with self.database.reading() as uow:
            return await uow.changes.of_branch_day(branch, day)

    async def audit_trail(
        self, *, words: list[str], now: datetime
    ) -> Audit | UnknownBranch | BadDay:
        """`/audit 正阳 7月27日`: every statement of a branch's day and every change it
        made, with who made them."""
        if not words:
            return UnknownBranch("")
        branch = self.config.catalogue.find_branch(words[0])
        if branch is None:
            return UnknownBranch(words[0])
        today = now.astimezone(self.config.timezone).date()
        day = read_day(" ".join(words[1:]), today) if words[1:] else self._posting.report_day(now)
        if day is None:
            return BadDay(" ".join(words[1:]))
        async with self.database.reading() as uow:
            statements = await uow.statements.of_branch_day(branch.name, day)
            changes = await uow.changes.of_branch_day(branch.name, day)
            who = {s.user_id for s in statements} | {c.user_id for c in changes}
            people = await uow.members.names(who)
        return Audit(
            branch=branch.name,
            day=day,
            statements=tuple(statements),
            changes=tuple(changes),
            people=people,
        )
