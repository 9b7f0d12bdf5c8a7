"""Indexes for the reads of the scheduled posts, so that their cost follows the days they
report on, not the years of figures and changes kept before them: the sums of a span,
the audit trail since the previous bulletin and of one branch-day, the targets not yet
over, and the bulletins of a report day.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_daily_figures_totals", "daily_figures", ["branch_id", "metric", "day", "value"]),
    ("ix_figure_changes_branch_id_day", "figure_changes", ["branch_id", "day"]),
    ("ix_figure_changes_changed_at", "figure_changes", ["changed_at"]),
    ("ix_targets_last_day", "targets", ["last_day"]),
    ("ix_posts_report_day", "posts", ["report_day"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
