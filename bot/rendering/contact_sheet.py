"""The week's visit photos as contact sheets: a grid of thumbnails, each under its label.

A page of stamp-sized photos lets the group see at a glance that each branch went out and
who sent an old picture, which no list of counts does. Photos are reduced with Pillow before
matplotlib sees them, and outside the render lock, so the lock is held only for drawing; the
thumbnails are placed pixel for pixel (figimage), never resampled again. Every word on a
sheet comes from the caller.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox, TransformedBbox
from PIL import Image

from bot.rendering.chart_layout import (
    DPI,
    GRID,
    HEADING_IN,
    HEIGHT_IN,
    INK,
    WARNING,
    WIDTH_IN,
    render_png,
)

COLUMNS, ROWS = 5, 6
TILES_PER_SHEET = COLUMNS * ROWS
"""Thirty keeps a photo about 170 px wide with an 11 pt label, legible on a phone screen."""

LABEL_PT = 11
FLAG_MARK = "⚠"
"""In Noto Sans CJK SC, so it renders; the red alone would not be seen by everyone."""

PAGE_W, PAGE_H = round(WIDTH_IN * DPI), round(HEIGHT_IN * DPI)
MARGIN_PX = round(0.04 * PAGE_W)
"""The grid's left edge lines up with the title, which render_png sets at 4 % of the width."""
TOP_PX, BOTTOM_PX = round(HEADING_IN * DPI) + 8, 24
MIN_GAP_PX, LABEL_PX, ROW_GAP_PX = 14, 36, 4
CELL_PX = min(
    (PAGE_W - 2 * MARGIN_PX - (COLUMNS - 1) * MIN_GAP_PX) // COLUMNS,
    (PAGE_H - TOP_PX - BOTTOM_PX - ROWS * LABEL_PX - (ROWS - 1) * ROW_GAP_PX) // ROWS,
)
"""The side of a square photo, in page pixels: the largest that fits both ways."""
PITCH_X = (PAGE_W - 2 * MARGIN_PX - CELL_PX) / (COLUMNS - 1)
PITCH_Y = CELL_PX + LABEL_PX + ROW_GAP_PX

DECODERS = min(4, os.cpu_count() or 1)
"""Photos decoded at once; no more than four, as a PNG or WebP is decoded whole (50 MP: 150 MB)."""

Thumbnail = Callable[[bytes, int], Image.Image | None]
"""A stored photo as an upright RGB square of the given side, or None if it cannot be read;
the caller's image reader (bot/adapters/images.py), so that no decoder is chosen here."""

_BLANK = np.full((CELL_PX, CELL_PX, 3), to_rgb(GRID), dtype=np.float32)
"""Stands for a photo that cannot be read: the faint grey of the charts' grid lines."""


@dataclass(frozen=True, slots=True)
class Tile:
    image: bytes
    """A stored photo: JPEG, PNG or WebP of any size, perhaps turned by its EXIF orientation."""
    label: str
    """Formatted by the caller, e.g. "正阳 7/27"."""
    flagged: bool = False
    """Labels the photo in warning red with a mark, e.g. one taken long before its day."""


def contact_sheets(
    tiles: Sequence[Tile],
    *,
    title: str,
    subtitle: str,
    font: str,
    thumbnail: Thumbnail,
    max_sheets: int = 3,
) -> list[bytes]:
    """PNG pages of up to TILES_PER_SHEET tiles in the given order, at most `max_sheets` of them.

    Tiles past the last page are not decoded; saying how many were left out is the caller's.
    A photo that cannot be read becomes a grey square under its label: one bad file must not
    cost the group its weekly summary.
    """
    shown = tiles[: max(max_sheets, 0) * TILES_PER_SHEET]
    if not shown:
        return []
    # Decoding is most of the work and Pillow does it without the GIL, so it runs on every core.
    with ThreadPoolExecutor(max_workers=min(DECODERS, len(shown))) as pool:
        squares = pool.map(lambda tile: thumbnail(tile.image, CELL_PX), shown)
        thumbnails = [_BLANK if square is None else np.asarray(square) for square in squares]
    cells = list(zip(shown, thumbnails, strict=True))
    return [
        _sheet(cells[i : i + TILES_PER_SHEET], title=title, subtitle=subtitle, font=font)
        for i in range(0, len(cells), TILES_PER_SHEET)
    ]


def cell_origin(index: int) -> tuple[int, int]:
    """The top-left page pixel of the index-th photo on a sheet, filled row by row from the top.

    Short sheets use the same cells as full ones, so every page of a week looks alike.
    """
    row, column = divmod(index, COLUMNS)
    return round(MARGIN_PX + column * PITCH_X), TOP_PX + row * PITCH_Y


def _sheet(
    cells: Sequence[tuple[Tile, np.ndarray]], *, title: str, subtitle: str, font: str
) -> bytes:
    def draw(figure: Figure) -> None:
        for index, (tile, pixels) in enumerate(cells):
            left, top = cell_origin(index)
            figure.figimage(pixels, xo=left, yo=PAGE_H - top - CELL_PX, origin="upper")
            label = f"{FLAG_MARK} {tile.label}" if tile.flagged else tile.label
            text = figure.text(
                (left + CELL_PX / 2) / PAGE_W,
                1 - (top + CELL_PX + LABEL_PX / 2) / PAGE_H,
                label,
                ha="center",
                va="center",
                fontsize=LABEL_PT,
                color=WARNING if tile.flagged else INK,
            )
            # A label too long for its column is cut at the column's edge, not run into the next.
            column = Bbox.from_bounds(
                (left + CELL_PX / 2 - PITCH_X / 2) / PAGE_W,
                1 - (top + PITCH_Y) / PAGE_H,
                PITCH_X / PAGE_W,
                PITCH_Y / PAGE_H,
            )
            text.set_clip_box(TransformedBbox(column, figure.transFigure))

    return render_png(font=font, title=title, subtitle=subtitle, draw=draw)
