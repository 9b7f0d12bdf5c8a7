"""Fixtures shared by every test: the shipped configuration, and real databases.

Storage tests run on a SQLite file and, where ZHANBAO_TEST_POSTGRES_URL is set
(.ci/run sets it), on a real PostgreSQL server.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.config.settings import Config, load
from bot.domain.catalogue import Catalogue
from bot.storage import migrations
from bot.storage.engine import create_engine
from bot.storage.unit_of_work import Database

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("ZHANBAO_TEST_POSTGRES_URL")
NO_POSTGRES = "no PostgreSQL configured: set ZHANBAO_TEST_POSTGRES_URL (.ci/run does)"


@pytest.fixture(scope="session")
def example_config() -> Config:
    """The shipped config.example.toml, read with an empty environment."""
    return load(ROOT / "config.example.toml", environ={})


@pytest.fixture(scope="session")
def catalogue(example_config: Config) -> Catalogue:
    """The default metric catalogue and six-branch roster of PRODUCT.md."""
    return example_config.catalogue


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database of each backend."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'zhanbao.db'}"
    if not POSTGRES_URL:
        pytest.skip(NO_POSTGRES)
    engine = create_engine(POSTGRES_URL)
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()
    return POSTGRES_URL


@pytest.fixture
async def database_url(empty_database_url: str) -> str:
    """A database of each backend, migrated to the latest revision."""
    await asyncio.to_thread(migrations.upgrade, empty_database_url)
    return empty_database_url


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    db = Database(database_url)
    yield db
    await db.dispose()
