"""The schema, as SQLAlchemy models. Alembic owns the database; these must match it.

Times are stored in UTC; a business day is a plain DATE computed in the
configured zone before it reaches storage.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp that is always tz-aware UTC in Python, whatever the backend keeps."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Chat(Base):
    __tablename__ = "chats"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(String(255), default="")


class ChatMove(Base):
    """A group that became a supergroup: Telegram's old id for it, and the new one."""

    __tablename__ = "chat_moves"

    old_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    new_id: Mapped[int] = mapped_column(BigInteger)
    moved_at: Mapped[datetime] = mapped_column(UtcDateTime)


class BranchRow(Base):
    __tablename__ = "branches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    short_name: Mapped[str] = mapped_column(String(100))
    aliases: Mapped[str] = mapped_column(Text, default="")
    group_name: Mapped[str | None] = mapped_column(String(100))


class Member(Base):
    __tablename__ = "members"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(255))
    username: Mapped[str | None] = mapped_column(String(64), index=True)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branches.id"))
    role: Mapped[str] = mapped_column(String(16), default="staff")
    bound_by: Mapped[int | None] = mapped_column(BigInteger)


class ReportRow(Base):
    """One row per source message: the key to idempotency, edits and undo."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("chat_id", "message_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text)
    day: Mapped[date] = mapped_column(Date)
    edited_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    """Telegram's edit date of the version stored; None for the original."""
    reply_message_id: Mapped[int | None] = mapped_column(BigInteger)
    """The bot's confirmation, so that /undo may answer either message: set as the outbox
    records it sent (a trigger, migration 0017)."""
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime)
    """Telegram's date of the message: relative dates (昨天) are read against it."""
    pending_since: Mapped[datetime | None] = mapped_column(UtcDateTime)
    """A backfill waiting for a manager's approval: nothing of it is stored yet."""
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Post(Base):
    """A scheduled post claimed for its chat, kind and period, so it is made once."""

    __tablename__ = "posts"
    __table_args__ = (UniqueConstraint("chat_id", "kind", "period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(32))
    period: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="claimed")
    message_ids: Mapped[str] = mapped_column(Text, default="")
    claimed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    posted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    report_day: Mapped[date | None] = mapped_column(Date, index=True)
    """For a morning bulletin: the report day it published, which that closes."""
    finishes: Mapped[str] = mapped_column(Text, default="")
    """The contests whose result it announces, comma-separated: finished once it is out."""


class TargetRow(Base):
    """A branch's current target for one metric (or "points") over one period."""

    __tablename__ = "targets"
    __table_args__ = (UniqueConstraint("branch_id", "metric", "period", "first_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    metric: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(16))
    first_day: Mapped[date] = mapped_column(Date, index=True)
    last_day: Mapped[date] = mapped_column(Date, index=True)
    """Indexed: the targets of a span are those not yet over, a few of a year's rows."""
    value: Mapped[float] = mapped_column(Float)
    set_by: Mapped[int] = mapped_column(BigInteger)
    set_at: Mapped[datetime] = mapped_column(UtcDateTime)


class TargetChange(Base):
    """Every value a target had, who set it and from where (a command or a sheet)."""

    __tablename__ = "target_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    metric: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(16))
    first_day: Mapped[date] = mapped_column(Date)
    old_value: Mapped[float | None] = mapped_column(Float)
    new_value: Mapped[float] = mapped_column(Float)
    user_id: Mapped[int] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(16))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PlanRow(Base):
    """一点一策: a branch's plan; the newest row is the plan, the older ones its history."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    set_by: Mapped[int] = mapped_column(BigInteger)
    set_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ContestRow(Base):
    """A PK contest of one chat; its sides are in contest_entries."""

    __tablename__ = "contests"
    __table_args__ = (UniqueConstraint("chat_id", "message_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    """The message that created it: a redelivered `/pk new` creates nothing twice."""
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    """"matches" (pairs or teams) or "league"."""
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    rule: Mapped[str] = mapped_column(String(16))
    weights: Mapped[str] = mapped_column(Text, default="")
    """metric:weight pairs, comma-separated."""
    reward: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), index=True)
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_by: Mapped[int | None] = mapped_column(BigInteger)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ContestEntry(Base):
    """One branch on one side of one match; a league's entrants are match 0, in draw order."""

    __tablename__ = "contest_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"), index=True)
    match_no: Mapped[int] = mapped_column(Integer)
    side_no: Mapped[int] = mapped_column(Integer)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
