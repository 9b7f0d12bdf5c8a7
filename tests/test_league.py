"""League rounds: everyone meets everyone, one round a week, and the season table."""

from __future__ import annotations

from datetime import date
from itertools import combinations

import pytest

from bot.domain.contests import MatchScore, Side, SideScore
from bot.domain.league import draw, season, table


@pytest.mark.parametrize("count", range(2, 13))
def test_one_cycle_of_the_draw_pairs_every_two_branches_exactly_once(count: int) -> None:
    branches = [f"网点{i}" for i in range(count)]

    met = [frozenset(pair) for pairs, _ in draw(branches) for pair in pairs]

    assert sorted(met, key=sorted) == sorted(
        (frozenset(p) for p in combinations(branches, 2)), key=sorted
    )


def test_with_an_odd_field_each_branch_sits_out_one_round() -> None:
    byes = [bye for _, bye in draw(["A", "B", "C", "D", "E"])]

    assert sorted(b for b in byes if b is not None) == ["A", "B", "C", "D", "E"]


def test_each_round_is_one_week_from_the_first_day_and_the_last_may_be_shorter() -> None:
    rounds = season(["A", "B", "C", "D"], date(2026, 9, 7), date(2026, 9, 30))

    assert [(r.number, r.first, r.last) for r in rounds] == [
        (1, date(2026, 9, 7), date(2026, 9, 13)),
        (2, date(2026, 9, 14), date(2026, 9, 20)),
        (3, date(2026, 9, 21), date(2026, 9, 27)),
        (4, date(2026, 9, 28), date(2026, 9, 30)),
    ]
    assert rounds[3].pairs == rounds[0].pairs, "a longer season starts the draw again"


def _result(a: str, a_score: float, b: str, b_score: float) -> MatchScore:
    leader = None if a_score == b_score else (0 if a_score > b_score else 1)
    return MatchScore(
        SideScore(Side((a,)), a_score, 0),
        SideScore(Side((b,)), b_score, 0),
        leader=leader,
        margin=abs(a_score - b_score),
    )


def test_the_table_gives_three_for_a_win_one_for_a_draw() -> None:
    results = [_result("A", 10, "B", 5), _result("C", 7, "D", 7), _result("A", 3, "C", 4)]

    rows = {row.branch: row for row in table(["A", "B", "C", "D"], results, 2)}

    assert (rows["A"].won, rows["A"].lost, rows["A"].points) == (1, 1, 3)
    assert (rows["C"].won, rows["C"].drawn, rows["C"].points) == (1, 1, 4)
    assert (rows["D"].drawn, rows["D"].points) == (1, 1)
    assert (rows["B"].lost, rows["B"].points) == (1, 0)


def test_equal_points_are_decided_by_score_difference_then_shared() -> None:
    results = [_result("A", 10, "B", 5), _result("C", 7, "D", 6)]

    ranked = [(row.rank, row.branch) for row in table(["A", "B", "C", "D"], results, 2)]

    assert ranked == [(1, "A"), (2, "C"), (3, "D"), (4, "B")]


def test_rows_equal_in_everything_share_a_rank() -> None:
    ranked = [(row.rank, row.branch) for row in table(["A", "B"], [_result("A", 5, "B", 5)], 2)]

    assert ranked == [(1, "A"), (1, "B")]
