"""Photo hashes in storage, on SQLite and PostgreSQL: all 64 bits kept in a signed BIGINT,
a branch's photos around a day read for comparing, other branches' found by SHA-256 or by
a hash within 4 bits (tests/test_photo_bands.py has the near ones)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.domain.photo_hashes import Fingerprint
from bot.domain.visit_outcomes import Lookalike
from bot.storage.unit_of_work import Database
from bot.storage.visits import NewPhoto

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
CHAT = -1001234567890
DAY = date(2026, 11, 27)
TOP_BIT = 2**63 + 5
"""A hash past what a signed 64-bit integer holds as it is."""


def _photo(message_id: int, fingerprint: Fingerprint, same_as: int | None = None) -> NewPhoto:
    return NewPhoto(
        message_id=message_id, file_id=f"AgAD{message_id}", file_unique_id=f"AQAD{message_id}",
        width=1280, height=960, file_size=120_000, stored_key=f"k/{message_id}.jpg",
        stored_size=118_000, taken_at=None, caption="", fingerprint=fingerprint,
        same_as_photo_id=same_as,
    )  # fmt: skip


async def _store(
    database: Database, branch: str, day: date, photo: NewPhoto, album: str | None = None
) -> None:
    async with database.transaction() as uow:
        visit = await uow.visits.open(
            chat_id=CHAT, album=album or f"m{photo.message_id}", branch=branch, day=day,
            user_id=200005, now=NOW,
        )  # fmt: skip
        assert await uow.visits.add(visit.id, CHAT, photo, NOW)


async def test_a_hash_with_its_top_bit_set_reads_back_as_the_same_64_bits(
    synced: Database,
) -> None:
    await _store(synced, "正阳营业所", DAY, _photo(1, Fingerprint("a" * 64, TOP_BIT)))

    async with synced.transaction() as uow:
        [known] = await uow.photo_hashes.near("正阳营业所", DAY)
        [found] = await uow.photo_hashes.elsewhere("姜家营业所", DAY, [Fingerprint("b", TOP_BIT)])

    assert known.fingerprint == Fingerprint("a" * 64, TOP_BIT)
    assert found.fingerprint.dhash == TOP_BIT


async def test_near_reads_only_the_branchs_photos_of_the_90_days_around(
    synced: Database,
) -> None:
    for message_id, branch, day in (
        (1, "正阳营业所", DAY - timedelta(days=90)),
        (2, "正阳营业所", DAY - timedelta(days=91)),
        (3, "姜家营业所", DAY),
        (4, "正阳营业所", DAY + timedelta(days=1)),
    ):
        await _store(synced, branch, day, _photo(message_id, Fingerprint(f"{message_id}", 0)))

    async with synced.transaction() as uow:
        known = await uow.photo_hashes.near("正阳营业所", DAY)

    assert sorted(image.fingerprint.sha256 for image in known) == ["1", "4"]


async def test_elsewhere_finds_other_branches_photos_by_sha256_or_hash(
    synced: Database,
) -> None:
    five_bits_off = 7 ^ 0b101111 << 40
    for message_id, fingerprint in ((1, Fingerprint("same", 1)), (2, Fingerprint("x", 7)),
                                    (3, Fingerprint("y", five_bits_off))):  # fmt: skip
        await _store(synced, "姜家营业所", DAY, _photo(message_id, fingerprint))

    async with synced.transaction() as uow:
        found = await uow.photo_hashes.elsewhere(
            "正阳营业所", DAY, [Fingerprint("same", 99), Fingerprint("new", 7)]
        )
        own = await uow.photo_hashes.elsewhere("姜家营业所", DAY, [Fingerprint("same", 1)])

    assert sorted(image.fingerprint.sha256 for image in found) == ["same", "x"]
    assert own == []


async def test_a_photo_pointing_at_another_branchs_is_read_back_with_both_days(
    synced: Database,
) -> None:
    earlier = DAY - timedelta(days=4)
    await _store(synced, "正阳营业所", earlier, _photo(1, Fingerprint("a", 1)))
    async with synced.transaction() as uow:
        [first] = await uow.photo_hashes.near("正阳营业所", earlier)
    await _store(synced, "西环路营业所", DAY, _photo(2, Fingerprint("a", 1), first.photo_id))

    async with synced.transaction() as uow:
        week = await uow.photo_hashes.lookalikes(DAY, DAY + timedelta(days=6))

    assert week == [Lookalike("西环路营业所", DAY, "正阳营业所", earlier)]
