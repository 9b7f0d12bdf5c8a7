"""Reply links by trigger: a confirmation Telegram took links the report it confirms to
itself (what `/undo` may reply to) as the outbox records it sent.

The sender recorded each send in two statements, the outbox row's mark and the report's
link; a trigger on the mark makes it one, in a rush too (a merged confirmation marks
several rows, each linking its report). Every writer of a send's outcome gets it: the
sender, a script, a repair by hand.

Only a mark that lands links: a send recorded after its sender's lease ran out (its row
already given up as uncertain, which a late sender may not change) links nothing, and
/undo then works in reply to the report itself rather than to the confirmation.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LINK = """UPDATE reports SET reply_message_id = NEW.sent_id
WHERE reports.chat_id = NEW.chat_id AND reports.message_id = NEW.source_id"""
"""The report that the sent message confirms, by its unique key."""
SENT = "NEW.undoable AND NEW.sent_id IS NOT NULL AND NEW.state = 'sent'"
POSTGRES_FUNCTION = f"""CREATE FUNCTION reply_links_keep() RETURNS trigger AS $$
BEGIN
  {LINK};
  RETURN NULL;
END
$$ LANGUAGE plpgsql"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        op.execute(
            "CREATE TRIGGER reply_links_keep AFTER UPDATE OF sent_id ON outbox_messages "
            f"FOR EACH ROW WHEN ({SENT}) EXECUTE FUNCTION reply_links_keep()"
        )
    else:
        op.execute(
            "CREATE TRIGGER reply_links_keep AFTER UPDATE OF sent_id ON outbox_messages "
            f"WHEN {SENT} BEGIN {LINK}; END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER reply_links_keep ON outbox_messages")
        op.execute("DROP FUNCTION reply_links_keep()")
    else:
        op.execute("DROP TRIGGER reply_links_keep")
