"""An album's photos as they come, gathered in the database: with several instances each
may receive some of one album's photos, and the album must be counted once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.tables import Base, UtcDateTime


class AlbumItem(Base):
    """One photo message of an album (or a lone photo), kept until the album is taken.

    `album` is Telegram's media_group_id, or `m<message id>` for a photo sent alone."""

    __tablename__ = "album_items"
    __table_args__ = (
        # A photo's update handled twice (a crash before it was marked done) adds nothing.
        UniqueConstraint("chat_id", "message_id"),
        # Taking an album reads its items not taken yet; the sweep, the oldest of them.
        Index(
            "ix_album_items_waiting",
            "chat_id",
            "album",
            sqlite_where=text("taken_at IS NULL"),
            postgresql_where=text("taken_at IS NULL"),
        ),
        Index(
            "ix_album_items_arrived",
            "arrived_at",
            sqlite_where=text("taken_at IS NULL"),
            postgresql_where=text("taken_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    album: Mapped[str] = mapped_column(String(64))
    message_id: Mapped[int] = mapped_column(BigInteger)
    message: Mapped[str] = mapped_column(Text)
    """The message's JSON as python-telegram-bot wrote it: the taker needs all of it."""
    sender: Mapped[str] = mapped_column(Text)
    """Who sent it as the chat layer knew them (a manager or not), as JSON."""
    arrived_at: Mapped[datetime] = mapped_column(UtcDateTime)
    taken_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
