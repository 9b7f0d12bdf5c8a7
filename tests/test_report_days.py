"""Which day an undated report is for, and which day a post covers: one rule for both.

2026: Mid-Autumn Festival on Friday 25 September, National Day from 1 to 7 October with
Saturday 10 October worked; New Year's Day 2027 on a Friday.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.calendar import WorkCalendar
from bot.domain.report_days import DAILY, TODAY, WORKDAYS, YESTERDAY, ReportDays

SHANGHAI = ZoneInfo("Asia/Shanghai")
CALENDAR = WorkCalendar()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def days(rule: str = YESTERDAY, kind: str = WORKDAYS) -> ReportDays:
    return ReportDays(CALENDAR, SHANGHAI, rule, kind)


@pytest.mark.parametrize(
    ("sent", "rule", "kind", "day"),
    [
        # The default: the previous report day, the official working days.
        ("2026-11-24 08:10", YESTERDAY, WORKDAYS, "2026-11-23"),  # Tue: Monday
        ("2026-11-30 08:28", YESTERDAY, WORKDAYS, "2026-11-27"),  # Mon: Friday
        ("2026-11-28 10:00", YESTERDAY, WORKDAYS, "2026-11-27"),  # Sat: Friday
        ("2026-11-29 21:00", YESTERDAY, WORKDAYS, "2026-11-27"),  # Sun: Friday
        ("2026-09-28 07:45", YESTERDAY, WORKDAYS, "2026-09-24"),  # Mon after Mid-Autumn
        ("2026-10-08 08:00", YESTERDAY, WORKDAYS, "2026-09-30"),  # after National Day
        ("2026-10-10 08:00", YESTERDAY, WORKDAYS, "2026-10-09"),  # a worked Saturday
        ("2026-10-11 08:00", YESTERDAY, WORKDAYS, "2026-10-10"),  # the Sunday after it
        ("2027-01-04 08:00", YESTERDAY, WORKDAYS, "2026-12-31"),  # over New Year
        ("2026-01-01 00:05", YESTERDAY, WORKDAYS, "2025-12-31"),  # just past midnight
        # Every day a report day.
        ("2026-11-30 08:28", YESTERDAY, DAILY, "2026-11-29"),
        ("2026-10-08 08:00", YESTERDAY, DAILY, "2026-10-07"),
        ("2027-01-01 08:00", YESTERDAY, DAILY, "2026-12-31"),
        # Reports of the day itself.
        ("2026-11-30 18:00", TODAY, WORKDAYS, "2026-11-30"),  # a working day: that day
        ("2026-11-29 18:00", TODAY, WORKDAYS, "2026-11-27"),  # a Sunday: Friday
        ("2026-10-03 18:00", TODAY, WORKDAYS, "2026-09-30"),  # in the holiday
        ("2026-11-29 18:00", TODAY, DAILY, "2026-11-29"),
    ],
)
def test_an_undated_report_is_for_the_report_day_of_its_moment(
    sent: str, rule: str, kind: str, day: str
) -> None:
    assert days(rule, kind).of(at(sent)) == date.fromisoformat(day)


def test_a_bulletin_covers_the_day_the_mornings_reports_are_for() -> None:
    monday = days()
    reported = monday.of(at("2026-11-30 08:28"))

    assert monday.of(at("2026-11-30 08:30")) == reported == date(2026, 11, 27)


@pytest.mark.parametrize("rule", [YESTERDAY, TODAY])
def test_a_summary_looks_back_on_closed_days_under_either_rule(rule: str) -> None:
    assert days(rule).closed(at("2026-11-30 09:00")) == date(2026, 11, 27)


def test_the_day_before_a_report_day_skips_the_weekend_and_holidays() -> None:
    assert days().before(date(2026, 10, 8)) == date(2026, 9, 30)
    assert days(kind=DAILY).before(date(2026, 10, 8)) == date(2026, 10, 7)


@pytest.mark.parametrize(
    ("day", "sent", "back"),
    [
        ("2026-11-27", "2026-11-30 08:00", 1),  # Friday's, on Monday: the usual report
        ("2026-11-23", "2026-11-24 08:00", 1),  # Monday's, on Tuesday
        ("2026-11-28", "2026-11-30 08:00", 0),  # a Saturday's: no report day passed
        ("2026-11-24", "2026-11-30 08:00", 4),  # Tuesday to Friday
        ("2026-09-30", "2026-10-08 08:00", 1),  # over National Day
    ],
)
def test_how_far_back_a_report_lies_is_counted_in_report_days(
    day: str, sent: str, back: int
) -> None:
    assert days().back(date.fromisoformat(day), at(sent)) == back


def test_under_daily_report_days_the_weekend_counts_back_too() -> None:
    assert days(kind=DAILY).back(date(2026, 11, 27), at("2026-11-30 08:00")) == 3
