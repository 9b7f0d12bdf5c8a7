"""An album's items, gathered until it has been quiet, handed over in one call."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.chat.albums import AlbumBuffer

SETTLE = 0.05


class Taken:
    def __init__(self) -> None:
        self.calls: list[tuple[str, list[int]]] = []
        self.running = 0
        self.overlapped = False

    async def __call__(self, key: str, items: list[int]) -> None:
        self.running += 1
        self.overlapped |= self.running > 1
        await asyncio.sleep(SETTLE)
        self.calls.append((key, items))
        self.running -= 1


async def test_the_items_of_an_album_are_handed_over_together() -> None:
    taken = Taken()
    buffer = AlbumBuffer(SETTLE, taken)
    for item in (3, 1, 2):
        buffer.add("a", item)
    buffer.add("b", 9)
    await buffer.idle()

    assert sorted(taken.calls) == [("a", [3, 1, 2]), ("b", [9])]


async def test_each_new_item_restarts_the_quiet_period() -> None:
    taken = Taken()
    buffer = AlbumBuffer(SETTLE * 2, taken)
    buffer.add("a", 1)
    await asyncio.sleep(SETTLE)
    buffer.add("a", 2)
    await asyncio.sleep(SETTLE * 1.5)

    assert taken.calls == []
    await buffer.idle()
    assert taken.calls == [("a", [1, 2])]


async def test_late_items_are_handed_over_after_the_earlier_ones_not_beside_them() -> None:
    taken = Taken()
    buffer = AlbumBuffer(SETTLE / 5, taken)
    buffer.add("a", 1)
    await asyncio.sleep(SETTLE / 2)  # the first hand-over is under way
    buffer.add("a", 2)
    await buffer.idle()

    assert taken.calls == [("a", [1]), ("a", [2])]
    assert not taken.overlapped


async def test_flush_hands_over_every_album_at_once() -> None:
    taken = Taken()
    buffer = AlbumBuffer(60, taken)
    buffer.add("a", 1)
    await buffer.flush()

    assert taken.calls == [("a", [1])]


async def test_a_failed_hand_over_is_logged_and_the_next_album_still_goes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    taken: list[list[int]] = []

    async def take(key: str, items: list[int]) -> None:
        if key == "bad":
            raise RuntimeError("storage is full")
        taken.append(items)

    buffer = AlbumBuffer(SETTLE / 5, take)
    with caplog.at_level(logging.ERROR):
        buffer.add("bad", 1)
        buffer.add("good", 2)
        await buffer.idle()

    assert taken == [[2]]
    assert "storage is full" in caplog.text


async def test_a_lone_item_is_handed_over_at_once_in_the_background() -> None:
    taken = Taken()
    buffer = AlbumBuffer(60, taken)
    buffer.add("lone", 1, settle=0)
    await asyncio.sleep(SETTLE * 2)

    assert taken.calls == [("lone", [1])]
