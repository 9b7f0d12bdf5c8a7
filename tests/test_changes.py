"""Planning what a message changes: set what it names, drop what it no longer names."""

from __future__ import annotations

from datetime import date

from bot.domain.changes import Change, plan_changes

DAY = date(2026, 7, 27)
DEPOSIT = ("正阳营业所", DAY, "deposit")
INSURANCE = ("正阳营业所", DAY, "insurance")


def test_a_new_figure_is_a_change_from_nothing() -> None:
    changes = plan_changes(wanted={DEPOSIT: 35}, current={}, owned=frozenset())

    assert changes == [Change(*DEPOSIT, old=None, new=35)]


def test_the_same_value_again_changes_nothing() -> None:
    assert plan_changes(wanted={DEPOSIT: 35}, current={DEPOSIT: 35}, owned=frozenset()) == []


def test_a_new_value_replaces_the_stored_one() -> None:
    changes = plan_changes(wanted={DEPOSIT: 30}, current={DEPOSIT: 35}, owned=frozenset())

    assert changes == [Change(*DEPOSIT, old=35, new=30)]


def test_a_figure_the_message_no_longer_names_is_removed() -> None:
    changes = plan_changes(
        wanted={DEPOSIT: 35},
        current={DEPOSIT: 35, INSURANCE: 2},
        owned=frozenset({DEPOSIT, INSURANCE}),
    )

    assert changes == [Change(*INSURANCE, old=2, new=None)]


def test_a_figure_of_another_message_is_left_alone() -> None:
    changes = plan_changes(wanted={DEPOSIT: 35}, current={INSURANCE: 2}, owned=frozenset())

    assert changes == [Change(*DEPOSIT, old=None, new=35)]
