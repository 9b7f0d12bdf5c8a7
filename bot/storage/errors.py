"""Which failures of the database pass by themselves, so that the same step, tried again
later, succeeds: what must not be dropped waits for them rather than being given up.

Told by the drivers' codes, not their words: PostgreSQL words its errors in the server's
language, which may well be Chinese here."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as NoConnectionFree

_SQLITE_AWAY = (5, 6)
"""SQLITE_BUSY, SQLITE_LOCKED: a write lock another connection held past the busy timeout."""
_POSTGRESQL_AWAY = ("57P01", "57P02", "57P03", "53300", "40001", "40P01")
"""A server shutting down, crashed, starting up or out of connections; a transaction
rolled back for another's sake (serialisation, deadlock): all done again in a while."""
_POSTGRESQL_CONNECTION = "08"
"""SQLSTATE class of a connection lost or refused."""


def passing(error: BaseException) -> bool:
    """A lock held past the busy timeout (a command run beside the bot), a connection lost
    or refused (PostgreSQL restarting), no connection free in the pool. Never what a
    statement itself gets wrong, which would fail again the same way, every time."""
    if isinstance(error, NoConnectionFree | ConnectionRefusedError):
        return True  # asyncpg's refused connection comes through as it is
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated or isinstance(error.orig, ConnectionError):
        return True
    if isinstance(error.orig, sqlite3.Error):
        return (getattr(error.orig, "sqlite_errorcode", 0) or 0) & 0xFF in _SQLITE_AWAY
    state = str(getattr(error.orig, "sqlstate", None) or "")
    return state.startswith(_POSTGRESQL_CONNECTION) or state in _POSTGRESQL_AWAY
