"""The reads of bot/storage/reads.py on SQLite and PostgreSQL: only what each asks for, and
sums in SQL equal to the sums of the daily figures."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.domain.contests import Contest, Grid, Match, Rule, Scoring, Side, sums_of
from bot.domain.records import StatementRecord
from bot.storage.unit_of_work import Database
from tests.stored import a_report

NOW = datetime(2026, 7, 28, 0, 30, tzinfo=UTC)
JULY_1, JULY_2, JULY_3 = (date(2026, 7, d) for d in (1, 2, 3))
ZHENGYANG, JIANGJIA, SIMING = "正阳营业所", "姜家营业所", "四明营业所"
PAIR = Contest(
    0, "7月PK", JULY_1, date(2026, 7, 31), Scoring(Rule.POINTS),
    matches=(Match(Side((ZHENGYANG,)), Side((JIANGJIA,))),),
)  # fmt: skip
GRID: Grid = {
    JULY_1: {ZHENGYANG: {"deposit": 35.5, "visits": 3}, SIMING: {"deposit": 99}},
    JULY_2: {ZHENGYANG: {"deposit": -5.25}, JIANGJIA: {"insurance": 2, "meetings": 9.5}},
    JULY_3: {JIANGJIA: {"insurance": 4}},
}
EVERY = frozenset({"deposit", "visits", "insurance", "meetings"})


async def _store(database: Database, grid: Grid) -> None:
    report_id = await a_report(database, day=JULY_1, at=NOW)
    async with database.transaction() as uow:
        for day, branches in grid.items():
            for branch, values in branches.items():
                for metric, value in values.items():
                    statement = StatementRecord(0, branch, day, metric, value, report_id, 7, NOW)
                    await uow.figures.put_all([statement], now=NOW)


async def _contest(database: Database, contest: Contest) -> int:
    async with database.transaction() as uow:
        contest_id = await uow.contests.add(contest, chat_id=-1, message_id=1, user_id=7, now=NOW)
    assert contest_id is not None
    return contest_id


async def test_a_day_is_every_branch_figures_of_that_day_alone(synced: Database) -> None:
    await _store(synced, GRID)

    async with synced.reading() as uow:
        day = await uow.reads.of_day(JULY_2)

    assert day == {ZHENGYANG: {"deposit": -5.25}, JIANGJIA: {"insurance": 2, "meetings": 9.5}}


async def test_a_day_leaves_out_the_metrics_asked_to(synced: Database) -> None:
    await _store(synced, GRID)

    async with synced.reading() as uow:
        day = await uow.reads.of_day(JULY_2, leaving_out=frozenset({"meetings"}))

    assert day == {ZHENGYANG: {"deposit": -5.25}, JIANGJIA: {"insurance": 2}}


async def test_a_branch_metrics_are_those_it_reported_in_the_span(synced: Database) -> None:
    await _store(synced, GRID)

    async with synced.reading() as uow:
        reported = await uow.reads.metrics_of(ZHENGYANG, JULY_2, JULY_3, among=EVERY)

    assert reported == {"deposit"}


async def test_contest_sums_equal_the_sums_of_the_daily_figures(synced: Database) -> None:
    await _store(synced, GRID)
    contest_id = await _contest(synced, PAIR)
    spans = [(JULY_1, JULY_1), (JULY_1, JULY_3), (JULY_2, JULY_3)]

    async with synced.reading() as uow:
        sums = await uow.reads.contest_sums(contest_id, spans, metrics=EVERY)

    entrants = {day: {b: v for b, v in g.items() if b in PAIR.branches} for day, g in GRID.items()}
    assert sums == sums_of(entrants, spans)


async def test_contest_sums_count_only_the_contest_branches(synced: Database) -> None:
    await _store(synced, GRID)
    contest_id = await _contest(synced, PAIR)

    async with synced.reading() as uow:
        sums = await uow.reads.contest_sums(contest_id, [(JULY_1, JULY_3)], metrics=EVERY)

    assert SIMING not in sums[JULY_1, JULY_3]


async def test_a_span_without_figures_of_a_branch_has_no_totals_for_it(
    synced: Database,
) -> None:
    await _store(synced, GRID)
    contest_id = await _contest(synced, PAIR)

    async with synced.reading() as uow:
        sums = await uow.reads.contest_sums(contest_id, [(JULY_3, JULY_3)], metrics=EVERY)

    assert sums == {(JULY_3, JULY_3): {JIANGJIA: {"insurance": 4}}}


async def test_contest_sums_leave_out_the_metrics_not_asked_for(synced: Database) -> None:
    await _store(synced, GRID)
    contest_id = await _contest(synced, PAIR)

    async with synced.reading() as uow:
        sums = await uow.reads.contest_sums(contest_id, [(JULY_1, JULY_3)], metrics={"deposit"})

    assert sums == {(JULY_1, JULY_3): {ZHENGYANG: {"deposit": 30.25}}}


async def test_a_branch_metrics_are_only_those_asked_about(synced: Database) -> None:
    await _store(synced, GRID)

    async with synced.reading() as uow:
        reported = await uow.reads.metrics_of(ZHENGYANG, JULY_1, JULY_3, among={"visits"})

    assert reported == {"visits"}
