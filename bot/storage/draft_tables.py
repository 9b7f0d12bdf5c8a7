"""Half-made `/pk new` contests, each under the bot message that asks its next step: in
the database rather than one process's memory, so a restart keeps them and any instance
behind a webhook proxy finds the draft a button press or a reply answers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.tables import Base, UtcDateTime


class WizardDraft(Base):
    """One draft, waiting for the answer to the step its message asks."""

    __tablename__ = "wizard_drafts"
    # Tidying drops the drafts started long ago, found by their start.
    __table_args__ = (Index("ix_wizard_drafts_started_at", "started_at"),)

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    """The chat as Telegram names the message's chat: message ids count per chat."""
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    """The bot message that asks the draft's next step."""
    user_id: Mapped[int] = mapped_column(BigInteger)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    answers: Mapped[str] = mapped_column(Text)
    """The answers so far, a JSON list of strings in the order of the steps."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    """When the draft was kept under this message (its step was asked)."""
