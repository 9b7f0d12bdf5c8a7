"""Storing reports: attributed to a branch, idempotent per message, edits replace, all audited.

Runs against real SQLite and PostgreSQL databases.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.domain.outcomes import (
    Anonymous,
    AwaitingApproval,
    Ignored,
    NothingToApprove,
    NothingToUndo,
    Refused,
    Stored,
    Today,
    Unbound,
    Undone,
)
from bot.storage.unit_of_work import Database
from bot.usecases.incoming import IncomingMessage, Sender
from bot.usecases.services import Services

# 2026-07-28 08:30 in Shanghai: the morning after the report day.
MORNING = datetime(2026, 7, 28, 0, 30, tzinfo=UTC)
REPORT_DAY = date(2026, 7, 27)
CHAT = -1001234567890
ZHENGYANG_HEAD = Sender(user_id=200005, name="正所长")
MANAGER = Sender(user_id=100001, name="王总", is_manager=True)
STRANGER = Sender(user_id=300001, name="路人")


def _message(
    text: str, *, sender: Sender = ZHENGYANG_HEAD, message_id: int = 1, edited: int = 0
) -> IncomingMessage:
    """A message sent at MORNING; `edited=n`: its version edited n minutes later."""
    edited_at = MORNING + timedelta(minutes=edited) if edited else None
    return IncomingMessage(CHAT, message_id, sender, text, MORNING, edited_at=edited_at)


async def _figures(database: Database, day: date = REPORT_DAY) -> dict[tuple[str, str], float]:
    async with database.transaction() as uow:
        return {(f.branch, f.metric): f.value for f in await uow.figures.of_days([day])}


async def test_a_report_is_stored_for_the_members_branch_and_yesterday(
    services: Services, database: Database
) -> None:
    outcome = await services.reports.submit_report(
        _message("储蓄35万 保险2万 走访12户"), now=MORNING
    )

    assert isinstance(outcome, Stored)
    assert outcome.day == REPORT_DAY
    assert await _figures(database) == {
        ("正阳营业所", "deposit"): 35,
        ("正阳营业所", "insurance"): 2,
        ("正阳营业所", "visits"): 12,
    }


async def test_the_same_message_delivered_again_changes_nothing(
    services: Services, database: Database
) -> None:
    await services.reports.submit_report(_message("储蓄35万 保险2万"), now=MORNING)

    again = await services.reports.submit_report(_message("储蓄35万 保险2万"), now=MORNING)

    assert again == Ignored()
    assert len(await services.figures.audit(branch="正阳营业所", day=REPORT_DAY)) == 2


async def test_a_later_report_replaces_the_value_and_keeps_the_old_one_in_the_audit(
    services: Services, database: Database
) -> None:
    await services.reports.submit_report(_message("储蓄35万", message_id=1), now=MORNING)

    later = MORNING + timedelta(minutes=5)
    await services.reports.submit_report(_message("储蓄38万", message_id=2), now=later)

    assert await _figures(database) == {("正阳营业所", "deposit"): 38}
    audit = await services.figures.audit(branch="正阳营业所", day=REPORT_DAY)
    assert [(c.old_value, c.new_value, c.reason) for c in audit] == [
        (None, 35, "report"),
        (35, 38, "report"),
    ]


async def test_an_edit_replaces_what_the_message_stored_and_removes_what_it_dropped(
    services: Services, database: Database
) -> None:
    await services.reports.submit_report(_message("储蓄35万 保险2万 走访12户"), now=MORNING)

    outcome = await services.reports.submit_report(_message("储蓄30万", edited=1), now=MORNING)

    assert isinstance(outcome, Stored)
    assert await _figures(database) == {("正阳营业所", "deposit"): 30}
    audit = await services.figures.audit(branch="正阳营业所", day=REPORT_DAY)
    assert [(c.metric, c.old_value, c.new_value, c.reason) for c in audit] == [
        ("deposit", None, 35, "report"),
        ("insurance", None, 2, "report"),
        ("visits", None, 12, "report"),
        ("deposit", 35, 30, "edit"),
        ("insurance", 2, None, "edit"),
        ("visits", 12, None, "edit"),
    ]


async def test_an_edit_does_not_remove_a_figure_a_later_message_replaced(
    services: Services, database: Database
) -> None:
    await services.reports.submit_report(_message("储蓄35万 保险2万", message_id=1), now=MORNING)
    await services.reports.submit_report(_message("保险3万", message_id=2), now=MORNING)

    await services.reports.submit_report(_message("储蓄36万", message_id=1, edited=1), now=MORNING)

    assert await _figures(database) == {
        ("正阳营业所", "deposit"): 36,
        ("正阳营业所", "insurance"): 3,
    }


async def test_an_edit_into_chit_chat_removes_what_the_message_stored(
    services: Services, database: Database
) -> None:
    await services.reports.submit_report(_message("储蓄35万"), now=MORNING)

    outcome = await services.reports.submit_report(_message("发错群了", edited=1), now=MORNING)

    assert isinstance(outcome, Stored)
    assert await _figures(database) == {}


async def test_chit_chat_is_ignored_and_stores_nothing(
    services: Services, database: Database
) -> None:
    outcome = await services.reports.submit_report(_message("收到"), now=MORNING)

    assert outcome == Ignored()
    assert await _figures(database) == {}


async def test_a_refused_report_stores_nothing(services: Services, database: Database) -> None:
    outcome = await services.reports.submit_report(_message("储蓄35万 保险很多"), now=MORNING)

    assert isinstance(outcome, Refused)
    assert await _figures(database) == {}


async def test_a_report_from_an_unbound_user_is_not_stored(
    services: Services, database: Database
) -> None:
    outcome = await services.reports.submit_report(
        _message("储蓄35万", sender=STRANGER), now=MORNING
    )

    assert outcome == Unbound()
    assert await _figures(database) == {}


async def test_a_member_may_not_report_for_another_branch(
    services: Services, database: Database
) -> None:
    outcome = await services.reports.submit_report(_message("姜家 储蓄20万"), now=MORNING)

    assert isinstance(outcome, Refused)
    assert [p.code for p in outcome.problems] == ["not_allowed"]
    assert await _figures(database) == {}


async def test_a_manager_may_report_for_several_branches_in_one_message(
    services: Services, database: Database
) -> None:
    text = "7月27日业绩接龙\n1. 正阳 储蓄35万\n2. 姜家 储蓄20万"

    outcome = await services.reports.submit_report(_message(text, sender=MANAGER), now=MORNING)

    assert isinstance(outcome, Stored)
    assert outcome.branches == ("正阳营业所", "姜家营业所")
    assert await _figures(database) == {
        ("正阳营业所", "deposit"): 35,
        ("姜家营业所", "deposit"): 20,
    }


async def test_a_manager_without_a_branch_must_name_one(services: Services) -> None:
    outcome = await services.reports.submit_report(
        _message("储蓄35万", sender=MANAGER), now=MORNING
    )

    assert isinstance(outcome, Refused)
    assert [p.code for p in outcome.problems] == ["no_branch"]


async def test_an_anonymous_admins_report_is_refused(services: Services) -> None:
    anonymous = Sender(user_id=1087968824, name="Group", anonymous=True)

    outcome = await services.reports.submit_report(
        _message("储蓄35万", sender=anonymous), now=MORNING
    )

    assert outcome == Anonymous()


async def test_a_bound_member_reports_for_the_branch_a_manager_bound_them_to(
    services: Services, database: Database
) -> None:
    await services.reports.submit_report(_message("收到", sender=STRANGER), now=MORNING)
    await services.roster.bind(
        who=STRANGER.user_id, name=None, branch_word="四明所", sender=MANAGER, now=MORNING
    )

    await services.reports.submit_report(
        _message("走访8户", sender=STRANGER, message_id=2), now=MORNING
    )

    assert await _figures(database) == {("四明营业所", "visits"): 8}


async def test_the_ranking_ranks_yesterday_by_points(services: Services) -> None:
    await services.reports.submit_report(_message("储蓄35万"), now=MORNING)

    ranking = await services.figures.ranking(now=MORNING)

    assert not isinstance(ranking, Exception)
    assert [(r.branch, r.value) for r in ranking.rows] == [("正阳营业所", 35)]


async def test_an_edit_does_not_undo_a_correction_made_by_a_later_message(
    services: Services, database: Database
) -> None:
    await services.reports.submit_report(_message("储蓄35万 保险2万", message_id=1), now=MORNING)
    await services.reports.submit_report(_message("储蓄30万", message_id=2), now=MORNING)

    await services.reports.submit_report(
        _message("储蓄35万 保险2万 走访3户", message_id=1, edited=1), now=MORNING
    )

    assert await _figures(database) == {
        ("正阳营业所", "deposit"): 30,
        ("正阳营业所", "insurance"): 2,
        ("正阳营业所", "visits"): 3,
    }


async def test_the_original_delivered_after_its_edit_changes_nothing(
    services: Services, database: Database
) -> None:
    await services.reports.submit_report(_message("储蓄35万"), now=MORNING)
    await services.reports.submit_report(_message("储蓄30万 走访3户", edited=1), now=MORNING)

    late = await services.reports.submit_report(_message("储蓄35万"), now=MORNING)

    assert late == Ignored()
    assert await _figures(database) == {("正阳营业所", "deposit"): 30, ("正阳营业所", "visits"): 3}


async def test_an_older_edit_delivered_after_a_newer_one_changes_nothing(
    services: Services, database: Database
) -> None:
    await services.reports.submit_report(_message("储蓄35万"), now=MORNING)
    await services.reports.submit_report(_message("储蓄31万", edited=2), now=MORNING)

    await services.reports.submit_report(_message("储蓄30万", edited=1), now=MORNING)

    assert await _figures(database) == {("正阳营业所", "deposit"): 31}


async def test_a_refused_edit_keeps_what_the_message_stored_and_says_so(
    services: Services, database: Database
) -> None:
    await services.reports.submit_report(_message("储蓄35万 保险2万"), now=MORNING)

    outcome = await services.reports.submit_report(
        _message("储蓄30万 保险很多", edited=1), now=MORNING
    )

    assert isinstance(outcome, Refused)
    assert outcome.kept
    assert await _figures(database) == {
        ("正阳营业所", "deposit"): 35,
        ("正阳营业所", "insurance"): 2,
    }


async def test_an_unbound_user_with_a_typo_gets_the_binding_hint(services: Services) -> None:
    outcome = await services.reports.submit_report(
        _message("储畜35万", sender=STRANGER), now=MORNING
    )

    assert outcome == Unbound()


async def test_restarting_keeps_a_binding_a_manager_made(
    services: Services, database: Database
) -> None:
    await services.roster.bind(
        who=ZHENGYANG_HEAD.user_id, name=None, branch_word="东城", sender=MANAGER, now=MORNING
    )

    await services.roster.sync()

    await services.reports.submit_report(_message("储蓄5万"), now=MORNING)
    assert await _figures(database) == {("东城营业所", "deposit"): 5}


async def test_undo_leaves_a_correction_made_by_a_later_message(
    services: Services, database: Database
) -> None:
    await services.reports.submit_report(_message("储蓄35万 保险2万", message_id=1), now=MORNING)
    await services.reports.submit_report(_message("储蓄30万", message_id=2), now=MORNING)

    undone = await services.reports.undo(
        chat_id=CHAT, message_id=1, sender=ZHENGYANG_HEAD, now=MORNING
    )

    assert isinstance(undone, Undone)
    assert [(c.metric, c.old, c.new) for c in undone.changes] == [("insurance", 2, None)]
    assert await _figures(database) == {("正阳营业所", "deposit"): 30}


async def test_undo_twice_finds_nothing_the_second_time(services: Services) -> None:
    await services.reports.submit_report(_message("储蓄35万"), now=MORNING)
    await services.reports.undo(chat_id=CHAT, message_id=1, sender=ZHENGYANG_HEAD, now=MORNING)

    again = await services.reports.undo(
        chat_id=CHAT, message_id=1, sender=ZHENGYANG_HEAD, now=MORNING
    )

    assert again == NothingToUndo()


async def test_editing_an_undone_report_stores_it_again(
    services: Services, database: Database
) -> None:
    await services.reports.submit_report(_message("储蓄35万 保险2万"), now=MORNING)
    await services.reports.undo(chat_id=CHAT, message_id=1, sender=ZHENGYANG_HEAD, now=MORNING)

    await services.reports.submit_report(_message("储蓄35万 保险3万", edited=1), now=MORNING)

    assert await _figures(database) == {
        ("正阳营业所", "deposit"): 35,
        ("正阳营业所", "insurance"): 3,
    }


async def test_today_lists_the_usual_metrics_not_yet_reported(services: Services) -> None:
    earlier = IncomingMessage(
        CHAT, 1, ZHENGYANG_HEAD, "储蓄1万 走访3户", MORNING - timedelta(days=3)
    )
    await services.reports.submit_report(earlier, now=MORNING)
    await services.reports.submit_report(_message("储蓄35万", message_id=2), now=MORNING)

    today = await services.figures.today(
        user_id=ZHENGYANG_HEAD.user_id, branch_word=None, now=MORNING
    )

    assert today == Today("正阳营业所", REPORT_DAY, {"deposit": 35}, ("visits",))


async def test_an_approved_backfill_cannot_be_approved_twice(
    services: Services, database: Database
) -> None:
    old = IncomingMessage(CHAT, 9, ZHENGYANG_HEAD, "7月20日 储蓄5万", MORNING)
    held = await services.reports.submit_report(old, now=MORNING)
    assert isinstance(held, AwaitingApproval)

    first = await services.approvals.approve(report_id=held.report_id, sender=MANAGER, now=MORNING)
    second = await services.approvals.approve(report_id=held.report_id, sender=MANAGER, now=MORNING)

    assert isinstance(first, Stored)
    assert second == NothingToApprove()
    assert await _figures(database, date(2026, 7, 20)) == {("正阳营业所", "deposit"): 5}


async def test_a_manager_backfills_any_day_without_approval(
    services: Services, database: Database
) -> None:
    old = IncomingMessage(CHAT, 9, MANAGER, "7月20日 正阳 储蓄5万", MORNING)

    assert isinstance(await services.reports.submit_report(old, now=MORNING), Stored)


async def test_a_held_backfill_that_was_undone_cannot_be_approved(
    services: Services, database: Database
) -> None:
    old = IncomingMessage(CHAT, 9, ZHENGYANG_HEAD, "7月20日 储蓄5万", MORNING)
    held = await services.reports.submit_report(old, now=MORNING)
    assert isinstance(held, AwaitingApproval)
    await services.reports.undo(chat_id=CHAT, message_id=9, sender=ZHENGYANG_HEAD, now=MORNING)

    approved = await services.approvals.approve(
        report_id=held.report_id, sender=MANAGER, now=MORNING
    )

    assert approved == NothingToApprove()
    assert await _figures(database, date(2026, 7, 20)) == {}
