"""The reads of the scheduled posts, on SQLite and PostgreSQL: sums by the database, the
audit trail and the bulletins read only as far as a post needs them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.changes import Change
from bot.domain.records import StatementRecord
from bot.storage.unit_of_work import Database
from tests.stored import a_report

AT = datetime(2026, 9, 10, 1, 0, tzinfo=UTC)
FIRST, SECOND, THIRD = date(2026, 9, 1), date(2026, 9, 2), date(2026, 9, 3)
ZHENGYANG, JIANGJIA = "正阳营业所", "姜家营业所"


async def _store(database: Database, *figures: tuple[str, date, str, float]) -> None:
    report_id = await a_report(database, day=FIRST, at=AT)
    async with database.transaction() as uow:
        for branch, day, metric, value in figures:
            statement = StatementRecord(0, branch, day, metric, value, report_id, 7, AT)
            await uow.figures.put_all([statement], now=AT)


async def _change(database: Database, branch: str, day: date, metric: str, at: datetime) -> None:
    async with database.transaction() as uow:
        change = Change(branch, day, metric, old=None, new=1.0)
        await uow.changes.add_all([change], user_id=7, report_id=None, reason="report", at=at)


async def test_sums_add_each_branchs_figures_of_the_span_metric_by_metric(
    synced: Database,
) -> None:
    await _store(
        synced,
        (ZHENGYANG, FIRST, "deposit", 30),
        (ZHENGYANG, SECOND, "deposit", 12.5),
        (ZHENGYANG, SECOND, "visits", 4),
        (ZHENGYANG, THIRD, "deposit", 100),
        (JIANGJIA, SECOND, "deposit", 8),
    )
    async with synced.transaction() as uow:
        sums = await uow.totals.sums(FIRST, SECOND, ["deposit", "visits"])

    assert sums == {
        ZHENGYANG: {"deposit": pytest.approx(42.5), "visits": 4},
        JIANGJIA: {"deposit": 8},
    }


async def test_sums_count_only_the_metrics_asked_for(synced: Database) -> None:
    await _store(synced, (ZHENGYANG, FIRST, "deposit", 30), (JIANGJIA, FIRST, "meetings", 9))
    async with synced.transaction() as uow:
        sums = await uow.totals.sums(FIRST, THIRD, ["deposit"])

    assert sums == {ZHENGYANG: {"deposit": 30}}


async def test_the_reporters_of_a_day_are_those_with_a_figure_not_left_out(
    synced: Database,
) -> None:
    await _store(
        synced,
        (ZHENGYANG, FIRST, "deposit", 30),
        (JIANGJIA, FIRST, "meetings", 9),
        (JIANGJIA, SECOND, "deposit", 9),
    )
    async with synced.transaction() as uow:
        reporters = await uow.totals.reporters(FIRST, leaving_out={"meetings"})

    assert reporters == {ZHENGYANG}


async def test_the_changes_since_a_moment_are_only_of_the_days_and_metrics_asked_for(
    synced: Database,
) -> None:
    for branch, day, metric, minutes in (
        (ZHENGYANG, FIRST, "deposit", -5),
        (ZHENGYANG, FIRST, "visits", 5),
        (JIANGJIA, SECOND, "deposit", 6),
        (JIANGJIA, SECOND, "meetings", 7),
        (JIANGJIA, THIRD, "deposit", 8),
    ):
        await _change(synced, branch, day, metric, AT + timedelta(minutes=minutes))
    async with synced.transaction() as uow:
        since = await uow.changes.since(
            AT, first_day=SECOND, before=THIRD, leaving_out={"meetings"}
        )
        unbounded = await uow.changes.since(AT)

    assert [(c.branch, c.day, c.metric) for c in since] == [(JIANGJIA, SECOND, "deposit")]
    assert len(unbounded) == 4


async def test_the_changes_since_a_moment_come_in_the_order_they_were_recorded(
    synced: Database,
) -> None:
    # A change recorded later may carry an earlier moment (the message's own time).
    await _change(synced, ZHENGYANG, FIRST, "deposit", AT + timedelta(minutes=9))
    await _change(synced, ZHENGYANG, FIRST, "visits", AT + timedelta(minutes=2))
    async with synced.transaction() as uow:
        since = await uow.changes.since(AT)

    assert [c.metric for c in since] == ["deposit", "visits"]


async def test_the_figures_of_days_may_be_of_some_branches_only(synced: Database) -> None:
    await _store(synced, (ZHENGYANG, FIRST, "deposit", 30), (JIANGJIA, FIRST, "deposit", 8))
    async with synced.transaction() as uow:
        figures = await uow.figures.of_days([FIRST], branches=[JIANGJIA])

    assert [(f.branch, f.value) for f in figures] == [(JIANGJIA, 8)]


async def test_the_closes_of_some_days_are_those_days_first_bulletins(synced: Database) -> None:
    async with synced.transaction() as uow:
        for chat, day, hours in ((-1, FIRST, 0), (-2, FIRST, 1), (-1, SECOND, 24)):
            await uow.posts.claim(
                chat, "morning", day.isoformat(), report_day=day, now=AT + timedelta(hours=hours)
            )
    async with synced.transaction() as uow:
        closes = await uow.posts.closes([FIRST, THIRD])

    assert closes == {FIRST: AT}
