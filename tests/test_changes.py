"""A figure is its latest live statement: what one version of a message changes."""

from __future__ import annotations

from datetime import date, datetime

from bot.domain.changes import Change, Source, figure_change, latest, revise
from bot.domain.records import StatementRecord

DAY = date(2026, 11, 30)
DEPOSIT = ("正阳营业所", DAY, "deposit")
CARDS = ("正阳营业所", DAY, "credit_card")
HEAD, STAFF = 101, 202


def stated(
    key: tuple[str, date, str],
    value: float,
    *,
    id: int,
    report: int,
    at: str,
    user: int = HEAD,
    ended_by: str | None = None,
) -> StatementRecord:
    moment = datetime.fromisoformat(f"2026-12-01T{at}+00:00")
    ended = moment if ended_by else None
    return StatementRecord(id, *key, value, report, user, moment, ended, ended_by)


def source(statement: StatementRecord, other_than: int) -> Source:
    who = None if statement.user_id == other_than else f"user {statement.user_id}"
    return Source(at=statement.stated_at, who=who)


def test_a_value_stated_unchanged_keeps_its_statement() -> None:
    own = {DEPOSIT: stated(DEPOSIT, 10, id=1, report=1, at="07:52")}

    revision = revise(own, {DEPOSIT: 10})

    assert (revision.ended, revision.added) == ((), {})


def test_a_new_value_ends_the_old_statement_and_states_the_new_one() -> None:
    old = stated(DEPOSIT, 10, id=1, report=1, at="07:52")

    revision = revise({DEPOSIT: old}, {DEPOSIT: 12})

    assert (revision.ended, revision.added) == ((old,), {DEPOSIT: 12})


def test_a_metric_edited_out_of_the_message_ends_its_statement() -> None:
    cards = stated(CARDS, 3, id=2, report=1, at="07:52")
    own = {DEPOSIT: stated(DEPOSIT, 10, id=1, report=1, at="07:52"), CARDS: cards}

    revision = revise(own, {DEPOSIT: 10})

    assert revision.ended == (cards,)
    assert revision.touched == [CARDS]


def test_the_most_recently_stated_live_statement_is_the_figure() -> None:
    first = stated(CARDS, 2, id=1, report=1, at="07:52")
    second = stated(CARDS, 3, id=2, report=2, at="08:10")

    assert latest([second, first]) == {CARDS: second}


def test_an_ended_statement_is_not_the_figure_however_recent() -> None:
    first = stated(CARDS, 2, id=1, report=1, at="07:52")
    second = stated(CARDS, 3, id=2, report=2, at="08:10", ended_by="undo")

    assert latest([first, second]) == {CARDS: first}


def test_of_two_stated_at_the_same_second_the_later_stored_is_the_figure() -> None:
    first = stated(CARDS, 2, id=1, report=1, at="07:52")
    second = stated(CARDS, 3, id=2, report=2, at="07:52")

    assert latest([second, first]) == {CARDS: second}


def test_falling_back_to_an_earlier_message_names_its_time() -> None:
    earlier = stated(CARDS, 2, id=1, report=1, at="07:52")
    gone = stated(CARDS, 3, id=2, report=2, at="08:10")

    change = figure_change(CARDS, gone, earlier, report_id=2, actor=HEAD, source=source)

    restored = Source(at=earlier.stated_at)
    assert change == Change(*CARDS, old=3, new=2, restored=restored)


def test_replacing_another_members_figure_names_them() -> None:
    heads = stated(DEPOSIT, 12, id=1, report=1, at="07:52", user=HEAD)
    staffs = stated(DEPOSIT, 4, id=2, report=2, at="08:10", user=STAFF)

    change = figure_change(DEPOSIT, heads, staffs, report_id=2, actor=STAFF, source=source)

    replaced = Source(at=heads.stated_at, who=f"user {HEAD}")
    assert change == Change(*DEPOSIT, old=12, new=4, replaced=replaced)


def test_replacing_ones_own_figure_names_nobody() -> None:
    before = stated(DEPOSIT, 12, id=1, report=1, at="07:52")
    after = stated(DEPOSIT, 4, id=2, report=2, at="08:10")

    change = figure_change(DEPOSIT, before, after, report_id=2, actor=HEAD, source=source)

    assert change == Change(*DEPOSIT, old=12, new=4)


def test_the_last_statement_withdrawn_removes_the_figure() -> None:
    only = stated(DEPOSIT, 12, id=1, report=1, at="07:52")

    change = figure_change(DEPOSIT, only, None, report_id=1, actor=HEAD, source=source)

    assert change == Change(*DEPOSIT, old=12, new=None)


def test_a_new_statement_of_the_same_value_changes_no_figure() -> None:
    before = stated(DEPOSIT, 12, id=1, report=1, at="07:52")
    after = stated(DEPOSIT, 12, id=2, report=2, at="08:10", user=STAFF)

    assert figure_change(DEPOSIT, before, after, report_id=2, actor=STAFF, source=source) is None


def test_a_figure_first_stated_is_a_change_from_nothing() -> None:
    after = stated(DEPOSIT, 12, id=1, report=1, at="07:52")

    change = figure_change(DEPOSIT, None, after, report_id=1, actor=HEAD, source=source)

    assert change == Change(*DEPOSIT, old=None, new=12)
