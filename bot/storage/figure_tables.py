"""The figure tables: each figure's statements, its current value, and its changes.

The current value is kept next to its statements, updated in the same
transaction, so reading a branch-day's figure stays one indexed lookup.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.tables import Base, UtcDateTime


class FigureStatement(Base):
    """One message's statement of one figure; the figure is its latest live statement."""

    __tablename__ = "figure_statements"
    __table_args__ = (
        Index("ix_figure_statements_key", "branch_id", "day", "metric"),
        # A message states a figure at most once at a time: the backstop of idempotency.
        Index(
            "uq_figure_statements_live",
            "report_id",
            "branch_id",
            "day",
            "metric",
            unique=True,
            sqlite_where=text("ended_at IS NULL"),
            postgresql_where=text("ended_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    day: Mapped[date] = mapped_column(Date)
    metric: Mapped[str] = mapped_column(String(64))
    value: Mapped[float] = mapped_column(Float)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    user_id: Mapped[int] = mapped_column(BigInteger)
    stated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    """Telegram's time of the message version that stated this value."""
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_by: Mapped[str | None] = mapped_column(String(16))
    """"edit" (a later version changed or dropped it) or "undo"."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Figure(Base):
    """The current value of one metric for one branch and day."""

    __tablename__ = "daily_figures"
    __table_args__ = (
        UniqueConstraint("branch_id", "day", "metric"),
        # The sums of a span (bot/storage/totals.py): sought branch by branch and metric by
        # metric, the values read from the index itself.
        Index("ix_daily_figures_totals", "branch_id", "metric", "day", "value"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    day: Mapped[date] = mapped_column(Date, index=True)
    metric: Mapped[str] = mapped_column(String(64))
    value: Mapped[float] = mapped_column(Float)
    reporter_id: Mapped[int] = mapped_column(BigInteger)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class FigureChange(Base):
    """The audit trail: every value a figure had, who changed it, when and from where."""

    __tablename__ = "figure_changes"
    __table_args__ = (Index("ix_figure_changes_branch_id_day", "branch_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    day: Mapped[date] = mapped_column(Date)
    metric: Mapped[str] = mapped_column(String(64))
    old_value: Mapped[float | None] = mapped_column(Float)
    new_value: Mapped[float | None] = mapped_column(Float)
    user_id: Mapped[int] = mapped_column(BigInteger)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"), index=True)
    reason: Mapped[str] = mapped_column(String(16))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    """Indexed: the bulletin reads the changes since its previous post, not the whole trail."""


class MonthTotal(Base):
    """Each branch's figures of one metric summed over a calendar month, with how many
    there are: kept by database triggers on daily_figures (migration 0016), whoever
    writes a figure, so a month to date costs a row per branch and metric, however many
    days and years are stored."""

    __tablename__ = "month_totals"
    # On SQLite the key is the table itself: a month's rows are read in key order with
    # their values, not looked up one by one from an index.
    __table_args__ = ({"sqlite_with_rowid": False},)

    # Keyed month first: a month to date reads one month's rows of a few metrics.
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    """The month's first day."""
    metric: Mapped[str] = mapped_column(String(64), primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    figures: Mapped[int] = mapped_column(Integer)
    """How many daily figures the sum holds: a month with none left is no branch's."""
