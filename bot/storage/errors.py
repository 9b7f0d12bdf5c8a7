"""Which failures of the database pass by themselves, so that the same step, tried again
later, succeeds: what must not be dropped waits for them rather than being given up."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as NoConnectionFree

_AWAY = (
    "database is locked", "database table is locked", "database is busy",
    "the database system is starting up", "the database system is shutting down",
    "terminating connection due to administrator command",
)  # fmt: skip
"""SQLite's words for a write lock another process held past the busy timeout, and
PostgreSQL's for a server restarting."""


def passing(error: BaseException) -> bool:
    """A lock held past the busy timeout (a command run beside the bot), a connection lost
    or refused (PostgreSQL restarting), no connection free in the pool. Never what a
    statement itself gets wrong, which would fail again the same way, every time."""
    if isinstance(error, NoConnectionFree | ConnectionError):
        return True
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated or isinstance(error.orig, ConnectionError):
        return True
    return any(words in str(error.orig).lower() for words in _AWAY)
