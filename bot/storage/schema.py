"""Every table the models define, for Alembic: importing a module registers its tables."""

from bot.storage import (
    album_tables,
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
    "album_tables",
    "alert_tables",
    "draft_tables",
    "figure_tables",
    "inbox_tables",
    "outbox_tables",
    "photo_tables",
]
