"""Photos known by their content: the same picture saved and sent again is a new file to
Telegram, with a new unique id, yet it shows the same visit and must not count twice.

Two measures tell it: a SHA-256 of the bytes, for a file sent again as it was, and a
difference hash of the picture, for one Telegram or a phone has re-encoded or resized. The
difference hash looks only at which of two neighbouring patches is brighter, in a 9x8
grayscale thumbnail, so compression, scaling and a change of brightness hardly move it,
while another photo of the same shop, taken a step aside, moves its edges across patches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

COLUMNS, ROWS = 9, 8
"""The thumbnail a difference hash is read from: 8 comparisons a row, 64 bits in all."""
BITS = (COLUMNS - 1) * ROWS
TIE = 2
"""A patch is brighter than its neighbour only by more than this, of 255 levels. An evenly
lit wall or sky gives neighbours within a level of each other, whose order JPEG's noise
flips at will: a drawn shopfront re-encoded at quality 30 moved 4 bits with no margin, none
with this one, while another view of it still differs in 26 bits rather than 30."""
NEAR = 4
"""Hashes at most this many bits apart are one picture. A copy re-encoded at quality 30 to
95 and resized moved at most 2 bits in tests/test_photo_hashes.py; the drawn shopfront seen
from 3% of the frame aside moved 7, from 10% aside 26; any two demo pictures, 13 or more.
A picture with no contrast at all (a black frame) hashes to 0, like any other such."""
BANDS = NEAR + 1
"""A hash is cut into this many bands for finding its near ones by index: hashes NEAR bits
apart differ in at most NEAR bands, so they agree exactly in one band at least. Each band
takes every fifth bit rather than a run of them, so it samples the whole picture: a run
would be one strip of it, and a strip of even sky or wall, all zero bits, would be shared
by every such photo. Of 400 demo pictures' pairs 0.079% shared a band, near the 0.073% of
random hashes; cut in runs of 13 bits, 0.61% did."""
WINDOW = timedelta(days=90)
"""How far apart two photos' days may be for one to repeat the other: a shopfront seen again
next season is a visit again."""
_MASK = (1 << BITS) - 1


@dataclass(frozen=True, slots=True)
class Fingerprint:
    sha256: str
    """Hex SHA-256 of the bytes as Telegram sent them."""
    dhash: int
    """The difference hash, unsigned: 0 to 2**64 - 1."""


@dataclass(frozen=True, slots=True)
class KnownImage:
    """A stored photo's content, for telling whether a new one repeats it."""

    photo_id: int | None
    """None for a photo of the album at hand, not yet stored."""
    branch: str
    day: date
    fingerprint: Fingerprint


def difference_hash(gray: Sequence[int]) -> int:
    """The 64 bits of a 9x8 grayscale thumbnail given row by row: a bit is 1 where a patch
    is brighter than the one to its right by more than TIE, the first row's first pair the
    highest bit."""
    if len(gray) != COLUMNS * ROWS:
        raise ValueError(f"a difference hash reads {COLUMNS}x{ROWS} values, not {len(gray)}")
    bits = 0
    for row in range(0, COLUMNS * ROWS, COLUMNS):
        for left in range(row, row + COLUMNS - 1):
            bits = bits << 1 | (gray[left] > gray[left + 1] + TIE)
    return bits


def distance(a: int, b: int) -> int:
    """How many of the 64 bits differ; a hash stored as a signed integer compares alike."""
    return ((a ^ b) & _MASK).bit_count()


def bands(dhash: int) -> tuple[int, ...]:
    """The hash's BANDS band values: band b holds bits b, b + 5, b + 10 and so on, counted
    from the lowest, bit b + 5j as its bit j; 13 bits in the first four, 12 in the last,
    so a value fits in a SMALLINT. A hash stored as a signed integer gives the same."""
    value, found = dhash & _MASK, [0] * BANDS
    for bit in range(BITS):
        found[bit % BANDS] |= (value >> bit & 1) << bit // BANDS
    return tuple(found)


def alike(a: Fingerprint, b: Fingerprint) -> bool:
    return a.sha256 == b.sha256 or distance(a.dhash, b.dhash) <= NEAR


def window(day: date) -> tuple[date, date]:
    """The days a photo of `day` may repeat, either side: a caption may date photos back."""
    return day - WINDOW, day + WINDOW


def earliest_alike(
    fingerprint: Fingerprint, day: date, known: Iterable[KnownImage]
) -> KnownImage | None:
    """The first photo, by day, within WINDOW of `day` that is this one's picture; the
    album at hand's come after the stored ones of their day."""
    first, last = window(day)
    found = [
        image
        for image in known
        if first <= image.day <= last and alike(fingerprint, image.fingerprint)
    ]
    return min(found, key=_order, default=None)


def _order(image: KnownImage) -> tuple[date, bool, int]:
    return image.day, image.photo_id is None, image.photo_id or 0
