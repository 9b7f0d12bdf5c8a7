"""Which commits wait for the disk: on SQLite, only those that something outside acts on.

A commit that waits for the disk (synchronous=FULL) costs an fsync, and the SQLite driver
runs on the event loop's thread, so the whole bot waits for it: a quarter of a millisecond
on a local SSD, several on a network volume, twice a report. Two commits must survive a
power cut: the inbox's store, since Telegram is then told it may forget the update, and
the sender's claim, since the message then goes out and must never go out twice.

Everything a handler commits while an update from the inbox is handled can be made
again: its update stays in the inbox, not done, until a later commit marks it so. In WAL
mode SQLite loses, on a power cut, only commits after the last one that waited for the
disk, in the order they were made. So a handler's commit that does not wait (NORMAL) is
either kept, or lost together with its update's done mark, and then handled again after
the restart; and it is kept for sure before its answer is sent, by the claim's commit.

A task a handler starts may commit after the done mark: it waits for the disk, since
what is `replayable` ends with the handling, not with the tasks begun in it. So do the
commits of a step whose effect is seen at once (`lasting`), and every commit where the
database is not in WAL mode (storage.engine), where a commit that does not wait may
corrupt the file rather than be lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(slots=True)
class _Handling:
    open: bool = True


_HANDLING: ContextVar[_Handling | None] = ContextVar("zhanbao_handling", default=None)


@contextmanager
def replayable() -> Iterator[None]:
    """While an update stored in the inbox is handled, before it is marked done."""
    handling = _Handling()
    token = _HANDLING.set(handling)
    try:
        yield
    finally:
        handling.open = False
        _HANDLING.reset(token)


@contextmanager
def lasting() -> Iterator[None]:
    """Around commits that something outside acts on at once although made in a handling
    (a handler that sends to Telegram itself, not through the outbox): they wait."""
    token = _HANDLING.set(None)
    try:
        yield
    finally:
        _HANDLING.reset(token)


def must_wait_for_disk() -> bool:
    """Whether a commit made now must survive a power cut (see the module's docstring)."""
    handling = _HANDLING.get()
    return handling is None or not handling.open
