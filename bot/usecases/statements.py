"""Stating figures: one version of a message replaces that message's own statements,
and each figure it touches becomes its latest live statement again, with an audit row
for every value that changed. Statements and figures change in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.changes import Change, FigureKey, Source, figure_change, latest, revise
from bot.domain.records import ReportRecord, StatementRecord
from bot.storage.unit_of_work import UnitOfWork
from bot.usecases.incoming import IncomingMessage


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a stored message, as its statements see it."""

    report_id: int
    reporter: int
    stated_at: datetime
    """Telegram's time of this version: its edit date, or its send date."""


def version_of(report: ReportRecord) -> Version:
    stated_at = report.edited_at or report.sent_at
    assert stated_at is not None, "a stored report always has its send time"
    return Version(report.id, report.user_id, stated_at)


def is_new_version(message: IncomingMessage, previous: ReportRecord) -> bool:
    """Whether an update carries a version of a stored message that is newer than the
    stored one: a redelivered update, or an original arriving after its edit, is not."""
    if message.edited_at is None:
        return False
    if previous.edited_at is not None and message.edited_at < previous.edited_at:
        return False
    return message.text != previous.text


async def restate(
    uow: UnitOfWork,
    version: Version,
    wanted: Mapping[FigureKey, float],
    *,
    actor: int,
    reason: str,
    zone: ZoneInfo,
    now: datetime,
) -> list[Change]:
    """Make the message state exactly `wanted` (nothing, for an undo) and bring every
    figure it touches up to date: the changes, in the order the message names them."""
    revision = revise(await uow.statements.live_of_report(version.report_id), wanted)
    touched = revision.touched
    before = latest(await uow.statements.live_of(touched))
    ended_by = "undo" if reason == "undo" else "edit"
    await uow.statements.end([s.id for s in revision.ended], reason=ended_by, now=now)
    for key, value in revision.added.items():
        await uow.statements.add(
            key,
            value,
            report_id=version.report_id,
            user_id=version.reporter,
            stated_at=version.stated_at,
            now=now,
        )
    after = latest(await uow.statements.live_of(touched))
    people = await uow.members.names({s.user_id for s in [*before.values(), *after.values()]})

    def source(statement: StatementRecord, other_than: int) -> Source:
        at = statement.stated_at.astimezone(zone)
        who = None if statement.user_id == other_than else people.get(statement.user_id)
        return Source(at=at, who=who, dated=at.date() != now.astimezone(zone).date())

    changes = []
    for key in touched:
        now_stated = after.get(key)
        if now_stated is None:
            await uow.figures.remove(key)
        elif before.get(key) != now_stated:
            await uow.figures.put(now_stated, now=now)
        change = figure_change(
            key,
            before.get(key),
            now_stated,
            report_id=version.report_id,
            actor=actor,
            source=source,
        )
        if change is not None:
            changes.append(change)
            await uow.changes.add(
                change, user_id=actor, report_id=version.report_id, reason=reason, at=now
            )
    return changes
