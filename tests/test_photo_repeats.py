"""Visit photos known by their content, over the fake server: a picture saved and sent again
as a new file is a repeat for its own branch within 90 days, and counted but shown to
managers when another branch sends it."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from PIL import Image

from bot.demo.group import LiveGroup
from bot.demo.pictures import visit_photo
from bot.usecases.services import Services
from tests.live import CHAT, at
from tests.shopfront import shopfront

ZHENGYANG_HEAD, JIANGJIA_HEAD = 200005, 200001

pytestmark = pytest.mark.live(start="2026-07-27 18:00")


def _recompressed(data: bytes) -> bytes:
    """What saving a photo from the chat and sending it again makes of it: smaller, and
    encoded anew at another quality."""
    out = io.BytesIO()
    with Image.open(io.BytesIO(data)) as image:
        image.resize((480, 360), Image.Resampling.LANCZOS).save(out, "JPEG", quality=60)
    return out.getvalue()


async def _count(group: LiveGroup, branch: str = "正阳营业所") -> int:
    services: Services | None = group.app.bot_data.services
    assert services is not None
    async with services.database.transaction() as uow:
        photos = await uow.visits.of_days(date(2026, 1, 1), date(2026, 12, 31))
    return len([photo for photo in photos if photo.branch == branch])


def _answer(group: LiveGroup, message: dict) -> str:
    [answer] = group.replies_to(message["message_id"])
    return answer["text"] or ""


def _next_day(group: LiveGroup, days: int = 1) -> None:
    group.clock.time += timedelta(days=days)


async def test_a_photo_recompressed_and_resized_is_a_repeat(group: LiveGroup) -> None:
    await group.send_photos(ZHENGYANG_HEAD, [visit_photo(1)])
    _next_day(group)
    [again] = await group.send_photos(ZHENGYANG_HEAD, [_recompressed(visit_photo(1))])

    assert _answer(group, again) == "♻️ 1张与7月27日的照片相同，不重复计数"
    assert await _count(group) == 1


async def test_the_same_bytes_sent_again_as_a_file_are_a_repeat(group: LiveGroup) -> None:
    [photo] = await group.send_photos(ZHENGYANG_HEAD, [visit_photo(1)])
    again = await group.send_file(ZHENGYANG_HEAD, visit_photo(1), "IMG_0001.jpg")

    assert photo["photo"][-1]["file_unique_id"] != again["document"]["file_unique_id"]
    assert _answer(group, again) == "♻️ 1张与7月27日的照片相同，不重复计数"
    assert await _count(group) == 1


async def test_two_photos_of_one_shopfront_are_two_photos(group: LiveGroup) -> None:
    await group.send_photos(ZHENGYANG_HEAD, [shopfront()])
    [second] = await group.send_photos(ZHENGYANG_HEAD, [shopfront(step=120, light=0.75)])

    assert _answer(group, second) == "正阳 7月27日 走访照片 1张 ✓"
    assert await _count(group) == 2


async def test_an_album_with_one_picture_twice_counts_it_once(group: LiveGroup) -> None:
    album = await group.send_photos(
        ZHENGYANG_HEAD, [visit_photo(1), visit_photo(2), _recompressed(visit_photo(1))]
    )

    assert _answer(group, album[0]) == (
        "正阳 7月27日 走访照片 2张 ✓\n♻️ 1张与7月27日的照片相同，不重复计数"
    )
    assert await _count(group) == 2


async def test_a_late_item_of_an_album_showing_an_earlier_one_is_a_repeat(
    group: LiveGroup,
) -> None:
    album = await group.send_photos(ZHENGYANG_HEAD, [visit_photo(1), visit_photo(2)])
    late = group.api.send_photo(
        CHAT, group.users[ZHENGYANG_HEAD], _recompressed(visit_photo(2)),
        media_group_id=album[0]["media_group_id"],
    )  # fmt: skip
    await group.settle()

    assert _answer(group, late) == "♻️ 1张与7月27日的照片相同，不重复计数"
    assert await _count(group) == 2


@pytest.mark.parametrize(
    ("days", "answer"),
    [
        pytest.param(90, "♻️ 1张与7月27日的照片相同，不重复计数", id="90 days on"),
        pytest.param(91, "正阳 10月26日 走访照片 1张 ✓", id="91 days on"),
    ],
)
async def test_a_picture_repeats_only_within_90_days(
    group: LiveGroup, days: int, answer: str
) -> None:
    await group.send_photos(ZHENGYANG_HEAD, [visit_photo(1)])
    _next_day(group, days)
    again = await group.send_file(ZHENGYANG_HEAD, visit_photo(1), "IMG_0001.jpg")

    assert _answer(group, again) == answer


async def test_a_photo_dated_back_by_its_caption_repeats_a_later_day(group: LiveGroup) -> None:
    await group.send_photos(ZHENGYANG_HEAD, [visit_photo(1)])
    [again] = await group.send_photos(
        ZHENGYANG_HEAD, [_recompressed(visit_photo(1))], "7月24日 走访照片"
    )

    assert _answer(group, again) == "♻️ 1张与7月27日的照片相同，不重复计数"


async def test_another_branchs_copy_is_counted_and_shown_in_the_weekly_summary(
    group: LiveGroup,
) -> None:
    await group.send_photos(ZHENGYANG_HEAD, [visit_photo(1)])
    _next_day(group)
    copy = await group.send_file(JIANGJIA_HEAD, visit_photo(1), "IMG_0001.jpg")
    group.clock.time = at("2026-08-03 08:00")
    await group.run_job(f"weekly@{CHAT}")

    assert _answer(group, copy) == "姜家 7月28日 走访照片 1张 ✓"
    [table] = [text for text in group.bot_texts() if "走访照片</b>" in text]
    assert "姜家：0/1/0/0/0，共1" in table.splitlines()
    assert table.splitlines()[-1] == "⚠️ 姜家 7月28日的1张照片与正阳 7月27日的相同"


async def test_the_branch_that_sent_a_picture_first_is_not_flagged(group: LiveGroup) -> None:
    await group.send_photos(ZHENGYANG_HEAD, [visit_photo(1)])
    await group.send_file(JIANGJIA_HEAD, visit_photo(1), "IMG_0001.jpg")
    group.clock.time = at("2026-08-03 08:00")
    await group.run_job(f"weekly@{CHAT}")

    [table] = [text for text in group.bot_texts() if "走访照片</b>" in text]
    assert [line for line in table.splitlines() if line.startswith("⚠️")] == [
        "⚠️ 姜家 7月27日的1张照片与正阳 7月27日的相同"
    ]
