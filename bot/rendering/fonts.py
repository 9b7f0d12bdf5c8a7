"""The chart font: branch names are Chinese, and matplotlib's own DejaVu Sans has no CJK glyphs.

Without a registered CJK face every name would be drawn as boxes, so charts use the
deployment's configured font or else the Noto Sans CJK collection shipped as a Python
package, which needs no system fonts in the image.
"""

from __future__ import annotations

from functools import cache

from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH

from bot.rendering.chart_layout import MATPLOTLIB_LOCK

# A collection holds one face per region; SC draws the Simplified Chinese glyph shapes.
PREFERRED_FACES = ("Noto Sans CJK SC",)


class FontError(ValueError):
    """The configured chart font is missing or is not a font matplotlib can read."""


@cache
def chart_font(font_path: str | None = None) -> str:
    """Register the font once per path and return the family name charts should ask for.

    Called from worker threads, so it takes the lock renders hold while they read fonts.
    """
    path = font_path if font_path is not None else str(FONT_PATH)
    with MATPLOTLIB_LOCK:
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError) as error:
            raise FontError(f"cannot read chart font {path!r}: {error}") from error
        faces = [entry for entry in font_manager.fontManager.ttflist if entry.fname == path]
    if not faces:
        raise FontError(f"chart font {path!r} holds no TrueType or OpenType face")
    names = [face.name for face in sorted(faces, key=lambda face: face.index)]
    return next((name for name in PREFERRED_FACES if name in names), names[0])
