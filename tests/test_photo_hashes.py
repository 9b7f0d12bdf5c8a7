"""Photos known by their content: the difference hash and its distance as plain numbers, and
as read from pictures: the same picture re-encoded stays near, another photo lands far."""

from __future__ import annotations

import hashlib
import io
import itertools
from datetime import date, timedelta

import pytest
from PIL import Image

from bot.adapters.images import Picture, read_picture
from bot.demo.pictures import visit_photo
from bot.domain.photo_hashes import (
    NEAR,
    Fingerprint,
    KnownImage,
    alike,
    difference_hash,
    distance,
    earliest_alike,
)
from tests.shopfront import shopfront

DAY = date(2026, 11, 27)
ORIENTATION = 0x0112


def _hash(data: bytes) -> int:
    picture = read_picture(data)
    assert isinstance(picture, Picture)
    return picture.fingerprint.dhash


def _reencoded(data: bytes, *, quality: int, size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    with Image.open(io.BytesIO(data)) as image:
        image.resize(size, Image.Resampling.LANCZOS).save(out, "JPEG", quality=quality)
    return out.getvalue()


def _known(day: date, dhash: int, photo_id: int | None = 1, sha: str = "a") -> KnownImage:
    return KnownImage(photo_id, "正阳营业所", day, Fingerprint(sha, dhash))


def test_a_row_darkening_to_the_right_sets_every_bit() -> None:
    falling = [255 - column * 20 for column in range(9)] * 8

    assert difference_hash(falling) == 2**64 - 1


def test_a_row_brightening_to_the_right_sets_none() -> None:
    assert difference_hash([column * 20 for column in range(9)] * 8) == 0


def test_the_first_rows_first_pair_is_the_highest_bit() -> None:
    gray = [0] * 72
    gray[0] = 30

    assert difference_hash(gray) == 2**63


def test_neighbours_within_two_levels_set_no_bit_for_noise_to_flip() -> None:
    even_wall = [100, 102, 101, 99, 100, 101, 100, 98, 100] * 8

    assert difference_hash(even_wall) == 0


def test_a_thumbnail_of_another_size_is_refused() -> None:
    with pytest.raises(ValueError, match="9x8"):
        difference_hash([0] * 64)


def test_the_distance_counts_the_bits_that_differ() -> None:
    assert distance(0b1011, 0b0001) == 2


def test_a_hash_stored_as_a_signed_integer_has_the_same_distance() -> None:
    high = 2**63 + 1

    assert distance(high - 2**64, high ^ 0b110) == 2


def test_four_bits_apart_is_the_same_picture_and_five_is_not() -> None:
    assert alike(Fingerprint("a", 0), Fingerprint("b", 0b1111))
    assert not alike(Fingerprint("a", 0), Fingerprint("b", 0b11111))


def test_the_same_bytes_are_the_same_picture_whatever_their_hashes() -> None:
    assert alike(Fingerprint("a", 0), Fingerprint("a", 2**64 - 1))


def test_the_earliest_of_several_matches_is_the_one_repeated() -> None:
    known = [_known(DAY, 0b1, 2), _known(DAY - timedelta(days=3), 0b11, 3), _known(DAY, 2**40)]

    assert earliest_alike(Fingerprint("new", 0), DAY, known) == known[1]


def test_a_photo_more_than_90_days_before_is_not_repeated() -> None:
    known = [_known(DAY - timedelta(days=91), 0)]

    assert earliest_alike(Fingerprint("new", 0), DAY, known) is None
    assert earliest_alike(Fingerprint("new", 0), DAY - timedelta(days=1), known) == known[0]


def test_a_stored_photo_comes_before_the_album_at_hands_of_the_same_day() -> None:
    known = [_known(DAY, 0, photo_id=None), _known(DAY, 0, photo_id=7)]

    assert earliest_alike(Fingerprint("new", 0), DAY, known) == known[1]


def test_a_picture_is_known_by_the_sha256_of_the_bytes_as_sent() -> None:
    data = visit_photo(1, located=True)
    picture = read_picture(data)

    assert isinstance(picture, Picture)
    assert picture.data != data  # the location is gone from the copy kept
    assert picture.fingerprint.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("quality", "size"),
    [(50, (480, 360)), (30, (320, 240)), (95, (1280, 960))],
    ids=["smaller", "tiny", "larger"],
)
def test_a_photo_recompressed_and_resized_stays_near(quality: int, size: tuple[int, int]) -> None:
    for data in (visit_photo(3), shopfront()):
        assert distance(_hash(data), _hash(_reencoded(data, quality=quality, size=size))) <= 1


def test_a_camera_file_turned_by_its_exif_hashes_as_its_upright_copy() -> None:
    upright = Image.open(io.BytesIO(shopfront()))
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # stored turned a quarter left, shown turned back right
    turned = io.BytesIO()
    upright.transpose(Image.Transpose.ROTATE_90).save(turned, "JPEG", quality=90, exif=exif)

    assert distance(_hash(turned.getvalue()), _hash(shopfront())) <= 2


def test_another_photo_of_the_same_shopfront_is_far() -> None:
    first, second = shopfront(), shopfront(step=120, light=0.75)

    assert distance(_hash(first), _hash(second)) > 6 * NEAR


def test_the_demos_pictures_are_all_different_pictures() -> None:
    hashes = [_hash(visit_photo(seed)) for seed in range(60)]

    assert min(distance(a, b) for a, b in itertools.combinations(hashes, 2)) > 2 * NEAR


def test_a_palette_png_is_hashed_by_its_colours() -> None:
    rgb = Image.open(io.BytesIO(shopfront()))
    as_rgb, as_palette = io.BytesIO(), io.BytesIO()
    rgb.save(as_rgb, "PNG")
    rgb.quantize(64).save(as_palette, "PNG")

    assert distance(_hash(as_rgb.getvalue()), _hash(as_palette.getvalue())) <= 2
