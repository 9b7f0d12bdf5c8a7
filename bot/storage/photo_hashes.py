"""Visit photos known by their content in storage: the hashes kept with each photo, the ones
a new photo is compared with, and the photos shown to be another branch's; never committed
here."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.domain.photo_hashes import Fingerprint, KnownImage, alike, bands, window
from bot.domain.visit_outcomes import Lookalike
from bot.storage.photo_tables import VisitPhoto, VisitRow
from bot.storage.roster import Branches

BAND_COLUMNS = (
    VisitPhoto.dhash_band0,
    VisitPhoto.dhash_band1,
    VisitPhoto.dhash_band2,
    VisitPhoto.dhash_band3,
    VisitPhoto.dhash_band4,
)


def content_columns(fingerprint: Fingerprint) -> dict[str, object]:
    """A photo's row values for its content: what `near` compares and `elsewhere` finds."""
    split = bands(fingerprint.dhash)
    return {
        "sha256": fingerprint.sha256,
        "dhash": _signed(fingerprint.dhash),
        **{column.key: value for column, value in zip(BAND_COLUMNS, split, strict=True)},
    }


class PhotoHashes:
    def __init__(self, session: AsyncSession, branches: Branches) -> None:
        self._session = session
        self._branches = branches

    async def near(self, branch: str, day: date) -> list[KnownImage]:
        """What the branch's photos of the days around `day` show: the photos a new one of
        that day may repeat. One query, by the branch and day index."""
        first, last = window(day)
        rows = await self._session.execute(
            select(VisitPhoto.id, VisitRow.day, VisitPhoto.sha256, VisitPhoto.dhash)
            .join(VisitRow, VisitRow.id == VisitPhoto.visit_id)
            .where(
                VisitRow.branch_id == await self._branches.id(branch),
                VisitRow.day.between(first, last),
                VisitPhoto.sha256.is_not(None),
            )
        )
        return [_known(photo_id, branch, seen, sha, dhash) for photo_id, seen, sha, dhash in rows]

    async def elsewhere(
        self, branch: str, day: date, prints: Collection[Fingerprint]
    ) -> list[KnownImage]:
        """Other branches' photos of the days around `day` alike to one of these. Comparing
        every branch's hashes bit by bit would read all of the days' photos: candidates come
        by index instead, those with one of the SHA-256s or equal to one of the hashes in
        some band (a hash within NEAR bits is), and only they are compared.

        Then their visits, by primary key, for the window and the branch. In one query with
        the candidates, PostgreSQL's generic plan (from a prepared statement's sixth run on)
        guessed the window small and walked its every visit: 250 ms, not 12, among 108,000
        photos (bench/photos.py)."""
        if not prints:
            return []
        split = [bands(p.dhash) for p in prints]
        same_band = (column.in_({b[n] for b in split}) for n, column in enumerate(BAND_COLUMNS))
        rows = await self._session.execute(
            select(VisitPhoto.id, VisitPhoto.visit_id, VisitPhoto.sha256, VisitPhoto.dhash)
            .where(or_(VisitPhoto.sha256.in_({p.sha256 for p in prints}), *same_band))
        )  # fmt: skip
        candidates = [(photo, visit, _fingerprint(sha, dhash)) for photo, visit, sha, dhash in rows]
        found = {
            photo_id: (visit_id, seen)
            for photo_id, visit_id, seen in candidates
            if any(alike(p, seen) for p in prints)
        }
        if not found:
            return []
        first, last = window(day)
        visits = await self._session.execute(
            select(VisitRow.id, VisitRow.branch_id, VisitRow.day).where(
                VisitRow.id.in_({visit_id for visit_id, _ in found.values()}),
                VisitRow.day.between(first, last),
                VisitRow.branch_id != await self._branches.id(branch),
            )
        )
        names = await self._branches.names()
        of_visit = {visit_id: (names[branch_id], seen) for visit_id, branch_id, seen in visits}
        return [
            KnownImage(photo_id, *of_visit[visit_id], fingerprint)
            for photo_id, (visit_id, fingerprint) in found.items()
            if visit_id in of_visit
        ]

    async def lookalikes(self, first: date, last: date) -> list[Lookalike]:
        """The days' photos that show an earlier one of another branch, in the week's order."""
        earlier_photo, earlier_visit = aliased(VisitPhoto), aliased(VisitRow)
        names = await self._branches.names()
        rows = await self._session.execute(
            select(VisitRow.branch_id, VisitRow.day, earlier_visit.branch_id, earlier_visit.day)
            .join(VisitPhoto, VisitPhoto.visit_id == VisitRow.id)
            .join(earlier_photo, earlier_photo.id == VisitPhoto.same_as_photo_id)
            .join(earlier_visit, earlier_visit.id == earlier_photo.visit_id)
            .where(VisitRow.day.between(first, last))
            .order_by(VisitRow.day, VisitRow.branch_id, VisitPhoto.message_id)
        )
        return [
            Lookalike(names[branch_id], day, names[other_id], other_day)
            for branch_id, day, other_id, other_day in rows
        ]


def _known(photo_id: int, branch: str, day: date, sha256: str, dhash: int) -> KnownImage:
    return KnownImage(photo_id, branch, day, _fingerprint(sha256, dhash))


def _fingerprint(sha256: str, dhash: int) -> Fingerprint:
    return Fingerprint(sha256, dhash & _UNSIGNED)


def _signed(dhash: int) -> int:
    """The 64 bits as BIGINT holds them: a hash of 2**63 or more wraps to a negative."""
    return dhash - (1 << 64) if dhash >= 1 << 63 else dhash


_UNSIGNED = (1 << 64) - 1
