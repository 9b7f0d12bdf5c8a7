"""What went wrong while the update in hand was handled. python-telegram-bot hands a
handler's error to the error handler and returns as if all went well, so the inbox learns
of it here, to leave an update the database failed for a while not done."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_SEEN: ContextVar[list[BaseException] | None] = ContextVar("zhanbao_failures", default=None)


@contextmanager
def watching() -> Iterator[list[BaseException]]:
    """Around the handling of one update: the errors its handlers raised."""
    seen: list[BaseException] = []
    token = _SEEN.set(seen)
    try:
        yield seen
    finally:
        _SEEN.reset(token)


def failed(error: BaseException | None) -> None:
    """A handler raised `error` (the error handler's call) while an update was watched."""
    seen = _SEEN.get()
    if seen is not None and error is not None:
        seen.append(error)
