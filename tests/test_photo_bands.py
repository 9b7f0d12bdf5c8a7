"""A difference hash's five bands, by which another branch's photo within 4 bits of a new one
is found by index: the bands as plain numbers, their pigeonhole promise, and their columns
in storage on SQLite and PostgreSQL, filled by migration 0007 for photos stored before."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import insert, select

from bot.config.settings import Config
from bot.domain.photo_hashes import BANDS, NEAR, Fingerprint, bands, distance
from bot.storage import migrations
from bot.storage.photo_hashes import BAND_COLUMNS
from bot.storage.photo_tables import VisitPhoto
from bot.storage.unit_of_work import Database
from bot.storage.visits import NewPhoto

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
CHAT = -1001234567890
DAY = date(2026, 11, 27)
HASH = 0x9E3779B97F4A7C15
"""A hash with its top bit set, so stored as a negative BIGINT."""
HASHES = st.integers(min_value=0, max_value=2**64 - 1)


def _flipped(dhash: int, *bits: int) -> int:
    for bit in bits:
        dhash ^= 1 << bit
    return dhash


def test_band_b_holds_every_fifth_bit_from_bit_b() -> None:
    assert bands(1 << 0) == (1, 0, 0, 0, 0)
    assert bands(1 << 6) == (0, 2, 0, 0, 0)
    assert bands(1 << 63) == (0, 0, 0, 1 << 12, 0)


def test_four_bands_hold_13_bits_and_the_last_12_so_each_fits_a_smallint() -> None:
    assert bands(2**64 - 1) == (2**13 - 1,) * 4 + (2**12 - 1,)


def test_a_hash_stored_as_a_signed_integer_has_the_same_bands() -> None:
    assert bands(HASH - 2**64) == bands(HASH)


@given(HASHES)
def test_the_bands_hold_each_bit_of_the_hash_once(dhash: int) -> None:
    assert sum(band.bit_count() for band in bands(dhash)) == dhash.bit_count()


@given(HASHES, st.sets(st.integers(min_value=0, max_value=63), max_size=NEAR))
def test_any_two_hashes_within_4_bits_agree_in_a_band(dhash: int, flips: set[int]) -> None:
    near = _flipped(dhash, *flips)

    assert distance(dhash, near) <= NEAR
    assert any(a == b for a, b in zip(bands(dhash), bands(near), strict=True))


def test_five_bits_apart_may_leave_no_band_alike() -> None:
    assert BANDS == NEAR + 1
    assert all(a != b for a, b in zip(bands(0), bands(0b11111), strict=True))


def _photo(message_id: int, dhash: int) -> NewPhoto:
    return NewPhoto(
        message_id=message_id, file_id=f"AgAD{message_id}", file_unique_id=f"AQAD{message_id}",
        width=1280, height=960, file_size=120_000, stored_key=f"k/{message_id}.jpg",
        stored_size=118_000, taken_at=None, caption="",
        fingerprint=Fingerprint(f"sha{message_id}", dhash),
    )  # fmt: skip


async def _store(database: Database, message_id: int, branch: str, day: date, dhash: int) -> None:
    async with database.transaction() as uow:
        visit = await uow.visits.open(
            chat_id=CHAT, album=f"m{message_id}", branch=branch, day=day, user_id=200005,
            now=NOW,
        )  # fmt: skip
        assert await uow.visits.add(visit.id, CHAT, _photo(message_id, dhash), NOW)


async def _found(database: Database, dhash: int, branch: str = "正阳营业所") -> list[str]:
    async with database.transaction() as uow:
        found = await uow.photo_hashes.elsewhere(branch, DAY, [Fingerprint("new", dhash)])
    return sorted(image.fingerprint.sha256 for image in found)


async def test_a_stored_photo_keeps_the_bands_of_its_hash(synced: Database) -> None:
    await _store(synced, 1, "姜家营业所", DAY, HASH)

    async with synced.transaction() as uow:
        [stored] = (await uow.session.execute(select(*BAND_COLUMNS))).all()

    assert tuple(stored) == bands(HASH)


async def test_another_branchs_photo_4_bits_off_in_4_bands_is_found(synced: Database) -> None:
    await _store(synced, 1, "姜家营业所", DAY, _flipped(HASH, 0, 1, 2, 3))

    assert await _found(synced, HASH) == ["sha1"]


async def test_a_photo_sharing_a_band_but_5_bits_off_is_not_found(synced: Database) -> None:
    await _store(synced, 1, "姜家营业所", DAY, _flipped(HASH, 0, 1, 2, 3, 5))

    assert await _found(synced, HASH) == []


async def test_only_other_branches_photos_of_the_90_days_around_are_found(
    synced: Database,
) -> None:
    near = _flipped(HASH, 63)
    for message_id, branch, day in (
        (1, "姜家营业所", DAY + timedelta(days=90)),
        (2, "姜家营业所", DAY - timedelta(days=91)),
        (3, "正阳营业所", DAY),
        (4, "西环路营业所", DAY - timedelta(days=90)),
    ):
        await _store(synced, message_id, branch, day, near)

    assert await _found(synced, HASH) == ["sha1", "sha4"]


EARLIER = [0, 1, 2**63, 2**64 - 1, HASH, *(random.Random(7).getrandbits(64) for _ in range(40))]


async def test_upgrading_gives_each_photo_stored_with_a_hash_its_bands(
    empty_database_url: str, example_config: Config
) -> None:
    await asyncio.to_thread(migrations.upgrade, empty_database_url, "0006")
    database = Database(empty_database_url)
    try:
        await _store_photos_before_bands(database, example_config)
        await asyncio.to_thread(migrations.upgrade, empty_database_url, "0007")
        async with database.transaction() as uow:
            rows = await uow.session.execute(select(VisitPhoto.message_id, *BAND_COLUMNS))
            filled = {message_id: tuple(split) for message_id, *split in rows}
    finally:
        await database.dispose()

    assert filled == {n: bands(dhash) for n, dhash in enumerate(EARLIER)} | {-1: (None,) * 5}


async def _store_photos_before_bands(database: Database, config: Config) -> None:
    """Photos as revision 0006 kept them: hashed, and one from before hashes (message -1)."""
    async with database.transaction() as uow:
        await uow.branches.sync(config.catalogue.branches)
        visit = await uow.visits.open(
            chat_id=CHAT, album="m1", branch="正阳营业所", day=DAY, user_id=7, now=NOW
        )
        for n, dhash in [(-1, None), *enumerate(EARLIER)]:
            signed = None if dhash is None else dhash - 2**64 if dhash >= 2**63 else dhash
            await uow.session.execute(
                insert(VisitPhoto).values(
                    visit_id=visit.id, chat_id=CHAT, message_id=n, file_id=f"f{n}",
                    file_unique_id=f"u{n}", width=1, height=1, file_size=1, stored_key=f"k{n}",
                    stored_size=1, caption="", received_at=NOW,
                    sha256=None if dhash is None else f"s{n}", dhash=signed,
                )
            )  # fmt: skip
