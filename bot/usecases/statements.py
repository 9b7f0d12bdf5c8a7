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
    new: bool = False,
) -> list[Change]:
    """Make the message state exactly `wanted` (nothing, for an undo) and bring every
    figure it touches up to date: the changes, in the order the message names them.
    `new`: the message was stored just now, so it states nothing yet.

    A fixed handful of statements whatever the message's size: the figures' latest live
    statements are read once, and what they are afterwards follows from what is ended
    and added here. Two of each are enough: this message has at most one of a figure's
    live statements, so ending it leaves the other standing."""
    own = {} if new else await uow.statements.live_of_report(version.report_id)
    revision = revise(own, wanted)
    touched = revision.touched
    live = await uow.statements.latest_live(touched)
    before = latest(live)
    ended = {s.id for s in revision.ended}
    await uow.statements.end(ended, reason="undo" if reason == "undo" else "edit", now=now)
    added = await uow.statements.add_all(
        revision.added,
        report_id=version.report_id,
        user_id=version.reporter,
        stated_at=version.stated_at,
        now=now,
    )
    after = latest([*(s for s in live if s.id not in ended), *added])
    stating = {s.user_id for s in [*before.values(), *after.values()]}
    # Names are shown only of others; when the actor alone stated them, none are needed.
    people = await uow.members.names(stating) if stating - {actor} else {}

    def source(statement: StatementRecord, other_than: int) -> Source:
        at = statement.stated_at.astimezone(zone)
        who = None if statement.user_id == other_than else people.get(statement.user_id)
        return Source(at=at, who=who, dated=at.date() != now.astimezone(zone).date())

    gone = [key for key in touched if key not in after]
    moved = [after[key] for key in touched if key in after and before.get(key) != after[key]]
    await uow.figures.remove_all(gone)
    await uow.figures.put_all(moved, now=now)
    changes = [
        change
        for key in touched
        if (
            change := figure_change(
                key,
                before.get(key),
                after.get(key),
                report_id=version.report_id,
                actor=actor,
                source=source,
            )
        )
        is not None
    ]
    await uow.changes.add_all(
        changes, user_id=actor, report_id=version.report_id, reason=reason, at=now
    )
    return changes
