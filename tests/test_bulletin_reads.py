"""What the bulletin reads, on SQLite and PostgreSQL: the month's sums for its points and
targets, and the 补报 bounded by the chat's previous bulletin."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.domain.changes import Change
from bot.domain.periods import PeriodKind, period_containing
from bot.domain.records import StatementRecord
from bot.domain.targets import POINTS, Target
from bot.usecases.services import Services
from tests.stored import a_report

NOW = datetime(2026, 9, 4, 0, 30, tzinfo=UTC)
"""Friday 4 September, 08:30 in Shanghai: the bulletin of Thursday the 3rd."""
REPORT_DAY, EARLIER, LAST_MONTH = date(2026, 9, 3), date(2026, 9, 2), date(2026, 8, 20)
OTHER_CHAT = -5
JIANGJIA, ZHENGYANG = "姜家营业所", "正阳营业所"


async def _figure(services: Services, branch: str, day: date, value: float, at: datetime) -> None:
    """`branch`'s deposit of `day` stated `at`, with the change the audit trail keeps."""
    report_id = await a_report(services.database, day=day, at=at, message_id=int(at.timestamp()))
    async with services.database.transaction() as uow:
        statement = StatementRecord(0, branch, day, "deposit", value, report_id, 7, at)
        await uow.figures.put_all([statement], now=at)
        change = Change(branch, day, "deposit", old=None, new=value)
        await uow.changes.add_all([change], user_id=7, report_id=report_id, reason="report", at=at)


async def _close(services: Services, chat_id: int, day: date, at: datetime) -> None:
    async with services.database.transaction() as uow:
        await uow.posts.claim(chat_id, "morning", day.isoformat(), report_day=day, now=at)


async def test_a_chats_first_bulletin_names_the_late_figures_of_the_days_it_covers_only(
    services: Services,
) -> None:
    await _close(services, OTHER_CHAT, LAST_MONTH, datetime(2026, 8, 21, 0, 30, tzinfo=UTC))
    await _close(services, OTHER_CHAT, EARLIER, datetime(2026, 9, 3, 0, 30, tzinfo=UTC))
    await _figure(services, ZHENGYANG, LAST_MONTH, 10, datetime(2026, 9, 1, 2, 0, tzinfo=UTC))
    await _figure(services, JIANGJIA, EARLIER, 20, datetime(2026, 9, 3, 2, 0, tzinfo=UTC))
    chat = services.config.chats[0].id

    bulletin = await services.posts.bulletin(chat, NOW)

    assert [(e.branch, e.day, e.values) for e in bulletin.late] == [
        (JIANGJIA, EARLIER, (("deposit", 20),))
    ]


async def test_a_later_bulletin_names_what_came_late_since_the_chats_previous_one(
    services: Services,
) -> None:
    chat = services.config.chats[0].id
    await _close(services, chat, LAST_MONTH, datetime(2026, 8, 21, 0, 30, tzinfo=UTC))
    await _figure(services, ZHENGYANG, LAST_MONTH, 10, datetime(2026, 9, 1, 2, 0, tzinfo=UTC))

    bulletin = await services.posts.bulletin(chat, NOW)

    assert [(e.branch, e.day) for e in bulletin.late] == [(ZHENGYANG, LAST_MONTH)]


async def test_the_month_so_far_and_its_targets_add_up_the_months_days_only(
    services: Services,
) -> None:
    at = datetime(2026, 9, 3, 12, 0, tzinfo=UTC)
    for day, value in ((LAST_MONTH, 1000), (date(2026, 9, 1), 10.1), (EARLIER, 20.2)):
        await _figure(services, ZHENGYANG, day, value, at)
    await _figure(services, ZHENGYANG, REPORT_DAY, 30.3, at)
    september = period_containing(PeriodKind.MONTH, REPORT_DAY)
    async with services.database.transaction() as uow:
        for metric in ("deposit", POINTS):
            target = Target(ZHENGYANG, metric, september, 600)
            await uow.targets.put(target, user_id=1, source="command", now=at)

    bulletin = await services.posts.bulletin(services.config.chats[0].id, NOW)

    [row] = bulletin.rows
    assert (row.points, row.month_points) == (30.3, 60.6)
    assert [(p.metric, p.actual) for p in bulletin.progress] == [(POINTS, 60.6), ("deposit", 60.6)]
