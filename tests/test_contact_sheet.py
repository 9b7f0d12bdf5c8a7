"""Contact sheets: the week's visit photos as phone-sized pages of labelled thumbnails."""

from __future__ import annotations

import struct
import warnings
from io import BytesIO
from typing import Any

import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.image import imread
from PIL import Image

from bot.adapters.images import square_thumbnail
from bot.rendering.contact_sheet import (
    CELL_PX,
    LABEL_PX,
    TILES_PER_SHEET,
    Tile,
    cell_origin,
    contact_sheets,
)
from bot.rendering.fonts import chart_font

BRANCHES = ("正阳", "姜家", "东城", "利民城", "四明", "西环路")
WARNING_RED = "#d62728"
ORIENTATION, TURNED_RIGHT = 0x0112, 6

RGB = tuple[int, int, int]


@pytest.fixture(scope="module")
def font() -> str:
    return chart_font()


def colour(index: int) -> RGB:
    """Distinct for the first hundred tiles, and all bluish, so none is the warning red."""
    return (40 + index % 10 * 20, 40 + index // 10 * 20, 200)


def photo(rgb: RGB, size: tuple[int, int] = (160, 120), kind: str = "JPEG", **save: Any) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, rgb).save(buffer, kind, **save)
    return buffer.getvalue()


def label(index: int) -> str:
    return f"{BRANCHES[index % len(BRANCHES)]} 7/{21 + index // len(BRANCHES) % 7}"


def tiles(count: int) -> list[Tile]:
    return [Tile(photo(colour(i)), label(i)) for i in range(count)]


def sheets(font: str, shown: list[Tile], **options: Any) -> list[bytes]:
    return contact_sheets(
        shown,
        title="本周走访照片",
        subtitle="2026年7月21日—27日",
        font=font,
        thumbnail=square_thumbnail,
        **options,
    )


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", png[16:24])


def pixels(png: bytes) -> np.ndarray:
    return np.rint(imread(BytesIO(png))[:, :, :3] * 255).astype(int)


def at(png: bytes, index: int, *, down: float = 0.5, across: float = 0.5) -> np.ndarray:
    """The colour at a point of the index-th photo, as fractions of its side."""
    left, top = cell_origin(index)
    return pixels(png)[top + int(CELL_PX * down), left + int(CELL_PX * across)]


def near(found: np.ndarray, expected: RGB) -> bool:
    return bool(np.all(np.abs(found - expected) <= 6))


def red_in_label(png: bytes, index: int) -> int:
    left, top = cell_origin(index)
    band = pixels(png)[top + CELL_PX : top + CELL_PX + LABEL_PX, left : left + CELL_PX]
    red = np.rint(np.array(to_rgb(WARNING_RED)) * 255)
    return int(np.count_nonzero(np.all(np.abs(band - red) <= 2, axis=-1)))


def test_a_sheet_is_a_phone_portrait_png(font: str) -> None:
    (png,) = sheets(font, tiles(6))

    assert png_size(png) == (1080, 1440)


def test_31_photos_make_two_sheets_the_second_starting_with_the_31st(font: str) -> None:
    pages = sheets(font, tiles(TILES_PER_SHEET + 1))

    assert len(pages) == 2
    assert near(at(pages[1], 0), colour(TILES_PER_SHEET))


def test_photos_past_max_sheets_are_left_out(font: str) -> None:
    assert len(sheets(font, tiles(95), max_sheets=3)) == 3


def test_no_photos_make_no_sheets(font: str) -> None:
    assert sheets(font, []) == []


def test_photos_keep_their_order_row_by_row_from_the_top_left(font: str) -> None:
    (png,) = sheets(font, tiles(12))

    assert [i for i in range(12) if near(at(png, i), colour(i))] == list(range(12))
    assert cell_origin(5)[0] == cell_origin(0)[0] < cell_origin(1)[0]


def test_a_short_sheet_is_laid_out_from_the_top_leaving_the_rest_blank(font: str) -> None:
    (png,) = sheets(font, tiles(2))

    below_first_row = pixels(png)[cell_origin(5)[1] :]
    assert near(at(png, 0), colour(0))
    assert np.all(below_first_row == 255)


def test_chinese_labels_and_the_flag_mark_render_without_missing_glyph_warnings(
    font: str,
) -> None:
    shown = [Tile(tile.image, tile.label, flagged=i % 2 == 0) for i, tile in enumerate(tiles(6))]

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sheets(font, shown)

    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_a_font_without_chinese_glyphs_does_warn() -> None:
    with pytest.warns(UserWarning, match="missing from font"):
        sheets("DejaVu Sans", tiles(1))


def test_a_flagged_photo_is_labelled_in_red(font: str) -> None:
    old = Tile(photo(colour(0)), "利民城 7/27", flagged=True)
    (flagged,) = sheets(font, [old])
    (plain,) = sheets(font, [Tile(old.image, old.label)])

    assert red_in_label(flagged, 0) > 0
    assert red_in_label(plain, 0) == 0


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"\xff\xd8\xff\xe0 not really a JPEG", id="garbage"),
        pytest.param(photo(colour(1), (640, 480))[:600], id="truncated JPEG"),
        pytest.param(photo(colour(1), kind="GIF"), id="GIF"),
    ],
)
def test_a_photo_that_cannot_be_read_is_a_grey_cell_among_the_others(
    font: str, data: bytes
) -> None:
    shown = tiles(3)
    shown[1] = Tile(data, "东城 7/21")

    (png,) = sheets(font, shown)

    red, green, blue = at(png, 1)
    assert red == green == blue < 255
    assert near(at(png, 0), colour(0))
    assert near(at(png, 2), colour(2))


def test_a_photo_turned_by_its_exif_orientation_is_shown_upright(font: str) -> None:
    # Stored wide, left half blue and right half yellow; a camera held upright marks it
    # "turn right", which puts the blue on top.
    blue, yellow = (30, 60, 200), (230, 200, 40)
    wide = Image.new("RGB", (200, 100), yellow)
    wide.paste(blue, (0, 0, 100, 100))
    exif = Image.Exif()
    exif[ORIENTATION] = TURNED_RIGHT
    buffer = BytesIO()
    wide.save(buffer, "JPEG", quality=95, exif=exif.tobytes())

    (png,) = sheets(font, [Tile(buffer.getvalue(), "四明 7/22")])

    assert near(at(png, 0, down=0.25), blue)
    assert near(at(png, 0, down=0.75), yellow)


@pytest.mark.parametrize(
    ("kind", "size", "save"),
    [
        pytest.param("JPEG", (4000, 3000), {"quality": 95}, id="12 MP JPEG"),
        pytest.param("PNG", (90, 160), {}, id="small upright PNG"),
        pytest.param("WEBP", (640, 480), {"lossless": True}, id="WebP"),
    ],
)
def test_a_photo_of_any_kind_and_size_fills_its_square(
    font: str, kind: str, size: tuple[int, int], save: dict[str, Any]
) -> None:
    (png,) = sheets(font, [Tile(photo(colour(7), size, kind, **save), "西环路 7/23")])

    corners = [at(png, 0, down=d, across=a) for d in (0.02, 0.98) for a in (0.02, 0.98)]
    assert all(near(corner, colour(7)) for corner in corners)


def test_a_transparent_png_is_shown_on_white(font: str) -> None:
    buffer = BytesIO()
    Image.new("RGBA", (120, 120), (0, 0, 0, 0)).save(buffer, "PNG")

    (png,) = sheets(font, [Tile(buffer.getvalue(), "姜家 7/24")])

    assert near(at(png, 0), (255, 255, 255))
