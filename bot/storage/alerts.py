"""Alerts raised once, private chats the bot may write to, and the bot's heartbeat."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.alert_tables import AlertRow, Heartbeat, PrivateChat
from bot.storage.upsert import insert

BOT = "bot"
"""The one heartbeat: any instance running keeps it going."""


class Alerts:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, key: str, text: str, now: datetime) -> int | None:
        """The new alert's id; None when one with that key was raised before."""
        statement = (
            insert(self._session, AlertRow)
            .values(key=key, text=text, raised_at=now)
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(AlertRow.id)
        )
        return (await self._session.execute(statement)).scalar_one_or_none()

    async def started(self, user_ids: Collection[int]) -> list[int]:
        """Those of `user_ids` who have written to the bot in private, by id."""
        statement = (
            select(PrivateChat.user_id)
            .where(PrivateChat.user_id.in_(list(user_ids)))
            .order_by(PrivateChat.user_id)
        )
        return list((await self._session.execute(statement)).scalars())

    async def start(self, user_id: int, now: datetime) -> None:
        statement = insert(self._session, PrivateChat).values(user_id=user_id, started_at=now)
        await self._session.execute(statement.on_conflict_do_nothing(index_elements=["user_id"]))

    async def beat(self, now: datetime) -> datetime | None:
        """Say the bot runs at `now`; when it last said so before."""
        last = (
            await self._session.execute(select(Heartbeat.at).where(Heartbeat.name == BOT))
        ).scalar_one_or_none()
        statement = insert(self._session, Heartbeat).values(name=BOT, at=now)
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=["name"], set_={"at": now})
        )
        return last
