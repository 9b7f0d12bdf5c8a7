"""Every table the models define, for Alembic: importing a module registers its tables."""

from bot.storage import (
    alert_tables,
    draft_tables,
    figure_tables,
    inbox_tables,
    outbox_tables,
    photo_tables,
)
from bot.storage.tables import Base

__all__ = [
    "Base",
    "alert_tables",
    "draft_tables",
    "figure_tables",
    "inbox_tables",
    "outbox_tables",
    "photo_tables",
]
