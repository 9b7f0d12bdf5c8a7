"""Judged scores (晨会 9.5): given by managers, stored as figures with their audit trail.

The /score message is kept like a report, so a redelivered update scores
nothing twice and `/undo` takes a score back like any report.
"""

from __future__ import annotations

from datetime import datetime

from bot.config.settings import Config
from bot.domain.outcomes import Ignored, ManagerAction, NotManager
from bot.domain.periods import local_day
from bot.domain.scores import Score, ScoreProblem, read_score
from bot.storage.unit_of_work import Database, UnitOfWork
from bot.usecases.incoming import IncomingMessage
from bot.usecases.outbox import Answer, answered, queue, unanswered
from bot.usecases.statements import is_new_version, restate, version_of

ScoreOutcome = Score | ScoreProblem | NotManager | Ignored


class Judging:
    def __init__(self, database: Database, config: Config) -> None:
        self.database = database
        self.config = config

    async def score(
        self,
        message: IncomingMessage,
        words: list[str],
        *,
        now: datetime,
        answer: Answer[ScoreOutcome] = unanswered,
    ) -> ScoreOutcome:
        if not message.sender.is_manager:
            return await answered(self.database, answer, NotManager(ManagerAction.SCORE), now)
        today = local_day(message.sent_at, self.config.timezone)
        score = read_score(words, catalogue=self.config.catalogue, today=today)
        if isinstance(score, ScoreProblem):
            return await answered(self.database, answer, score, now)
        async with self.database.transaction() as uow:
            outcome = await self._score(uow, message, score, now)
            await queue(uow, answer(outcome), now)
        return outcome

    async def _score(
        self, uow: UnitOfWork, message: IncomingMessage, score: Score, now: datetime
    ) -> Score | Ignored:
        key = (score.branch, score.day, score.metric)
        previous = await uow.reports.get(message.chat_id, message.message_id)
        if previous is not None and not is_new_version(message, previous):
            return Ignored()
        report = await uow.reports.save(
            chat_id=message.chat_id,
            message_id=message.message_id,
            user_id=message.sender.user_id,
            text=message.text,
            day=score.day,
            edited_at=message.edited_at,
            sent_at=message.sent_at,
            now=now,
        )
        await restate(
            uow,
            version_of(report),
            {key: score.value},
            actor=message.sender.user_id,
            reason="score",
            zone=self.config.timezone,
            now=now,
        )
        return score
