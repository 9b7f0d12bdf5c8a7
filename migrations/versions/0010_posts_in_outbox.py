"""Posts go through the outbox: albums' photos, a grace to give up by, leased sends.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_messages") as table:
        table.add_column(
            sa.Column("photo_count", sa.SmallInteger(), nullable=False, server_default="0")
        )
        table.add_column(sa.Column("expires", sa.DateTime(timezone=True), nullable=True))
        table.add_column(sa.Column("claimed_by", sa.String(length=32), nullable=True))
        table.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "outbox_photos",
        sa.Column("outbox_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outbox_id"],
            ["outbox_messages.id"],
            name=op.f("fk_outbox_photos_outbox_id_outbox_messages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("outbox_id", "position", name=op.f("pk_outbox_photos")),
    )
    with op.batch_alter_table("posts") as table:
        table.add_column(sa.Column("finishes", sa.Text(), nullable=False, server_default=""))
    # A post claimed by the code before this one and never finished was cut off while it
    # was being sent: part of it may have arrived, so it is not made again.
    op.execute("UPDATE posts SET status = 'uncertain' WHERE status = 'claimed'")


def downgrade() -> None:
    with op.batch_alter_table("posts") as table:
        table.drop_column("finishes")
    op.drop_table("outbox_photos")
    with op.batch_alter_table("outbox_messages") as table:
        table.drop_column("lease_until")
        table.drop_column("claimed_by")
        table.drop_column("expires")
        table.drop_column("photo_count")
