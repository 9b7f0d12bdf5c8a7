"""Rankings by points or by one metric: ties share a rank, silence is 未报."""

from __future__ import annotations

import dataclasses
from datetime import date

from bot.domain.catalogue import Catalogue
from bot.domain.ranking import points, rank_branches

DAY = date(2026, 7, 27)


def test_points_are_the_weighted_sum_of_the_catalogue(catalogue: Catalogue) -> None:
    # deposit 1/万, insurance 3/万, visits 0.5/户
    assert points({"deposit": 35, "insurance": 2, "visits": 12}, catalogue) == 47


def test_a_catalogue_made_anew_weighs_by_its_own_points(catalogue: Catalogue) -> None:
    doubled = tuple(dataclasses.replace(m, points=m.points * 2) for m in catalogue.metrics)

    assert points({"deposit": 35}, dataclasses.replace(catalogue, metrics=doubled)) == 70


def test_branches_are_ranked_by_points_best_first(catalogue: Catalogue) -> None:
    figures = {"正阳营业所": {"deposit": 10}, "姜家营业所": {"insurance": 5}}

    ranking = rank_branches(day=DAY, figures=figures, catalogue=catalogue)

    assert [(r.rank, r.branch, r.value) for r in ranking.rows] == [
        (1, "姜家营业所", 15),
        (2, "正阳营业所", 10),
    ]


def test_tied_branches_share_a_rank_and_the_next_rank_is_skipped(catalogue: Catalogue) -> None:
    figures = {
        "姜家营业所": {"deposit": 30},
        "东城营业所": {"deposit": 20},
        "利民城营业所": {"deposit": 20},
        "四明营业所": {"deposit": 5},
    }

    ranking = rank_branches(day=DAY, figures=figures, catalogue=catalogue)

    assert [r.rank for r in ranking.rows] == [1, 2, 2, 4]


def test_float_noise_does_not_break_a_tie(catalogue: Catalogue) -> None:
    figures = {"姜家营业所": {"deposit": 0.1, "wealth": 0.4}, "东城营业所": {"deposit": 0.3}}

    ranking = rank_branches(day=DAY, figures=figures, catalogue=catalogue)

    assert [r.rank for r in ranking.rows] == [1, 1]


def test_branches_without_figures_are_listed_as_not_reported(catalogue: Catalogue) -> None:
    ranking = rank_branches(day=DAY, figures={"正阳营业所": {"deposit": 1}}, catalogue=catalogue)

    assert ranking.missing == (
        "姜家营业所",
        "东城营业所",
        "利民城营业所",
        "四明营业所",
        "西环路营业所",
    )


def test_a_metric_ranking_counts_a_reporting_branch_without_that_metric_as_zero(
    catalogue: Catalogue,
) -> None:
    figures = {"正阳营业所": {"deposit": 35}, "姜家营业所": {"insurance": 2}}

    ranking = rank_branches(
        day=DAY, figures=figures, catalogue=catalogue, metric=catalogue.metric("deposit")
    )

    assert [(r.branch, r.value) for r in ranking.rows] == [("正阳营业所", 35), ("姜家营业所", 0)]
    assert "姜家营业所" not in ranking.missing


def test_a_negative_deposit_ranks_below_zero(catalogue: Catalogue) -> None:
    figures = {"正阳营业所": {"deposit": -5}, "姜家营业所": {"visits": 0}}

    ranking = rank_branches(day=DAY, figures=figures, catalogue=catalogue)

    assert [r.branch for r in ranking.rows] == ["姜家营业所", "正阳营业所"]
