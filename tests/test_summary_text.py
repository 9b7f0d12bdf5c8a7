"""The weekly summary's text and charts for a fixed week (tests/summary_data.py)."""

from __future__ import annotations

import dataclasses
import struct
import warnings
from datetime import date

from bot.domain.catalogue import Branch, Catalogue
from bot.domain.ranking import RankRow
from bot.domain.summary import Summary
from bot.rendering.charts import Series, branch_colours
from bot.rendering.fonts import chart_font
from bot.rendering.summary import summary_messages
from bot.rendering.summary_charts import summary_charts, trend_panels
from bot.rendering.texts import Texts
from tests.summary_data import week_summary

ZH = Texts("zh-CN")


def test_the_weekly_summary_reads_top_bottom_targets_plans_and_discipline(
    catalogue: Catalogue,
) -> None:
    [text] = summary_messages(week_summary(catalogue), ZH, catalogue)

    assert text.splitlines() == [
        "📊 <b>周报｜9月21日—9月27日</b>（截至9月27日）",
        "🏆 前三：🥇正阳营业所 120分 🥈四明营业所 100分 🥉姜家营业所 75分",
        "🐢 后三：利民城营业所 0分、东城营业所 10分、西环路营业所 30分",
        "🎯 <b>2026年9月 目标完成</b>（时间进度 86%）",
        "⚠️姜家营业所：储蓄 20%（60/300万元）",
        "⚠️四明营业所：积分 50%（100/200分），储蓄 100%（100/100万元）",
        "⚠️正阳营业所：储蓄 40%（120/300万元）",
        "⚠️ <b>落后时间进度</b>",
        "姜家营业所 储蓄 20% 预计完成 69.5万元 距目标差 240万元",
        "　一点一策：未填写（/plan 姜家 …）",
        "四明营业所 积分 50% 预计完成 115.8分 距目标差 100分",
        "　一点一策：未填写（/plan 四明 …）",
        "正阳营业所 储蓄 40% 预计完成 138.9万元 距目标差 180万元",
        "　一点一策：每天走访商户20户，重点营销定期",
        "📝 <b>上报情况</b>（4 个工作日）",
        "全勤：姜家营业所、四明营业所、正阳营业所",
        "缺报：利民城营业所 0/4、东城营业所 1/4、西环路营业所 2/4",
    ]


def test_a_month_without_targets_says_how_to_set_them(catalogue: Catalogue) -> None:
    summary = dataclasses.replace(week_summary(catalogue), month_progress=())

    [text] = summary_messages(summary, ZH, catalogue)

    assert "🎯 2026年9月 还没有设定目标（管理员可用 /target 设定）" in text.splitlines()


def test_plan_text_is_escaped_for_telegram_html(catalogue: Catalogue) -> None:
    summary = dataclasses.replace(week_summary(catalogue), plans={"正阳营业所": "存款<100万"})

    [text] = summary_messages(summary, ZH, catalogue)

    assert "　一点一策：存款&lt;100万" in text.splitlines()


def _charts(catalogue: Catalogue, summary: Summary) -> list[bytes]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        drawings = summary_charts(
            summary,
            texts=ZH,
            catalogue=catalogue,
            main_metrics=("deposit", "other_bank", "insurance"),
            font=chart_font(),
        )
        pngs = [draw() for draw in drawings]
    assert not [w for w in caught if "missing from font" in str(w.message)]
    return pngs


def test_the_summary_has_three_phone_portrait_charts_without_missing_glyphs(
    catalogue: Catalogue,
) -> None:
    pngs = _charts(catalogue, week_summary(catalogue))

    assert [struct.unpack(">II", png[16:24]) for png in pngs] == [(1080, 1440)] * 3


def test_a_month_without_targets_has_no_completion_chart(catalogue: Catalogue) -> None:
    summary = dataclasses.replace(week_summary(catalogue), month_progress=())

    assert len(_charts(catalogue, summary)) == 2


def test_a_large_network_counts_who_is_on_track_instead_of_listing_every_branch(
    catalogue: Catalogue,
) -> None:
    rows = week_summary(catalogue).month_progress
    many = tuple(dataclasses.replace(rows[0], branch=f"网点{i}") for i in range(40))
    summary = dataclasses.replace(week_summary(catalogue), month_progress=many + rows[-1:])

    extra = tuple(Branch(f"网点{i}", f"网点{i}") for i in range(40))
    network = dataclasses.replace(catalogue, branches=catalogue.branches + extra)

    lines = "\n".join(summary_messages(summary, ZH, network)).splitlines()

    assert "达到时间进度 0 个网点，落后 41 个网点（完整表格：/progress）" in lines


def _rest_of_ten(catalogue: Catalogue, figures: dict[date, dict[str, dict[str, float]]]) -> Series:
    """The trend's line for the three branches past the seven leaders of a ten-branch
    network, on the week's deposits."""
    names = [f"网点{i}" for i in range(10)]
    ranking = tuple(RankRow(i + 1, name, 10.0 - i) for i, name in enumerate(names))
    summary = dataclasses.replace(week_summary(catalogue), ranking=ranking, figures=figures)
    network = dataclasses.replace(catalogue, branches=tuple(Branch(n, n) for n in names))
    [panel] = trend_panels(summary, ZH, network, ("deposit",), branch_colours(names))
    [rest] = [series for series in panel.series if series.label == "其余3个网点平均"]
    return rest


def test_the_trends_average_of_the_rest_is_of_those_who_reported_that_day(
    catalogue: Catalogue,
) -> None:
    monday = {"网点7": {"deposit": 10.0}, "网点8": {"deposit": 20.0}}  # 网点9 did not report

    rest = _rest_of_ten(catalogue, {date(2026, 9, 21): monday})

    assert rest.values[0] == 15.0


def test_a_day_none_of_the_rest_reported_is_a_gap_in_their_average(catalogue: Catalogue) -> None:
    monday = {"网点7": {"deposit": 10.0}}

    rest = _rest_of_ten(catalogue, {date(2026, 9, 21): monday})

    assert rest.values[1:] == (None,) * 6
