"""Charts: phone-sized PNGs whose Chinese labels really render, readable at any field size."""

from __future__ import annotations

import re
import struct
import warnings
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from io import BytesIO
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.colors import to_rgb
from matplotlib.image import imread

from bot.rendering.chart_layout import label_start, value_limits, visible_rows
from bot.rendering.charts import (
    PALETTE,
    REST_COLOUR,
    Bar,
    Panel,
    Series,
    branch_colours,
    completion_chart,
    points_chart,
    trend_chart,
)
from bot.rendering.fonts import FontError, chart_font

ROSTER = ("正阳营业所", "姜家营业所", "东城营业所", "利民城营业所", "四明营业所", "西环路营业所")
COLOURS = branch_colours(ROSTER)
DAYS = ("9/28 周一", "9/29 周二", "9/30 周三", "10/1 周四", "10/2 周五", "10/3 周六", "10/4 周日")
PERIOD = "2026年9月28日—10月4日"
WARNING_RED = "#d62728"


def gap(hidden: int) -> str:
    return f"…其余 {hidden} 个网点…"


def points_bars(count: int = len(ROSTER)) -> list[Bar]:
    """Points best first, every third branch with a target just past its bar."""
    names = [*ROSTER, *(f"城南{i}营业所" for i in range(count - len(ROSTER)))][:count]
    colours = branch_colours(names)
    points = [180 - i * 0.5 for i in range(count)]
    return [
        Bar(
            name,
            value,
            colours[name],
            target=value + 5 if i % 3 == 0 else None,
            value_text=f"{value:.1f}",
        )
        for i, (name, value) in enumerate(zip(names, points, strict=True))
    ]


def completion_bars(count: int = len(ROSTER)) -> list[Bar]:
    """Completion from 140% down, those under the 62% time progress flagged."""
    names = [*ROSTER, *(f"城北{i}营业所" for i in range(count - len(ROSTER)))][:count]
    colours = branch_colours(names)
    shares = [1.4 - 1.3 * i / max(count - 1, 1) for i in range(count)]
    return [
        Bar(name, share, colours[name], value_text=f"{share:.0%}", flagged=share < 0.62)
        for name, share in zip(names, shares, strict=True)
    ]


def trend_panels() -> list[Panel]:
    """Three metrics for six branches and the rest, with days nobody reported."""

    def values(i: int, scale: float) -> tuple[float | None, ...]:
        return tuple(None if (day + i) % 5 == 0 else scale * (day * i % 7) for day in range(7))

    def series(scale: float) -> tuple[Series, ...]:
        rest = Series("其余平均", REST_COLOUR, (scale * 2.5,) * 7)
        return (*(Series(n, COLOURS[n], values(i, scale)) for i, n in enumerate(ROSTER)), rest)

    return [
        Panel("储蓄（万元）", series(8)),
        Panel("保险（万元）", series(1)),
        Panel("走访（户）", series(4)),
    ]


@pytest.fixture(scope="module")
def font() -> str:
    return chart_font()


def draw_points(font: str, count: int = len(ROSTER)) -> bytes:
    return points_chart(
        title="积分排名",
        subtitle=PERIOD,
        bars=points_bars(count),
        target_label="目标",
        gap_label=gap,
        font=font,
    )


def draw_completion(font: str, count: int = len(ROSTER)) -> bytes:
    return completion_chart(
        title="储蓄任务完成率",
        subtitle=PERIOD,
        bars=completion_bars(count),
        time_progress=0.62,
        time_label="时间进度 62%",
        gap_label=gap,
        font=font,
    )


def draw_trend(font: str) -> bytes:
    return trend_chart(
        title="近七日走势", subtitle=PERIOD, days=DAYS, panels=trend_panels(), font=font
    )


EVERY_CHART = pytest.mark.parametrize(
    "draw",
    [
        pytest.param(draw_points, id="points, 6 branches"),
        pytest.param(partial(draw_points, count=300), id="points, 300 branches"),
        pytest.param(draw_completion, id="completion, 6 branches"),
        pytest.param(partial(draw_completion, count=300), id="completion, 300 branches"),
        pytest.param(draw_trend, id="trend"),
    ],
)


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", png[16:24])


def count_colour(png: bytes, colour: str) -> int:
    pixels = imread(BytesIO(png))[:, :, :3]
    return int(np.count_nonzero(np.all(np.abs(pixels - to_rgb(colour)) < 2 / 255, axis=-1)))


