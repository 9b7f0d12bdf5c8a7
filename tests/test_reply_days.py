"""A reply names the day it stored so that nobody can miss which day it was: with its
weekday when it is not the day an undated report is for, with its year when that is not
this year's."""

from __future__ import annotations

from datetime import date

from bot.domain.catalogue import Catalogue
from bot.domain.changes import Change
from bot.domain.outcomes import DayContext, Stored
from bot.rendering.replies import stored, stored_day
from bot.rendering.texts import Texts

ZH, EN = Texts("zh-CN"), Texts("en")
MONDAY = DayContext(usual=date(2026, 11, 27), today=date(2026, 11, 30))


def test_the_usual_day_is_named_plainly() -> None:
    assert stored_day(date(2026, 11, 27), MONDAY, ZH) == "11月27日"


def test_another_day_is_named_with_its_weekday() -> None:
    assert stored_day(date(2026, 11, 25), MONDAY, ZH) == "11月25日（周三）"


def test_a_day_of_another_year_is_named_with_its_year() -> None:
    new_year = DayContext(usual=date(2026, 12, 31), today=date(2027, 1, 4))

    assert stored_day(date(2026, 12, 30), new_year, ZH) == "2026年12月30日（周三）"
    assert stored_day(date(2026, 12, 31), new_year, ZH) == "2026年12月31日"


def test_english_names_the_weekday_and_year_its_own_way() -> None:
    new_year = DayContext(usual=date(2026, 12, 31), today=date(2027, 1, 4))

    assert stored_day(date(2026, 12, 30), new_year, EN) == "Wed 30 Dec 2026"


def test_a_saved_report_for_friday_sent_on_monday_names_no_weekday(catalogue: Catalogue) -> None:
    change = Change("正阳营业所", date(2026, 11, 27), "deposit", old=None, new=35.0)
    outcome = Stored(date(2026, 11, 27), ("正阳营业所",), (change,), when=MONDAY)

    assert stored(outcome, ZH, catalogue) == "✅ 正阳营业所 11月27日 已记录：储蓄 35万元"
