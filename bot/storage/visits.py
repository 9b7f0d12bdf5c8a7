"""Visits and their photos: what was stored for which branch and day; never committed here."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.photo_hashes import Fingerprint
from bot.storage.photo_hashes import content_columns
from bot.storage.photo_tables import PhotoMessage, VisitPhoto, VisitRow
from bot.storage.roster import Branches
from bot.storage.upsert import insert


@dataclass(frozen=True, slots=True)
class VisitRecord:
    id: int
    branch: str
    day: date


@dataclass(frozen=True, slots=True)
class PhotoRecord:
    """A stored photo, with its visit's branch and day."""

    branch: str
    day: date
    chat_id: int
    message_id: int
    file_unique_id: str
    stored_key: str
    stored_size: int
    taken_at: datetime | None
    preview_key: str | None = None

    @property
    def shown_key(self) -> str:
        """What is shown back: the preview of a big camera file, else the copy itself."""
        return self.preview_key or self.stored_key


@dataclass(frozen=True, slots=True)
class NewPhoto:
    message_id: int
    file_id: str
    file_unique_id: str
    width: int
    height: int
    file_size: int
    stored_key: str
    stored_size: int
    taken_at: datetime | None
    caption: str
    preview_key: str | None = None
    fingerprint: Fingerprint | None = None
    same_as_photo_id: int | None = None
    """An earlier photo of another branch with the same picture."""


class Visits:
    def __init__(self, session: AsyncSession, branches: Branches) -> None:
        self._session = session
        self._branches = branches

    async def find(self, chat_id: int, album: str) -> VisitRecord | None:
        row = await self._session.scalar(
            select(VisitRow).where(VisitRow.chat_id == chat_id, VisitRow.album == album)
        )
        return None if row is None else await self._record(row)

    async def open(
        self, *, chat_id: int, album: str, branch: str, day: date, user_id: int, now: datetime
    ) -> VisitRecord:
        """The album's visit, made on its first photo: late items join the same one."""
        statement = (
            insert(self._session, VisitRow)
            .values(
                chat_id=chat_id,
                album=album,
                branch_id=await self._branches.id(branch),
                day=day,
                user_id=user_id,
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=["chat_id", "album"])
        )
        await self._session.execute(statement)
        found = await self.find(chat_id, album)
        assert found is not None, "inserted or already there"
        return found

    async def add(self, visit_id: int, chat_id: int, photo: NewPhoto, now: datetime) -> bool:
        """Store a photo; False when the image (or the message) is stored already."""
        values = asdict(photo)
        del values["fingerprint"]
        if photo.fingerprint is not None:
            values |= content_columns(photo.fingerprint)
        statement = (
            insert(self._session, VisitPhoto)
            .values(visit_id=visit_id, chat_id=chat_id, received_at=now, **values)
            .on_conflict_do_nothing()
            .returning(VisitPhoto.id)
        )
        return await self._session.scalar(statement) is not None

    async def seen(self, unique_ids: Collection[str]) -> dict[str, PhotoRecord]:
        """The photos already stored among these images, by their unique id."""
        records = await self._photos(VisitPhoto.file_unique_id.in_(unique_ids))
        return {record.file_unique_id: record for record in records}

    async def answered(self, chat_id: int, message_ids: Collection[int]) -> set[int]:
        """Which of the messages were answered before."""
        rows = await self._session.scalars(
            select(PhotoMessage.message_id).where(
                PhotoMessage.chat_id == chat_id, PhotoMessage.message_id.in_(message_ids)
            )
        )
        return set(rows)

    async def answer(self, chat_id: int, message_ids: Collection[int], now: datetime) -> None:
        """Record the messages as answered."""
        rows = [{"chat_id": chat_id, "message_id": m, "handled_at": now} for m in message_ids]
        if rows:
            statement = insert(self._session, PhotoMessage).values(rows)
            await self._session.execute(statement.on_conflict_do_nothing())

    async def holds(self, chat_id: int, message_id: int) -> bool:
        """Whether the message's photo is stored."""
        statement = select(VisitPhoto.id).where(
            VisitPhoto.chat_id == chat_id, VisitPhoto.message_id == message_id
        )
        return await self._session.scalar(statement) is not None

    async def count(self, visit_id: int) -> int:
        statement = select(func.count()).where(VisitPhoto.visit_id == visit_id)
        return await self._session.scalar(statement) or 0

    async def discard(self, visit_id: int) -> None:
        """Drop a visit left without photos: every image of it was stored by another."""
        await self._session.execute(delete(VisitRow).where(VisitRow.id == visit_id))

    async def of_days(self, first: date, last: date) -> list[PhotoRecord]:
        """Every photo of the days, by day, branch and the order they were posted."""
        return await self._photos(VisitRow.day.between(first, last))

    async def of_branch_day(self, branch: str, day: date) -> list[PhotoRecord]:
        branch_id = await self._branches.id(branch)
        return await self._photos(VisitRow.branch_id == branch_id, VisitRow.day == day)

    async def _photos(self, *conditions: object) -> list[PhotoRecord]:
        names = await self._branches.names()
        rows = await self._session.execute(
            select(VisitRow.branch_id, VisitRow.day, VisitPhoto)
            .join(VisitRow, VisitRow.id == VisitPhoto.visit_id)
            .where(*conditions)  # type: ignore[arg-type]
            .order_by(VisitRow.day, VisitRow.branch_id, VisitPhoto.message_id)
        )
        return [
            PhotoRecord(
                branch=names[branch_id],
                day=day,
                chat_id=photo.chat_id,
                message_id=photo.message_id,
                file_unique_id=photo.file_unique_id,
                stored_key=photo.stored_key,
                stored_size=photo.stored_size,
                taken_at=photo.taken_at,
                preview_key=photo.preview_key,
            )
            for branch_id, day, photo in rows.all()
        ]

    async def _record(self, row: VisitRow) -> VisitRecord:
        names = await self._branches.names()
        return VisitRecord(row.id, names[row.branch_id], row.day)
