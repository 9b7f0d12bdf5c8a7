"""The inbox: every update Telegram delivered, kept before Telegram is told it arrived."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.tables import Base, UtcDateTime


class InboxUpdate(Base):
    """One update as Telegram sent it; `done_at` is set once it has been handled.

    Updates are handled in the order they were stored (`id`), not by update id: after a
    week without updates Telegram picks the next update id at random."""

    __tablename__ = "inbox_updates"
    __table_args__ = (
        # The handler's next read: the oldest updates not handled yet, by the index alone.
        Index(
            "ix_inbox_updates_pending",
            "id",
            sqlite_where=text("done_at IS NULL"),
            postgresql_where=text("done_at IS NULL"),
        ),
        # One chat's next updates, for the instance that holds the chat.
        Index(
            "ix_inbox_updates_chat_pending",
            "chat_id",
            "id",
            sqlite_where=text("done_at IS NULL"),
            postgresql_where=text("done_at IS NULL"),
        ),
        Index("ix_inbox_updates_done_at", "done_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    update_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    payload: Mapped[str] = mapped_column(Text)
    """The update's JSON as python-telegram-bot read it (to_json), not the raw answer."""
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
