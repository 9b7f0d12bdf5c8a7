"""The chart of a contest with many pairs: a phone-sized PNG, whatever the scores."""

from __future__ import annotations

import struct

import pytest

from bot.rendering.contest_chart import Duel, duel_chart
from bot.rendering.fonts import chart_font


@pytest.fixture(scope="module")
def font() -> str:
    return chart_font()


def _duel(i: int, first: float, second: float) -> Duel:
    leader = None if first == second else (0 if first > second else 1)
    return Duel(
        (f"网点{i}甲", f"网点{i}乙"), (first, second), (f"{first}分", f"{second}分"), leader
    )


def _size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


def test_the_chart_is_a_phone_portrait_png(font: str) -> None:
    duels = [_duel(i, 10.0 * i, 8.0 * i) for i in range(1, 6)]

    png = duel_chart(title="全员PK（截至7月1日）", subtitle="计分：积分", duels=duels, font=font)

    assert _size(png) == (1080, 1440)


def test_ties_negative_and_zero_scores_draw(font: str) -> None:
    duels = [_duel(1, 0, 0), _duel(2, -5, 3), _duel(3, 7, 7)]

    png = duel_chart(title="PK", subtitle="", duels=duels, font=font)

    assert png.startswith(b"\x89PNG")


def test_past_thirty_pairs_the_rest_is_left_to_the_text(font: str) -> None:
    duels = [_duel(i, float(i), float(i % 7)) for i in range(150)]

    png = duel_chart(
        title="PK", subtitle="", duels=duels, font=font, more="……其余120组见文字战况……"
    )

    assert _size(png) == (1080, 1440)


def test_a_chart_of_only_negative_scores_still_draws(font: str) -> None:
    png = duel_chart(title="PK", subtitle="", duels=[_duel(1, -5, -3)], font=font)

    assert _size(png) == (1080, 1440)
