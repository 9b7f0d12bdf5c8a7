"""Visits and their photos in storage, on SQLite and PostgreSQL: one visit per album,
each image stored once, read back by day and branch."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.storage.unit_of_work import Database
from bot.storage.visits import NewPhoto

NOW = datetime(2026, 7, 27, 10, 0, tzinfo=UTC)
CHAT = -1001234567890
DAY = date(2026, 7, 27)


def _photo(message_id: int, unique_id: str) -> NewPhoto:
    return NewPhoto(
        message_id=message_id, file_id=f"AgAD{message_id}", file_unique_id=unique_id,
        width=1280, height=960, file_size=120_000, stored_key=f"2026-07-27/正阳/{unique_id}.jpg",
        stored_size=118_000, taken_at=None, caption="",
    )  # fmt: skip


async def _visit(database: Database, album: str, branch: str = "正阳营业所") -> int:
    async with database.transaction() as uow:
        visit = await uow.visits.open(
            chat_id=CHAT, album=album, branch=branch, day=DAY, user_id=200005, now=NOW
        )
    return visit.id


async def test_an_album_opens_one_visit_however_often_it_is_opened(synced: Database) -> None:
    first = await _visit(synced, "13528282872134")
    again = await _visit(synced, "13528282872134", branch="姜家营业所")

    assert again == first
    async with synced.transaction() as uow:
        visit = await uow.visits.find(CHAT, "13528282872134")
    assert visit is not None
    assert visit.branch == "正阳营业所"


async def test_an_image_is_stored_once_whatever_message_brings_it(synced: Database) -> None:
    visit = await _visit(synced, "m10")
    async with synced.transaction() as uow:
        assert await uow.visits.add(visit, CHAT, _photo(10, "AQADx1"), NOW)
        assert not await uow.visits.add(visit, CHAT, _photo(11, "AQADx1"), NOW)
        assert not await uow.visits.add(visit, CHAT, _photo(10, "AQADx2"), NOW)
        assert await uow.visits.count(visit) == 1


async def test_photos_are_read_back_by_day_then_roster_order_then_posting_order(
    synced: Database,
) -> None:
    zhengyang, jiangjia = await _visit(synced, "m1"), await _visit(synced, "m2", "姜家营业所")
    async with synced.transaction() as uow:
        for visit, message_id in ((zhengyang, 3), (jiangjia, 1), (zhengyang, 2)):
            await uow.visits.add(visit, CHAT, _photo(message_id, f"AQAD{message_id}"), NOW)
        week = await uow.visits.of_days(DAY, DAY)
        own = await uow.visits.of_branch_day("正阳营业所", DAY)
        seen = await uow.visits.seen(["AQAD2", "AQAD9"])

    assert [(p.branch, p.message_id) for p in week] == [
        ("姜家营业所", 1), ("正阳营业所", 2), ("正阳营业所", 3),
    ]  # fmt: skip
    assert [p.message_id for p in own] == [2, 3]
    assert list(seen) == ["AQAD2"]
