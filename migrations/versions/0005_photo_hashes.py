"""Photo hashes: a visit photo known by its content, not only by Telegram's unique id; and
the earlier photo of another branch it shows.

Photos stored before keep NULL hashes: they are neither repeated nor flagged by a new one,
and the window they would count in (90 days) passes by itself.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("visit_photos", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sha256", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("dhash", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("same_as_photo_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_visit_photos_sha256"), ["sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_photos_dhash"), ["dhash"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_visit_photos_same_as_photo_id_visit_photos"),
            "visit_photos",
            ["same_as_photo_id"],
            ["id"],
        )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index("ix_visits_branch_id_day", ["branch_id", "day"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index("ix_visits_branch_id_day")
    with op.batch_alter_table("visit_photos", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_visit_photos_same_as_photo_id_visit_photos"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_visit_photos_dhash"))
        batch_op.drop_index(batch_op.f("ix_visit_photos_sha256"))
        batch_op.drop_column("same_as_photo_id")
        batch_op.drop_column("dhash")
        batch_op.drop_column("sha256")
