"""When posts fall due: working days of the official calendar, adjusted days included."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.calendar import WorkCalendar
from bot.domain.schedule import DAILY, WEEK_START, PostKind, PostRule, period_of

SHANGHAI = ZoneInfo("Asia/Shanghai")
MORNING = PostRule(PostKind.MORNING, time(8, 30))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 9, 20), True),  # Sunday, worked for National Day
        (date(2026, 10, 1), False),  # National Day
        (date(2026, 10, 10), True),  # Saturday, worked for National Day
        (date(2026, 11, 28), False),  # an ordinary Saturday
        (date(2027, 1, 1), False),  # next year's calendar is known too
    ],
    ids=str,
)
def test_working_days_follow_the_official_calendar(day: date, working: bool) -> None:
    assert WorkCalendar().is_working_day(day) is working


def test_the_deployment_can_correct_the_calendar() -> None:
    calendar = WorkCalendar(workdays=[date(2026, 11, 28)], days_off=[date(2026, 11, 30)])

    assert calendar.is_working_day(date(2026, 11, 28))
    assert not calendar.is_working_day(date(2026, 11, 30))


def test_the_morning_post_runs_each_working_day_of_a_week_with_a_holiday() -> None:
    calendar = WorkCalendar()
    runs, moment = [], at("2026-09-28 09:00")
    for _ in range(4):
        moment = MORNING.next_run(moment, SHANGHAI, calendar)
        assert moment is not None
        runs.append(moment)

    assert runs == [
        at("2026-09-29 08:30"),
        at("2026-09-30 08:30"),
        at("2026-10-08 08:30"),  # the National Day week is off
        at("2026-10-09 08:30"),
    ]


def test_an_adjusted_saturday_gets_its_post() -> None:
    assert MORNING.next_run(at("2026-10-09 09:00"), SHANGHAI, WorkCalendar()) == at(
        "2026-10-10 08:30"
    )


def test_a_run_later_today_is_the_next_one() -> None:
    assert MORNING.next_run(at("2026-11-30 07:00"), SHANGHAI, WorkCalendar()) == at(
        "2026-11-30 08:30"
    )


def test_a_daily_post_runs_on_holidays_too() -> None:
    daily = PostRule(PostKind.REMINDER, time(10, 0), DAILY)

    assert daily.next_run(at("2026-10-01 09:00"), SHANGHAI, WorkCalendar()) == at(
        "2026-10-01 10:00"
    )


def test_a_post_on_listed_weekdays_skips_the_others() -> None:
    mondays = PostRule(PostKind.REMINDER, time(10, 0), (0,))

    assert mondays.next_run(at("2026-11-30 11:00"), SHANGHAI, WorkCalendar()) == at(
        "2026-12-07 10:00"
    )


def test_a_run_missed_within_the_grace_window_is_found() -> None:
    grace = timedelta(hours=2)

    missed = MORNING.missed_run(at("2026-11-30 09:15"), grace, SHANGHAI, WorkCalendar())

    assert missed == at("2026-11-30 08:30")


def test_a_run_missed_longer_ago_than_the_grace_window_is_left_alone() -> None:
    grace = timedelta(hours=2)

    assert MORNING.missed_run(at("2026-11-30 11:00"), grace, SHANGHAI, WorkCalendar()) is None


def test_no_run_is_missed_on_a_holiday() -> None:
    grace = timedelta(hours=2)

    assert MORNING.missed_run(at("2026-10-01 09:00"), grace, SHANGHAI, WorkCalendar()) is None


def test_a_posts_period_is_its_local_day() -> None:
    assert period_of(at("2026-11-30 08:30"), SHANGHAI) == "2026-11-30"


WEEKLY = PostRule(PostKind.WEEKLY, time(9, 0), WEEK_START)


def test_a_weekly_summary_is_owed_on_its_own_day() -> None:
    assert WEEKLY.owed(date(2026, 11, 30), WorkCalendar()) == date(2026, 11, 30)


def test_a_weekly_summary_missed_on_monday_is_owed_on_the_next_three_working_days() -> None:
    owed = [WEEKLY.owed(date(2026, 12, day), WorkCalendar()) for day in (1, 2, 3, 4)]

    assert owed == [date(2026, 11, 30)] * 3 + [None]


def test_only_a_summary_is_made_up_for_on_a_later_day() -> None:
    """A reminder made a day late would name the wrong day: only summaries are owed on."""
    mondays = PostRule(PostKind.REMINDER, time(10, 0), (0,))

    assert mondays.owed(date(2026, 12, 1), WorkCalendar()) is None  # the Tuesday after


def test_a_summary_is_not_owed_on_a_day_off() -> None:
    assert WEEKLY.owed(date(2026, 12, 5), WorkCalendar()) is None  # the Saturday after


def test_a_missed_summary_falls_due_again_at_its_time_on_tuesday() -> None:
    grace = timedelta(hours=2)

    missed = WEEKLY.missed_run(at("2026-12-01 09:30"), grace, SHANGHAI, WorkCalendar())

    assert missed == at("2026-12-01 09:00")
