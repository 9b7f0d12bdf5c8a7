"""The visit-photo tables: visits, their photos, and the photo messages answered."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.tables import Base, UtcDateTime


class VisitRow(Base):
    """A visit record: one photo, or one album however late its items came, for a branch and
    day; its photos are in visit_photos."""

    __tablename__ = "visits"
    __table_args__ = (
        UniqueConstraint("chat_id", "album"),
        # A new photo is compared with its branch's photos of the days around its own.
        Index("ix_visits_branch_id_day", "branch_id", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    album: Mapped[str] = mapped_column(String(64))
    """Telegram's media_group_id, or "m" and the message id of a single photo."""
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    day: Mapped[date] = mapped_column(Date, index=True)
    user_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class VisitPhoto(Base):
    """One stored image: Telegram's ids, what the bot measured, and where its copy is."""

    __tablename__ = "visit_photos"
    __table_args__ = (UniqueConstraint("chat_id", "message_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    file_id: Mapped[str] = mapped_column(String(255))
    file_unique_id: Mapped[str] = mapped_column(String(64), unique=True)
    """The same image sent again has the same unique id: it is never counted twice."""
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    file_size: Mapped[int] = mapped_column(Integer)
    """As Telegram received it."""
    stored_key: Mapped[str] = mapped_column(String(255))
    stored_size: Mapped[int] = mapped_column(Integer)
    """The kept copy's size: smaller when a location was removed from it."""
    preview_key: Mapped[str | None] = mapped_column(String(255))
    """A smaller copy to show back, for a camera file too big to send as a photo."""
    taken_at: Mapped[datetime | None] = mapped_column(DateTime)
    """The capture time the image carried (EXIF local time, no zone); None for most."""
    caption: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    """Hex SHA-256 of the bytes Telegram sent: the same file sent again under a new unique id.
    None for photos stored before photos were known by content."""
    dhash: Mapped[int | None] = mapped_column(BigInteger)
    """The picture's 64-bit difference hash, stored as the signed 64-bit integer of the same
    bits (a value of 2**63 or more less 2**64), since BIGINT is signed in SQLite and
    PostgreSQL alike; an integer costs 8 bytes where hex would cost 16, and compares as one.
    Not indexed: its bands find it, the same hash and the near ones alike."""
    # The hash's bands (photo_hashes.bands), each indexed: another branch's photo within
    # NEAR bits equals a new one in some band, so an OR of five index lookups finds every
    # candidate without reading the days' photos. Columns of the row, not a table of
    # (photo, band, value): one per photo, written with it, no join, nothing to deduplicate.
    dhash_band0: Mapped[int | None] = mapped_column(SmallInteger, index=True)
    dhash_band1: Mapped[int | None] = mapped_column(SmallInteger, index=True)
    dhash_band2: Mapped[int | None] = mapped_column(SmallInteger, index=True)
    dhash_band3: Mapped[int | None] = mapped_column(SmallInteger, index=True)
    dhash_band4: Mapped[int | None] = mapped_column(SmallInteger, index=True)
    same_as_photo_id: Mapped[int | None] = mapped_column(ForeignKey("visit_photos.id"))
    """An earlier photo of another branch with the same picture: counted, but shown to
    managers in the weekly summary."""


class PhotoMessage(Base):
    """Every photo message answered, stored or not: a redelivered one is answered once."""

    __tablename__ = "photo_messages"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    handled_at: Mapped[datetime] = mapped_column(UtcDateTime)
