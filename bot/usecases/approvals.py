"""Held backfills let in: a manager approves a member's report of a day long past.

The figures are stored as the reporter's, and the answer (the held message edited to
say who approved it) is queued in the same transaction, so a manager pressing the button
in the morning rush neither waits for Telegram nor holds up the reports behind.
"""

from __future__ import annotations

from datetime import datetime

from bot.config.settings import Config
from bot.domain.outcomes import ManagerAction, NothingToApprove, NotManager, Stored
from bot.domain.parsing import Report
from bot.domain.reports import wanted_figures
from bot.storage.unit_of_work import Database, UnitOfWork
from bot.usecases.incoming import Sender, day_context, parse_message
from bot.usecases.outbox import Answer, answered, queue, unanswered
from bot.usecases.statements import restate, version_of

ApprovalOutcome = Stored | NothingToApprove | NotManager


class Approving:
    def __init__(self, database: Database, config: Config) -> None:
        self.database = database
        self.config = config

    async def approve(
        self,
        *,
        report_id: int,
        sender: Sender,
        now: datetime,
        answer: Answer[ApprovalOutcome] = unanswered,
    ) -> ApprovalOutcome:
        """Store a held backfill's figures as its reporter's (managers only)."""
        if not sender.is_manager:
            return await answered(self.database, answer, NotManager(ManagerAction.APPROVE), now)
        async with self.database.transaction() as uow:
            outcome = await self._approve(uow, report_id, now)
            await queue(uow, answer(outcome), now)
        return outcome

    async def _approve(
        self, uow: UnitOfWork, report_id: int, now: datetime
    ) -> Stored | NothingToApprove:
        report = await uow.reports.get_by_id(report_id)
        if report is None or report.pending_since is None or report.sent_at is None:
            return NothingToApprove()
        member = await uow.members.get(report.user_id)
        own = member.branch if member else None
        parsed = parse_message(self.config, report.text, report.sent_at)
        wanted = wanted_figures(parsed, own) if isinstance(parsed, Report) else None
        # Only members' backfills are held, and a member states only their own branch:
        # a 接龙's copies of other branches' lines were never theirs to state.
        wanted = {key: value for key, value in (wanted or {}).items() if key[0] == own}
        if not wanted:
            return NothingToApprove()
        changes = await restate(
            uow,
            version_of(report),
            wanted,
            actor=report.user_id,
            reason="approved",
            zone=self.config.timezone,
            now=now,
        )
        await uow.reports.approve(report.id, now)
        late = await uow.posts.closed(report.day)
        named = tuple(dict.fromkeys(branch for branch, _, _ in wanted))
        when = day_context(self.config, report.sent_at, None, now)
        return Stored(report.day, named, tuple(changes), late=late, when=when)
