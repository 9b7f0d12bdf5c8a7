"""Reports: storing what a message says, its edits and its undo, exactly once.

A message's figures are its statements. Every version of it (the original, an
edit, a redelivery) and an undo replace only that message's statements, so
nothing is counted twice, a later correction is never undone, and an edit or
undo falls back to what an earlier message still says.
"""

from __future__ import annotations

from datetime import date, datetime

from bot.config.settings import Config
from bot.domain.changes import Change, FigureKey
from bot.domain.outcomes import (
    Anonymous,
    AwaitingApproval,
    Ignored,
    NothingToUndo,
    NotYours,
    Refused,
    ReportOutcome,
    Stored,
    Unbound,
    Undone,
)
from bot.domain.parsing import Problem, Refusal, Report
from bot.domain.periods import local_day
from bot.domain.records import ReportRecord
from bot.domain.reports import wanted_figures
from bot.storage.unit_of_work import Database, UnitOfWork
from bot.usecases.chain_lines import foreign_lines
from bot.usecases.incoming import IncomingMessage, Sender, day_context, parse_message
from bot.usecases.outbox import Answer, queue, unanswered
from bot.usecases.statements import Version, is_new_version, restate, version_of

UndoOutcome = Undone | NothingToUndo | NotYours


class Reporting:
    def __init__(self, database: Database, config: Config) -> None:
        self.database = database
        self.config = config

    async def submit_report(
        self,
        message: IncomingMessage,
        *,
        now: datetime,
        answer: Answer[ReportOutcome] = unanswered,
    ) -> ReportOutcome:
        """Store what a message reports; a new version of it replaces what it said before.
        Its answer is queued with what it stored, so the two stand or fall together."""
        parsed = parse_message(self.config, message.text, message.sent_at, message.day_rule)
        if _nothing_to_store(message, parsed):
            return Ignored()
        async with self.database.transaction() as uow:
            outcome = await self._submit(uow, message, parsed, now)
            await queue(uow, answer(outcome), now)
        return outcome

    async def submit_within(
        self, uow: UnitOfWork, message: IncomingMessage, *, now: datetime
    ) -> ReportOutcome:
        """As submit_report, in the caller's transaction, unanswered: a photo's caption,
        stored and answered with its photos."""
        parsed = parse_message(self.config, message.text, message.sent_at, message.day_rule)
        if _nothing_to_store(message, parsed):
            return Ignored()
        return await self._submit(uow, message, parsed, now)

    async def _submit(
        self,
        uow: UnitOfWork,
        message: IncomingMessage,
        parsed: Report | Refusal | None,
        now: datetime,
    ) -> ReportOutcome:
        sender = message.sender
        if sender.anonymous:
            return Anonymous()
        previous = None
        if message.edited_at is not None:  # an original stored before is found by _save
            previous = await uow.reports.get(message.chat_id, message.message_id)
            if previous is not None and not is_new_version(message, previous):
                return Ignored()
        if parsed is None:
            return await self._retract(uow, message, previous, now) if previous else Ignored()
        member = await uow.members.get(sender.user_id)
        own = member.branch if member else None
        if own is None and not sender.is_manager:
            return Unbound()
        kept = previous is not None
        if isinstance(parsed, Refusal):
            return Refused(parsed.problems, kept=kept)
        wanted = wanted_figures(parsed, own)
        if wanted is None:
            return Refused((Problem("no_branch"),), kept=kept)
        named = tuple(dict.fromkeys(branch for branch, _, _ in wanted))
        if not sender.is_manager:
            wanted, problems = await foreign_lines(uow, wanted, own, self.config.catalogue)
            if problems:
                return Refused(problems, kept=kept)
        back = self.config.report_days.back(parsed.day, message.sent_at)
        if not sender.is_manager and back > self.config.backfill_days:
            days_back = (local_day(message.sent_at, self.config.timezone) - parsed.day).days
            return await self._hold(uow, message, parsed.day, days_back, wanted, now)
        changes = await self._store(uow, message, parsed.day, wanted, now)
        if changes is None:
            return Ignored()
        late = await uow.posts.closed(parsed.day)
        when = day_context(self.config, message.sent_at, message.day_rule, message.sent_at)
        return Stored(parsed.day, named, tuple(changes), late=late, when=when)

    async def _hold(
        self,
        uow: UnitOfWork,
        message: IncomingMessage,
        day: date,
        days_back: int,
        wanted: dict[FigureKey, float],
        now: datetime,
    ) -> AwaitingApproval | Ignored:
        """Keep an old backfill's message aside, unapplied, for a manager to approve; an edit
        that made a stored report such a backfill withdraws what it stated until then."""
        version = await _save(uow, message, day, now, pending=True)
        if version is None:
            return Ignored()
        if message.edited_at is not None:
            await restate(
                uow,
                version,
                {},
                actor=message.sender.user_id,
                reason="edit",
                zone=self.config.timezone,
                now=now,
            )
        changes = tuple(Change(*key, old=None, new=value) for key, value in wanted.items())
        when = day_context(self.config, message.sent_at, message.day_rule, message.sent_at)
        return AwaitingApproval(version.report_id, day, days_back, changes, when=when)

    async def _retract(
        self, uow: UnitOfWork, message: IncomingMessage, previous: ReportRecord, now: datetime
    ) -> Stored:
        """An edit turned a report into plain text: remove what it had stored."""
        changes = await self._store(uow, message, previous.day, {}, now) or []
        branches = tuple(dict.fromkeys(change.branch for change in changes))
        return Stored(day=previous.day, branches=branches, changes=tuple(changes))

    async def _store(
        self,
        uow: UnitOfWork,
        message: IncomingMessage,
        day: date,
        wanted: dict[FigureKey, float],
        now: datetime,
    ) -> list[Change] | None:
        """Record this version of the message and make its statements say `wanted`; None
        when this original was stored before."""
        version = await _save(uow, message, day, now)
        if version is None:
            return None
        return await restate(
            uow,
            version,
            wanted,
            actor=message.sender.user_id,
            reason="report" if message.edited_at is None else "edit",
            zone=self.config.timezone,
            now=now,
            new=message.edited_at is None,
        )

    async def undo(
        self,
        *,
        chat_id: int,
        message_id: int,
        sender: Sender,
        now: datetime,
        answer: Answer[UndoOutcome] = unanswered,
    ) -> UndoOutcome:
        """Withdraw what one message (or the report a bot confirmation answered) states:
        each figure falls back to its statement before, or goes if none is left."""
        async with self.database.transaction() as uow:
            outcome = await self._undo(uow, chat_id, message_id, sender, now)
            await queue(uow, answer(outcome), now)
        return outcome

    async def _undo(
        self, uow: UnitOfWork, chat_id: int, message_id: int, sender: Sender, now: datetime
    ) -> UndoOutcome:
        found = [r for r in await uow.reports.find(chat_id, message_id) if r.undone_at is None]
        if len(found) > 1:
            # A merged confirmation: the sender's own line, if they have exactly one there.
            found = [r for r in found if r.user_id == sender.user_id]
            if len(found) != 1:
                return NothingToUndo(merged=True)
        if not found:
            return NothingToUndo()
        report = found[0]
        if report.user_id != sender.user_id and not sender.is_manager:
            return NotYours()
        changes = await restate(
            uow,
            version_of(report),
            {},
            actor=sender.user_id,
            reason="undo",
            zone=self.config.timezone,
            now=now,
        )
        await uow.reports.mark_undone(report.id, now)
        return Undone(day=report.day, changes=tuple(changes))


def _nothing_to_store(message: IncomingMessage, parsed: Report | Refusal | None) -> bool:
    """Plain chat, unless it is an edit that may have taken a report's figures away."""
    return parsed is None and (message.edited_at is None or message.sender.anonymous)


async def _save(
    uow: UnitOfWork, message: IncomingMessage, day: date, now: datetime, *, pending: bool = False
) -> Version | None:
    """Record this version of the message: the key to idempotency, edits and undo. None
    for an original stored before: the same update handled again changes nothing."""
    values = {
        "chat_id": message.chat_id,
        "message_id": message.message_id,
        "user_id": message.sender.user_id,
        "text": message.text,
        "day": day,
        "sent_at": message.sent_at,
        "now": now,
        "pending": pending,
    }
    if message.edited_at is None:
        report_id = await uow.reports.add(**values)
        return Version(report_id, message.sender.user_id, message.sent_at) if report_id else None
    return version_of(await uow.reports.save(**values, edited_at=message.edited_at))
