"""Targets as managers type them after /target, and as they keep them in a sheet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.catalogue import Catalogue
from bot.domain.periods import Period, PeriodKind
from bot.domain.target_input import (
    ProblemCode,
    TargetInput,
    TargetProblem,
    parse_target_lines,
    read_target_rows,
)
from bot.domain.targets import POINTS, Target

TODAY = date(2026, 7, 28)  # a Tuesday
JULY = Period(PeriodKind.MONTH, date(2026, 7, 1), date(2026, 7, 31))
THIS_WEEK = Period(PeriodKind.WEEK, date(2026, 7, 27), date(2026, 8, 2))
Q3 = Period(PeriodKind.QUARTER, date(2026, 7, 1), date(2026, 9, 30))
OCTOBER = Period(PeriodKind.MONTH, date(2026, 10, 1), date(2026, 10, 31))


def targets(text: str, catalogue: Catalogue) -> list[Target]:
    result = parse_target_lines(text, catalogue=catalogue, today=TODAY)
    assert not result.problems, result.problems
    return list(result.targets)


def problems(text: str, catalogue: Catalogue) -> list[TargetProblem]:
    return list(parse_target_lines(text, catalogue=catalogue, today=TODAY).problems)


def sheet(rows: Sequence[Sequence[object]], catalogue: Catalogue) -> TargetInput:
    return read_target_rows(rows, catalogue=catalogue, today=TODAY)


def test_a_line_sets_a_branchs_target_for_a_metric(catalogue: Catalogue) -> None:
    assert targets("正阳 储蓄 200 月", catalogue) == [Target("正阳营业所", "deposit", JULY, 200)]


def test_each_line_sets_its_own_branchs_target(catalogue: Catalogue) -> None:
    assert targets("正阳 储蓄 200 月\n\n姜家 储蓄 150 月", catalogue) == [
        Target("正阳营业所", "deposit", JULY, 200),
        Target("姜家营业所", "deposit", JULY, 150),
    ]


def test_several_metrics_on_a_line_share_its_branch_and_period(catalogue: Catalogue) -> None:
    assert targets("姜家 储蓄200万 保险50 季度", catalogue) == [
        Target("姜家营业所", "deposit", Q3, 200),
        Target("姜家营业所", "insurance", Q3, 50),
    ]


@pytest.mark.parametrize("word", ["积分", "总积分"])
def test_a_target_on_points_is_on_the_weighted_sum(word: str, catalogue: Catalogue) -> None:
    assert targets(f"东城 {word} 800 周", catalogue) == [
        Target("东城营业所", POINTS, THIS_WEEK, 800)
    ]


def test_a_line_without_a_period_word_is_for_this_month(catalogue: Catalogue) -> None:
    [target] = targets("正阳 保险 50", catalogue)
    assert target.period == JULY


@pytest.mark.parametrize(
    ("word", "period"),
    [
        ("月", JULY),
        ("本月", JULY),
        ("month", JULY),
        ("周", THIS_WEEK),
        ("本周", THIS_WEEK),
        ("Week", THIS_WEEK),
        ("季", Q3),
        ("季度", Q3),
        ("本季度", Q3),
        ("下周", Period(PeriodKind.WEEK, date(2026, 8, 3), date(2026, 8, 9))),
        ("下月", Period(PeriodKind.MONTH, date(2026, 8, 1), date(2026, 8, 31))),
        ("下季度", Period(PeriodKind.QUARTER, date(2026, 10, 1), date(2026, 12, 31))),
        ("10月", OCTOBER),
        ("十月", OCTOBER),
        ("2026-10", OCTOBER),
        ("2026年10月", OCTOBER),
        ("7月", JULY),
        ("5月", Period(PeriodKind.MONTH, date(2027, 5, 1), date(2027, 5, 31))),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_period_word_picks_the_period(word: str, period: Period, catalogue: Catalogue) -> None:
    [target] = targets(f"正阳 储蓄 200 {word}", catalogue)
    assert target.period == period


@pytest.mark.parametrize(
    "value", ["200", "200万", "200万元", "2000000元", "二百万", "2,000,000元", "２００万"]
)
def test_a_money_target_is_kept_in_wan_yuan(value: str, catalogue: Catalogue) -> None:
    [target] = targets(f"正阳 储蓄 {value}", catalogue)
    assert target.value == 200


def test_a_count_target_is_in_the_metrics_own_unit(catalogue: Catalogue) -> None:
    [target] = targets("正阳 走访 300户 月", catalogue)
    assert (target.metric, target.value) == ("visits", 300)


@pytest.mark.parametrize(
    "text",
    [
        "正阳：储蓄 200万，保险 50",
        "正阳　储蓄：200万、保险：50",
        "【正阳营业所】储蓄200万；保险50",
        "1、正阳 储蓄目标200万 保险50",
        "① 正阳储蓄200万保险50",
    ],
)
def test_punctuation_and_list_numbers_separate_like_spaces(text: str, catalogue: Catalogue) -> None:
    assert [(t.metric, t.value) for t in targets(text, catalogue)] == [
        ("deposit", 200),
        ("insurance", 50),
    ]


@pytest.mark.parametrize(
    ("text", "code", "word"),
    [
        ("正阳 保险 2件 月", ProblemCode.BAD_UNIT, "2件"),
        ("东城区 储蓄 200", ProblemCode.UNKNOWN_BRANCH, "东城区"),
        ("正阳 储畜 200", ProblemCode.UNKNOWN_METRIC, "储畜"),
        ("正阳 储蓄 200 加油", ProblemCode.UNKNOWN_WORD, "加油"),
        ("正阳 储蓄 0", ProblemCode.NOT_POSITIVE, "0"),
        ("正阳 储蓄 -50", ProblemCode.NOT_POSITIVE, "-50"),
        ("正阳 保险 很多", ProblemCode.BAD_VALUE, "很多"),
        ("正阳 储蓄 2000000", ProblemCode.NEEDS_UNIT, "2000000"),
        ("正阳 储蓄 月", ProblemCode.MISSING_VALUE, "储蓄"),
        ("正阳 200 月", ProblemCode.MISSING_METRIC, "200"),
        ("储蓄 200 月", ProblemCode.MISSING_BRANCH, "储蓄 200 月"),
        ("正阳 月", ProblemCode.NO_TARGET, "正阳 月"),
        ("正阳 储蓄 200 13月", ProblemCode.BAD_PERIOD, "13月"),
        ("正阳 储蓄 200 月 周", ProblemCode.SEVERAL_PERIODS, "周"),
    ],
    ids=lambda value: value if isinstance(value, str) and " " in value else "",
)
def test_a_line_that_cannot_be_stored_names_its_problem(
    text: str, code: ProblemCode, word: str, catalogue: Catalogue
) -> None:
    assert problems(text, catalogue) == [TargetProblem(1, code, word)]


def test_the_same_target_with_two_values_is_a_duplicate(catalogue: Catalogue) -> None:
    assert problems("正阳 储蓄 200\n正阳 存款 300", catalogue) == [
        TargetProblem(2, ProblemCode.DUPLICATE, "正阳 储蓄")
    ]


def test_the_same_target_repeated_with_its_value_is_kept_once(catalogue: Catalogue) -> None:
    assert targets("正阳 储蓄 200\n正阳 储蓄 200万", catalogue) == [
        Target("正阳营业所", "deposit", JULY, 200)
    ]


def test_every_line_that_cannot_be_stored_is_named(catalogue: Catalogue) -> None:
    text = "正阳 储蓄 200\n东城区 储蓄 100\n姜家 保险 2件\n四明 储蓄 100"
    assert [(p.row, p.code) for p in problems(text, catalogue)] == [
        (2, ProblemCode.UNKNOWN_BRANCH),
        (3, ProblemCode.BAD_UNIT),
    ]


WORDS = ["正阳", "储蓄", "积分", "保险", "走访", "月", "下月", "10月", "万", "元", "户", "件"]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=8))
def test_reading_a_command_never_raises(pieces: list[str], catalogue: Catalogue) -> None:
    parse_target_lines(" ".join(pieces), catalogue=catalogue, today=TODAY)


def test_a_long_sheet_has_one_target_a_row(catalogue: Catalogue) -> None:
    rows = [
        ["网点", "指标", "目标值", "周期"],
        ["正阳", "储蓄", 200, "月"],
        ["姜家", "积分", 800, "周"],
    ]
    assert sheet(rows, catalogue) == TargetInput(
        (
            Target("正阳营业所", "deposit", JULY, 200),
            Target("姜家营业所", POINTS, THIS_WEEK, 800),
        ),
        (),
    )


def test_a_long_sheet_may_have_english_headers(catalogue: Catalogue) -> None:
    rows = [["Branch", "Metric", "Target", "Period"], ["正阳营业所", "保险", "50万", "quarter"]]
    assert sheet(rows, catalogue).targets == (Target("正阳营业所", "insurance", Q3, 50),)


def test_a_wide_sheet_has_a_column_per_metric(catalogue: Catalogue) -> None:
    rows = [
        ["序号", "网点", "储蓄(万元)", "保险目标", "周期"],
        [1, "正阳", 200, 50.0, "月"],
        [2, "姜家", 150, None, "季度"],
        [None, "合计", 350, 50, None],
    ]
    assert sheet(rows, catalogue) == TargetInput(
        (
            Target("正阳营业所", "deposit", JULY, 200),
            Target("正阳营业所", "insurance", JULY, 50),
            Target("姜家营业所", "deposit", Q3, 150),
        ),
        (),
    )


def test_a_sheets_money_cell_may_carry_its_unit(catalogue: Catalogue) -> None:
    rows = [["网点", "储蓄"], ["正阳", "2000000元"]]
    assert sheet(rows, catalogue).targets == (Target("正阳营业所", "deposit", JULY, 200),)


@pytest.mark.parametrize(
    "start",
    [date(2026, 10, 15), datetime(2026, 10, 1), "2026-10", "2026/10/20", "2026年10月"],
    ids=str,
)
def test_a_start_cell_picks_the_period_containing_it(start: object, catalogue: Catalogue) -> None:
    rows = [["网点", "指标", "目标", "开始"], ["正阳", "储蓄", 200, start]]
    assert sheet(rows, catalogue).targets == (Target("正阳营业所", "deposit", OCTOBER, 200),)


def test_a_date_in_the_period_column_names_its_month(catalogue: Catalogue) -> None:
    # Excel turns 2026-10 typed into a 月份 cell into the date 2026-10-01.
    rows = [["网点", "储蓄", "月份"], ["正阳", 200, datetime(2026, 10, 1)]]
    assert sheet(rows, catalogue).targets == (Target("正阳营业所", "deposit", OCTOBER, 200),)


def test_rows_keep_the_numbers_excel_shows(catalogue: Catalogue) -> None:
    rows = [[], ["网点", "储蓄"], ["正阳", 200], [None, None], ["东城区", 100]]
    assert sheet(rows, catalogue).problems == (
        TargetProblem(5, ProblemCode.UNKNOWN_BRANCH, "东城区"),
    )


def test_each_refused_row_is_named_beside_the_good_targets(catalogue: Catalogue) -> None:
    rows = [
        ["网点", "指标", "目标", "周期"],
        ["正阳", "储蓄", 200, "月"],
        ["利民", "储畜", 100, "月"],
        ["四明", "保险", "2件", "月"],
        ["西环路", "走访", 0, "月"],
        ["东城", "走访", 300, "半年"],
        ["姜家", "保险", 30, "下月"],
    ]
    result = sheet(rows, catalogue)
    assert [t.branch for t in result.targets] == ["正阳营业所", "姜家营业所"]
    assert [(p.row, p.code, p.word) for p in result.problems] == [
        (3, ProblemCode.UNKNOWN_METRIC, "储畜"),
        (4, ProblemCode.BAD_UNIT, "2件"),
        (5, ProblemCode.NOT_POSITIVE, "0"),
        (6, ProblemCode.BAD_PERIOD, "半年"),
    ]


@pytest.mark.parametrize(
    ("row", "code", "word"),
    [
        (["正阳", "", 200], ProblemCode.MISSING_METRIC, "正阳 200"),
        (["正阳", "储蓄", None], ProblemCode.MISSING_VALUE, "储蓄"),
        ([None, "储蓄", 200], ProblemCode.MISSING_BRANCH, "储蓄 200"),
        (["正阳", "储蓄", "很多"], ProblemCode.BAD_VALUE, "很多"),
    ],
    ids=["no metric", "no value", "no branch", "not a number"],
)
def test_a_long_row_missing_a_part_is_refused(
    row: list[object], code: ProblemCode, word: str, catalogue: Catalogue
) -> None:
    result = sheet([["网点", "指标", "目标"], row], catalogue)
    assert result.problems == (TargetProblem(2, code, word),)


def test_a_wide_column_naming_no_metric_is_refused(catalogue: Catalogue) -> None:
    rows = [["网点", "储畜", "保险", "备注"], ["正阳", 200, 50, "新网点"]]
    assert sheet(rows, catalogue).problems == (
        TargetProblem(1, ProblemCode.UNKNOWN_METRIC, "储畜"),
    )


def test_a_start_that_is_no_day_is_refused(catalogue: Catalogue) -> None:
    rows = [["网点", "储蓄", "开始"], ["正阳", 200, "国庆后"]]
    assert sheet(rows, catalogue).problems == (TargetProblem(2, ProblemCode.BAD_PERIOD, "国庆后"),)


def test_a_start_outside_the_named_period_is_refused(catalogue: Catalogue) -> None:
    rows = [["网点", "储蓄", "周期", "开始"], ["正阳", 200, "10月", "2026-11-01"]]
    assert sheet(rows, catalogue).problems == (
        TargetProblem(2, ProblemCode.START_OUTSIDE_PERIOD, "2026-11-01"),
    )


def test_a_target_set_twice_in_a_sheet_is_a_duplicate(catalogue: Catalogue) -> None:
    rows = [["网点", "指标", "目标"], ["正阳", "储蓄", 200], ["正阳营业所", "存款", 250]]
    assert sheet(rows, catalogue).problems == (
        TargetProblem(3, ProblemCode.DUPLICATE, "正阳 储蓄"),
    )


@pytest.mark.parametrize(
    "rows",
    [[], [[None, ""]], [["正阳", 200]], [["网点", "目标"], ["正阳", 200]]],
    ids=["empty", "blank", "data without header", "no metric column"],
)
def test_a_sheet_without_a_header_is_refused(
    rows: list[list[object]], catalogue: Catalogue
) -> None:
    [problem] = sheet(rows, catalogue).problems
    assert problem.code is ProblemCode.NO_HEADER
