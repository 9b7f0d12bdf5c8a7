"""An album's charts are drawn each in a thread of its own, and come back as drawn alone."""

from __future__ import annotations

import threading

from bot.domain.catalogue import Catalogue
from bot.rendering.fonts import chart_font
from bot.rendering.summary_charts import summary_charts
from bot.rendering.texts import Texts
from bot.usecases.composing import drawn
from tests.summary_data import week_summary

WAIT_S = 10


async def test_an_albums_charts_are_drawn_at_once_and_come_back_in_their_order() -> None:
    second_started = threading.Event()

    def first() -> bytes:
        # Drawn one after the other, the second would not start until this one ended.
        assert second_started.wait(WAIT_S), "the second chart was not drawn beside the first"
        return b"first"

    def second() -> bytes:
        second_started.set()
        return b"second"

    assert await drawn([first, second]) == [b"first", b"second"]


async def test_charts_drawn_side_by_side_are_the_pngs_each_draws_alone(
    catalogue: Catalogue,
) -> None:
    drawings = summary_charts(
        week_summary(catalogue),
        texts=Texts("zh-CN"),
        catalogue=catalogue,
        main_metrics=("deposit", "other_bank", "insurance"),
        font=chart_font(),
    )
    alone = [draw() for draw in drawings]

    assert await drawn(drawings + drawings) == alone + alone
