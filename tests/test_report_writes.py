"""The report path's writes and keyed reads on SQLite and PostgreSQL: many rows per
statement, only the keys asked for, and an original message stored once."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.domain.changes import Change
from bot.storage.unit_of_work import Database
from tests.stored import a_report

NOW = datetime(2026, 12, 1, 0, 30, tzinfo=UTC)
DAY = date(2026, 11, 30)
DEPOSIT = ("正阳营业所", DAY, "deposit")
CARDS = ("正阳营业所", DAY, "credit_card")
NEIGHBOUR = ("四明营业所", DAY, "deposit")
DAY_BEFORE = ("正阳营业所", date(2026, 11, 29), "deposit")


async def _stated(
    database: Database, values: dict[tuple[str, date, str], float], message_id: int = 1
) -> None:
    """`values` stated by one report and made the figures."""
    report_id = await a_report(database, day=DAY, at=NOW, message_id=message_id)
    async with database.transaction() as uow:
        added = await uow.statements.add_all(
            values, report_id=report_id, user_id=7, stated_at=NOW, now=NOW
        )
        await uow.figures.put_all(added, now=NOW)


async def test_statements_added_together_come_back_with_their_ids_in_order(
    synced: Database,
) -> None:
    report_id = await a_report(synced, day=DAY, at=NOW)
    async with synced.transaction() as uow:
        added = await uow.statements.add_all(
            {DEPOSIT: 35, CARDS: 2}, report_id=report_id, user_id=7, stated_at=NOW, now=NOW
        )
        live = await uow.statements.live_of_report(report_id)

    assert [(s.key, s.value) for s in added] == [(DEPOSIT, 35), (CARDS, 2)]
    assert added[0].id < added[1].id
    assert {key: s.id for key, s in live.items()} == {s.key: s.id for s in added}


async def test_figures_put_together_are_removed_together(synced: Database) -> None:
    await _stated(synced, {DEPOSIT: 35, CARDS: 2, NEIGHBOUR: 20})

    async with synced.transaction() as uow:
        await uow.figures.remove_all([DEPOSIT, CARDS])
    async with synced.transaction() as uow:
        left = await uow.figures.values_of({DEPOSIT, CARDS, NEIGHBOUR})

    assert left == {NEIGHBOUR: 20}


async def test_a_figure_put_again_takes_the_new_value(synced: Database) -> None:
    await _stated(synced, {DEPOSIT: 35}, message_id=1)
    await _stated(synced, {DEPOSIT: 30}, message_id=2)

    async with synced.transaction() as uow:
        assert await uow.figures.values_of({DEPOSIT}) == {DEPOSIT: 30}


async def test_values_are_read_for_the_keys_asked_only(synced: Database) -> None:
    await _stated(synced, {DEPOSIT: 35, CARDS: 2, NEIGHBOUR: 20, DAY_BEFORE: 31})

    async with synced.transaction() as uow:
        # Branch, day and metric each occur among the keys, but not together.
        values = await uow.figures.values_of({DEPOSIT, ("四明营业所", DAY, "credit_card")})

    assert values == {DEPOSIT: 35}


async def test_a_messages_audit_rows_are_written_together_in_order(synced: Database) -> None:
    changes = [Change(*DEPOSIT, old=None, new=35), Change(*CARDS, old=1, new=2)]
    async with synced.transaction() as uow:
        await uow.changes.add_all(changes, user_id=7, report_id=None, reason="report", at=NOW)
    async with synced.transaction() as uow:
        trail = await uow.changes.of_branch_day("正阳营业所", DAY)

    assert [(c.metric, c.old_value, c.new_value) for c in trail] == [
        ("deposit", None, 35),
        ("credit_card", 1, 2),
    ]


async def test_an_original_message_is_stored_once(synced: Database) -> None:
    values = {
        "chat_id": -1, "message_id": 5, "user_id": 7, "text": "储蓄35万", "day": DAY,
        "sent_at": NOW, "now": NOW,
    }  # fmt: skip
    async with synced.transaction() as uow:
        first = await uow.reports.add(**values)
    async with synced.transaction() as uow:
        again = await uow.reports.add(**values)

    assert first is not None
    assert again is None


async def test_a_day_is_closed_once_a_bulletin_of_it_is_made(synced: Database) -> None:
    async with synced.transaction() as uow:
        before = await uow.posts.closed(DAY)
        await uow.posts.claim(-1, "morning", DAY.isoformat(), report_day=DAY, now=NOW)
    async with synced.transaction() as uow:
        after = await uow.posts.closed(DAY)
        other_day = await uow.posts.closed(date(2026, 11, 29))

    assert (before, after, other_day) == (False, True, False)


async def test_a_failed_bulletin_leaves_its_day_open(synced: Database) -> None:
    async with synced.transaction() as uow:
        post_id = await uow.posts.claim(-1, "morning", DAY.isoformat(), report_day=DAY, now=NOW)
        assert post_id is not None
        assert await uow.posts.settle(post_id, [("failed", None)]) == "failed"

    async with synced.transaction() as uow:
        assert not await uow.posts.closed(DAY)
