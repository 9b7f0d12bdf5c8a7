"""The parser, rule by rule, with messages as branch heads type them (PRODUCT.md)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from bot.domain import dates
from bot.domain.catalogue import Catalogue
from bot.domain.parsing import Refusal, Report, parse_report

TODAY = date(2026, 7, 28)


def read(text: str, catalogue: Catalogue, today: date = TODAY) -> Report | Refusal | None:
    return parse_report(
        text, catalogue=catalogue, today=today, default_day=today - timedelta(days=1)
    )


def values(text: str, catalogue: Catalogue) -> dict[str, float]:
    result = read(text, catalogue)
    assert isinstance(result, Report), result
    [entry] = result.entries
    return entry.values


def codes(text: str, catalogue: Catalogue, today: date = TODAY) -> list[str]:
    result = read(text, catalogue, today)
    assert isinstance(result, Refusal), result
    return [problem.code for problem in result.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("储蓄35万", {"deposit": 35}),
        ("储蓄 35 万", {"deposit": 35}),
        ("储蓄35万元", {"deposit": 35}),
        ("储蓄3万5千", {"deposit": 3.5}),
        ("储蓄3万5", {"deposit": 3.5}),
        ("储蓄 五千", {"deposit": 0.5}),
        ("储蓄 三十五", {"deposit": 35}),
        ("储蓄 2000元", {"deposit": 0.2}),
        ("储蓄3.5W", {"deposit": 3.5}),
        ("宣传单：1,200份", {"leaflets": 1200}),
        ("宣传单一千份", {"leaflets": 1000}),
        ("走访 12 家", {"visits": 12}),
        ("客户信息表 5份", {"customer_info": 5}),
        ("手机银行3笔", {"mobile_banking": 3}),
        ("储蓄净增 -2万", {"deposit": -2}),
        ("保险完成1.5万", {"insurance": 1.5}),
        ("储蓄：35万；保险：2万。", {"deposit": 35, "insurance": 2}),
        ("储蓄35万保险2万", {"deposit": 35, "insurance": 2}),
        ("张三 储蓄35万 业绩不错", {"deposit": 35}),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_amounts_are_read_in_the_display_unit(
    text: str, expected: dict[str, float], catalogue: Catalogue
) -> None:
    assert values(text, catalogue) == expected


def test_the_longest_alias_wins(catalogue: Catalogue) -> None:
    assert values("他行策反15万 走访客户20户", catalogue) == {"other_bank": 15, "visits": 20}


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("昨天 储蓄1万", date(2026, 7, 27)),
        ("今日 储蓄1万", date(2026, 7, 28)),
        ("7月27号 储蓄1万", date(2026, 7, 27)),
        ("27日 储蓄1万", date(2026, 7, 27)),
        ("2026年7月20日 储蓄1万", date(2026, 7, 20)),
        ("储蓄1万", date(2026, 7, 27)),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_leading_date_sets_the_report_day(text: str, day: date, catalogue: Catalogue) -> None:
    result = read(text, catalogue)
    assert isinstance(result, Report)
    assert result.day == day


def test_a_date_without_a_year_is_the_latest_one_not_after_today(catalogue: Catalogue) -> None:
    result = read("12月31日 储蓄1万", catalogue, today=date(2027, 1, 2))

    assert isinstance(result, Report)
    assert result.day == date(2026, 12, 31)


def test_a_day_without_a_month_after_today_is_last_months(catalogue: Catalogue) -> None:
    result = read("30日 储蓄1万", catalogue, today=date(2026, 8, 2))

    assert isinstance(result, Report)
    assert result.day == date(2026, 7, 30)


def test_a_date_is_never_read_as_a_value(catalogue: Catalogue) -> None:
    assert values("7月27日 储蓄35万", catalogue) == {"deposit": 35}


def test_a_future_date_is_refused(catalogue: Catalogue) -> None:
    assert codes("2026-08-01 储蓄1万", catalogue) == ["future_date"]


def test_a_header_line_gives_date_and_branch_to_the_lines_below(catalogue: Catalogue) -> None:
    result = read("正阳营业所7月26日\n储蓄35万\n保险2万", catalogue)

    assert isinstance(result, Report)
    assert result.day == date(2026, 7, 26)
    assert [(e.branch, e.values) for e in result.entries] == [
        ("正阳营业所", {"deposit": 35, "insurance": 2})
    ]


def test_a_metric_named_in_the_header_is_a_topic_not_a_missing_value(
    catalogue: Catalogue,
) -> None:
    result = read("7月27日各网点储蓄接龙\n正阳 储蓄35万\n姜家 储蓄20万", catalogue)

    assert isinstance(result, Report)
    assert [e.branch for e in result.entries] == ["正阳营业所", "姜家营业所"]


def test_remark_lines_are_never_read_for_figures(catalogue: Catalogue) -> None:
    text = "储蓄35万\n备注：明天再走访20户\n注：保险下周到账"

    assert values(text, catalogue) == {"deposit": 35}


def test_a_branch_anywhere_in_a_line_starts_a_new_entry(catalogue: Catalogue) -> None:
    result = read("正阳 储蓄35万 姜家 储蓄20万", catalogue)

    assert isinstance(result, Report)
    assert [(e.branch, e.values) for e in result.entries] == [
        ("正阳营业所", {"deposit": 35}),
        ("姜家营业所", {"deposit": 20}),
    ]


def test_a_line_without_a_branch_belongs_to_the_branch_named_above(catalogue: Catalogue) -> None:
    result = read("1、四明 王五\n储蓄12万\n2、西环 信用卡2张", catalogue)

    assert isinstance(result, Report)
    assert [(e.branch, e.values) for e in result.entries] == [
        ("四明营业所", {"deposit": 12}),
        ("西环路营业所", {"credit_card": 2}),
    ]


def test_a_chain_that_repeats_a_line_reads_each_branch_once(catalogue: Catalogue) -> None:
    chain = "7月27日业绩接龙\n1. 正阳 张所 储蓄35万\n2. 姜家 储蓄20万\n3. 正阳 张所 储蓄35万"

    result = read(chain, catalogue)

    assert isinstance(result, Report)
    assert [e.branch for e in result.entries] == ["正阳营业所", "姜家营业所"]


@pytest.mark.parametrize(
    "text",
    ["收到", "好的，马上到", "本月宣传单已经发完了", "正阳的同志们加油！", "三楼会议室9点开会", ""],
)
def test_messages_without_a_metric_and_a_number_are_not_reports(
    text: str, catalogue: Catalogue
) -> None:
    assert read(text, catalogue) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("储蓄35万 保险很多", ["no_value"]),
        ("保险 2 件", ["bad_unit"]),
        ("走访3万元", ["bad_unit"]),
        ("信用卡 -1张", ["negative"]),
        ("储畜35万", ["unknown_metric_close"]),
        ("储蓄35万 基金5万", ["unknown_metric"]),
        ("储蓄35万 5万", ["orphan_number"]),
        ("储蓄35万 储蓄30万", ["duplicate_metric"]),
        ("储蓄35万 保险很多 走访-1户", ["negative", "no_value"]),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_report_that_cannot_be_read_whole_is_refused_with_each_problem(
    text: str, expected: list[str], catalogue: Catalogue
) -> None:
    assert codes(text, catalogue) == expected


def test_a_typo_next_to_a_number_suggests_the_closest_metric(catalogue: Catalogue) -> None:
    result = read("走仿12户", catalogue)

    assert isinstance(result, Refusal)
    assert dict(result.problems[0].params) == {"word": "走仿", "suggestion": "走访"}


def test_the_same_metric_twice_with_the_same_value_is_fine(catalogue: Catalogue) -> None:
    assert values("储蓄35万\n储蓄35万", catalogue) == {"deposit": 35}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("储蓄一点五万", {"deposit": 1.5}),
        ("储蓄十万零五百", {"deposit": 10.05}),
        ("储蓄负5万", {"deposit": -5}),
        ("保险 暂无", {"insurance": 0}),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_spoken_forms_of_amounts_are_read_too(
    text: str, expected: dict[str, float], catalogue: Catalogue
) -> None:
    assert values(text, catalogue) == expected


@pytest.mark.parametrize(
    "text",
    ["今天外拓一下", "下午大家去走访一下", "保险一个都没卖", "保险无人买", "储蓄 7月27日"],
)
def test_a_spelt_number_or_date_inside_ordinary_words_is_not_a_figure(
    text: str, catalogue: Catalogue
) -> None:
    assert read(text, catalogue) is None


@pytest.mark.parametrize("text", ["他们35个人来了", "走路3公里"])
def test_a_word_near_an_alias_before_a_number_no_metric_could_have_is_chat(
    text: str, catalogue: Catalogue
) -> None:
    assert read(text, catalogue) is None


def test_today_after_the_figures_is_chat_not_the_report_day(catalogue: Catalogue) -> None:
    result = read("储蓄35万，今天下雨", catalogue)

    assert isinstance(result, Report)
    assert result.day == date(2026, 7, 27)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2月30日 储蓄5万", ["bad_date"]),
        ("2月30日接龙\n正阳 储蓄5万", ["bad_date"]),
        ("7月26日 储蓄5万\n7月27日 保险6万", ["several_dates"]),
        ("保险95%", ["bad_unit"]),
        ("储蓄35万 保险无人买", ["no_value"]),
        ("储蓄35万 他们3个人", ["unknown_metric_close"]),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_report_on_no_single_real_day_or_with_stray_words_is_refused(
    text: str, expected: list[str], catalogue: Catalogue
) -> None:
    assert codes(text, catalogue) == expected


@pytest.mark.parametrize(
    "text",
    ["本月储蓄100万", "储蓄5万，本月累计100万", "7月份储蓄35万", "今年储蓄1000万"],
)
def test_a_running_total_is_refused_instead_of_stored_as_a_days_figure(
    text: str, catalogue: Catalogue
) -> None:
    assert "period_total" in codes(text, catalogue)


def test_a_period_word_before_a_comma_does_not_touch_the_figures_after_it(
    catalogue: Catalogue,
) -> None:
    assert values("本月任务完成得好，储蓄5万", catalogue) == {"deposit": 5}


def test_a_spelt_number_after_wan_is_thousands(catalogue: Catalogue) -> None:
    assert values("储蓄 三万五", catalogue) == {"deposit": 3.5}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("手机银行开户5户", {"mobile_banking": 5}),
        ("信用卡办卡2张", {"credit_card": 2}),
        ("储蓄 约35万", {"deposit": 35}),
        ("储蓄共计35万", {"deposit": 35}),
        ("宣传单发放300份", {"leaflets": 300}),
        ("截至17:00 储蓄35万", {"deposit": 35}),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_words_people_put_around_a_figure_are_understood(
    text: str, expected: dict[str, float], catalogue: Catalogue
) -> None:
    assert values(text, catalogue) == expected


def test_news_of_a_visit_is_not_a_report(catalogue: Catalogue) -> None:
    assert read("大家辛苦了，今天走访了3个小区", catalogue) is None


def test_a_header_naming_one_metric_gives_it_to_bare_numbers_below(catalogue: Catalogue) -> None:
    result = read("7月27日储蓄接龙\n1. 正阳 35万\n2. 姜家 20万", catalogue)

    assert isinstance(result, Report)
    assert [(e.branch, e.values) for e in result.entries] == [
        ("正阳营业所", {"deposit": 35}),
        ("姜家营业所", {"deposit": 20}),
    ]


def test_a_huge_money_figure_without_a_unit_asks_for_the_unit(catalogue: Catalogue) -> None:
    assert codes("储蓄350000", catalogue) == ["needs_unit"]


def test_a_word_between_a_metric_and_its_number_says_what_kind(catalogue: Catalogue) -> None:
    assert values("走访 商户3户 客户信息5条", catalogue) == {"visits": 3, "customer_info": 5}
    assert values("走访商户3户", catalogue) == {"visits": 3}


@pytest.mark.parametrize(
    "text",
    ["存款 目标 100万", "存款 流失 30万", "理财 赎回 50万", "保险 退保 5万", "走访 计划 10户",
     "信用卡 未激活 3张", "走访 走路3公里"],
)  # fmt: skip
def test_a_word_that_is_not_one_of_the_metrics_kinds_makes_no_figure(
    text: str, catalogue: Catalogue
) -> None:
    assert read(text, catalogue) is None


@pytest.mark.parametrize("place", ["3号楼", "8号院", "2号栋"])
def test_a_house_or_line_number_is_not_a_date(place: str) -> None:
    assert re.fullmatch(dates.DATE, place[:2]) is not None
    assert re.match(dates.DATE, place) is None


@pytest.mark.parametrize(
    "text",
    ["27号线上开户 手机银行3笔", "27号路演 储蓄5万", "27号门店 储蓄5万", "27日座谈会 储蓄5万"],
)
def test_a_day_before_a_word_that_starts_like_a_place_is_still_the_day(
    text: str, catalogue: Catalogue
) -> None:
    result = read(text, catalogue)

    assert isinstance(result, Report)
    assert result.day == date(2026, 7, 27)
