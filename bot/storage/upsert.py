"""The dialect's INSERT, which has `on_conflict_do_update` on SQLite and PostgreSQL alike."""

from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def insert(session: AsyncSession, table: type | Table) -> sqlite.Insert | postgresql.Insert:
    return insert_for(dialect_of(session), table)


def dialect_of(session: AsyncSession) -> str:
    """The session's dialect: which of a statement built once per dialect it runs."""
    return session.get_bind().dialect.name


def insert_for(dialect: str, table: type | Table) -> sqlite.Insert | postgresql.Insert:
    """The INSERT of `dialect` ("sqlite" or "postgresql"): for a statement built once."""
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
