"""Month totals: each branch's figures of a metric summed by calendar month, kept by
triggers on daily_figures, so that a month to date (the bulletin, /progress, the
summaries) reads a row per branch and metric instead of summing every day of the month.

Triggers rather than the application keep them because every writer of a figure (a
report, an edit, an undo, an approval, a /score, a test or a repair by hand) must keep
them right, and a trigger adds no statement to a report. Each write sums its branch's
month of that metric again: exact, never drifting as running sums of floats would.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECOUNT = """INSERT INTO month_totals (branch_id, month, metric, value, figures)
SELECT {row}.branch_id, {month}, {row}.metric, COALESCE(SUM(f.value), 0), COUNT(f.value)
FROM daily_figures AS f
WHERE f.branch_id = {row}.branch_id AND f.metric = {row}.metric
AND f.day >= {month} AND f.day < {next}
ON CONFLICT (month, metric, branch_id) DO UPDATE
SET value = excluded.value, figures = excluded.figures"""
"""The total of the changed figure's branch, month and metric, summed again (a month's
figures at most, by the covering index): exact, where adding and subtracting floats
would drift, and right after any write, a re-import included."""

SQLITE_MONTH = (
    "date({row}.day, 'start of month')",
    "date({row}.day, 'start of month', '+1 month')",
)
SQLITE_TRIGGERS = {
    "month_totals_insert": "AFTER INSERT ON daily_figures BEGIN {new}; END",
    "month_totals_update": (
        "AFTER UPDATE OF branch_id, day, metric, value ON daily_figures BEGIN {old}; {new}; END"
    ),
    "month_totals_delete": "AFTER DELETE ON daily_figures BEGIN {old}; END",
}
POSTGRES_MONTH = (
    "date_trunc('month', {row}.day)::date",
    "(date_trunc('month', {row}.day) + interval '1 month')::date",
)
POSTGRES_FUNCTION = """CREATE FUNCTION month_totals_keep() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    {old};
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    {new};
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql"""


def _recount(row: str, month: tuple[str, str]) -> str:
    first, following = (part.format(row=row) for part in month)
    return RECOUNT.format(row=row, month=first, next=following)


def upgrade() -> None:
    op.create_table(
        "month_totals",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("metric", sa.String(length=64), nullable=False),
        sa.Column("branch_id", sa.Integer(), sa.ForeignKey("branches.id"), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("figures", sa.Integer(), nullable=False),
        # Month first: a month to date reads one month's rows of a few metrics.
        sa.PrimaryKeyConstraint("month", "metric", "branch_id"),
        sqlite_with_rowid=False,  # the key is the table: a month's rows with their values
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    month = POSTGRES_MONTH if postgres else SQLITE_MONTH
    of_row = month[0].format(row="daily_figures")
    op.execute(
        "INSERT INTO month_totals (branch_id, month, metric, value, figures) "
        f"SELECT branch_id, {of_row}, metric, SUM(value), COUNT(*) "
        f"FROM daily_figures GROUP BY branch_id, {of_row}, metric"
    )
    old, new = _recount("OLD", month), _recount("NEW", month)
    if postgres:
        op.execute(POSTGRES_FUNCTION.format(old=old, new=new))
        op.execute(
            "CREATE TRIGGER month_totals_keep AFTER INSERT OR UPDATE OR DELETE "
            "ON daily_figures FOR EACH ROW EXECUTE FUNCTION month_totals_keep()"
        )
    else:
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body.format(old=old, new=new)}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER month_totals_keep ON daily_figures")
        op.execute("DROP FUNCTION month_totals_keep()")
    else:
        for name in reversed(SQLITE_TRIGGERS):
            op.execute(f"DROP TRIGGER {name}")
    op.drop_table("month_totals")
