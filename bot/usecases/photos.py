"""Visit photos read back: a branch's day for `/photos`, and a week's for the summary.

Stored copies are read from the photo store, never re-downloaded from Telegram: file ids
are the receiving bot's, and a photo must still show weeks later.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from bot.adapters.photo_store import PhotoMissing, PhotoStore, PhotoStoreError
from bot.config.settings import Config
from bot.domain.dates import read_day
from bot.domain.outcomes import BadDay, Unbound
from bot.domain.periods import Period, local_day
from bot.domain.visit_outcomes import PhotosOfDay, PhotoWeek, StoredImage
from bot.domain.visits import is_stale, spread, tally
from bot.storage.unit_of_work import Database
from bot.storage.visits import PhotoRecord

log = logging.getLogger(__name__)


class PhotoViews:
    def __init__(self, database: Database, config: Config, store: PhotoStore) -> None:
        self.database = database
        self.config = config
        self.store = store

    async def show(
        self, *, words: list[str], user_id: int, now: datetime, limit: int
    ) -> PhotosOfDay | BadDay | Unbound:
        """`/photos [网点] [日期]`: a branch's photos of a day, read back from storage; by
        default the asker's branch, and today, the day photos are sent for."""
        catalogue = self.config.catalogue
        branches = [(word, catalogue.find_branch(word)) for word in words]
        found = next((branch for _, branch in branches if branch), None)
        rest = " ".join(word for word, branch in branches if branch is None)
        today = local_day(now, self.config.timezone)
        day = read_day(rest, today) if rest else today
        if day is None:
            return BadDay(rest)
        async with self.database.transaction() as uow:
            member = await uow.members.get(user_id)
            branch = found.name if found else member.branch if member else None
            if branch is None:
                return Unbound()
            records = await uow.visits.of_branch_day(branch, day)
        shown = await self.read_back(records[:limit])
        return PhotosOfDay(branch, day, tuple(shown), len(records))

    async def week(self, period: Period, *, shown: int) -> PhotoWeek:
        """The period's photos per branch and day, those that show another branch's, and the
        first `shown` of them read back."""
        async with self.database.transaction() as uow:
            records = await uow.visits.of_days(period.first, period.last)
            lookalikes = await uow.photo_hashes.lookalikes(period.first, period.last)
        stale_days = self.config.photos.stale_days
        return PhotoWeek(
            tally=tally(((r.branch, r.day) for r in records), list(period.days())),
            stale=tuple(
                (r.branch, r.day) for r in records if is_stale(r.taken_at, r.day, stale_days)
            ),
            images=tuple(await self.read_back(_sheet_photos(records, shown))),
            count=len(records),
            lookalikes=tuple(lookalikes),
        )

    async def read_back(self, records: list[PhotoRecord]) -> list[StoredImage]:
        """The stored copies, in order; one gone from storage is left out, and logged."""
        stale_days = self.config.photos.stale_days
        images = await asyncio.gather(*(self._read(r.shown_key) for r in records))
        return [
            StoredImage(data, r.branch, r.day, is_stale(r.taken_at, r.day, stale_days))
            for data, r in zip(images, records, strict=True)
            if data is not None
        ]

    async def _read(self, key: str) -> bytes | None:
        try:
            return await self.store.get(key)
        except (PhotoMissing, PhotoStoreError) as error:
            log.warning("Visit photo %s cannot be read from %s: %s", key, self.store.where(), error)
            return None


def _sheet_photos(records: list[PhotoRecord], shown: int) -> list[PhotoRecord]:
    """The photos a contact sheet has room for, one per branch and day first, in the week's
    order."""
    chosen = {id(record) for record in spread(records, lambda r: (r.branch, r.day))[:shown]}
    return [record for record in records if id(record) in chosen]
