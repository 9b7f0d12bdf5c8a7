"""Another branch's copy of a photo, over the fake server: saved from the chat, shrunk and
re-encoded, its difference hash a bit off the first one's, it is counted for the branch that
sent it and shown to managers in the weekly photo section; an unrelated photo is not."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from PIL import Image

from bot.adapters.images import Picture, read_picture
from bot.demo.group import LiveGroup
from bot.demo.pictures import visit_photo
from bot.domain.photo_hashes import NEAR, distance
from tests.live import CHAT, at

ZHENGYANG_HEAD, JIANGJIA_HEAD = 200005, 200001
ORIGINAL = visit_photo(7)

pytestmark = pytest.mark.live(start="2026-07-27 18:00")


def _copy(data: bytes) -> bytes:
    """What saving a photo from the chat and sending it again makes of it: smaller, and
    encoded anew at another quality."""
    out = io.BytesIO()
    with Image.open(io.BytesIO(data)) as image:
        image.resize((480, 360), Image.Resampling.LANCZOS).save(out, "JPEG", quality=60)
    return out.getvalue()


def _hash(data: bytes) -> int:
    picture = read_picture(data)
    assert isinstance(picture, Picture)
    return picture.fingerprint.dhash


async def _weekly_warnings(group: LiveGroup) -> list[str]:
    group.clock.time = at("2026-08-03 08:00")
    await group.run_job(f"weekly@{CHAT}")
    [table] = [text for text in group.bot_texts() if "走访照片</b>" in text]
    return [line for line in table.splitlines() if line.startswith("⚠️")]


def test_the_copy_is_near_the_original_but_not_its_hash() -> None:
    """What the tests below rest on: the copy is found only by a near hash, not an equal
    one, nor the same bytes."""
    assert 0 < distance(_hash(ORIGINAL), _hash(_copy(ORIGINAL))) <= NEAR


async def test_another_branchs_near_copy_is_counted_and_shown_in_the_weekly_summary(
    group: LiveGroup,
) -> None:
    await group.send_photos(ZHENGYANG_HEAD, [ORIGINAL])
    group.clock.time += timedelta(days=1)
    [copy] = await group.send_photos(JIANGJIA_HEAD, [_copy(ORIGINAL)])

    [answer] = group.replies_to(copy["message_id"])
    assert answer["text"] == "姜家 7月28日 走访照片 1张 ✓"
    assert await _weekly_warnings(group) == ["⚠️ 姜家 7月28日的1张照片与正阳 7月27日的相同"]


async def test_another_branchs_unrelated_photo_is_not_shown(group: LiveGroup) -> None:
    await group.send_photos(ZHENGYANG_HEAD, [ORIGINAL])
    group.clock.time += timedelta(days=1)
    await group.send_photos(JIANGJIA_HEAD, [visit_photo(8)])

    assert await _weekly_warnings(group) == []
