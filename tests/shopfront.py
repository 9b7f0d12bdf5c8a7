"""One shopfront photographed twice, for telling another photo of a place from the same photo
sent again: a street scene drawn with Pillow, seen through a camera that moves and a light
that changes."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

SCENE = (1600, 900)
VIEW = (1200, 900)
"""What a camera takes in of the scene, 4:3 like a phone photo."""


def shopfront(*, step: int = 0, light: float = 1.0, size: tuple[int, int] = (640, 480)) -> bytes:
    """A JPEG of the shopfront: the camera `step` pixels of the scene to the right of the
    first view, in `light` (1.0 the first photo's), at the phone's `size`."""
    view = _scene().crop((100 + step, 0, 100 + step + VIEW[0], VIEW[1]))
    view = ImageEnhance.Brightness(view.resize(size, Image.Resampling.LANCZOS)).enhance(light)
    out = io.BytesIO()
    view.save(out, "JPEG", quality=88)
    return out.getvalue()


def _scene() -> Image.Image:
    """A shop in a row of three: walls, windows, a sign, an awning, a door, a tree, slabs."""
    rng = random.Random(27)
    width, height = SCENE
    image = Image.new("RGB", SCENE, (170, 190, 215))
    draw = ImageDraw.Draw(image)
    for left, right, wall in ((0, 520, (190, 170, 140)), (520, 1130, (225, 220, 205)),
                              (1130, width, (150, 120, 110))):  # fmt: skip
        draw.rectangle((left, 90, right, 700), fill=wall)
        for x in range(left + 40, right - 80, 130):
            for y in (130, 290):
                draw.rectangle((x, y, x + 80, y + 110), fill=(70, 90, 120))
                draw.line((x + 40, y, x + 40, y + 110), fill=(230, 230, 230), width=6)
    draw.rectangle((560, 430, 1090, 500), fill=(190, 20, 25))
    for n in range(6):
        draw.rectangle((600 + n * 80, 445, 650 + n * 80, 485), fill=(250, 215, 60))
    for n in range(11):
        draw.polygon(
            [(540 + n * 50, 505), (590 + n * 50, 505), (600 + n * 50, 560), (530 + n * 50, 560)],
            fill=(30, 120, 60) if n % 2 else (240, 240, 235),
        )
    draw.rectangle((760, 570, 900, 700), fill=(80, 50, 30))
    draw.rectangle((620, 580, 730, 680), fill=(110, 140, 160))
    draw.rectangle((930, 580, 1040, 680), fill=(110, 140, 160))
    for x in range(0, width, 90):
        for y in range(700, height, 50):
            shade = rng.randrange(95, 140)
            draw.rectangle((x, y, x + 88, y + 48), fill=(shade, shade, shade - 5))
    draw.rectangle((1250, 420, 1285, 760), fill=(90, 60, 35))
    draw.ellipse((1150, 240, 1390, 480), fill=(50, 110, 45))
    grain = Image.frombytes("L", SCENE, rng.randbytes(width * height)).convert("RGB")
    return Image.blend(image, grain, 0.08).filter(ImageFilter.GaussianBlur(1))
