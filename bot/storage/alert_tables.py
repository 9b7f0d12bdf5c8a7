"""What the managers are told of things no group sees: each alert once, who may be told in
private, and when the bot was last seen running."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.tables import Base, UtcDateTime


class AlertRow(Base):
    """An alert raised; its key makes it once (a post's failure, a day's store trouble)."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    text: Mapped[str] = mapped_column(Text)
    raised_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PrivateChat(Base):
    """Someone who wrote to the bot in private: a bot may only message those who did."""

    __tablename__ = "private_chats"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Heartbeat(Base):
    """When a running bot last said so, once a minute: a start after a gap knows the bot
    was down, and since when."""

    __tablename__ = "heartbeats"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
