"""Updates kept as fetched: each handed to the handler once, and only so many kept."""

from __future__ import annotations

from telegram import Update

from bot.chat.polling import FETCHED_MOST, Fetched


def test_an_update_fetched_is_handed_over_once() -> None:
    fetched = Fetched()
    update = Update(update_id=7)
    fetched.keep([update])

    assert fetched.take(7) is update
    assert fetched.take(7) is None


def test_an_update_not_fetched_here_is_not_found() -> None:
    fetched = Fetched()
    fetched.keep([Update(update_id=7)])

    assert fetched.take(8) is None


def test_updates_never_handled_here_are_let_go_once_too_many_are_kept() -> None:
    fetched = Fetched()
    fetched.keep(Update(update_id=n) for n in range(FETCHED_MOST + 1))
    fetched.keep([Update(update_id=FETCHED_MOST + 1)])

    assert fetched.take(0) is None
    assert fetched.take(FETCHED_MOST + 1) is not None
