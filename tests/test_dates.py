"""Dates as people say them: the nearest such date, weekday words, and the future kept
in the future (where a report is refused), never moved a year back."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.catalogue import Catalogue
from bot.domain.dates import read_day
from bot.domain.parsing import Refusal, Report, parse_report
from bot.rendering.replies import problems
from bot.rendering.texts import Texts

WEDNESDAY = date(2026, 12, 2)
MONDAY = date(2026, 11, 30)
FRIDAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("word", "today", "day"),
    [
        # Yearless and monthless dates: the nearest such day.
        ("11月27日", WEDNESDAY, "2026-11-27"),
        ("12月5日", WEDNESDAY, "2026-12-05"),  # after today: future, not last year's
        ("12月31日", date(2027, 1, 2), "2026-12-31"),  # just after New Year: last year's
        ("1月2日", date(2026, 12, 30), "2027-01-02"),  # just before: next year's, future
        ("12/1", WEDNESDAY, "2026-12-01"),
        ("27号", MONDAY, "2026-11-27"),
        ("28日", WEDNESDAY, "2026-11-28"),
        ("5号", WEDNESDAY, "2026-12-05"),
        ("2月29日", date(2028, 3, 1), "2028-02-29"),
        # Weekday words: the latest such day not after today.
        ("周五", WEDNESDAY, "2026-11-27"),
        ("星期五", MONDAY, "2026-11-27"),
        ("礼拜五", FRIDAY, "2026-11-27"),  # on a Friday, 周五 is today
        ("周日", MONDAY, "2026-11-29"),
        ("星期天", WEDNESDAY, "2026-11-29"),
        ("周一", MONDAY, "2026-11-30"),
        # With a week word: that calendar week's (Monday to Sunday).
        ("上周五", MONDAY, "2026-11-27"),
        ("上周五", WEDNESDAY, "2026-11-27"),
        ("上周一", MONDAY, "2026-11-23"),
        ("本周一", WEDNESDAY, "2026-11-30"),
        ("下周一", WEDNESDAY, "2026-12-07"),
        # Relative days.
        ("昨天", MONDAY, "2026-11-29"),
        ("前天", MONDAY, "2026-11-28"),
        ("明天", WEDNESDAY, "2026-12-03"),
        ("后天", WEDNESDAY, "2026-12-04"),
    ],
)
def test_a_day_word_names_the_day_people_mean(word: str, today: date, day: str) -> None:
    assert read_day(word, today) == date.fromisoformat(day)


def test_a_day_that_never_exists_names_none() -> None:
    assert read_day("2月30日", WEDNESDAY) is None


def _read(text: str, catalogue: Catalogue, today: date = WEDNESDAY) -> Report | Refusal | None:
    return parse_report(text, catalogue=catalogue, today=today, default_day=today)


@pytest.mark.parametrize("text", ["12月5日 储蓄10万", "明天 储蓄7万", "下周一 储蓄5万"])
def test_a_report_for_a_day_yet_to_come_is_refused(text: str, catalogue: Catalogue) -> None:
    result = _read(text, catalogue)

    assert isinstance(result, Refusal)
    assert [p.code for p in result.problems] == ["future_date"]


def test_the_refusal_names_the_day_as_it_was_typed(catalogue: Catalogue) -> None:
    result = _read("12月5日 储蓄10万", catalogue)
    assert isinstance(result, Refusal)

    assert problems(result.problems, Texts("zh-CN")) == ["• 12月5日还没到，不能上报未来的数据"]


def test_a_weekday_word_sets_the_report_day(catalogue: Catalogue) -> None:
    result = _read("周五 储蓄9万", catalogue)

    assert isinstance(result, Report)
    assert result.day == FRIDAY


def test_last_weeks_friday_is_read_inside_a_word(catalogue: Catalogue) -> None:
    result = _read("正阳上周五 储蓄6万", catalogue, today=MONDAY)

    assert isinstance(result, Report)
    assert result.day == FRIDAY


def test_a_weekday_after_the_figures_is_news_not_the_day(catalogue: Catalogue) -> None:
    result = _read("储蓄35万 下周一开会", catalogue)

    assert isinstance(result, Report)
    assert result.day == WEDNESDAY


@pytest.mark.parametrize(
    "text",
    [
        "每周一次 走访3户",
        "一周一次走访3户",
        "这周一共走访5户",
        "上周日均存款5万",
        "储蓄5万 保险1万\n明天继续努力！",
        "储蓄5万\n周一例会",
    ],
)
def test_weekday_and_day_words_inside_other_words_or_after_figures_name_no_day(
    text: str, catalogue: Catalogue
) -> None:
    result = _read(text, catalogue)

    assert isinstance(result, Report)
    assert result.day == WEDNESDAY


def test_a_weeks_total_is_still_a_total_not_mondays_figure(catalogue: Catalogue) -> None:
    result = _read("本周一共 储蓄5万", catalogue)

    assert isinstance(result, Refusal)
    assert [p.code for p in result.problems] == ["period_total"]


def test_a_yearless_date_more_than_half_a_year_back_is_the_coming_one() -> None:
    assert read_day("6月3日", date(2027, 1, 2)) == date(2027, 6, 3)
