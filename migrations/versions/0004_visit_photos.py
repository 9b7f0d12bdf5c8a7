"""Visit photos: a visit per photo or album, the images stored for it, and the photo
messages answered.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("album", sa.String(length=64), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branches.id"], name=op.f("fk_visits_branch_id_branches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
        sa.UniqueConstraint("chat_id", "album", name=op.f("uq_visits_chat_id_album")),
    )
    op.create_index(op.f("ix_visits_day"), "visits", ["day"], unique=False)

    op.create_table(
        "visit_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("file_id", sa.String(length=255), nullable=False),
        sa.Column("file_unique_id", sa.String(length=64), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("stored_key", sa.String(length=255), nullable=False),
        sa.Column("stored_size", sa.Integer(), nullable=False),
        sa.Column("preview_key", sa.String(length=255), nullable=True),
        sa.Column("taken_at", sa.DateTime(), nullable=True),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_visit_photos_visit_id_visits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_photos")),
        sa.UniqueConstraint(
            "chat_id", "message_id", name=op.f("uq_visit_photos_chat_id_message_id")
        ),
        sa.UniqueConstraint("file_unique_id", name=op.f("uq_visit_photos_file_unique_id")),
    )
    op.create_index(op.f("ix_visit_photos_visit_id"), "visit_photos", ["visit_id"], unique=False)
    op.create_table(
        "photo_messages",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("message_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("chat_id", "message_id", name=op.f("pk_photo_messages")),
    )


def downgrade() -> None:
    op.drop_table("photo_messages")
    op.drop_index(op.f("ix_visit_photos_visit_id"), table_name="visit_photos")
    op.drop_table("visit_photos")
    op.drop_index(op.f("ix_visits_day"), table_name="visits")
    op.drop_table("visits")
