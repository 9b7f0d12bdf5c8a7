"""Visit photos over the fake server: albums and files land on disk and in the database,
each image counted once, with one short answer per photo or album."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from PIL import Image

from bot.demo.group import LiveGroup
from bot.demo.pictures import visit_photo
from bot.fake_telegram import FakeBotApi, FakeUser
from bot.usecases.services import Services
from tests.live import CHAT, at, without_photo_reminders

MANAGER, ZHENGYANG_HEAD, JIANGJIA_HEAD = 100001, 200005, 200001
MB = 1024 * 1024

pytestmark = pytest.mark.live(start="2026-07-27 18:00", users={MANAGER: "王总"})


def _answers(group: LiveGroup, *messages: dict[str, object]) -> list[str]:
    ids = {m["message_id"] for m in messages}
    return [
        m["text"] or "" for m in group.api.bot_messages(CHAT) if m["reply_to_message_id"] in ids
    ]


async def _album(group: LiveGroup, user: int, seeds: list[int], **extra: object) -> list[dict]:
    messages = group.api.send_album(
        CHAT, group.users[user], [visit_photo(seed) for seed in seeds], **extra
    )
    await group.settle()
    return messages


async def _photo(group: LiveGroup, user: int, seed: int, caption: str | None = None) -> dict:
    message = group.api.send_photo(CHAT, group.users[user], visit_photo(seed), caption=caption)
    await group.settle()
    return message


async def _late(group: LiveGroup, user: int, album: list[dict], seed: int) -> dict:
    """One more photo of `album`, sent after the album has been answered."""
    message = group.api.send_photo(
        CHAT, group.users[user], visit_photo(seed),
        media_group_id=album[0]["media_group_id"],
    )  # fmt: skip
    await group.settle()
    return message


def _services(group: LiveGroup) -> Services:
    services = group.app.bot_data.services
    assert services is not None
    return services


async def _figures(group: LiveGroup, day: date) -> dict[str, float]:
    async with _services(group).database.transaction() as uow:
        figures = await uow.figures.of_branch("正阳营业所", day, day)
    return {figure.metric: figure.value for figure in figures}


async def _stored(group: LiveGroup, day: str = "2026-07-27", branch: str = "正阳营业所") -> list:
    async with _services(group).database.transaction() as uow:
        return await uow.visits.of_branch_day(branch, datetime.fromisoformat(day).date())


async def test_an_album_arriving_out_of_order_is_one_visit_with_one_answer(
    group: LiveGroup,
) -> None:
    album = await _album(
        group, ZHENGYANG_HEAD, [1, 2, 3], caption="走访 商户3户 客户信息5条",
        caption_on=1, order=[2, 0, 1],
    )  # fmt: skip

    [answer] = _answers(group, *album)
    assert answer.splitlines()[0] == "正阳 7月27日 走访照片 3张 ✓"
    assert [reply["reply_to_message_id"] for reply in group.replies_to(album[1]["message_id"])]
    assert [p.message_id for p in await _stored(group)] == [m["message_id"] for m in album]


async def test_the_caption_figures_are_stored_like_a_report(group: LiveGroup) -> None:
    album = await _album(
        group, ZHENGYANG_HEAD, [1, 2], caption="走访 商户3户 客户信息5条", caption_on=1
    )

    [answer] = _answers(group, *album)
    assert answer.splitlines()[1] == "✅ 正阳营业所 7月27日 已记录：走访 3户，客户信息 5条"
    assert await _figures(group, date(2026, 7, 27)) == {"visits": 3, "customer_info": 5}


async def test_the_stored_files_exist_with_the_recorded_sizes(
    group: LiveGroup, tmp_path: Path
) -> None:
    await _album(group, ZHENGYANG_HEAD, [1, 2, 3])

    stored = await _stored(group)
    assert len(stored) == 3
    for photo in stored:
        file = tmp_path / "photos" / photo.stored_key
        assert file.parent == tmp_path / "photos" / "2026-07-27" / "正阳"
        assert file.stat().st_size == photo.stored_size > 0


async def test_a_photo_sent_again_is_not_counted_twice_and_the_answer_says_so(
    group: LiveGroup,
) -> None:
    await _photo(group, ZHENGYANG_HEAD, 7)
    again = await _photo(group, ZHENGYANG_HEAD, 7)

    assert _answers(group, again) == ["♻️ 1张以前发过（正阳 7月27日），不重复计数"]
    assert len(await _stored(group)) == 1


async def test_an_album_with_one_repeat_counts_only_the_new_photos(group: LiveGroup) -> None:
    await _photo(group, ZHENGYANG_HEAD, 7)
    album = await _album(group, ZHENGYANG_HEAD, [7, 8])

    assert _answers(group, *album) == [
        "正阳 7月27日 走访照片 1张 ✓\n♻️ 1张以前发过（正阳 7月27日），不重复计数"
    ]
    assert len(await _stored(group)) == 2


@pytest.mark.parametrize(
    ("send", "stored"),
    [
        pytest.param(lambda api, user: api.send_photo(CHAT, user, visit_photo(7)), 1, id="stored"),
        pytest.param(
            lambda api, user: api.send_document(
                CHAT, user, b"%PDF", file_name="走访.pdf", caption="走访照片"
            ),
            0,
            id="refused",
        ),
    ],
)
async def test_a_redelivered_photo_is_neither_counted_nor_answered_again(
    group: LiveGroup, send: Callable[[FakeBotApi, FakeUser], dict], stored: int
) -> None:
    send(group.api, group.users[ZHENGYANG_HEAD])
    await group.settle()
    [update] = [u for u in group.api.injected_updates if "message" in u][-1:]
    group.api.redeliver(update)
    await group.settle()

    assert len(group.api.bot_messages(CHAT)) == 1
    assert len(await _stored(group)) == stored


async def test_a_redelivered_repeat_is_answered_once(group: LiveGroup) -> None:
    await _photo(group, ZHENGYANG_HEAD, 7)
    await _photo(group, ZHENGYANG_HEAD, 7)
    [update] = [u for u in group.api.injected_updates if "message" in u][-1:]
    group.api.redeliver(update)
    await group.settle()

    assert len(group.api.bot_messages(CHAT)) == 2


async def test_a_late_item_of_an_album_joins_its_visit_with_an_answer_of_its_own(
    group: LiveGroup,
) -> None:
    album = await _album(group, ZHENGYANG_HEAD, [1, 2])
    late = await _late(group, ZHENGYANG_HEAD, album, 3)

    assert _answers(group, *album) == ["正阳 7月27日 走访照片 2张 ✓"]
    assert _answers(group, late) == ["正阳 7月27日 走访照片 又收到1张，共3张 ✓"]
    assert len(await _stored(group)) == 3


async def test_undo_in_reply_to_the_answer_takes_back_the_captions_figures(
    group: LiveGroup,
) -> None:
    message = await _photo(group, ZHENGYANG_HEAD, 1, caption="走访 商户3户")
    [answer] = group.replies_to(message["message_id"])
    await group.say(ZHENGYANG_HEAD, "/undo", reply_to=answer["message_id"])

    assert await _figures(group, date(2026, 7, 27)) == {}
    assert len(await _stored(group)) == 1


async def test_a_25_mb_file_is_refused_before_any_download(group: LiveGroup) -> None:
    message = group.api.send_document(
        CHAT, group.users[ZHENGYANG_HEAD], visit_photo(1), file_name="走访.jpg",
        file_size=25 * MB,
    )  # fmt: skip
    await group.settle()

    assert _answers(group, message) == ["❌ 未保存：\n1个文件超过20MB，未保存，请压缩后再发"]
    assert not [name for name, _ in group.api.requests if name == "getFile"]
    assert await _stored(group) == []


async def test_a_file_that_is_not_an_image_is_refused(group: LiveGroup) -> None:
    message = group.api.send_document(
        CHAT, group.users[ZHENGYANG_HEAD], b"%PDF-1.7 ...", file_name="走访记录.pdf",
        caption="走访照片",
    )  # fmt: skip
    await group.settle()

    assert _answers(group, message) == ["❌ 未保存：\n1个文件不是图片，未保存"]
    assert await _stored(group) == []


async def test_an_image_file_keeps_its_capture_time_but_not_its_location(
    group: LiveGroup, tmp_path: Path
) -> None:
    data = visit_photo(1, taken_at=datetime(2026, 7, 27, 10, 5), located=True)
    group.api.send_document(CHAT, group.users[ZHENGYANG_HEAD], data, file_name="IMG_0001.jpg")
    await group.settle()

    [photo] = await _stored(group)
    assert photo.taken_at == datetime(2026, 7, 27, 10, 5)
    kept = (tmp_path / "photos" / photo.stored_key).read_bytes()
    assert b"GPS" not in kept
    assert 0x8825 not in _exif(kept)


async def test_a_photo_taken_long_before_its_day_is_kept_but_flagged(group: LiveGroup) -> None:
    data = visit_photo(1, taken_at=datetime(2026, 7, 10, 9, 0))
    message = group.api.send_document(
        CHAT, group.users[ZHENGYANG_HEAD], data, file_name="IMG_0002.jpg"
    )
    await group.settle()

    assert _answers(group, message) == [
        "正阳 7月27日 走访照片 1张 ✓\n⚠️ 1张拍摄于7月10日，早于3天前，请核实"
    ]
    assert len(await _stored(group)) == 1


async def test_a_caption_date_files_photos_under_that_day(group: LiveGroup) -> None:
    message = await _photo(group, ZHENGYANG_HEAD, 1, caption="7月26日 走访照片")

    assert _answers(group, message) == ["正阳 7月26日（周日） 走访照片 1张 ✓"]
    assert len(await _stored(group, "2026-07-26")) == 1


async def test_a_manager_names_the_branch_in_the_caption(group: LiveGroup) -> None:
    message = await _photo(group, MANAGER, 1, caption="姜家 走访照片")

    assert _answers(group, message) == ["姜家 7月27日 走访照片 1张 ✓"]
    assert len(await _stored(group, branch="姜家营业所")) == 1


async def test_a_manager_without_a_branch_in_the_caption_is_asked_for_one(
    group: LiveGroup,
) -> None:
    message = await _photo(group, MANAGER, 1)

    assert _answers(group, message) == ["⚠️ 请在照片说明里写上网点，如：正阳 走访照片"]


async def test_photos_posts_the_days_photos_back_as_an_album(group: LiveGroup) -> None:
    await _album(group, ZHENGYANG_HEAD, [1, 2, 3])
    await group.say(JIANGJIA_HEAD, "/photos 正阳 7月27日")

    album = [m for m in group.api.bot_messages(CHAT) if m["photos"]]
    assert len(album) == 3
    assert album[0]["caption"] == "📷 正阳 7月27日 走访照片 3张"
    assert len({m["media_group_id"] for m in album}) == 1
    store = _services(group).photos.store
    sent = [group.api.file_bytes(m["photos"][0]) for m in album]
    assert sent == [await store.get(photo.stored_key) for photo in await _stored(group)]


async def test_photos_of_a_day_without_any_says_so(group: LiveGroup) -> None:
    await group.say(ZHENGYANG_HEAD, "/photos")

    assert group.bot_texts()[-1] == "正阳 7月27日 还没有走访照片"


async def test_the_reminder_names_the_branches_without_visit_photos(group: LiveGroup) -> None:
    await _photo(group, ZHENGYANG_HEAD, 1)
    group.clock.time = at("2026-07-28 10:00")
    await group.run_job(f"reminder@{CHAT}")

    reminder = group.bot_texts()[-1]
    assert (
        "📷 7月27日还没有走访照片：姜家营业所、东城营业所、利民城营业所、四明营业所、西环路营业所"
        in reminder
    )


def _exif(data: bytes) -> Image.Exif:
    with Image.open(io.BytesIO(data)) as image:
        return image.getexif()


async def test_the_weekly_summary_counts_photos_per_day_and_shows_a_contact_sheet(
    group: LiveGroup,
) -> None:
    await _album(group, ZHENGYANG_HEAD, [1, 2, 3])
    group.clock.time = at("2026-07-28 17:00")
    await _photo(group, ZHENGYANG_HEAD, 4)
    await _photo(group, JIANGJIA_HEAD, 5)
    group.clock.time = at("2026-08-01 11:00")  # a Saturday's visit gets a column of its own
    await _photo(group, ZHENGYANG_HEAD, 6)
    group.clock.time = at("2026-08-03 08:00")
    await group.run_job(f"weekly@{CHAT}")

    [table] = [text for text in group.bot_texts() if "走访照片</b>" in text]
    assert table.splitlines()[0] == "📷 <b>走访照片</b>（张，7.27/7.28/7.29/7.30/7.31/8.1）"
    assert "正阳：3/1/0/0/0/1，共5" in table.splitlines()
    assert "姜家：0/1/0/0/0/0，共1" in table.splitlines()
    assert "东城：无" in table.splitlines()
    [sheet] = [m for m in group.api.bot_messages(CHAT) if "走访照片一览" in (m["caption"] or "")]
    assert sheet["caption"] == "📷 7月27日—8月2日 走访照片一览（6张）"
    assert group.api.file_bytes(sheet["photos"][0]).startswith(b"\x89PNG")


async def test_a_photo_that_cannot_be_saved_is_answered_with_a_request_to_resend(
    group: LiveGroup, tmp_path: Path
) -> None:
    shutil.rmtree(tmp_path / "photos")
    (tmp_path / "photos").write_text("the disk is not where it should be")
    message = await _photo(group, ZHENGYANG_HEAD, 1)

    assert _answers(group, message) == ["❌ 未保存：\n1张照片暂时无法保存，请稍后重发"]
    assert await _stored(group) == []


async def test_an_edited_caption_corrects_its_figures_like_an_edited_report(
    group: LiveGroup,
) -> None:
    message = await _photo(group, ZHENGYANG_HEAD, 1, caption="走访 商户3户")
    group.api.edit_caption(CHAT, message["message_id"], "走访 商户5户")
    await group.settle()

    assert group.bot_texts()[-1] == "✅ 正阳营业所 7月27日 已记录：走访 3→5户"
    assert len(await _stored(group)) == 1


@pytest.mark.live(start="2026-08-03 08:00", config=without_photo_reminders)
async def test_a_week_without_photos_says_nothing_of_them_where_photos_are_not_asked_for(
    group: LiveGroup,
) -> None:
    await group.run_job(f"weekly@{CHAT}")

    assert group.bot_texts()[0].startswith("📊 <b>周报")
    assert not [text for text in group.bot_texts() if "走访照片" in text]


async def test_old_caption_figures_wait_for_a_manager_under_the_photo_answer(
    group: LiveGroup,
) -> None:
    message = await _photo(group, ZHENGYANG_HEAD, 1, caption="7月20日 走访 商户3户")
    [answer] = group.replies_to(message["message_id"])
    assert answer["text"].splitlines()[0] == "正阳 7月20日（周一） 走访照片 1张 ✓"
    held = "⏳ 7月20日（周一）是 7 天前的数据，需管理员批准"
    assert answer["text"].splitlines()[1].startswith(held)

    [[button]] = answer["reply_markup"]["inline_keyboard"]
    group.api.press_button(
        CHAT, group.users[MANAGER], answer["message_id"], button["callback_data"]
    )
    await group.settle()

    assert await _figures(group, date(2026, 7, 20)) == {"visits": 3}
    [approved] = group.replies_to(message["message_id"])
    assert approved["text"].splitlines()[0] == "正阳 7月20日（周一） 走访照片 1张 ✓"
    assert approved["text"].splitlines()[1:] == [
        "✅ 正阳营业所 7月20日（周一） 已记录：走访 3户",
        "（王总 已批准）",
    ]


async def test_a_big_camera_file_is_shown_back_through_its_preview(
    group: LiveGroup, tmp_path: Path
) -> None:
    data = visit_photo(1, size=4000)
    group.api.send_document(CHAT, group.users[ZHENGYANG_HEAD], data, file_name="IMG_0003.jpg")
    await group.settle()
    await group.say(ZHENGYANG_HEAD, "/photos 7月27日 正阳")

    [photo] = await _stored(group)
    [shown] = [m for m in group.api.bot_messages(CHAT) if m["photos"]]
    sent = group.api.file_bytes(shown["photos"][0])
    assert (tmp_path / "photos" / photo.stored_key).read_bytes() == data
    assert photo.preview_key is not None
    assert sent == (tmp_path / "photos" / photo.preview_key).read_bytes()
    with Image.open(io.BytesIO(sent)) as image:
        assert image.size == (1280, 960)


async def test_photos_for_someone_without_a_branch_asks_them_to_bind(group: LiveGroup) -> None:
    await group.say(MANAGER, "/photos")

    assert group.bot_texts()[-1].startswith("⚠️ 您还未绑定网点")


async def test_a_caption_edited_away_takes_its_figures_with_it(group: LiveGroup) -> None:
    message = await _photo(group, ZHENGYANG_HEAD, 1, caption="走访 商户3户")
    group.api.edit_caption(CHAT, message["message_id"], "")
    await group.settle()

    assert await _figures(group, date(2026, 7, 27)) == {}
    assert len(await _stored(group)) == 1


async def test_an_edited_caption_of_a_refused_file_stores_no_figures(group: LiveGroup) -> None:
    message = group.api.send_document(
        CHAT, group.users[ZHENGYANG_HEAD], b"%PDF-1.7", file_name="走访.pdf", caption="走访照片"
    )
    await group.settle()
    group.api.edit_caption(CHAT, message["message_id"], "走访 商户3户")
    await group.settle()

    assert await _figures(group, date(2026, 7, 27)) == {}
    assert len(group.bot_texts()) == 1


async def test_a_file_too_big_that_did_not_say_its_size_is_refused_as_too_big(
    group: LiveGroup,
) -> None:
    message = group.api.send_document(
        CHAT, group.users[ZHENGYANG_HEAD], visit_photo(1), file_name="IMG_0004.jpg",
        file_size=25 * MB, size_shown=False,
    )  # fmt: skip
    await group.settle()

    assert _answers(group, message) == ["❌ 未保存：\n1个文件超过20MB，未保存，请压缩后再发"]


async def test_an_album_deleted_before_its_answer_is_still_answered(group: LiveGroup) -> None:
    images = [visit_photo(1), visit_photo(2)]
    messages = group.api.send_album(CHAT, group.users[ZHENGYANG_HEAD], images)
    for message in messages:  # the member deletes the album while it settles
        group.api.forget_message(group.api.chat(CHAT), message["message_id"])
    await group.settle()

    assert group.bot_texts() == ["正阳 7月27日 走访照片 2张 ✓"]


async def test_a_late_item_that_adds_nothing_is_answered_as_a_repeat(group: LiveGroup) -> None:
    album = await _album(group, ZHENGYANG_HEAD, [1, 2])
    late = await _late(group, ZHENGYANG_HEAD, album, 1)

    assert _answers(group, late) == ["♻️ 1张以前发过（正阳 7月27日），不重复计数"]


async def test_a_caption_on_a_repeated_image_can_still_be_corrected(group: LiveGroup) -> None:
    await _photo(group, ZHENGYANG_HEAD, 1)
    album = await _album(group, ZHENGYANG_HEAD, [1, 2], caption="走访 商户3户", caption_on=0)
    group.api.edit_caption(CHAT, album[0]["message_id"], "走访 商户5户")
    await group.settle()

    assert await _figures(group, date(2026, 7, 27)) == {"visits": 5}


async def test_a_manager_may_date_the_photos_after_the_branch(group: LiveGroup) -> None:
    message = await _photo(group, MANAGER, 1, caption="正阳 7月26日 走访照片")

    assert _answers(group, message) == ["正阳 7月26日（周日） 走访照片 1张 ✓"]
