"""The visit-photo use case on its own, where timing matters: two albums with one image, a
take stopped halfway."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config.settings import Config
from bot.demo.pictures import visit_photo
from bot.domain.visit_outcomes import OnlyRepeats, Repeat, VisitTaken
from bot.storage.unit_of_work import Database
from bot.usecases.incoming import IncomingAlbum, IncomingPhoto, Sender
from bot.usecases.services import Services

CHAT = -1001234567890
SENT = datetime(2026, 7, 27, 9, 0, tzinfo=UTC)
HEAD = Sender(200005, "正所长")


@pytest.fixture
async def services(database: Database, example_config: Config, tmp_path: Path) -> Services:
    photos = dataclasses.replace(example_config.photos, location=str(tmp_path / "photos"))
    services = Services(database, dataclasses.replace(example_config, photos=photos))
    await services.roster.sync()
    return services


def _album(album: str, message_id: int, unique_id: str, caption: str = "") -> IncomingAlbum:
    photo = IncomingPhoto(message_id, f"AgAD{message_id}", unique_id, 30_000, caption=caption)
    return IncomingAlbum(CHAT, album, HEAD, SENT, (photo,))


async def _one_photo(file_id: str) -> bytes:
    return visit_photo(1)


class Stopped(Exception):
    """The process stopped there (a kill, a stop cancelling the take, a failing step)."""


async def test_two_albums_racing_with_one_image_count_it_once(services: Services) -> None:
    started, both = [], asyncio.Event()

    async def fetch(file_id: str) -> bytes:
        # Both albums have looked for the image, found nothing, and are downloading it.
        started.append(file_id)
        if len(started) == 2:
            both.set()
        await both.wait()
        return visit_photo(1)

    outcomes = await asyncio.gather(
        services.visits.take(_album("m1", 1, "AQADsame"), fetch, now=SENT),
        services.visits.take(_album("m2", 2, "AQADsame"), fetch, now=SENT),
    )

    [taken] = [o for o in outcomes if isinstance(o, VisitTaken)]
    assert taken.total == 1
    assert [o for o in outcomes if o is not taken] == [
        OnlyRepeats((Repeat("正阳营业所", SENT.date()),))
    ]
    async with services.database.transaction() as uow:
        visits = [await uow.visits.find(CHAT, album) for album in ("m1", "m2")]
    assert len([visit for visit in visits if visit is not None]) == 1


async def test_an_album_whose_answer_was_never_queued_is_answered_when_taken_again(
    services: Services,
) -> None:
    album = _album("m7", 7, "AQADseven", caption="储蓄35万")

    with pytest.raises(Stopped):
        await services.visits.take(album, _one_photo, now=SENT, answer=_stops)
    outcome = await services.visits.take(album, _one_photo, now=SENT)

    assert isinstance(outcome, VisitTaken)
    assert outcome.added == 1


async def test_a_take_stopped_before_its_caption_is_stored_keeps_nothing_of_the_album(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services.visits.reports, "submit_within", _stops)

    with pytest.raises(Stopped):
        await services.visits.take(_album("m7", 7, "AQADseven", "储蓄35万"), _one_photo, now=SENT)

    async with services.database.reading() as uow:
        assert await uow.visits.find(CHAT, "m7") is None


async def test_a_caption_not_stored_the_first_time_is_stored_when_the_album_is_taken_again(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    album = _album("m7", 7, "AQADseven", caption="储蓄35万")
    with monkeypatch.context() as stopping:
        stopping.setattr(services.visits.reports, "submit_within", _stops)
        with pytest.raises(Stopped):
            await services.visits.take(album, _one_photo, now=SENT)

    await services.visits.take(album, _one_photo, now=SENT)

    async with services.database.reading() as uow:
        assert await uow.reports.get(CHAT, 7) is not None


def _stops(*args: object, **kwargs: object) -> None:
    raise Stopped
