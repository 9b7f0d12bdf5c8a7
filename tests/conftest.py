"""Fixtures shared by every test: the shipped configuration, real databases, and the
real bot in a group of the fake Bot API server.

Storage tests run on a SQLite file and, where ZHANBAO_TEST_POSTGRES_URL is set
(.ci/run sets it), on a real PostgreSQL server.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import text

from bot.config.settings import Config, load
from bot.domain.catalogue import Catalogue
from bot.storage import migrations
from bot.storage.engine import create_engine
from bot.storage.unit_of_work import Database

if TYPE_CHECKING:
    from bot.demo.group import LiveGroup
    from bot.usecases.services import Services

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("ZHANBAO_TEST_POSTGRES_URL")
NO_POSTGRES = "no PostgreSQL configured: set ZHANBAO_TEST_POSTGRES_URL (.ci/run does)"
LIVE = (
    "live(start, *, users={}, usernames={}, config=None): the live group the `group` fixture"
    " starts: its clock at `start` (Shanghai time), `users` (id: name, with `usernames` where"
    " given) added, on the example config changed by `config`"
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", LIVE)


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
    return await empty_postgres()


async def empty_postgres() -> str:
    """The test PostgreSQL database emptied of every table: its URL."""
    assert POSTGRES_URL is not None, NO_POSTGRES
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


@pytest.fixture
async def synced(database: Database, example_config: Config) -> Database:
    """A database of each backend that knows the example configuration's branches."""
    async with database.transaction() as uow:
        await uow.branches.sync(example_config.catalogue.branches)
    return database


@pytest.fixture
async def services(database: Database, example_config: Config) -> Services:
    """The use cases over a database of each backend that knows the example roster."""
    from bot.usecases.services import Services  # the use cases: imported by their tests

    services = Services(database, example_config)
    await services.roster.sync()
    return services


@pytest.fixture
async def sqlite_database(tmp_path: Path) -> AsyncIterator[Database]:
    """The SQLite file zhanbao.db in tmp_path, as is: where `group` keeps what the bot
    stores, for a test to read; empty (not even migrated) where there is no group."""
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'zhanbao.db'}")
    yield db
    await db.dispose()


@pytest.fixture
async def group(
    request: pytest.FixtureRequest, example_config: Config, tmp_path: Path
) -> AsyncIterator[LiveGroup]:
    """The real bot in the example group, on a fresh SQLite file and photo folder in
    tmp_path, as the test's `live` mark says, or else its module's (see LIVE)."""
    from tests.live import live_group  # the whole bot: imported by the tests that run it

    mark = request.node.get_closest_marker("live")
    if mark is None:
        pytest.fail("the `group` fixture needs pytest.mark.live(start=...) on the test or module")
    start, users, usernames, change = _live(*mark.args, **mark.kwargs)
    config = example_config if change is None else change(example_config)
    async with live_group(config, tmp_path, start) as live:
        for user_id, name in users.items():
            live.add_user(user_id, name, username=usernames.get(user_id))
        yield live


def _live(
    start: str,
    *,
    users: Mapping[int, str] | None = None,
    usernames: Mapping[int, str] | None = None,
    config: Callable[[Config], Config] | None = None,
) -> tuple[str, Mapping[int, str], Mapping[int, str], Callable[[Config], Config] | None]:
    """The arguments of a `live` mark, checked as a call checks them."""
    return start, users or {}, usernames or {}, config
