"""A contest with many pairs at a glance: one row per match, the two sides' bars back to
back, the leader's in colour. Every word on it comes from the caller."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure

from bot.rendering.chart_layout import (
    DENSE_ROWS,
    DENSE_VALUE_PT,
    GREY,
    INK,
    MAX_BARS,
    VALUE_PT,
    render_png,
    style_axes,
)

LEAD, TRAIL, LEVEL = "#d62728", "#f4b6b6", "#9ecae1"
LABEL_ROOM = 0.75
"""Room for the name and score past the longest bar, as a share of it."""


@dataclass(frozen=True, slots=True)
class Duel:
    names: tuple[str, str]
    values: tuple[float, float]
    texts: tuple[str, str]
    """The scores as the standings show them."""
    leader: int | None


def duel_chart(
    *, title: str, subtitle: str, duels: Sequence[Duel], font: str, more: str = ""
) -> bytes:
    """`more` labels a last row standing for the matches past MAX_BARS, left to the text."""
    shown = list(duels[:MAX_BARS])

    def draw(figure: Figure) -> None:
        ax = figure.add_subplot()
        style_axes(ax, value_axis="x")
        rows = len(shown) + (1 if more and len(duels) > len(shown) else 0)
        longest = max((max(0.0, *d.values) for d in shown), default=0.0) or 1.0
        size = DENSE_VALUE_PT if rows > DENSE_ROWS else VALUE_PT
        if rows > len(shown):
            ax.text(0, 0, more, ha="center", va="center", fontsize=size, color=GREY)
        for row, duel in enumerate(shown):
            y = rows - 1 - row
            colours = (LEVEL, LEVEL) if duel.leader is None else (TRAIL, TRAIL)
            if duel.leader is not None:
                colours = (LEAD, TRAIL) if duel.leader == 0 else (TRAIL, LEAD)
            for side, sign in ((0, -1), (1, 1)):
                width = max(duel.values[side], 0.0)
                ax.barh(y, sign * width, color=colours[side], height=0.62)
                label = (
                    f"{duel.names[0]} {duel.texts[0]}"
                    if side == 0
                    else f"{duel.texts[1]} {duel.names[1]}"
                )
                ax.text(
                    sign * (width + longest * 0.03),
                    y,
                    label,
                    ha="right" if side == 0 else "left",
                    va="center",
                    fontsize=size,
                    color=INK if duel.leader in (side, None) else GREY,
                )
        reach = longest * (1 + LABEL_ROOM)
        ax.set_xlim(-reach, reach)
        ax.set_ylim(-0.7, rows - 0.3)
        ax.axvline(0, color=GREY, linewidth=1)
        ax.set_yticks([])
        ax.set_xticks([])
        ax.spines[["left", "bottom"]].set_visible(False)

    return render_png(font=font, title=title, subtitle=subtitle, draw=draw)