@EVERY_CHART
def test_every_chart_is_a_phone_portrait_png(draw: Callable[[str], bytes], font: str) -> None:
    assert png_size(draw(font)) == (1080, 1440)


@EVERY_CHART
def test_chinese_labels_render_without_missing_glyph_warnings(
    draw: Callable[[str], bytes], font: str
) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draw(font)

    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_a_font_without_chinese_glyphs_does_warn() -> None:
    with pytest.warns(UserWarning, match="missing from font"):
        draw_points("DejaVu Sans")


def test_the_packaged_font_is_the_simplified_chinese_face() -> None:
    assert chart_font() == "Noto Sans CJK SC"


def test_a_configured_font_file_gives_its_own_family() -> None:
    path = Path(matplotlib.get_data_path(), "fonts", "ttf", "DejaVuSans.ttf")

    assert chart_font(str(path)) == "DejaVu Sans"


def test_a_font_is_registered_once_per_path() -> None:
    chart_font()
    registered = len(font_manager.fontManager.ttflist)

    chart_font()

    assert len(font_manager.fontManager.ttflist) == registered


def test_a_missing_font_path_is_refused() -> None:
    with pytest.raises(FontError, match=re.escape("/srv/fonts/none.ttc")):
        chart_font("/srv/fonts/none.ttc")


def test_a_file_that_is_not_a_font_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "字体.ttf"
    path.write_text("不是字体")

    with pytest.raises(FontError, match=re.escape(str(path))):
        chart_font(str(path))


def test_a_chart_of_300_branches_shows_the_top_and_bottom_with_a_gap_row() -> None:
    bars = points_bars(300)

    rows = visible_rows(bars, gap)

    assert rows == [*bars[:15], "…其余 270 个网点…", *bars[-15:]]


def test_a_field_of_30_branches_is_shown_whole() -> None:
    bars = points_bars(30)

    assert visible_rows(bars, gap) == bars


def test_the_same_branch_has_the_same_colour_in_every_chart() -> None:
    colours = branch_colours(ROSTER)

    # By place in the roster, whatever the ranking of the day.
    assert [colours[name] for name in ROSTER] == list(PALETTE[: len(ROSTER)])
    assert branch_colours(list(ROSTER)) == colours


def test_branch_colours_are_distinct_until_the_palette_runs_out_then_cycle() -> None:
    names = [f"网点{i}" for i in range(40)]

    colours = list(branch_colours(names).values())

    assert len(set(colours[: len(PALETTE)])) == len(PALETTE)
    assert colours[len(PALETTE) :] == colours[: 40 - len(PALETTE)]


def test_no_branch_takes_the_warning_red_or_the_grey_of_the_rest() -> None:
    assert WARNING_RED not in PALETTE
    assert REST_COLOUR not in PALETTE


def test_each_bar_is_drawn_in_its_branch_colour(font: str) -> None:
    png = draw_points(font)

    assert all(count_colour(png, COLOURS[name]) for name in ROSTER)


def test_branches_behind_time_progress_are_named_in_red(font: str) -> None:
    flagged = completion_bars()
    unflagged = [replace(bar, flagged=False) for bar in flagged]

    def red_pixels(bars: list[Bar]) -> int:
        png = completion_chart(
            title="完成率",
            subtitle=PERIOD,
            bars=bars,
            time_progress=0.62,
            time_label="时间进度 62%",
            gap_label=gap,
            font=font,
        )
        return count_colour(png, WARNING_RED)

    assert red_pixels(flagged) > red_pixels(unflagged)


def test_a_value_label_moves_past_a_target_just_beyond_its_bar() -> None:
    assert label_start(value=60, target=62, text="60.0", em=2) == 62


def test_a_value_label_stays_at_its_bar_when_the_target_is_far_or_inside() -> None:
    assert label_start(value=20, target=90, text="20.0", em=2) == 20
    assert label_start(value=60, target=40, text="60.0", em=2) == 60


def test_the_value_axis_reaches_past_every_bar_end_and_the_time_line() -> None:
    low, high = value_limits([0.4, 1.35, 0.62])

    assert low == 0
    assert high > 1.35


def test_the_value_axis_spans_negative_values_too() -> None:
    low, high = value_limits([-40, 95])

    assert low < -40 < 95 < high


def test_rendering_leaves_matplotlib_settings_as_they_were(font: str) -> None:
    before = dict(matplotlib.rcParams)

    draw_trend(font)

    assert dict(matplotlib.rcParams) == before
