"""A rush's merged confirmation: one line per report, naming branch, day and sender, and
only for reports whose answer carries nothing else a head must read."""

from __future__ import annotations

from datetime import date

from bot.domain.catalogue import Catalogue
from bot.domain.changes import Change
from bot.domain.outcomes import DayContext, Stored
from bot.domain.outgoing import MERGED_MAX_CHARS, Outgoing, Queued, mergeable
from bot.rendering.merged import merged_confirmations, merged_line
from bot.rendering.texts import Texts

DAY = date(2026, 11, 27)
ZH = Texts("zh-CN")
WHEN = DayContext(usual=DAY, today=date(2026, 11, 28))


def _stored(*changes: Change, late: bool = False) -> Stored:
    branches = tuple(dict.fromkeys(change.branch for change in changes))
    return Stored(DAY, branches, changes, late=late, when=WHEN)


def test_a_reports_line_names_branch_day_sender_and_figures(catalogue: Catalogue) -> None:
    stored = _stored(
        Change("正阳营业所", DAY, "deposit", None, 35),
        Change("正阳营业所", DAY, "insurance", None, 3),
    )

    line = merged_line(stored, "正所长", ZH, catalogue)

    assert line == "正阳营业所 11月27日（正所长）储蓄 35万元，保险 3万元"


def test_a_correction_shows_the_old_figure_in_its_line(catalogue: Catalogue) -> None:
    stored = _stored(Change("正阳营业所", DAY, "deposit", 30, 35))

    assert (
        merged_line(stored, "正所长", ZH, catalogue)
        == "正阳营业所 11月27日（正所长）储蓄 30→35万元"
    )


def test_a_report_that_changed_nothing_stands_on_its_own(catalogue: Catalogue) -> None:
    assert merged_line(_stored(), "正所长", ZH, catalogue) is None


def test_a_late_report_stands_on_its_own_for_its_note(catalogue: Catalogue) -> None:
    stored = _stored(Change("正阳营业所", DAY, "deposit", None, 35), late=True)

    assert merged_line(stored, "正所长", ZH, catalogue) is None


def test_an_edit_that_removed_a_figure_stands_on_its_own(catalogue: Catalogue) -> None:
    stored = _stored(Change("正阳营业所", DAY, "deposit", 35, None))

    assert merged_line(stored, "正所长", ZH, catalogue) is None


def test_the_merged_message_counts_its_reports_and_lists_them_oldest_first() -> None:
    text = merged_confirmations(["正阳 11月27日（正所长）储蓄 35万元", "姜家 …"], ZH)

    assert text == "✅ 已记录 2 条：\n正阳 11月27日（正所长）储蓄 35万元\n姜家 …"


def _queued(n: int, line: str | None) -> Queued:
    return Queued(n, Outgoing(chat_id=-100, source_id=n, source_version=0, text="✅", line=line))


def test_only_plain_confirmations_are_merged_and_refusals_wait_their_own_turn() -> None:
    queue = [_queued(1, "甲"), _queued(2, None), _queued(3, "丙")]

    assert [item.id for item in mergeable(queue)] == [1, 3]


def test_a_merged_message_stays_within_telegrams_length() -> None:
    line = "正阳营业所 11月27日（正所长）储蓄 35万元、保险 3万元、理财 20万元"
    queue = [_queued(n, line) for n in range(200)]

    taken = mergeable(queue)

    assert 0 < len(taken) < 200
    assert len("\n".join(item.message.line or "" for item in taken)) <= MERGED_MAX_CHARS
