"""Album photos gathered in the database; turns at sending to a chat; a chat's pending
updates by index: what several instances on one PostgreSQL share.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WAITING = sa.text("taken_at IS NULL")
PENDING = sa.text("done_at IS NULL")


def upgrade() -> None:
    op.create_table(
        "album_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("album", sa.String(length=64), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("sender", sa.Text(), nullable=False),
        sa.Column("arrived_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_album_items")),
        sa.UniqueConstraint(
            "chat_id", "message_id", name=op.f("uq_album_items_chat_id_message_id")
        ),
    )
    op.create_index(
        "ix_album_items_waiting",
        "album_items",
        ["chat_id", "album"],
        sqlite_where=WAITING,
        postgresql_where=WAITING,
    )
    op.create_index(
        "ix_album_items_arrived",
        "album_items",
        ["arrived_at"],
        sqlite_where=WAITING,
        postgresql_where=WAITING,
    )
    op.create_table(
        "chat_turns",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("sender", sa.String(length=32), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("chat_id", name=op.f("pk_chat_turns")),
    )
    op.create_index(
        "ix_inbox_updates_chat_pending",
        "inbox_updates",
        ["chat_id", "id"],
        sqlite_where=PENDING,
        postgresql_where=PENDING,
    )


def downgrade() -> None:
    op.drop_index("ix_inbox_updates_chat_pending", table_name="inbox_updates")
    op.drop_table("chat_turns")
    op.drop_index("ix_album_items_arrived", table_name="album_items")
    op.drop_index("ix_album_items_waiting", table_name="album_items")
    op.drop_table("album_items")
