"""Figure statements: every message's statement of a figure, the figure being the latest
live one; each stored figure becomes one statement, so nothing is lost in the upgrade.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A figure's statement was made when its audit trail last set it from its message; a
# figure with no such row (none is expected) falls back to its message's own time.
STATEMENTS_FROM_FIGURES = """
INSERT INTO figure_statements
    (branch_id, day, metric, value, report_id, user_id, stated_at, created_at)
SELECT f.branch_id, f.day, f.metric, f.value, f.report_id, f.reporter_id,
       COALESCE(
           (SELECT MAX(c.changed_at) FROM figure_changes c
            WHERE c.branch_id = f.branch_id AND c.day = f.day AND c.metric = f.metric
              AND c.report_id = f.report_id AND c.new_value IS NOT NULL),
           r.edited_at,
           r.sent_at),
       f.updated_at
FROM daily_figures f JOIN reports r ON r.id = f.report_id
"""


def upgrade() -> None:
    op.create_table(
        "figure_statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("metric", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("stated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by", sa.String(length=16), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branches.id"], name=op.f("fk_figure_statements_branch_id_branches")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_figure_statements_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_figure_statements")),
    )
    op.create_index("ix_figure_statements_key", "figure_statements", ["branch_id", "day", "metric"])
    op.create_index(op.f("ix_figure_statements_report_id"), "figure_statements", ["report_id"])
    op.create_index(
        "uq_figure_statements_live",
        "figure_statements",
        ["report_id", "branch_id", "day", "metric"],
        unique=True,
        sqlite_where=sa.text("ended_at IS NULL"),
        postgresql_where=sa.text("ended_at IS NULL"),
    )
    op.execute(STATEMENTS_FROM_FIGURES)


def downgrade() -> None:
    # The figures themselves stay in daily_figures: dropping their statements loses
    # only the earlier statements an edit or undo would have fallen back to.
    op.drop_index("uq_figure_statements_live", table_name="figure_statements")
    op.drop_index(op.f("ix_figure_statements_report_id"), table_name="figure_statements")
    op.drop_index("ix_figure_statements_key", table_name="figure_statements")
    op.drop_table("figure_statements")
