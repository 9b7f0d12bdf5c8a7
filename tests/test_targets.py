"""Completion against time progress, over periods with holidays and adjusted working days."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.calendar import WorkCalendar
from bot.domain.catalogue import Catalogue
from bot.domain.periods import Period, PeriodKind, period_containing
from bot.domain.summary import progress_of
from bot.domain.targets import (
    POINTS,
    Target,
    progress,
    reached,
    share_of_months,
    targets_for,
    time_progress,
)

CALENDAR = WorkCalendar()
OCTOBER = period_containing(PeriodKind.MONTH, date(2026, 10, 15))
SEPTEMBER = period_containing(PeriodKind.MONTH, date(2026, 9, 15))


def test_october_2026_has_eighteen_working_days_after_the_national_day_holiday() -> None:
    assert len(list(CALENDAR.working_days(OCTOBER.first, OCTOBER.last))) == 18


def test_time_progress_does_not_move_during_the_holiday() -> None:
    assert time_progress(OCTOBER, date(2026, 10, 1), CALENDAR) == 0
    assert time_progress(OCTOBER, date(2026, 10, 7), CALENDAR) == 0


def test_time_progress_counts_the_adjusted_saturday_as_a_working_day() -> None:
    # 8, 9 and Saturday 10 October are the first three working days of eighteen.
    assert time_progress(OCTOBER, date(2026, 10, 10), CALENDAR) == pytest.approx(3 / 18)
    assert time_progress(OCTOBER, date(2026, 10, 11), CALENDAR) == pytest.approx(3 / 18)


def test_time_progress_is_complete_on_the_last_day_and_after() -> None:
    assert time_progress(OCTOBER, date(2026, 10, 31), CALENDAR) == 1
    assert time_progress(OCTOBER, date(2026, 11, 3), CALENDAR) == 1


def test_time_progress_is_nothing_before_the_period_starts() -> None:
    assert time_progress(OCTOBER, date(2026, 9, 30), CALENDAR) == 0


def test_completion_is_actual_over_target() -> None:
    row = progress(
        Target("正阳营业所", "deposit", OCTOBER, 200),
        50,
        through=date(2026, 10, 16),
        calendar=CALENDAR,
    )

    assert row.completion == 0.25
    assert row.gap == 150


def test_a_branch_trailing_time_progress_is_behind_and_projected_at_its_pace() -> None:
    # 16 October closes the 8th working day of 18: time progress 44%.
    row = progress(
        Target("正阳营业所", "deposit", OCTOBER, 200),
        80,
        through=date(2026, 10, 16),
        calendar=CALENDAR,
    )

    assert row.time_progress == pytest.approx(8 / 18)
    assert row.behind
    assert row.projection == pytest.approx(80 * 18 / 8)


def test_a_branch_ahead_of_time_progress_is_not_behind() -> None:
    row = progress(
        Target("姜家营业所", "deposit", OCTOBER, 200),
        100,
        through=date(2026, 10, 16),
        calendar=CALENDAR,
    )

    assert not row.behind


def test_a_target_exceeded_has_no_gap_left() -> None:
    row = progress(
        Target("姜家营业所", "deposit", OCTOBER, 200),
        260,
        through=date(2026, 10, 31),
        calendar=CALENDAR,
    )

    assert row.completion == pytest.approx(1.3)
    assert row.gap == 0


def test_a_week_takes_its_share_of_the_monthly_target_by_working_days() -> None:
    week = period_containing(PeriodKind.WEEK, date(2026, 10, 14))

    assert share_of_months(week.first, week.last, {OCTOBER: 180}, CALENDAR) == pytest.approx(
        180 * 5 / 18
    )


def test_a_week_across_two_months_takes_a_share_of_each() -> None:
    # 28–30 September are 3 of September's 22 working days; 1–4 October are holidays.
    week = period_containing(PeriodKind.WEEK, date(2026, 9, 30))

    share = share_of_months(week.first, week.last, {SEPTEMBER: 220, OCTOBER: 180}, CALENDAR)

    assert share == pytest.approx(220 * 3 / 22)


def test_a_week_needs_no_target_of_a_month_it_only_spends_holidays_in() -> None:
    # 1–4 October are National Day: the week works only in September.
    week = period_containing(PeriodKind.WEEK, date(2026, 9, 30))

    assert share_of_months(week.first, week.last, {SEPTEMBER: 220}, CALENDAR) == pytest.approx(
        220 * 3 / 22
    )


def test_a_week_has_no_derived_target_when_a_month_it_works_in_has_none() -> None:
    week = period_containing(PeriodKind.WEEK, date(2026, 10, 14))

    assert share_of_months(week.first, week.last, {SEPTEMBER: 220}, CALENDAR) is None


def test_a_week_of_holidays_has_no_target_rather_than_one_of_nothing() -> None:
    # 16–22 February 2026 is the Spring Festival week.
    spring_festival = period_containing(PeriodKind.WEEK, date(2026, 2, 18))
    february = period_containing(PeriodKind.MONTH, date(2026, 2, 18))

    assert (
        share_of_months(spring_festival.first, spring_festival.last, {february: 180}, CALENDAR)
        is None
    )


def test_a_weeks_own_target_wins_over_the_share_of_the_month() -> None:
    week = period_containing(PeriodKind.WEEK, date(2026, 10, 14))
    targets = [
        Target("正阳营业所", "deposit", OCTOBER, 180),
        Target("正阳营业所", "deposit", week, 70),
        Target("正阳营业所", "insurance", OCTOBER, 36),
    ]

    chosen = {t.metric: t.value for t in targets_for(week, targets, CALENDAR)}

    assert chosen == {"deposit": 70, "insurance": pytest.approx(36 * 5 / 18)}


def test_periods_contain_their_days() -> None:
    assert period_containing(PeriodKind.WEEK, date(2026, 10, 1)) == Period(
        PeriodKind.WEEK, date(2026, 9, 28), date(2026, 10, 4)
    )
    assert period_containing(PeriodKind.QUARTER, date(2026, 11, 28)) == Period(
        PeriodKind.QUARTER, date(2026, 10, 1), date(2026, 12, 31)
    )


def test_points_reached_are_the_weights_times_the_spans_totals(catalogue: Catalogue) -> None:
    sums = {"正阳营业所": {"deposit": 30, "insurance": 2, "visits": 12, "meetings": 5}}

    assert reached("正阳营业所", POINTS, sums, catalogue) == 30 * 1 + 2 * 3 + 12 * 0.5
    assert reached("正阳营业所", "insurance", sums, catalogue) == 2


def test_what_a_branch_reached_is_rounded_so_equal_totals_are_equal(catalogue: Catalogue) -> None:
    sums = {"正阳营业所": {"deposit": 0.1 + 0.2}}

    assert reached("正阳营业所", POINTS, sums, catalogue) == 0.3
    assert reached("正阳营业所", "deposit", sums, catalogue) == 0.3


def test_a_branch_reached_nothing_of_what_it_did_not_report(catalogue: Catalogue) -> None:
    sums = {"正阳营业所": {"deposit": 30}}

    assert reached("正阳营业所", "insurance", sums, catalogue) == 0
    assert reached("姜家营业所", POINTS, sums, catalogue) == 0


def test_every_target_of_a_period_shares_its_time_progress(catalogue: Catalogue) -> None:
    targets = [Target(b.name, "deposit", OCTOBER, 100) for b in catalogue.branches]

    rows = progress_of(targets, date(2026, 10, 14), {}, catalogue=catalogue, calendar=CALENDAR)

    assert {row.time_progress for row in rows} == {
        time_progress(OCTOBER, date(2026, 10, 14), CALENDAR)
    }
    assert len(rows) == len(catalogue.branches)
