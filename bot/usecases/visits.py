"""Visit photos: an album (or one photo) stored as its branch's visit of a day, once.

Downloads happen between two short transactions, never inside one: a slow download
must not hold SQLite's write lock while reports wait.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.adapters.photo_store import PhotoStore
from bot.config.settings import Config
from bot.domain.outcomes import Anonymous, DayContext, Ignored, ReportOutcome, Unbound
from bot.domain.parsing import Report
from bot.domain.periods import local_day
from bot.domain.photo_hashes import KnownImage, earliest_alike
from bot.domain.visit_outcomes import (
    NoPhotoBranch,
    OnlyRepeats,
    PhotoProblem,
    PhotosRefused,
    Repeat,
    VisitOutcome,
    VisitTaken,
)
from bot.domain.visits import is_stale, named_branch, photo_day
from bot.storage.unit_of_work import Database, UnitOfWork
from bot.storage.visits import NewPhoto, PhotoRecord, VisitRecord
from bot.usecases.alerts import Alerting
from bot.usecases.incoming import (
    SENT_DAY,
    IncomingAlbum,
    IncomingMessage,
    IncomingPhoto,
    parse_message,
)
from bot.usecases.outbox import Answer, queue, unanswered
from bot.usecases.photo_intake import Fetch, PhotoIntake
from bot.usecases.reports import Reporting

CAPTION_DAY_RULE = SENT_DAY
"""A caption tells of the visit in its photos: undated figures are that day's, a Saturday's
visit included."""


class Visiting:
    def __init__(
        self, database: Database, config: Config, reports: Reporting, store: PhotoStore,
        alerts: Alerting,
    ) -> None:  # fmt: skip
        self.database = database
        self.config = config
        self.reports = reports
        self.intake = PhotoIntake(database, config, store, alerts)

    async def take(
        self,
        album: IncomingAlbum,
        fetch: Fetch,
        *,
        now: datetime,
        answer: Answer[VisitOutcome] = unanswered,
    ) -> VisitOutcome:
        """Store an album's new images as its visit, and its caption's figures as a report;
        messages Telegram delivers again are neither counted nor answered again. Photos,
        caption and answer are stored in one transaction, with the album's messages marked
        answered: a take stopped before it commits leaves nothing of them, and the album,
        taken again, is taken whole."""
        if album.sender.anonymous:
            return Anonymous()
        ids = [photo.message_id for photo in album.photos]
        async with self.database.transaction() as uow:
            answered = await uow.visits.answered(album.chat_id, ids)
        new = tuple(photo for photo in album.photos if photo.message_id not in answered)
        if not new:
            return Ignored()
        album = dataclasses.replace(album, photos=new)
        gathered = await self._gather(album, fetch, now)
        async with self.database.transaction() as uow:
            outcome = (
                await self._record(uow, album, gathered, now)
                if isinstance(gathered, _Gathered)
                else gathered
            )
            await uow.visits.answer(album.chat_id, [photo.message_id for photo in new], now)
            await queue(uow, answer(outcome), now)
        return outcome

    async def _gather(
        self, album: IncomingAlbum, fetch: Fetch, now: datetime
    ) -> _Gathered | VisitOutcome:
        """Whose visit the album is and its images downloaded and judged, outside any
        transaction (a slow download holds no lock); the outcome already, when nothing of
        it is to be stored."""
        sender = album.sender
        captioned = album.captioned
        caption = captioned.caption if captioned else ""
        async with self.database.transaction() as uow:
            visit = await uow.visits.find(album.chat_id, album.album)
            member = await uow.members.get(sender.user_id)
            seen = await uow.visits.seen([photo.file_unique_id for photo in album.photos])
        photos = [p for p in album.photos if not _redelivered(album, p, seen.get(p.file_unique_id))]
        if not photos:
            return Ignored()
        if visit is not None:
            branch, day = visit.branch, visit.day
        else:
            found = self._branch(caption, member.branch if member else None, sender.is_manager)
            if isinstance(found, Unbound | NoPhotoBranch):
                return found
            branch = found
            day = self._day(caption, album.sent_at)
        repeats = tuple(Repeat(seen[p.file_unique_id].branch, seen[p.file_unique_id].day)
                        for p in photos if p.file_unique_id in seen)  # fmt: skip
        fresh = [photo for photo in photos if photo.file_unique_id not in seen]
        results = await self.intake.keep_new(fresh, fetch, branch, day, now) if fresh else []
        kept = [result for result in results if isinstance(result, NewPhoto)]
        refused = tuple(result for result in results if isinstance(result, PhotoProblem))
        repeats += tuple(result for result in results if isinstance(result, Repeat))
        if not kept and visit is None:
            return OnlyRepeats(repeats, refused) if repeats else PhotosRefused(refused)
        return _Gathered(visit, branch, day, kept, refused, repeats)

    async def _record(
        self, uow: UnitOfWork, album: IncomingAlbum, gathered: _Gathered, now: datetime
    ) -> VisitOutcome:
        """The gathered images added to the visit, and the caption's figures stored."""
        branch, day, refused, repeats = (
            gathered.branch, gathered.day, gathered.refused, gathered.repeats,
        )  # fmt: skip
        visit = gathered.visit or await uow.visits.open(
            chat_id=album.chat_id, album=album.album, branch=branch, day=day,
            user_id=album.sender.user_id, now=now,
        )  # fmt: skip
        prints = [new.fingerprint for new in gathered.kept if new.fingerprint is not None]
        others = await uow.photo_hashes.elsewhere(branch, day, prints)
        kept = [_flagged(new, day, others) for new in gathered.kept]
        added = [n for n in kept if await uow.visits.add(visit.id, album.chat_id, n, now)]
        if len(added) < len(kept):
            # Another album stored the same image meanwhile: it is a repeat after all.
            lost = await uow.visits.seen([n.file_unique_id for n in kept if n not in added])
            repeats += tuple(Repeat(r.branch, r.day) for r in lost.values())
        total = await uow.visits.count(visit.id)
        if not total:
            await uow.visits.discard(visit.id)
        if not added:
            # Every image of this batch was a repeat or refused: nothing was added to say.
            return OnlyRepeats(repeats, refused) if repeats else PhotosRefused(refused)
        stale = tuple(
            new.taken_at.date()
            for new in added
            if new.taken_at and is_stale(new.taken_at, day, self.config.photos.stale_days)
        )
        return VisitTaken(
            visit_id=visit.id, branch=branch, day=day, added=len(added), total=total,
            repeats=repeats, refused=refused, stale=stale,
            report=await self._report(uow, album, now),
            late=gathered.visit is not None, when=_sent(album.sent_at, self.config.timezone),
        )  # fmt: skip

    async def recaption(
        self,
        message: IncomingMessage,
        *,
        now: datetime,
        answer: Answer[ReportOutcome] = unanswered,
    ) -> ReportOutcome:
        """An edited caption of a stored photo: its figures replace what the caption stored,
        as an edited report's do. A photo that was not stored has no figures either."""
        async with self.database.transaction() as uow:
            stored = await uow.visits.holds(message.chat_id, message.message_id)
            reported = await uow.reports.get(message.chat_id, message.message_id)
        if not stored and reported is None:
            return Ignored()
        caption = dataclasses.replace(message, day_rule=CAPTION_DAY_RULE)
        return await self.reports.submit_report(caption, now=now, answer=answer)

    def _day(self, caption: str, sent_at: datetime) -> date:
        """The caption's figures' day, so photos and figures agree; else its head date."""
        said = parse_message(self.config, caption, sent_at, CAPTION_DAY_RULE)
        if isinstance(said, Report):
            return said.day
        sent_day = local_day(sent_at, self.config.timezone)
        return photo_day(caption, sent_day, self.config.catalogue.branches)

    def _branch(
        self, caption: str, own: str | None, manager: bool
    ) -> str | Unbound | NoPhotoBranch:
        """A member's photos are their branch's; a manager's, the branch the caption names."""
        if manager and (named := named_branch(caption, self.config.catalogue.branches)):
            return named.name
        if own is not None:
            return own
        return NoPhotoBranch() if manager else Unbound()

    async def _report(
        self, uow: UnitOfWork, album: IncomingAlbum, now: datetime
    ) -> ReportOutcome | None:
        """The caption's figures, stored like a report of the caption's message (which
        ignores a caption without any), in the transaction that stores its photos."""
        captioned = album.captioned
        if captioned is None:
            return None
        message = IncomingMessage(
            chat_id=album.chat_id, message_id=captioned.message_id, sender=album.sender,
            text=captioned.caption, sent_at=album.sent_at, day_rule=CAPTION_DAY_RULE,
        )  # fmt: skip
        return await self.reports.submit_within(uow, message, now=now)


