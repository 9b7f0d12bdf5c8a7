"""A visit album's new images taken in: each downloaded, decoded, judged against the pictures
its branch showed before, and its copy kept; Visiting writes the visit's records.

A 60 MP decode takes about 200 MB: a few albums at once must not take them all; downloads,
which wait on the network, may run a few more at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date, datetime

from bot.adapters.images import ImageProblem, Picture, read_picture
from bot.adapters.photo_store import PhotoStore, PhotoStoreError, photo_key
from bot.config.settings import Config
from bot.domain.photo_hashes import KnownImage, earliest_alike
from bot.domain.visit_outcomes import PhotoProblem, Repeat
from bot.rendering.alerts import photo_store_text
from bot.rendering.texts import Texts
from bot.storage.unit_of_work import Database
from bot.storage.visits import NewPhoto
from bot.usecases.alerts import Alerting
from bot.usecases.incoming import IncomingPhoto

log = logging.getLogger(__name__)
DOWNLOAD_LIMIT = 20 * 1024 * 1024
"""Telegram lets bots download files up to 20 MB; getFile refuses larger ones."""
DOWNLOADS, DECODES = 6, 2
"""Images downloaded, and decoded, at once, whatever the number of albums arriving."""

Fetch = Callable[[str], Awaitable[bytes]]
"""Downloads a file by its file_id; the chat layer supplies it, raising FetchError."""
_PROBLEMS = {
    ImageProblem.NOT_AN_IMAGE: PhotoProblem.NOT_AN_IMAGE,
    ImageProblem.UNSUPPORTED: PhotoProblem.UNSUPPORTED,
    ImageProblem.TOO_MANY_PIXELS: PhotoProblem.TOO_MANY_PIXELS,
}


class FetchError(Exception):
    """A file could not be downloaded: the reply says so, and the rest of the album goes on."""

    def __init__(self, reason: str, *, too_big: bool = False) -> None:
        super().__init__(reason)
        self.too_big = too_big
        """Telegram's own refusal of a file over 20 MB that did not declare its size."""


class PhotoIntake:
    def __init__(
        self, database: Database, config: Config, store: PhotoStore, alerts: Alerting
    ) -> None:
        self.database = database
        self.config = config
        self.store = store
        self.alerts = alerts
        self._downloads = asyncio.Semaphore(DOWNLOADS)
        self._decoding = asyncio.Semaphore(DECODES)

    async def keep_new(
        self, photos: list[IncomingPhoto], fetch: Fetch, branch: str, day: date, now: datetime
    ) -> list[NewPhoto | PhotoProblem | Repeat]:
        """Download and store each image unless its picture is one the branch showed in the
        days around `day`, or the album did before it; records are written by the caller.
        One image at a time, judged before it is stored: a repeat leaves no copy behind."""
        async with self.database.transaction() as uow:
            known = await uow.photo_hashes.near(branch, day)
        results: list[NewPhoto | PhotoProblem | Repeat] = []
        for photo in photos:
            read = await self._read(photo, fetch)
            if isinstance(read, PhotoProblem):
                results.append(read)
            elif earlier := earliest_alike(read.fingerprint, day, known):
                results.append(Repeat(branch, earlier.day, alike=True))
            else:
                results.append(kept := await self._put(photo, read, branch, day, now))
                if isinstance(kept, NewPhoto):
                    known.append(KnownImage(None, branch, day, read.fingerprint))
        return results

    async def _read(self, photo: IncomingPhoto, fetch: Fetch) -> Picture | PhotoProblem:
        if photo.file_size is not None and photo.file_size > DOWNLOAD_LIMIT:
            return PhotoProblem.TOO_BIG
        try:
            async with self._downloads:
                data = await fetch(photo.file_id)
        except FetchError as error:
            return PhotoProblem.TOO_BIG if error.too_big else PhotoProblem.UNREACHABLE
        async with self._decoding:
            picture = await asyncio.to_thread(read_picture, data)
        return _PROBLEMS[picture] if isinstance(picture, ImageProblem) else picture

    async def _put(
        self, photo: IncomingPhoto, picture: Picture, branch: str, day: date, now: datetime
    ) -> NewPhoto | PhotoProblem:
        short = self.config.catalogue.short_name(branch)
        key = photo_key(day, short, photo.file_unique_id + picture.suffix)
        preview = None
        try:
            await self.store.put(key, picture.data)
            if picture.preview is not None:
                preview = key.removesuffix(picture.suffix) + ".preview.jpg"
                await self.store.put(preview, picture.preview)
        except PhotoStoreError as error:
            where = self.store.where()
            log.exception("Visit photo %s could not be kept in %s", key, where)
            text = photo_store_text(Texts(self.config.language), where=where, error=str(error))
            today = now.astimezone(self.config.timezone).date()
            try:
                await self.alerts.tell(f"photo-store:{today.isoformat()}", text, now=now)
            except Exception:
                log.exception("Telling the managers the photo store refused failed")
            return PhotoProblem.UNSTORED
        return NewPhoto(
            message_id=photo.message_id, file_id=photo.file_id,
            file_unique_id=photo.file_unique_id, width=picture.width, height=picture.height,
            file_size=photo.file_size or picture.received, stored_key=key,
            stored_size=len(picture.data), taken_at=picture.taken_at, caption=photo.caption,
            preview_key=preview, fingerprint=picture.fingerprint,
        )  # fmt: skip
