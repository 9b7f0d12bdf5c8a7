"""Every table the models define, for Alembic: importing a module registers its tables."""

from bot.storage import photo_tables
from bot.storage.tables import Base

__all__ = ["Base", "photo_tables"]
