"""Contest scoring and standings, as plain functions over plain figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.catalogue import Catalogue
from bot.domain.contests import Contest, Grid, Match, Rule, Scoring, Side, sums_of
from bot.domain.pairing import pair_by_size
from bot.domain.standings import Standings, TargetOf, spans, standings

ZHENGYANG, JIANGJIA, SIMING, DONGCHENG = "正阳营业所", "姜家营业所", "四明营业所", "东城营业所"
JULY_1, JULY_2, JULY_3, JULY_31 = (date(2026, 7, d) for d in (1, 2, 3, 31))


def _no_targets(branch: str, metric: str, first: date, last: date) -> float | None:
    return None


def _pair(scoring: Scoring, *teams: tuple[str, ...]) -> Contest:
    first, second = teams if teams else ((ZHENGYANG,), (JIANGJIA,))
    match = Match(Side(first), Side(second))
    return Contest(1, "7月PK", JULY_1, JULY_31, scoring, matches=(match,))


def _standings(
    contest: Contest,
    grid: Grid,
    catalogue: Catalogue,
    *,
    through: date = JULY_2,
    target_of: TargetOf | None = None,
) -> Standings:
    previous = through - timedelta(days=1)
    return standings(
        contest,
        sums_of(grid, spans(contest, through=through, previous=previous)),
        through=through,
        previous=previous,
        catalogue=catalogue,
        target_of=target_of or _no_targets,
    )


def test_points_scoring_weighs_every_metric_by_the_catalogue(catalogue: Catalogue) -> None:
    grid = {JULY_1: {ZHENGYANG: {"deposit": 35, "insurance": 2}, JIANGJIA: {"deposit": 40}}}

    [match] = _standings(_pair(Scoring(Rule.POINTS)), grid, catalogue).matches

    assert (match.first.score, match.second.score) == (41, 40)
    assert match.leader == 0
    assert match.margin == 1


def test_one_metric_counts_only_that_metric(catalogue: Catalogue) -> None:
    grid = {JULY_1: {ZHENGYANG: {"deposit": 35, "insurance": 20}, JIANGJIA: {"deposit": 40}}}
    scoring = Scoring(Rule.METRICS, (("deposit", 1.0),))

    [match] = _standings(_pair(scoring), grid, catalogue).matches

    assert (match.first.score, match.second.score, match.leader) == (35, 40, 1)


def test_a_weighted_subset_sums_its_metrics_with_their_weights(catalogue: Catalogue) -> None:
    grid = {JULY_1: {ZHENGYANG: {"deposit": 10, "insurance": 2, "visits": 100}}}
    scoring = Scoring(Rule.METRICS, (("deposit", 2.0), ("insurance", 3.0)))

    [match] = _standings(_pair(scoring), grid, catalogue).matches

    assert match.first.score == 26


def test_completion_compares_each_branch_with_its_own_target(catalogue: Catalogue) -> None:
    grid = {JULY_1: {ZHENGYANG: {"deposit": 50}, JIANGJIA: {"deposit": 90}}}
    targets = {ZHENGYANG: 100.0, JIANGJIA: 300.0}
    scoring = Scoring(Rule.COMPLETION, (("deposit", 1.0),))

    [match] = _standings(
        _pair(scoring), grid, catalogue, target_of=lambda b, m, f, last: targets[b]
    ).matches

    assert (match.first.score, match.second.score) == (0.5, 0.3)
    assert match.leader == 0, "the small branch with half its target leads the large one"


def test_completion_without_a_target_scores_nothing_and_says_so(catalogue: Catalogue) -> None:
    grid = {JULY_1: {ZHENGYANG: {"deposit": 50}, JIANGJIA: {"deposit": 90}}}

    [match] = _standings(_pair(Scoring(Rule.COMPLETION)), grid, catalogue).matches

    assert match.first.no_target
    assert match.first.score == 0
    assert match.undecided, "a missing target decides nothing"
    assert match.leader is None


def test_a_team_with_one_branch_lacking_a_target_is_undecided(catalogue: Catalogue) -> None:
    grid = {JULY_1: {ZHENGYANG: {"deposit": 50}, SIMING: {"deposit": 50}}}
    contest = _pair(Scoring(Rule.COMPLETION, (("deposit", 1.0),)), (ZHENGYANG, SIMING), (JIANGJIA,))
    targets = {ZHENGYANG: 100.0, JIANGJIA: 100.0}

    [match] = _standings(
        contest, grid, catalogue, target_of=lambda b, m, f, last: targets.get(b)
    ).matches

    assert match.undecided


def test_judged_scores_add_up_over_the_days(catalogue: Catalogue) -> None:
    grid = {
        JULY_1: {ZHENGYANG: {"meetings": 9.5}, JIANGJIA: {"meetings": 9}},
        JULY_2: {ZHENGYANG: {"meetings": 8}, JIANGJIA: {"meetings": 9}},
    }
    scoring = Scoring(Rule.METRICS, (("meetings", 1.0),))

    [match] = _standings(_pair(scoring), grid, catalogue).matches

    assert (match.first.score, match.second.score) == (17.5, 18)


def test_a_team_scores_the_total_of_its_branches(catalogue: Catalogue) -> None:
    grid = {
        JULY_1: {
            ZHENGYANG: {"deposit": 10},
            SIMING: {"deposit": 15},
            JIANGJIA: {"deposit": 20},
            DONGCHENG: {"deposit": 1},
        }
    }
    contest = _pair(Scoring(Rule.POINTS), (ZHENGYANG, SIMING), (JIANGJIA, DONGCHENG))

    [match] = _standings(contest, grid, catalogue).matches

    assert (match.first.score, match.second.score, match.margin) == (25, 21, 4)


def test_equal_scores_are_a_tie_with_no_leader(catalogue: Catalogue) -> None:
    grid = {JULY_1: {ZHENGYANG: {"deposit": 20.001}, JIANGJIA: {"deposit": 20}}}

    [match] = _standings(_pair(Scoring(Rule.POINTS)), grid, catalogue).matches

    assert match.leader is None
    assert match.margin == 0


def test_the_change_is_what_each_side_gained_since_the_previous_standings(
    catalogue: Catalogue,
) -> None:
    grid = {
        JULY_1: {ZHENGYANG: {"deposit": 30}, JIANGJIA: {"deposit": 20}},
        JULY_2: {ZHENGYANG: {"deposit": 5}, JIANGJIA: {"deposit": 25}},
    }

    [match] = _standings(_pair(Scoring(Rule.POINTS)), grid, catalogue).matches

    assert (match.first.change, match.second.change) == (5, 25)
    assert match.leader == 1
    assert match.overtaken, "姜家 was behind after 7月1日"


def test_a_correction_to_an_earlier_day_shows_in_the_next_standings(
    catalogue: Catalogue,
) -> None:
    grid = {JULY_1: {ZHENGYANG: {"deposit": 30}, JIANGJIA: {"deposit": 20}}}
    before = _standings(_pair(Scoring(Rule.POINTS)), grid, catalogue, through=JULY_2)
    grid[JULY_1][ZHENGYANG]["deposit"] = 3

    after = _standings(_pair(Scoring(Rule.POINTS)), grid, catalogue, through=JULY_3)

    assert before.matches[0].leader == 0
    assert (after.matches[0].first.score, after.matches[0].leader) == (3, 1)


def test_days_left_count_the_contest_days_still_to_report(catalogue: Catalogue) -> None:
    contest = _pair(Scoring(Rule.POINTS))

    assert _standings(contest, {}, catalogue, through=date(2026, 7, 27)).days_left == 4
    assert _standings(contest, {}, catalogue, through=JULY_31).finished


def test_days_after_the_end_do_not_count(catalogue: Catalogue) -> None:
    grid = {date(2026, 8, 1): {ZHENGYANG: {"deposit": 100}}}
    contest = _pair(Scoring(Rule.POINTS))

    result = _standings(contest, grid, catalogue, through=date(2026, 8, 2))

    assert result.through == JULY_31
    assert result.matches[0].first.score == 0


def test_a_contest_before_its_first_day_has_not_started(catalogue: Catalogue) -> None:
    contest = _pair(Scoring(Rule.POINTS))

    assert not _standings(contest, {}, catalogue, through=date(2026, 6, 30)).started


def test_pairing_by_size_pairs_neighbours_in_the_points_ranking() -> None:
    points = {"A": 900.0, "B": 100.0, "C": 850.0, "D": 120.0, "E": 500.0}

    pairs, odd = pair_by_size(["A", "B", "C", "D", "E"], points)

    assert [(m.first.branches[0], m.second.branches[0]) for m in pairs] == [
        ("A", "C"),
        ("E", "D"),
    ]
    assert odd == "B"


@pytest.mark.parametrize("count", [2, 4, 6])
def test_pairing_an_even_field_leaves_nobody_out(count: int) -> None:
    branches = [f"网点{i}" for i in range(count)]

    pairs, odd = pair_by_size(branches, {})

    assert len(pairs) == count // 2
    assert odd is None


def test_a_score_reads_only_the_metrics_its_rule_counts(catalogue: Catalogue) -> None:
    weighted = Scoring(Rule.METRICS, (("deposit", 2.0), ("insurance", 3.0)))
    completion = Scoring(Rule.COMPLETION, (("deposit", 1.0),))

    assert weighted.counted(catalogue) == {"deposit", "insurance"}
    assert completion.counted(catalogue) == {"deposit"}
    assert Scoring(Rule.POINTS).counted(catalogue) == {m.key for m in catalogue.metrics}
    assert Scoring(Rule.COMPLETION).counted(catalogue) == {m.key for m in catalogue.metrics}


def test_a_league_reads_each_round_played_and_the_current_one_so_far() -> None:
    entrants = (ZHENGYANG, JIANGJIA, SIMING, DONGCHENG)
    league = Contest(1, "联赛", JULY_1, JULY_31, Scoring(Rule.POINTS), league=entrants)
    july = lambda day: date(2026, 7, day)  # noqa: E731

    read = spans(league, through=july(16), previous=july(15))

    assert {(july(1), july(7)), (july(8), july(14)), (july(15), july(16))} <= read
    assert (july(15), july(15)) in read