@dataclass(frozen=True, slots=True)
class _Gathered:
    """An album's images downloaded and judged, to be stored as its branch's visit."""

    visit: VisitRecord | None
    """The album's visit, when earlier items of it were stored: these are late."""
    branch: str
    day: date
    kept: list[NewPhoto]
    refused: tuple[PhotoProblem, ...]
    repeats: tuple[Repeat, ...]


def _flagged(new: NewPhoto, day: date, others: list[KnownImage]) -> NewPhoto:
    """Pointed at another branch's first photo of the same picture: counted all the same."""
    if new.fingerprint is None or not (earlier := earliest_alike(new.fingerprint, day, others)):
        return new
    return dataclasses.replace(new, same_as_photo_id=earlier.photo_id)


def _redelivered(album: IncomingAlbum, photo: IncomingPhoto, stored: PhotoRecord | None) -> bool:
    """Telegram delivering the same message again: no repeat, and nothing to say."""
    return stored is not None and (stored.chat_id, stored.message_id) == (
        album.chat_id,
        photo.message_id,
    )


def _sent(sent_at: datetime, zone: ZoneInfo) -> DayContext:
    """A photo is for the day it is sent: another day its caption names gets its weekday."""
    day = local_day(sent_at, zone)
    return DayContext(usual=day, today=day)
