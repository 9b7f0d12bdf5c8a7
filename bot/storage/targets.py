"""Targets with the history of their values, and each branch's plan (一点一策)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.periods import Period, PeriodKind
from bot.domain.records import PlanRecord
from bot.domain.targets import Target
from bot.storage import plain
from bot.storage.roster import Branches
from bot.storage.tables import PlanRow, TargetChange, TargetRow


class Targets:
    def __init__(self, session: AsyncSession, branches: Branches) -> None:
        self._session = session
        self._branches = branches

    async def put(
        self, target: Target, *, user_id: int, source: str, now: datetime
    ) -> float | None:
        """Set a target, keeping its old value in the history; returns that old value."""
        branch_id = await self._branches.id(target.branch)
        period = target.period
        row = await self._session.scalar(
            select(TargetRow).where(
                TargetRow.branch_id == branch_id,
                TargetRow.metric == target.metric,
                TargetRow.period == period.kind.value,
                TargetRow.first_day == period.first,
            )
        )
        old = row.value if row else None
        if row is None:
            row = TargetRow(
                branch_id=branch_id,
                metric=target.metric,
                period=period.kind.value,
                first_day=period.first,
                last_day=period.last,
            )
            self._session.add(row)
        row.value, row.set_by, row.set_at = target.value, user_id, now
        if old != target.value:
            self._session.add(
                TargetChange(
                    branch_id=branch_id,
                    metric=target.metric,
                    period=period.kind.value,
                    first_day=period.first,
                    old_value=old,
                    new_value=target.value,
                    user_id=user_id,
                    source=source,
                    changed_at=now,
                )
            )
        return old

    async def overlapping(self, first: date, last: date) -> list[Target]:
        """Every target whose period shares a day with `first`..`last`: by the index on
        last_day (those not over before `first`), as plain columns, since a month holds a
        few targets for each of a thousand branches."""
        names = await self._branches.names()
        statement = select(
            TargetRow.branch_id, TargetRow.metric, TargetRow.period,
            TargetRow.first_day, TargetRow.last_day, TargetRow.value,
        ).where(TargetRow.first_day <= last, TargetRow.last_day >= first)  # fmt: skip
        kinds = {kind.value: kind for kind in PeriodKind}
        # One Period for all the targets of a period: a thousand branches share a few, and
        # what is looked up by period then finds the very key.
        periods: dict[tuple[str, date, date], Period] = {}
        targets = []
        for branch_id, metric, kind, first_day, last_day, value in await plain.rows(
            self._session, statement
        ):
            period = periods.get((kind, first_day, last_day))
            if period is None:
                period = periods[kind, first_day, last_day] = Period(
                    kinds[kind], first_day, last_day
                )
            targets.append(Target(names[branch_id], metric, period, value))
        return targets


class Plans:
    def __init__(self, session: AsyncSession, branches: Branches) -> None:
        self._session = session
        self._branches = branches

    async def put(self, branch: str, text: str, *, user_id: int, now: datetime) -> None:
        self._session.add(
            PlanRow(
                branch_id=await self._branches.id(branch), text=text, set_by=user_id, set_at=now
            )
        )

    async def current(self) -> dict[str, PlanRecord]:
        """Each branch's newest plan, as plain columns: a summary reads every branch's."""
        names = await self._branches.names()
        newest = select(func.max(PlanRow.id)).group_by(PlanRow.branch_id)
        statement = select(PlanRow.branch_id, PlanRow.text, PlanRow.set_by, PlanRow.set_at)
        return {
            names[branch_id]: PlanRecord(names[branch_id], text, set_by, set_at)
            for branch_id, text, set_by, set_at in await plain.rows(
                self._session, statement.where(PlanRow.id.in_(newest))
            )
        }
