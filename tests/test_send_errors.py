"""Which failed sends may have reached Telegram: those are never sent again, the rest are
retried (python-telegram-bot wraps the transport's error as the cause)."""

from __future__ import annotations

import httpx
from telegram.error import NetworkError, TimedOut

from bot.chat.delivery import surely_unsent


def _raised(error: NetworkError, cause: Exception | None) -> NetworkError:
    try:
        raise error from cause
    except NetworkError as raised:
        return raised


def test_an_error_answer_from_telegram_was_not_delivered() -> None:
    assert surely_unsent(_raised(NetworkError("Internal Server Error (500)"), None))


def test_a_refused_connection_was_not_delivered() -> None:
    assert surely_unsent(_raised(NetworkError("httpx.ConnectError"), httpx.ConnectError("no")))


def test_no_free_connection_was_not_delivered() -> None:
    assert surely_unsent(_raised(TimedOut("Pool timeout"), httpx.PoolTimeout("busy")))


def test_a_read_that_timed_out_may_have_been_delivered() -> None:
    assert not surely_unsent(_raised(TimedOut(), httpx.ReadTimeout("slow")))


def test_a_connection_broken_off_after_the_request_may_have_been_delivered() -> None:
    error = _raised(NetworkError("httpx.RemoteProtocolError"), httpx.RemoteProtocolError("gone"))

    assert not surely_unsent(error)
