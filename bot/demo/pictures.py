"""Visit photos for the demo and the tests: small, distinct JPEGs drawn with Pillow.

Each is a shopfront with a door and lanterns of its own, so a contact sheet of them shows
at a glance that every tile is a different picture. Its front is tiled in a pattern of its
seed, as real photos differ everywhere: a flat wall would leave the bot's difference hash,
which compares neighbouring patches, nothing but noise to tell two pictures apart by.
"""

from __future__ import annotations

import io
import random
from datetime import datetime

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 640, 480
EXIF_IFD, DATE_TIME_ORIGINAL = 0x8769, 0x9003
GPS_IFD = 0x8825
TILE_COLUMNS, TILE_ROWS = 9, 8
SHADES, SHADE_STEP = (-50, -25, 0, 25, 50), 25


def visit_photo(
    seed: int, *, taken_at: datetime | None = None, located: bool = False, size: int = WIDTH
) -> bytes:
    """A JPEG unique to `seed`; `taken_at` and `located` add the EXIF a camera file keeps."""
    rng = random.Random(seed)
    wall = [rng.randrange(90, 190) for _ in range(3)]
    image = Image.new("RGB", (size, size * HEIGHT // WIDTH))
    draw = ImageDraw.Draw(image)
    w, h = image.size
    _tile(draw, rng, w, h, wall)
    draw.rectangle((w // 8, h * 5 // 32, w * 7 // 8, h * 7 // 32), fill=(200, 30, 30))
    door = rng.randrange(w // 8, w * 5 // 8)
    draw.rectangle((door, h * 2 // 5, door + w // 5, h * 3 // 4), fill=(60, 40, 20))
    for stripe in range(seed % 5 + 1):
        x = w // 10 + stripe * w // 12
        draw.ellipse((x, h // 3, x + w // 20, h // 3 + w // 20), fill=(255, 220, 0))
    exif = Image.Exif()
    if taken_at is not None:
        exif.get_ifd(EXIF_IFD)[DATE_TIME_ORIGINAL] = taken_at.strftime("%Y:%m:%d %H:%M:%S")
    if located:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (46.0, 4.0, 0.0), 3: "E", 4: (125.0, 57.0, 0.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, exif=exif.tobytes())
    return buffer.getvalue()


def _tile(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int, wall: list[int]) -> None:
    """Tiles a shade lighter or darker than their left neighbour, by a step JPEG's noise does
    not undo; the bottom quarter is the pavement's slabs, in grey."""
    for row in range(TILE_ROWS):
        shade = 0
        for column in range(TILE_COLUMNS):
            shade = rng.choice([s for s in SHADES if abs(s - shade) >= SHADE_STEP])
            base = wall if row < TILE_ROWS * 3 // 4 else [100, 100, 100]
            box = (
                column * w // TILE_COLUMNS, row * h // TILE_ROWS,
                (column + 1) * w // TILE_COLUMNS - 1, (row + 1) * h // TILE_ROWS - 1,
            )  # fmt: skip
            draw.rectangle(box, fill=tuple(value + shade for value in base))
