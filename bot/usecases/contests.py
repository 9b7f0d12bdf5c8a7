"""PK contests: creating them, their standings, and ending them. One transaction each.

Standings count the figures up to yesterday (today under the "today" report
rule): a day's figures arrive the next morning. A contest's result is due on
the first standings run after its last day; posting it closes the contest.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

from bot.config.settings import Config
from bot.domain.contest_input import ContestSpec, read_contest
from bot.domain.contest_outcomes import (
    ContestCreated,
    ContestEnded,
    ContestRefused,
    NoContest,
    WhichContest,
)
from bot.domain.contests import Contest, Rule
from bot.domain.outcomes import Ignored, ManagerAction, NotManager
from bot.domain.pairing import pair_by_size
from bot.domain.periods import PeriodKind, period_containing
from bot.domain.ranking import points_totals
from bot.domain.report_days import TODAY
from bot.domain.standings import Standings, TargetOf, spans, standings
from bot.domain.targets import Target, monthly_targets, share_of_months
from bot.storage.contests import CANCELLED, FINISHED
from bot.storage.unit_of_work import Database, UnitOfWork
from bot.usecases.incoming import Sender
from bot.usecases.outbox import Answer, answered, queue, unanswered

Closed = ContestEnded | NoContest | WhichContest | NotManager


class Contesting:
    def __init__(self, database: Database, config: Config) -> None:
        self.database = database
        self.config = config

    def today(self, now: datetime) -> date:
        return now.astimezone(self.config.timezone).date()

    def through(self, today: date) -> date:
        """The last day whose figures a standings run made `today` counts. A contest sums
        calendar days, not report days: figures dated to a Saturday count in it, as they
        do in the week's and month's totals."""
        return today if self.config.report_days.rule == TODAY else today - timedelta(days=1)

    def may_create(self, sender: Sender) -> NotManager | None:
        """Contests are made (and ended, and called off) by managers: whether `sender` may,
        as the wizard asks before its steps, which store nothing until `create`."""
        return None if sender.is_manager else NotManager(ManagerAction.PK)

    async def create(
        self, *, chat_id: int, message_id: int, sender: Sender, text: str, now: datetime
    ) -> ContestCreated | ContestRefused | Ignored | NotManager:
        """A manager's contest from the one-message form; pairs by size when asked to, by the
        points of the month before it starts."""
        if refusal := self.may_create(sender):
            return refusal
        user_id = sender.user_id
        today = self.today(now)
        spec = read_contest(text, catalogue=self.config.catalogue, today=today)
        if isinstance(spec, tuple):
            return ContestRefused(spec)
        async with self.database.transaction() as uow:
            sizes: dict[str, float] = {}
            if spec.auto is not None:
                month = period_containing(
                    PeriodKind.MONTH, spec.first.replace(day=1) - timedelta(1)
                )
                grid = await uow.figures.grid(month.first, month.last)
                sizes = points_totals(grid, self.config.catalogue)
            contest, odd = self._contest(spec, sizes)
            contest_id = await uow.contests.add(
                contest, chat_id=chat_id, message_id=message_id, user_id=user_id, now=now
            )
        if contest_id is None:
            return Ignored()
        contest = dataclasses.replace(contest, id=contest_id)
        return ContestCreated(contest, odd=odd, sizes=sizes if spec.auto is not None else {})

    def _contest(self, spec: ContestSpec, sizes: dict[str, float]) -> tuple[Contest, str | None]:
        matches, odd = spec.matches, None
        if spec.auto is not None:
            entrants = spec.auto or tuple(b.name for b in self.config.catalogue.branches)
            matches, odd = pair_by_size(entrants, sizes)
        contest = Contest(
            id=0,
            name=spec.name,
            first=spec.first,
            last=spec.last,
            scoring=spec.scoring,
            matches=matches,
            league=spec.league,
            reward=spec.reward,
        )
        return contest, odd

    async def standings(self, chat_id: int, now: datetime) -> list[Standings]:
        """Every active contest of the chat, as it stands for a run made `now`."""
        async with self.database.reading() as uow:
            return await self._standings(uow, chat_id, now)

    async def _standings(self, uow: UnitOfWork, chat_id: int, now: datetime) -> list[Standings]:
        """Each contest from the sums of its spans, which SQL adds up over its branches alone;
        targets only when a contest compares with them."""
        today = self.today(now)
        through = self.through(today)
        previous = self.through(self.config.report_days.before(today))
        contests = await uow.contests.active(chat_id)
        if not contests:
            return []
        targets: list[Target] = []
        if any(c.scoring.rule is Rule.COMPLETION for c in contests):
            first = min(c.first for c in contests)
            targets = await uow.targets.overlapping(first, max(c.last for c in contests))
        target_of = self._target_of(targets)
        catalogue = self.config.catalogue
        found = []
        for contest in contests:
            wanted = spans(contest, through=through, previous=previous)
            found.append(
                standings(
                    contest,
                    await uow.reads.contest_sums(
                        contest.id, wanted, metrics=contest.scoring.counted(catalogue)
                    ),
                    through=through,
                    previous=previous,
                    catalogue=catalogue,
                    target_of=target_of,
                )
            )
        return found

    def _target_of(self, targets: list[Target]) -> TargetOf:
        monthly = monthly_targets(targets)
        calendar = self.config.calendar

        def target_of(branch: str, metric: str, first: date, last: date) -> float | None:
            months = monthly.get((branch, metric))
            return share_of_months(first, last, months, calendar) if months else None

        return target_of

    async def close(self, contest_ids: list[int], *, now: datetime) -> None:
        """The results of these contests are out: they are finished."""
        async with self.database.transaction() as uow:
            await uow.contests.close(contest_ids, status=FINISHED, user_id=None, now=now)

    async def end(
        self,
        chat_id: int,
        word: str,
        *,
        sender: Sender,
        now: datetime,
        answer: Answer[Closed] = unanswered,
    ) -> Closed:
        """End a contest early (managers): its last day becomes the last one counted so far,
        and its result is queued with the answer, which finishes it. A contest that has not
        started yet is cancelled."""
        found = await self._managed(chat_id, word, sender)
        if not isinstance(found, Contest):
            return await answered(self.database, answer, found, now)
        through = self.through(self.today(now))
        async with self.database.transaction() as uow:
            if through < found.first:
                status, outcome = CANCELLED, ContestEnded(found, standings=None)
            else:
                if through < found.last:
                    await uow.contests.set_last_day(found.id, through)
                ended = await self._standings(uow, chat_id, now)
                status = FINISHED
                outcome = ContestEnded(found, next(s for s in ended if s.contest.id == found.id))
            await uow.contests.close([found.id], status=status, user_id=sender.user_id, now=now)
            await queue(uow, answer(outcome), now)
        return outcome

    async def cancel(
        self,
        chat_id: int,
        word: str,
        *,
        sender: Sender,
        now: datetime,
        answer: Answer[Closed] = unanswered,
    ) -> Closed:
        """Call a contest off (managers): no result is posted."""
        found = await self._managed(chat_id, word, sender)
        if not isinstance(found, Contest):
            return await answered(self.database, answer, found, now)
        async with self.database.transaction() as uow:
            await uow.contests.close([found.id], status=CANCELLED, user_id=sender.user_id, now=now)
            outcome = ContestEnded(found, standings=None)
            await queue(uow, answer(outcome), now)
        return outcome

    async def _managed(
        self, chat_id: int, word: str, sender: Sender
    ) -> Contest | NoContest | WhichContest | NotManager:
        """The contest a manager names for ending or cancelling; NotManager for anyone else."""
        if refusal := self.may_create(sender):
            return refusal
        return await self._find(chat_id, word)

    async def _find(self, chat_id: int, word: str) -> Contest | NoContest | WhichContest:
        """The active contest named (by name or #number); the only one when none is named."""
        async with self.database.transaction() as uow:
            contests = await uow.contests.active(chat_id)
        word = word.strip().lstrip("#")
        if word:
            named = [c for c in contests if word in (c.name, str(c.id))]
            return named[0] if len(named) == 1 else NoContest(word, tuple(contests))
        if len(contests) == 1:
            return contests[0]
        return WhichContest(tuple(contests)) if contests else NoContest("", ())
