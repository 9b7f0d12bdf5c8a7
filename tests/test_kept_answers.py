"""What every report asks (who sent it, whether its day's bulletin is out), kept between
transactions on SQLite and read every time on PostgreSQL: a member bound, rebound or
unknown, and a day closed or reopened, are never answered as they were before."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.storage.unit_of_work import Database
from tests.counting import counted

HEAD = 42
DAY = date(2026, 11, 30)
NOW = datetime(2026, 12, 1, 0, 30, tzinfo=UTC)


async def _bind(database: Database, branch: str) -> None:
    async with database.transaction() as uow:
        await uow.members.bind(user_id=HEAD, name="王所长", branch=branch, role="head", bound_by=1)


async def _branch_of(database: Database) -> str | None:
    async with database.transaction() as uow:
        member = await uow.members.get(HEAD)
    return member.branch if member else None


async def _is_closed(database: Database) -> bool:
    async with database.transaction() as uow:
        return await uow.posts.closed(DAY)


async def _bulletin(database: Database) -> int:
    async with database.transaction() as uow:
        post_id = await uow.posts.claim(-1, "morning", DAY.isoformat(), report_day=DAY, now=NOW)
    assert post_id is not None
    return post_id


async def test_on_sqlite_a_member_read_once_is_not_read_again(synced: Database) -> None:
    await _bind(synced, "四明营业所")
    await _branch_of(synced)

    assert await counted(synced, lambda: _branch_of(synced)) == (0 if synced.single_process else 1)


async def test_a_member_bound_after_being_read_is_read_bound(synced: Database) -> None:
    assert await _branch_of(synced) is None

    await _bind(synced, "四明营业所")

    assert await _branch_of(synced) == "四明营业所"


async def test_a_member_rebound_is_read_at_the_new_branch(synced: Database) -> None:
    await _bind(synced, "四明营业所")
    await _branch_of(synced)

    await _bind(synced, "正阳营业所")

    assert await _branch_of(synced) == "正阳营业所"


async def _bind_and_fail(database: Database) -> None:
    async with database.transaction() as uow:
        await uow.members.bind(
            user_id=HEAD, name="王所长", branch="四明营业所", role="head", bound_by=1
        )
        assert (await uow.members.get(HEAD)) is not None  # its own write, not committed
        raise RuntimeError


async def test_a_binding_rolled_back_is_not_kept(synced: Database) -> None:
    with pytest.raises(RuntimeError):
        await _bind_and_fail(synced)

    assert await _branch_of(synced) is None


async def test_a_member_read_by_a_transaction_begun_before_a_binding_is_not_kept(
    synced: Database,
) -> None:
    async with synced.reading() as early:
        await early.members.identities([HEAD])  # its snapshot is taken here, before the binding
        await _bind(synced, "四明营业所")
        await early.members.get(HEAD)

    assert await _branch_of(synced) == "四明营业所"


async def test_a_member_read_while_a_binding_is_not_yet_committed_is_read_bound_after(
    synced: Database,
) -> None:
    async with synced.transaction() as binding:
        await binding.members.bind(
            user_id=HEAD, name="王所长", branch="四明营业所", role="head", bound_by=1
        )
        async with synced.reading() as meanwhile:
            assert await meanwhile.members.get(HEAD) is None  # not committed yet

    assert await _branch_of(synced) == "四明营业所"


async def test_a_binding_reads_itself_bound_after_a_reader_looked_meanwhile(
    synced: Database,
) -> None:
    async with synced.transaction() as binding:
        await binding.members.bind(
            user_id=HEAD, name="王所长", branch="四明营业所", role="head", bound_by=1
        )
        async with synced.reading() as meanwhile:
            await meanwhile.members.get(HEAD)  # kept as unbound: the committed answer
        member = await binding.members.get(HEAD)

    assert member is not None
    assert member.branch == "四明营业所"


async def test_on_sqlite_a_days_bulletin_is_looked_for_once(synced: Database) -> None:
    await _is_closed(synced)

    assert await counted(synced, lambda: _is_closed(synced)) == (0 if synced.single_process else 1)


async def test_a_day_read_open_is_closed_once_its_bulletin_is_made(synced: Database) -> None:
    assert not await _is_closed(synced)

    await _bulletin(synced)

    assert await _is_closed(synced)


async def test_a_day_read_closed_is_open_again_once_its_bulletin_failed(synced: Database) -> None:
    post_id = await _bulletin(synced)
    assert await _is_closed(synced)

    async with synced.transaction() as uow:
        await uow.posts.settle(post_id, [("failed", None)])

    assert not await _is_closed(synced)


async def test_a_bulletin_claimed_reads_its_day_closed_after_a_reader_looked_meanwhile(
    synced: Database,
) -> None:
    async with synced.transaction() as posting:
        await posting.posts.claim(-1, "morning", DAY.isoformat(), report_day=DAY, now=NOW)
        async with synced.reading() as meanwhile:
            await meanwhile.posts.closed(DAY)  # kept as open: the committed answer
        closed = await posting.posts.closed(DAY)

    assert closed
