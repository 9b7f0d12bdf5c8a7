"""Charts for the group, from plain values to PNG bytes; every word on them comes from the caller.

Callers draw them in a worker thread (asyncio.to_thread); chart_layout serialises the work.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator, PercentFormatter
from matplotlib.transforms import blended_transform_factory

from bot.rendering.chart_layout import (
    BAR_AXES_PT,
    DENSE_ROWS,
    DENSE_TICK_PT,
    DENSE_VALUE_PT,
    GREY,
    INK,
    LABEL_GAP_PT,
    TICK_PT,
    VALUE_PT,
    WARNING,
    label_start,
    render_png,
    style_axes,
    value_limits,
    visible_rows,
)

# tab10 without its red and grey, then the dark shades of tab20b/Dark2: red is kept for
# warnings and grey for the "rest of the branches" series, so neither can be a branch.
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
    "#393b79", "#637939", "#8c6d31", "#7b4173", "#1b9e77", "#7570b3", "#e6ab02", "#6b6ecf",
)  # fmt: skip
REST_COLOUR = GREY
MAX_DAY_LABELS = 8


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    colour: str
    target: float | None = None
    value_text: str = ""
    """Formatted by the caller, who knows the metric's unit and precision."""
    flagged: bool = False
    """Draws the branch name in warning red, e.g. for a branch behind time progress."""


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    colour: str
    values: tuple[float | None, ...]
    """One per day; None where the branch did not report, drawn as a break in the line."""


@dataclass(frozen=True, slots=True)
class Panel:
    title: str
    series: tuple[Series, ...]


def branch_colours(names: Sequence[str]) -> dict[str, str]:
    """Colour by roster position, not by rank, so a branch keeps its colour in every chart."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def points_chart(
    *,
    title: str,
    subtitle: str,
    bars: Sequence[Bar],
    target_label: str,
    gap_label: Callable[[int], str],
    font: str,
) -> bytes:
    """Points or a metric per branch, best first as given, with each branch's target if set."""

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        _draw_bars(ax, visible_rows(bars, gap_label))
        if any(bar.target is not None for bar in bars):
            tick = Line2D([], [], color=INK, marker="|", markersize=14, mew=2.5, linestyle="none")
            figure.legend([tick], [target_label], loc="outside lower right")

    return render_png(font=font, title=title, subtitle=subtitle, draw=draw)


def completion_chart(
    *,
    title: str,
    subtitle: str,
    bars: Sequence[Bar],
    time_progress: float,
    time_label: str,
    gap_label: Callable[[int], str],
    font: str,
) -> bytes:
    """Completion of the plan against the share of the period gone by: who is falling behind."""

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        _draw_bars(ax, visible_rows(bars, gap_label), marks=(time_progress, 1.0))
        ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
        ax.axvline(time_progress, color=WARNING, linestyle=(0, (5, 3)), linewidth=1.8, zorder=1)
        above = blended_transform_factory(ax.transData, ax.transAxes)
        ax.text(
            time_progress,
            1.01,
            time_label,
            transform=above,
            color=WARNING,
            fontsize=VALUE_PT + 1,
            ha="center",
            va="bottom",
        )

    return render_png(font=font, title=title, subtitle=subtitle, draw=draw)


def trend_chart(
    *, title: str, subtitle: str, days: Sequence[str], panels: Sequence[Panel], font: str
) -> bytes:
    """One panel per metric over the same days; the legend goes below so it hides no line."""

    def draw(figure: Figure) -> None:
        axes = figure.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
        lines: dict[str, Line2D] = {}
        for ax, panel in zip(axes, panels, strict=True):
            lines |= _draw_panel(ax, panel, len(days))
        # A month of days would crowd the axis; keep every day's gridline, label some.
        step = math.ceil(len(days) / MAX_DAY_LABELS)
        labels = [day if i % step == 0 else "" for i, day in enumerate(days)]
        axes[-1].set_xticks(range(len(days)), labels, fontsize=DENSE_TICK_PT)
        figure.legend(
            list(lines.values()),
            list(lines),
            loc="outside lower center",
            ncols=min(3, len(lines) or 1),
        )

    return render_png(font=font, title=title, subtitle=subtitle, draw=draw)


def _draw_bars(ax: Axes, rows: Sequence[Bar | str], marks: Sequence[float] = ()) -> None:
    dense = len(rows) > DENSE_ROWS
    value_pt = DENSE_VALUE_PT if dense else VALUE_PT
    placed = [(y, row) for y, row in enumerate(rows) if isinstance(row, Bar)]
    targets = [bar.target for _, bar in placed if bar.target is not None]
    low, high = value_limits([*marks, *targets, *(bar.value for _, bar in placed)])
    per_pt = (high - low) / BAR_AXES_PT
    ax.barh(
        [y for y, _ in placed],
        [bar.value for _, bar in placed],
        height=0.62 if dense else 0.55,
        color=[bar.colour for _, bar in placed],
    )
    if aimed := [(y, bar.target) for y, bar in placed if bar.target is not None]:
        ys = [y for y, _ in aimed]
        ends = ([y - 0.4 for y in ys], [y + 0.4 for y in ys])
        ax.vlines([x for _, x in aimed], *ends, colors=INK, linewidth=2.5, zorder=3)
    for y, bar in placed:
        at = label_start(
            value=bar.value, target=bar.target, text=bar.value_text, em=per_pt * value_pt
        )
        ax.annotate(
            bar.value_text,
            (at, y),
            xytext=(-LABEL_GAP_PT if at < 0 else LABEL_GAP_PT, 0),
            textcoords="offset points",
            ha="right" if at < 0 else "left",
            va="center",
            fontsize=value_pt,
            annotation_clip=False,
            # Keeps the figure legible where the time-progress line runs through it.
            bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
        )
    ax.set_yticks(range(len(rows)), [row.label if isinstance(row, Bar) else "" for row in rows])
    for label, row in zip(ax.get_yticklabels(), rows, strict=True):
        if isinstance(row, Bar) and row.flagged:
            label.set_color(WARNING)
    across = blended_transform_factory(ax.transAxes, ax.transData)
    for y, row in enumerate(rows):
        if isinstance(row, str):
            ax.text(
                0.5,
                y,
                row,
                transform=across,
                color=GREY,
                fontsize=value_pt + 1,
                ha="center",
                va="center",
            )
    ax.set_ylim(max(len(rows), 1) - 0.5, -0.5)
    ax.set_xlim(low, high)
    style_axes(ax, value_axis="x")
    ax.tick_params(axis="y", labelsize=DENSE_TICK_PT if dense else TICK_PT)


def _draw_panel(ax: Axes, panel: Panel, days: int) -> dict[str, Line2D]:
    lines = {}
    for series in panel.series:
        values = [math.nan if value is None else value for value in series.values]
        (lines[series.label],) = ax.plot(
            range(len(values)), values, color=series.colour, marker="o", markersize=5, linewidth=2
        )
    ax.set_title(panel.title)
    style_axes(ax, value_axis="y")
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.set_xlim(-0.4, days - 0.6)
    lowest = min((v for s in panel.series for v in s.values if v is not None), default=0.0)
    if lowest >= 0:
        ax.set_ylim(bottom=0)
    return lines
