"""PK contests and the branches on each of their sides.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("rule", sa.String(length=16), nullable=False),
        sa.Column("weights", sa.Text(), nullable=False),
        sa.Column("reward", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.BigInteger(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contests")),
        sa.UniqueConstraint("chat_id", "message_id", name=op.f("uq_contests_chat_id_message_id")),
    )
    op.create_index(op.f("ix_contests_status"), "contests", ["status"], unique=False)
    op.create_table(
        "contest_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contest_id", sa.Integer(), nullable=False),
        sa.Column("match_no", sa.Integer(), nullable=False),
        sa.Column("side_no", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branches.id"], name=op.f("fk_contest_entries_branch_id_branches")
        ),
        sa.ForeignKeyConstraint(
            ["contest_id"], ["contests.id"], name=op.f("fk_contest_entries_contest_id_contests")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contest_entries")),
    )
    op.create_index(
        op.f("ix_contest_entries_contest_id"), "contest_entries", ["contest_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_contest_entries_contest_id"), table_name="contest_entries")
    op.drop_table("contest_entries")
    op.drop_index(op.f("ix_contests_status"), table_name="contests")
    op.drop_table("contests")
