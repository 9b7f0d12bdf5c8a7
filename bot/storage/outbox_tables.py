"""The outbox: every reply the bot owes a chat, written with the change it reports."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.tables import Base, UtcDateTime

PENDING = "state = 'pending'"
"""The sender's condition, as a literal: SQLite matches a partial index only to the same
literal text, never to a bound parameter."""


class OutboxMessage(Base):
    """One message to send. `state` goes pending → sending → sent, or ends failed (a final
    refusal from Telegram) or uncertain (it may have arrived: never sent again).

    The message that caused it and that message's version name it, so handling one update
    twice owes its chat one reply, not two."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        UniqueConstraint("chat_id", "source_id", "source_version", "part"),
        # The sender's next read: what is still to send, oldest first, by the index alone.
        Index(
            "ix_outbox_messages_pending",
            "id",
            sqlite_where=sql(PENDING),
            postgresql_where=sql(PENDING),
        ),
        Index("ix_outbox_messages_done_at", "done_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    source_id: Mapped[int] = mapped_column(BigInteger)
    """The message this answers (replied to unless `reply` is false)."""
    source_version: Mapped[int] = mapped_column(BigInteger)
    """The answered message's edit time in seconds; 0 for it as first sent."""
    part: Mapped[int] = mapped_column(SmallInteger, default=0)
    reply: Mapped[bool] = mapped_column(Boolean, default=True)
    text: Mapped[str] = mapped_column(Text)
    line: Mapped[str | None] = mapped_column(Text)
    """Set for a plain confirmation: its line when a rush merges several into one message."""
    buttons: Mapped[str | None] = mapped_column(Text)
    """JSON [[label, callback data], …], one row of buttons under the message."""
    undoable: Mapped[bool] = mapped_column(Boolean, default=False)
    """`/undo` in reply to this confirmation takes back the report it answers."""
    html: Mapped[bool] = mapped_column(Boolean, default=False)
    edits: Mapped[int | None] = mapped_column(BigInteger)
    """The bot's message whose text this replaces, for an edit rather than a message."""
    photo_count: Mapped[int] = mapped_column(SmallInteger, default=0)
    """An album's photos, in outbox_photos; `text` is then its caption."""
    expires: Mapped[datetime | None] = mapped_column(UtcDateTime)
    """A post's end of grace: not sent by then, it is given up."""
    state: Mapped[str] = mapped_column(String(10), default="pending")
    claimed_by: Mapped[str | None] = mapped_column(String(32))
    """The sender (one per process) that marked it sending."""
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    """Until when that sender's claim holds: past it, the sender is taken for dead and
    the message for uncertain (it may have arrived)."""
    queued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sent_id: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(Text)


class OutboxPhoto(Base):
    """One photo of an album in the outbox, kept apart so reading the queue stays light."""

    __tablename__ = "outbox_photos"

    outbox_id: Mapped[int] = mapped_column(
        ForeignKey("outbox_messages.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ChatTurn(Base):
    """Which sender's turn it is to send to a chat: with several instances, a chat's
    messages go one send at a time, in order, whoever queued them. A turn lasts one
    send; one whose sender stopped ends at `until`, with its lease."""

    __tablename__ = "chat_turns"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    sender: Mapped[str] = mapped_column(String(32))
    until: Mapped[datetime] = mapped_column(UtcDateTime)
