"""On SQLite only the commits that something outside acts on wait for the disk: the
inbox's store and the sender's claim; what a handler commits while an update from the
inbox is handled can be made again from it (storage.durability)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from bot.demo.group import LiveGroup
from bot.storage import migrations
from bot.storage.durability import replayable
from bot.storage.unit_of_work import Database
from bot.usecases.drafts import Drafts

pytestmark = pytest.mark.live(start="2026-07-28 08:30")
ZHENGYANG_HEAD = 200005
FULL, NORMAL = 2, 1
"""What PRAGMA synchronous reads: the commit waits for the disk, or not."""


class Commits:
    """Each commit's synchronous level and the statements of its transaction."""

    def __init__(self, engine: Engine) -> None:
        self.made: list[tuple[int, list[str]]] = []
        self._open: dict[int, list[str]] = {}
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._commit)

    def _statement(self, connection: Any, _cursor: object, sql: str, *_: object) -> None:
        self._open.setdefault(id(connection), []).append(sql)

    def _commit(self, connection: Any) -> None:
        driver = connection.connection.driver_connection
        [level] = driver.execute("PRAGMA synchronous").fetchone()
        self.made.append((level, self._open.pop(id(connection), [])))

    def levels_of(self, statement_start: str) -> set[int]:
        """The levels of the commits whose transaction ran a statement so beginning."""
        return {
            level
            for level, statements in self.made
            if any(sql.startswith(statement_start) for sql in statements)
        }


async def _reported(group: LiveGroup) -> Commits:
    assert group.app.bot_data.services is not None
    commits = Commits(group.app.bot_data.services.database.engine.sync_engine)
    await group.say(ZHENGYANG_HEAD, "储蓄35万 保险2万")
    await group.delivered()
    return commits


async def test_a_report_handled_from_the_inbox_commits_without_waiting_for_the_disk(
    group: LiveGroup,
) -> None:
    commits = await _reported(group)

    assert commits.levels_of("INSERT INTO reports") == {NORMAL}


async def test_the_inbox_s_store_of_an_update_waits_for_the_disk(group: LiveGroup) -> None:
    commits = await _reported(group)

    assert commits.levels_of("INSERT INTO inbox_updates") == {FULL}


async def test_the_claim_of_an_answer_waits_for_the_disk(group: LiveGroup) -> None:
    commits = await _reported(group)

    assert commits.levels_of("UPDATE outbox_messages SET state=?, claimed_by=?") == {FULL}


async def test_an_update_s_done_mark_waits_for_the_disk(group: LiveGroup) -> None:
    commits = await _reported(group)

    assert commits.levels_of("UPDATE inbox_updates SET done_at") == {FULL}


async def _write(database: Database) -> None:
    async with database.transaction() as uow:
        await uow.session.execute(text("CREATE TABLE IF NOT EXISTS t (x INTEGER)"))
        await uow.session.execute(text("INSERT INTO t VALUES (1)"))


def _levels(database: Database) -> Commits:
    return Commits(database.engine.sync_engine)


async def test_a_commit_made_outside_the_handling_of_an_update_waits_for_the_disk(
    sqlite_database: Database,
) -> None:
    commits = _levels(sqlite_database)

    await _write(sqlite_database)

    assert [level for level, _ in commits.made] == [FULL]


async def test_a_commit_after_one_that_did_not_wait_waits_again(
    sqlite_database: Database,
) -> None:
    commits = _levels(sqlite_database)
    with replayable():
        await _write(sqlite_database)

    await _write(sqlite_database)

    assert [level for level, _ in commits.made] == [NORMAL, FULL]


async def test_a_task_begun_while_handling_that_commits_after_it_waits_for_the_disk(
    sqlite_database: Database,
) -> None:
    """Its commit may come after the update's done mark: nothing would make it again."""
    commits = _levels(sqlite_database)
    go_on = asyncio.Event()

    async def later() -> None:
        await go_on.wait()
        await _write(sqlite_database)

    with replayable():
        task = asyncio.create_task(later())
    go_on.set()
    await task

    assert [level for level, _ in commits.made] == [FULL]


async def test_a_wizard_draft_taken_while_handling_waits_for_the_disk(
    sqlite_database: Database,
) -> None:
    """The wizard's handler shows the next step itself, at once, not through the outbox."""
    await asyncio.to_thread(migrations.upgrade, sqlite_database.url)
    commits = _levels(sqlite_database)

    with replayable():
        await Drafts(sqlite_database).take(-100, 7)

    assert [level for level, _ in commits.made] == [FULL]


async def test_where_sqlite_keeps_no_wal_every_commit_waits_for_the_disk() -> None:
    """Without WAL a commit that does not wait may leave the file corrupt, not just old."""
    database = Database("sqlite+aiosqlite:///:memory:")  # journal_mode stays "memory"
    commits = _levels(database)
    try:
        with replayable():
            await _write(database)
    finally:
        await database.dispose()

    assert [level for level, _ in commits.made] == [FULL]
