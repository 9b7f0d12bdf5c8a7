"""The weekly summary's content, from a fixed week of figures and targets."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.catalogue import Catalogue
from bot.domain.periods import PeriodKind
from bot.domain.summary import Discipline
from bot.domain.targets import POINTS
from tests.summary_data import week_summary


def test_the_week_ranks_every_branch_by_points_with_silent_ones_last(
    catalogue: Catalogue,
) -> None:
    summary = week_summary(catalogue)

    assert [(row.rank, row.branch, row.value) for row in summary.ranking] == [
        (1, "正阳营业所", 120),
        (2, "四明营业所", 100),
        (3, "姜家营业所", 75),
        (4, "西环路营业所", 30),
        (5, "东城营业所", 10),
        (6, "利民城营业所", 0),
    ]


def test_the_week_runs_monday_to_sunday(catalogue: Catalogue) -> None:
    summary = week_summary(catalogue)

    assert (summary.period.first, summary.period.last) == (date(2026, 9, 21), date(2026, 9, 27))


def test_month_progress_counts_the_month_so_far_against_its_working_days(
    catalogue: Catalogue,
) -> None:
    siming = week_summary(catalogue).month_progress[2]

    assert (siming.branch, siming.metric) == ("四明营业所", "deposit")
    assert siming.completion == 1
    assert siming.time_progress == pytest.approx(19 / 22)


def test_points_targets_come_before_metric_targets_and_branches_keep_roster_order(
    catalogue: Catalogue,
) -> None:
    rows = week_summary(catalogue).month_progress

    assert [(p.branch, p.metric) for p in rows] == [
        ("姜家营业所", "deposit"),
        ("四明营业所", POINTS),
        ("四明营业所", "deposit"),
        ("正阳营业所", "deposit"),
    ]


def test_branches_behind_time_progress_are_named(catalogue: Catalogue) -> None:
    behind = {(p.branch, p.metric) for p in week_summary(catalogue).behind}

    assert behind == {("姜家营业所", "deposit"), ("四明营业所", POINTS), ("正阳营业所", "deposit")}


def test_the_headline_target_is_points_when_a_branch_has_one(catalogue: Catalogue) -> None:
    assert week_summary(catalogue).headline == POINTS


def test_discipline_counts_reported_working_days(catalogue: Catalogue) -> None:
    discipline = {d.branch: d for d in week_summary(catalogue).discipline}

    assert discipline["东城营业所"] == Discipline("东城营业所", 1, 4)
    assert discipline["利民城营业所"] == Discipline("利民城营业所", 0, 4)
    assert discipline["正阳营业所"] == Discipline("正阳营业所", 4, 4)


def test_the_weeks_points_target_is_its_share_of_the_months(catalogue: Catalogue) -> None:
    # Four of September's 22 working days fall in the week.
    assert week_summary(catalogue).points_targets == {"四明营业所": pytest.approx(200 * 4 / 22)}


def test_figures_after_the_last_report_day_are_left_out(catalogue: Catalogue) -> None:
    summary = week_summary(catalogue, through=date(2026, 9, 22))

    assert summary.ranking[0].value == 60
    assert max(summary.figures) == date(2026, 9, 22)


def test_a_month_summary_covers_the_month_so_far(catalogue: Catalogue) -> None:
    summary = week_summary(catalogue, kind=PeriodKind.MONTH)

    assert (summary.period.first, summary.period.last) == (date(2026, 9, 1), date(2026, 9, 30))
    assert {d.working for d in summary.discipline} == {19}
