"""The page every chart is drawn on: a phone portrait PNG with the same heading, type and axes.

matplotlib keeps global state (rcParams, the font cache) and is not thread-safe, while
charts are drawn in worker threads; so one lock serialises whole renders, and the font
and type sizes are set in an rc_context that is undone before the lock is released.
The PNG is encoded after the lock is let go: Pillow encodes without the GIL, so an
album's charts drawn in threads of their own (`Drawing`) overlap one's encoding with
the next one's drawing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from io import BytesIO
from typing import Literal, TypeVar

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from PIL import Image

WIDTH_IN, HEIGHT_IN, DPI = 7.2, 9.6, 150
"""1080×1440 pixels: fills a phone screen in Telegram's viewer without zooming."""

MAX_BARS, HEAD, TAIL = 30, 15, 15
"""More rows than this would shrink the type below legible; the middle of the field goes."""

TITLE_PT, SUBTITLE_PT, TICK_PT, VALUE_PT, LEGEND_PT = 17, 12, 12, 11, 11
DENSE_TICK_PT, DENSE_VALUE_PT, DENSE_ROWS = 11, 10, 12
HEADING_IN = 0.95
LABEL_GAP_PT = 5
BAR_AXES_PT = 5.2 * 72
"""About the width left for bars beside eight-character names; used to keep labels clear."""
INK, GREY, GRID, WARNING = "#222222", "#8c8c8c", "#e3e3e3", "#d62728"
PNG_LEVEL = 3

T = TypeVar("T")

Drawing = Callable[[], bytes]
"""A chart with all it shows decided, drawn when called: its PNG (usecases.composing)."""

MATPLOTLIB_LOCK = threading.Lock()
"""Held by whatever touches matplotlib's global state: a render, or registering a font."""


def render_png(*, font: str, title: str, subtitle: str, draw: Callable[[Figure], None]) -> bytes:
    """Draw a chart under the lock, in the chart font, and return it as PNG bytes."""
    style = {
        "font.family": [font],
        "font.size": TICK_PT,
        "text.color": INK,
        "axes.edgecolor": GREY,
        "axes.labelcolor": INK,
        "axes.titlesize": SUBTITLE_PT + 1,
        "axes.titlelocation": "left",
        "xtick.color": INK,
        "ytick.color": INK,
        "xtick.labelsize": TICK_PT,
        "ytick.labelsize": TICK_PT,
        "legend.fontsize": LEGEND_PT,
        "legend.frameon": False,
    }
    with MATPLOTLIB_LOCK, matplotlib.rc_context(style):
        # The heading is placed by hand above the laid-out area, so titles of any
        # length keep the same position on every chart.
        rect = (0.0, 0.0, 1.0, 1.0 - HEADING_IN / HEIGHT_IN)
        layout = ConstrainedLayoutEngine(rect=rect, h_pad=0.06, w_pad=0.08)
        figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout=layout)
        figure.text(0.04, 1 - 0.16 / HEIGHT_IN, title, fontsize=TITLE_PT, va="top")
        figure.text(0.04, 1 - 0.6 / HEIGHT_IN, subtitle, fontsize=SUBTITLE_PT, color=GREY, va="top")
        draw(figure)
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
    # The canvas is this render's alone: its pixels need no lock once it is drawn.
    pixels = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
    return _png(pixels.convert("RGB"))


def _png(pixels: Image.Image) -> bytes:
    """Opaque (the page is white, so the alpha channel only costs a quarter more to
    compress), at zlib level 3: as small as the default 6 here, in two thirds the time."""
    buffer = BytesIO()
    pixels.save(buffer, "png", compress_level=PNG_LEVEL)
    return buffer.getvalue()


def style_axes(ax: Axes, *, value_axis: Literal["x", "y"]) -> None:
    """Keep only the ink that carries data: a faint grid along the values, no box, and no
    axis labels (set after this, one would not show)."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis=value_axis, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(length=0, pad=6)
    # No chart labels an axis; an axis label, even an empty one, is placed beside the
    # tick labels, which measures them all again on each layout pass and on the draw.
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_label_coords(0.0, 0.0)
        axis.label.set_visible(False)


def visible_rows(rows: Sequence[T], gap_label: Callable[[int], str]) -> list[T | str]:
    """Keep the leaders and the laggards, the rows a results meeting talks about."""
    if len(rows) <= MAX_BARS:
        return list(rows)
    return [*rows[:HEAD], gap_label(len(rows) - HEAD - TAIL), *rows[-TAIL:]]


def label_start(*, value: float, target: float | None, text: str, em: float) -> float:
    """Start a value label past the target tick if the tick would cross it, else at the bar end.

    `em` is the label's font size in data units; widths are estimated, since the exact
    ones are known only after layout.
    """
    if value < 0 or target is None:
        return value
    # Digits, '.' and '%' are about 0.6 em wide; one more em for the gap and the tick.
    label_end = value + em * (0.6 * len(text) + 1)
    return target if value <= target <= label_end else value


def value_limits(ends: Iterable[float], *, headroom: float = 0.14) -> tuple[float, float]:
    """Span zero and every bar end or marker, leaving room past the ends for their labels."""
    points = [0.0, *ends]
    low, high = min(points), max(points)
    room = headroom * ((high - low) or 1.0)
    return (low - room if low < 0 else 0.0), high + room
