"""The use cases of targets and plans: set them, and show how branches stand against them.

One transaction each, the time passed in. A batch of targets (a /target
message, a sheet) is stored whole or not at all.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.adapters.spreadsheets import SheetError, sheet_rows
from bot.config.settings import Config
from bot.domain.outcomes import ManagerAction, NotManager, NotYours, UnknownBranch
from bot.domain.periods import PeriodKind, local_day, period_containing
from bot.domain.summary import progress_of
from bot.domain.target_input import TargetInput, parse_target_lines, read_target_rows
from bot.domain.target_outcomes import (
    PlanSet,
    PlanShown,
    ProgressTable,
    SheetRefused,
    TargetsRefused,
    TargetsSet,
)
from bot.domain.targets import targets_for
from bot.storage.unit_of_work import Database, UnitOfWork
from bot.usecases.incoming import IncomingFile, Sender
from bot.usecases.outbox import Answer, answered, queue, unanswered
from bot.usecases.posts import Posting

SHEET_BYTES = 5 * 1024 * 1024
"""A sheet larger than this is refused before it is downloaded."""


TargetsOutcome = TargetsSet | TargetsRefused | SheetRefused | NotManager
PlanOutcome = PlanSet | PlanShown | UnknownBranch | NotYours


class Targeting:
    def __init__(self, database: Database, config: Config, posting: Posting) -> None:
        self.database = database
        self.config = config
        self._posting = posting

    async def set_targets(
        self,
        batch: TargetInput,
        *,
        user_id: int,
        source: str,
        now: datetime,
        answer: Answer[TargetsOutcome] = unanswered,
    ) -> TargetsSet | TargetsRefused:
        """Store every target of the batch, or none when any line of it is refused."""
        if batch.problems or not batch.targets:
            return await answered(self.database, answer, TargetsRefused(batch.problems), now)
        async with self.database.transaction() as uow:
            old = [
                await uow.targets.put(target, user_id=user_id, source=source, now=now)
                for target in batch.targets
            ]
            done = TargetsSet(tuple(zip(batch.targets, old, strict=True)))
            await queue(uow, answer(done), now)
        return done

    async def command(
        self,
        *,
        text: str,
        sender: Sender,
        now: datetime,
        answer: Answer[TargetsOutcome] = unanswered,
    ) -> TargetsOutcome:
        """`/target 正阳 储蓄 200 月`, a line per target (managers)."""
        if not sender.is_manager:
            return await answered(self.database, answer, NotManager(ManagerAction.TARGET), now)
        today = local_day(now, self.config.timezone)
        batch = parse_target_lines(text, catalogue=self.config.catalogue, today=today)
        return await self.set_targets(
            batch, user_id=sender.user_id, source="command", now=now, answer=answer
        )

    async def import_sheet(
        self,
        sheet: IncomingFile,
        *,
        sender: Sender,
        now: datetime,
        answer: Answer[TargetsOutcome] = unanswered,
    ) -> TargetsOutcome:
        """A CSV or XLSX sheet of targets, imported whole or not at all (managers)."""
        if not sender.is_manager:
            return NotManager(ManagerAction.SHEET)
        if sheet.size > SHEET_BYTES:
            return await answered(self.database, answer, SheetRefused("too_large"), now)
        data, filename, user_id = await sheet.read(), sheet.name, sender.user_id
        try:
            # Unpacking an XLSX of a few MB takes long enough to stall every chat.
            rows = await asyncio.to_thread(sheet_rows, data, filename)
        except SheetError as error:
            return await answered(self.database, answer, SheetRefused(error.code), now)
        today = local_day(now, self.config.timezone)
        batch = read_target_rows(rows, catalogue=self.config.catalogue, today=today)
        return await self.set_targets(
            batch, user_id=user_id, source="sheet", now=now, answer=answer
        )

    async def plan(
        self,
        *,
        branch_word: str,
        text: str,
        sender: Sender,
        now: datetime,
        answer: Answer[PlanOutcome] = unanswered,
    ) -> PlanOutcome:
        """Show a branch's 一点一策, or replace it (managers, or the branch's own members);
        the older plans stay in storage as its history."""
        branch = self.config.catalogue.find_branch(branch_word)
        if branch is None:
            return await answered(self.database, answer, UnknownBranch(branch_word), now)
        async with self.database.transaction() as uow:
            outcome = await self._plan(uow, branch.name, text, sender, now)
            await queue(uow, answer(outcome), now)
        return outcome

    async def _plan(
        self, uow: UnitOfWork, branch: str, text: str, sender: Sender, now: datetime
    ) -> PlanOutcome:
        if not text:
            current = (await uow.plans.current()).get(branch)
            return PlanShown(branch, current.text if current else None)
        member = await uow.members.get(sender.user_id)
        if not sender.is_manager and (member is None or member.branch != branch):
            return NotYours()
        await uow.plans.put(branch, text, user_id=sender.user_id, now=now)
        return PlanSet(branch, text)

    async def progress(self, *, kind: PeriodKind, now: datetime) -> ProgressTable:
        """Every branch's completion for the period of the report day, against time progress:
        its figures summed by the database, every metric of the catalogue counted."""
        through = self._posting.report_day(now)
        period = period_containing(kind, through)
        metrics = [m.key for m in self.config.catalogue.metrics]
        async with self.database.transaction() as uow:
            stored = await uow.targets.overlapping(period.first, period.last)
            sums = await uow.totals.sums(period.first, through, metrics)
            plans = await uow.plans.current()
        rows = progress_of(
            targets_for(period, stored, self.config.calendar),
            through,
            sums,
            catalogue=self.config.catalogue,
            calendar=self.config.calendar,
        )
        return ProgressTable(
            period=period, through=through, rows=rows, plans={b: p.text for b, p in plans.items()}
        )
