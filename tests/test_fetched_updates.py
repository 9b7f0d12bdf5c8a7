"""Updates kept as fetched: each handed to the handler once, and only so many kept; and
stored as Telegram sent them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from telegram import Update

from bot.chat.polling import FETCHED_MOST, Fetched
from bot.chat.raw_updates import RawUpdates
from bot.demo.group import LiveGroup


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


def _response(*updates: dict[str, object]) -> bytes:
    return json.dumps({"ok": True, "result": list(updates)}, ensure_ascii=False).encode()


def test_an_update_fetched_is_kept_as_telegram_sent_it_until_taken() -> None:
    raw = RawUpdates()
    update = {"update_id": 7, "message": {"message_id": 1, "text": "储蓄35万", "new_field": 1}}

    raw.parse_json_payload(_response(update))

    assert json.loads(raw.take(7) or "") == update
    assert raw.take(7) is None


def test_an_update_with_half_an_emoji_is_kept_as_text_the_inbox_can_store() -> None:
    raw = RawUpdates()
    update = {"update_id": 7, "message": {"message_id": 1, "text": "储蓄35万\ud83d"}}

    raw.parse_json_payload(json.dumps({"ok": True, "result": [update]}).encode())

    kept = raw.take(7) or ""
    kept.encode("utf-8")
    assert json.loads(kept) == update


def test_an_answer_that_is_no_list_of_updates_keeps_nothing() -> None:
    raw = RawUpdates()

    raw.parse_json_payload(b'{"ok": false, "error_code": 409, "description": "Conflict"}')

    assert raw.take(0) is None


@pytest.mark.live(start="2026-12-01 08:00")
async def test_the_inbox_stores_an_update_as_telegram_sent_it(
    group: LiveGroup, tmp_path: Path
) -> None:
    message = await group.say(200005, "储蓄35万")

    with sqlite3.connect(tmp_path / "zhanbao.db") as db:
        [(payload,)] = db.execute("SELECT payload FROM inbox_updates").fetchall()
    assert json.loads(payload)["message"] == message
