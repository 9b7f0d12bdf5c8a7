"""The one-message form of `/pk new`, as managers type it, and what it refuses."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.catalogue import Catalogue
from bot.domain.contest_input import ContestProblem, ContestProblemCode, ContestSpec, read_contest
from bot.domain.contests import Rule, Scoring

JUNE_25 = date(2026, 6, 25)
Code = ContestProblemCode


def _read(text: str, catalogue: Catalogue, today: date = JUNE_25) -> ContestSpec:
    spec = read_contest(text, catalogue=catalogue, today=today)
    assert isinstance(spec, ContestSpec), spec
    return spec


def _problems(text: str, catalogue: Catalogue) -> list[ContestProblem]:
    result = read_contest(text, catalogue=catalogue, today=JUNE_25)
    assert isinstance(result, tuple), result
    return list(result)


def _pairs(spec: ContestSpec, catalogue: Catalogue) -> list[tuple[str, ...]]:
    return [
        tuple("+".join(catalogue.branch(b).short_name for b in side.branches) for side in m.sides)
        for m in spec.matches
    ]


def test_the_issue_example_reads_whole(catalogue: Catalogue) -> None:
    spec = _read(
        "7月储蓄保险PK 7/1-7/31 储蓄,保险 正阳:姜家 四明:东城 利民城:西环路 "
        "奖励：获胜网点每人100元",
        catalogue,
    )

    assert (spec.name, spec.first, spec.last) == (
        "7月储蓄保险PK",
        date(2026, 7, 1),
        date(2026, 7, 31),
    )
    assert spec.scoring == Scoring(Rule.METRICS, (("deposit", 1.0), ("insurance", 3.0)))
    assert _pairs(spec, catalogue) == [("正阳", "姜家"), ("四明", "东城"), ("利民城", "西环路")]
    assert spec.reward == "获胜网点每人100元"


def test_scoring_defaults_to_points(catalogue: Catalogue) -> None:
    assert _read("PK 7/1-7/31 正阳:姜家", catalogue).scoring == Scoring(Rule.POINTS)


@pytest.mark.parametrize(
    ("word", "scoring"),
    [
        ("积分", Scoring(Rule.POINTS)),
        ("储蓄", Scoring(Rule.METRICS, (("deposit", 1.0),))),
        ("储蓄*2,保险×3", Scoring(Rule.METRICS, (("deposit", 2.0), ("insurance", 3.0)))),
        ("完成率", Scoring(Rule.COMPLETION)),
        ("储蓄完成率", Scoring(Rule.COMPLETION, (("deposit", 1.0),))),
        ("晨会", Scoring(Rule.METRICS, (("meetings", 1.0),))),
    ],
)
def test_each_scoring_rule_has_its_word(word: str, scoring: Scoring, catalogue: Catalogue) -> None:
    assert _read(f"PK 7/1-7/31 {word} 正阳:姜家", catalogue).scoring == scoring


@pytest.mark.parametrize(
    ("period", "first", "last"),
    [
        ("7月1日-7月31日", date(2026, 7, 1), date(2026, 7, 31)),
        ("7月1日至31日", date(2026, 7, 1), date(2026, 7, 31)),
        ("2026-07-01~2026-07-15", date(2026, 7, 1), date(2026, 7, 15)),
        ("7月", date(2026, 7, 1), date(2026, 7, 31)),
        ("下月", date(2026, 7, 1), date(2026, 7, 31)),
        ("本周", date(2026, 6, 22), date(2026, 6, 28)),
    ],
)
def test_periods_are_read_as_people_write_them(
    period: str, first: date, last: date, catalogue: Catalogue
) -> None:
    spec = _read(f"PK {period} 正阳:姜家", catalogue)

    assert (spec.first, spec.last) == (first, last)


def test_a_period_across_new_year_runs_into_the_next_year(catalogue: Catalogue) -> None:
    spec = _read("跨年PK 12/20-1/10 正阳:姜家", catalogue, today=date(2026, 12, 5))

    assert (spec.first, spec.last) == (date(2026, 12, 20), date(2027, 1, 10))


def test_teams_join_branches_with_a_plus(catalogue: Catalogue) -> None:
    spec = _read("团队PK 7/1-7/31 正阳+四明 : 姜家、东城", catalogue)

    assert _pairs(spec, catalogue) == [("正阳+四明", "姜家+东城")]


def test_vs_separates_a_pair_as_well(catalogue: Catalogue) -> None:
    assert _pairs(_read("PK 7/1-7/31 正阳 vs 姜家", catalogue), catalogue) == [("正阳", "姜家")]


def test_auto_asks_for_pairing_by_size_of_the_listed_branches(catalogue: Catalogue) -> None:
    spec = _read("PK 7/1-7/31 自动 正阳 姜家 四明 东城", catalogue)

    assert spec.auto == ("正阳营业所", "姜家营业所", "四明营业所", "东城营业所")
    assert spec.matches == ()


def test_auto_alone_pairs_every_branch(catalogue: Catalogue) -> None:
    assert _read("PK 7/1-7/31 自动", catalogue).auto == ()


def test_a_league_takes_every_branch_unless_some_are_listed(catalogue: Catalogue) -> None:
    assert len(_read("秋季联赛 7/6-8/30 联赛", catalogue).league) == 6
    assert len(_read("小联赛 7/6-7/26 联赛 正阳 姜家 四明 东城", catalogue).league) == 4


def test_an_unknown_branch_is_named(catalogue: Catalogue) -> None:
    assert _problems("PK 7/1-7/31 正阳:火星", catalogue) == [
        ContestProblem(Code.UNKNOWN_BRANCH, "火星")
    ]


def test_a_branch_on_both_sides_is_refused(catalogue: Catalogue) -> None:
    assert _problems("PK 7/1-7/31 正阳:正阳所", catalogue) == [ContestProblem(Code.TWICE, "正阳")]


def test_a_branch_in_two_pairs_is_refused(catalogue: Catalogue) -> None:
    assert _problems("PK 7/1-7/31 正阳:姜家 正阳:东城", catalogue) == [
        ContestProblem(Code.TWICE, "正阳")
    ]


def test_an_end_before_the_start_is_refused(catalogue: Catalogue) -> None:
    assert _problems("PK 7/31-7/1 正阳:姜家", catalogue) == [
        ContestProblem(Code.END_BEFORE_START, "7/31-7/1")
    ]


def test_an_impossible_date_is_named(catalogue: Catalogue) -> None:
    assert _problems("PK 7/1-7/32 正阳:姜家", catalogue) == [
        ContestProblem(Code.BAD_DATE, "7/1-7/32")
    ]


def test_every_problem_is_named_at_once(catalogue: Catalogue) -> None:
    codes = [p.code for p in _problems("PK 7/31-7/1 正阳:正阳 火星:姜家", catalogue)]

    assert codes == [Code.UNKNOWN_BRANCH, Code.END_BEFORE_START, Code.TWICE]


def test_a_missing_name_period_or_sides_is_named(catalogue: Catalogue) -> None:
    assert [p.code for p in _problems("7/1-7/31 正阳:姜家", catalogue)] == [Code.NO_NAME]
    assert [p.code for p in _problems("PK 正阳:姜家", catalogue)] == [Code.NO_PERIOD]
    assert [p.code for p in _problems("PK 7/1-7/31 储蓄", catalogue)] == [Code.NO_SIDES]


def test_a_branch_without_an_opponent_is_named(catalogue: Catalogue) -> None:
    assert _problems("PK 7/1-7/31 正阳:姜家 四明", catalogue) == [
        ContestProblem(Code.NO_OPPONENT, "四明")
    ]


def test_an_unknown_metric_in_the_scoring_is_named(catalogue: Catalogue) -> None:
    assert _problems("PK 7/1-7/31 储蓄,保费险 正阳:姜家", catalogue) == [
        ContestProblem(Code.UNKNOWN_METRIC, "保费险")
    ]


def test_a_league_too_short_for_everyone_to_meet_is_refused(catalogue: Catalogue) -> None:
    assert _problems("夏季联赛 7/6-7/26 联赛", catalogue) == [
        ContestProblem(Code.LEAGUE_TOO_SHORT, "5")
    ]


def test_judged_metrics_without_points_count_one_each(catalogue: Catalogue) -> None:
    spec = _read("晨会PK 7/1-7/31 晨会,服务礼仪 正阳:姜家", catalogue)

    assert spec.scoring == Scoring(Rule.METRICS, (("meetings", 1.0), ("service", 1.0)))


def test_a_weight_of_zero_is_refused(catalogue: Catalogue) -> None:
    assert _problems("PK 7/1-7/31 储蓄*0,保险 正阳:姜家", catalogue) == [
        ContestProblem(Code.UNKNOWN_WORD, "储蓄*0")
    ]


@pytest.mark.parametrize(
    ("sides", "word"),
    [("联赛 正阳 姜家 四明:东城", "联赛"), ("正阳:姜家 自动", "自动"), ("自动 联赛", "联赛")],
)
def test_given_pairs_and_a_way_of_pairing_cannot_be_mixed(
    sides: str, word: str, catalogue: Catalogue
) -> None:
    assert ContestProblem(Code.MIXED_SIDES, word) in _problems(f"PK 7/1-8/30 {sides}", catalogue)


def test_a_second_period_or_scoring_rule_is_refused(catalogue: Catalogue) -> None:
    assert _problems("PK 7/1-7/31 8月 储蓄 完成率 正阳:姜家", catalogue) == [
        ContestProblem(Code.SEVERAL, "8月"),
        ContestProblem(Code.SEVERAL, "完成率"),
    ]


@pytest.mark.parametrize("period", ["7/1 - 7/31", "7月1日 至 7月31日", "7月1日 到 31日"])
def test_spaces_around_the_range_sign_are_fine(period: str, catalogue: Catalogue) -> None:
    spec = _read(f"PK {period} 正阳:姜家", catalogue)

    assert (spec.first, spec.last) == (date(2026, 7, 1), date(2026, 7, 31))


def test_a_name_may_hold_the_word_for_reward(catalogue: Catalogue) -> None:
    spec = _read("冲刺奖励赛 7/1-7/31 正阳:姜家 奖励：每人100元", catalogue)

    assert (spec.name, spec.reward) == ("冲刺奖励赛", "每人100元")


def test_a_contest_already_over_is_refused(catalogue: Catalogue) -> None:
    assert _problems("PK 5/1-5/31 正阳:姜家", catalogue) == [ContestProblem(Code.OVER, "5/1-5/31")]


def test_a_winter_contest_set_in_summer_is_next_winters(catalogue: Catalogue) -> None:
    spec = _read("冬季PK 12/20-1/10 正阳:姜家", catalogue, today=date(2026, 6, 20))

    assert (spec.first, spec.last) == (date(2026, 12, 20), date(2027, 1, 10))


def test_a_contest_begun_this_month_keeps_this_years_start(catalogue: Catalogue) -> None:
    spec = _read("PK 7/1-7/31 正阳:姜家", catalogue, today=date(2026, 7, 3))

    assert spec.first == date(2026, 7, 1)
