"""Visit photos for the demo and the tests: small, distinct JPEGs drawn with Pillow.

Each is a shopfront in the branch's colour with a numbered door, so a contact sheet of
them shows at a glance that every tile is a different picture.
"""

from __future__ import annotations

import io
import random
from datetime import datetime

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 640, 480
EXIF_IFD, DATE_TIME_ORIGINAL = 0x8769, 0x9003
GPS_IFD = 0x8825


def visit_photo(
    seed: int, *, taken_at: datetime | None = None, located: bool = False, size: int = WIDTH
) -> bytes:
    """A JPEG unique to `seed`; `taken_at` and `located` add the EXIF a camera file keeps."""
    rng = random.Random(seed)
    wall = tuple(rng.randrange(60, 230) for _ in range(3))
    image = Image.new("RGB", (size, size * HEIGHT // WIDTH), wall)  # type: ignore[arg-type]
    draw = ImageDraw.Draw(image)
    w, h = image.size
    draw.rectangle((0, h * 3 // 4, w, h), fill=(90, 90, 90))
    draw.rectangle((w // 8, h // 8, w * 7 // 8, h // 4), fill=(200, 30, 30))
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
