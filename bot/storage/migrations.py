"""Applying and inspecting Alembic migrations from the bot's own configuration.

Alembic's env.py runs its own event loop, so these functions are synchronous
and must run before the bot's loop starts (or in a worker thread).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

SOURCE_ROOT = Path(__file__).resolve().parents[2]


def _alembic_ini() -> Path:
    """alembic.ini of the checkout (or image) the bot runs from, wherever it is installed."""
    for folder in (Path.cwd(), SOURCE_ROOT):
        if (folder / "alembic.ini").is_file():
            return folder / "alembic.ini"
    raise FileNotFoundError("alembic.ini: run the bot from the project folder")


def alembic_config(url: str) -> AlembicConfig:
    config = AlembicConfig(str(_alembic_ini()))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at (None for an empty database)."""
    return MigrationContext.configure(connection).get_current_revision()
