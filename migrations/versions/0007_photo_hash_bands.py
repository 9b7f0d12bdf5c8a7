"""Photo hash bands: another branch's photo whose difference hash is within 4 bits of a new
one's is found by index, where 0005 found only the same hash exactly.

Five indexed bands of the hash (band b holds bits b, b + 5, b + 10 ... counted from the
lowest, bit b + 5j as its bit j, as bot/domain/photo_hashes.bands cuts them, frozen here);
hashes 4 bits apart agree in one band at least. Photos stored with a hash get their bands
from it in SQL; the dhash index, which the bands replace, is dropped.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BANDS, BITS = 5, 64
COLUMNS = [f"dhash_band{band}" for band in range(BANDS)]


def _band(band: int) -> str:
    """The band's value from the signed BIGINT, in the operators SQLite and PostgreSQL share:
    `>>` keeps the sign in both, and `& 1` leaves the one bit wanted, the top one too."""
    bits = range(band, BITS, BANDS)
    return " | ".join(f"(((dhash >> {bit}) & 1) << {bit // BANDS})" for bit in bits)


def _bands_from_hashes() -> str:
    settings = ", ".join(f"{column} = {_band(band)}" for band, column in enumerate(COLUMNS))
    return f"UPDATE visit_photos SET {settings} WHERE dhash IS NOT NULL"


def upgrade() -> None:
    with op.batch_alter_table("visit_photos", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.add_column(sa.Column(column, sa.SmallInteger(), nullable=True))
    op.execute(_bands_from_hashes())
    with op.batch_alter_table("visit_photos", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.create_index(batch_op.f(f"ix_visit_photos_{column}"), [column], unique=False)
        batch_op.drop_index(batch_op.f("ix_visit_photos_dhash"))


def downgrade() -> None:
    with op.batch_alter_table("visit_photos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_photos_dhash"), ["dhash"], unique=False)
        for column in reversed(COLUMNS):
            batch_op.drop_index(batch_op.f(f"ix_visit_photos_{column}"))
            batch_op.drop_column(column)
