"""Targets and plans in storage, on SQLite and PostgreSQL: one current value, all history kept."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from bot.domain.periods import PeriodKind, period_containing
from bot.domain.targets import Target
from bot.storage.tables import TargetChange
from bot.storage.unit_of_work import Database

NOW = datetime(2026, 9, 1, 1, 0, tzinfo=UTC)
SEPTEMBER = period_containing(PeriodKind.MONTH, date(2026, 9, 1))
OCTOBER = period_containing(PeriodKind.MONTH, date(2026, 10, 1))


async def test_setting_a_target_again_keeps_one_current_value(synced: Database) -> None:
    async with synced.transaction() as uow:
        first = await uow.targets.put(
            Target("正阳营业所", "deposit", SEPTEMBER, 200), user_id=1, source="command", now=NOW
        )
        second = await uow.targets.put(
            Target("正阳营业所", "deposit", SEPTEMBER, 240), user_id=2, source="sheet", now=NOW
        )
    async with synced.transaction() as uow:
        stored = await uow.targets.overlapping(SEPTEMBER.first, SEPTEMBER.last)

    assert (first, second) == (None, 200)
    assert stored == [Target("正阳营业所", "deposit", SEPTEMBER, 240)]


async def test_every_value_a_target_had_is_kept_with_who_set_it(synced: Database) -> None:
    async with synced.transaction() as uow:
        for value, user in ((200, 1), (200, 1), (240, 2)):
            target = Target("正阳营业所", "deposit", SEPTEMBER, value)
            await uow.targets.put(target, user_id=user, source="command", now=NOW)
    async with synced.transaction() as uow:
        history = (await uow.session.scalars(select(TargetChange).order_by(TargetChange.id))).all()

    assert [(c.old_value, c.new_value, c.user_id) for c in history] == [
        (None, 200, 1),
        (200, 240, 2),
    ]


async def test_targets_are_found_by_the_days_their_period_covers(synced: Database) -> None:
    week = period_containing(PeriodKind.WEEK, date(2026, 9, 30))
    async with synced.transaction() as uow:
        for period in (SEPTEMBER, OCTOBER, week):
            target = Target("姜家营业所", "points", period, 100)
            await uow.targets.put(target, user_id=1, source="command", now=NOW)
    async with synced.transaction() as uow:
        found = await uow.targets.overlapping(date(2026, 10, 2), date(2026, 10, 31))

    assert {t.period for t in found} == {week, OCTOBER}


async def test_the_newest_plan_of_each_branch_is_current(synced: Database) -> None:
    async with synced.transaction() as uow:
        await uow.plans.put("正阳营业所", "走访商户", user_id=1, now=NOW)
        await uow.plans.put("正阳营业所", "走访小区", user_id=1, now=NOW + timedelta(days=1))
        await uow.plans.put("姜家营业所", "电话回访", user_id=2, now=NOW)
    async with synced.transaction() as uow:
        plans = await uow.plans.current()

    assert {branch: plan.text for branch, plan in plans.items()} == {
        "正阳营业所": "走访小区",
        "姜家营业所": "电话回访",
    }
