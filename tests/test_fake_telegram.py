"""The fake Bot API, driven by an unmodified python-telegram-bot over real HTTP."""

from __future__ import annotations

import asyncio
import struct
import time
import zlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

import aiohttp
import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, InvalidToken, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.fake_telegram import FakeBotApi, FakeChat, FakeUser

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
GROUP_ID = -1001234567890


def png(width: int, height: int, shade: int = 0) -> bytes:
    """A valid grey PNG, so photo dimensions can be checked without shipping image files."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + bytes([shade]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@dataclass
class Scene:
    group: FakeChat
    alice: FakeUser
    bob: FakeUser


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(clock=lambda: NOW) as fake:
        yield fake


@pytest.fixture
def scene(api: FakeBotApi) -> Scene:
    alice = api.add_user(101, "Alice", username="alice_branch")
    bob = api.add_user(102, "Bob", last_name="Wang")
    group = api.add_group(GROUP_ID, "支行战报群", admins=(alice,))
    return Scene(group, alice, bob)


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url) as client:
        yield client


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None
    prefix = "edited" if update.edited_message else "echo"
    await message.reply_text(f"{prefix}: {message.text}", do_quote=True)


async def report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(f"report {' '.join(context.args or [])}")


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    assert query.message is not None
    await query.answer("收到")
    await context.bot.send_message(query.message.chat.id, f"pressed {query.data}")


@pytest.fixture
async def app(api: FakeBotApi, scene: Scene) -> AsyncIterator[Application]:
    application = (
        ApplicationBuilder()
        .token(api.token)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .build()
    )
    application.add_handler(CommandHandler("report", report))
    application.add_handler(CallbackQueryHandler(pressed))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    await application.initialize()
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0)
    yield application
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


async def test_get_me_describes_the_configured_bot(api: FakeBotApi, bot: Bot) -> None:
    api.can_read_all_group_messages = False
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (7_000_000_001, "zhanbao_test_bot", True)
    assert me.can_read_all_group_messages is False


async def test_a_slowed_down_method_answers_only_after_its_delay(api: FakeBotApi, bot: Bot) -> None:
    api.slow_down("getMe", 0.3)

    started = time.monotonic()
    await bot.get_me()

    assert time.monotonic() - started >= 0.3


async def test_long_poll_returns_as_soon_as_an_update_is_injected(
    api: FakeBotApi, bot: Bot, scene: Scene
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await api.wait_for_requests("getUpdates")
    assert not poll.done()
    injected_at = time.monotonic()
    api.send_text(scene.group, scene.alice, "早上好")
    updates = await asyncio.wait_for(poll, 2)
    assert time.monotonic() - injected_at < 1
    assert [u.message.text for u in updates if u.message] == ["早上好"]


async def test_long_poll_without_updates_answers_empty_after_its_timeout(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 < time.monotonic() - started < 2


async def test_offset_confirms_every_earlier_update(
    api: FakeBotApi, bot: Bot, scene: Scene
) -> None:
    for text in ("one", "two", "three"):
        api.send_text(scene.group, scene.bob, text)
    first, second, _ = await bot.get_updates()
    assert len(await bot.get_updates()) == 3, "unconfirmed updates are handed out again"
    remaining = await bot.get_updates(offset=second.update_id)
    assert [u.message.text for u in remaining if u.message] == ["two", "three"]
    assert await bot.get_updates(offset=remaining[-1].update_id + 1) == ()
    assert first.message is not None
    assert first.message.date == NOW


async def test_text_message_reaches_a_handler_and_the_reply_is_recorded(
    api: FakeBotApi, app: Application, scene: Scene
) -> None:
    mark = api.mark()
    sent = api.send_text(scene.group, scene.alice, "营业部 存款 120 万")
    (reply,) = await api.wait_for_bot_messages(since=mark, chat_id=GROUP_ID)
    assert reply["text"] == "echo: 营业部 存款 120 万"
    assert reply["reply_to_message_id"] == sent["message_id"]
    assert reply["message"]["from"]["id"] == api.bot.id
    assert reply["date"] == NOW


async def test_a_command_addressed_to_the_bot_reaches_the_command_handler(
    api: FakeBotApi, app: Application, scene: Scene
) -> None:
    mark = api.mark()
    sent = api.send_text(scene.group, scene.bob, "/report@zhanbao_test_bot 今日")
    assert sent["entities"] == [{"type": "bot_command", "offset": 0, "length": 24}]
    (reply,) = await api.wait_for_bot_messages(since=mark)
    assert reply["text"] == "report 今日"


async def test_an_edit_arrives_as_an_edited_message(
    api: FakeBotApi, app: Application, scene: Scene
) -> None:
    sent = api.send_text(scene.group, scene.alice, "存款 100")
    mark = api.mark()
    api.edit_text(scene.group, sent["message_id"], "存款 110")
    (reply,) = await api.wait_for_bot_messages(since=mark + 1)
    assert reply["text"] == "edited: 存款 110"


async def test_a_redelivered_update_is_handled_again(
    api: FakeBotApi, app: Application, scene: Scene
) -> None:
    mark = api.mark()
    api.send_text(scene.group, scene.alice, "hello")
    await api.wait_delivered()
    again = api.redeliver(api.injected_updates[-1])
    assert again["update_id"] == api.injected_updates[-2]["update_id"] + 1
    replies = await api.wait_for_bot_messages(since=mark, count=2)
    assert [r["text"] for r in replies] == ["echo: hello", "echo: hello"]


async def test_a_pressed_button_is_delivered_and_answered(
    api: FakeBotApi, app: Application, scene: Scene
) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("确认", callback_data="confirm:7")]])
    offer = await app.bot.send_message(GROUP_ID, "确认提交?", reply_markup=keyboard)
    mark = api.mark()
    query_id = api.press_button(scene.group, scene.alice, offer.message_id, "confirm:7")
    (reply,) = await api.wait_for_bot_messages(since=mark)
    assert reply["text"] == "pressed confirm:7"
    assert api.answered_callbacks == [
        {"callback_query_id": query_id, "show_alert": False, "text": "收到"}
    ]


async def test_an_uploaded_photo_downloads_as_the_same_bytes(
    api: FakeBotApi, bot: Bot, scene: Scene
) -> None:
    image = png(640, 480)
    message = await bot.send_photo(GROUP_ID, image, caption="<b>日报</b>", parse_mode="HTML")
    assert len(message.photo) >= 2
    largest = message.photo[-1]
    assert (largest.width, largest.height) == (640, 480)
    assert message.caption == "日报"
    downloaded = await (await bot.get_file(largest.file_id)).download_as_bytearray()
    assert bytes(downloaded) == image
    (recorded,) = api.bot_messages(GROUP_ID)
    assert recorded["photos"] == [largest.file_id]
    assert recorded["caption"] == "<b>日报</b>"
    assert api.file_bytes(recorded["photos"][0]) == image


async def test_the_same_photo_bytes_keep_their_file_unique_id(
    api: FakeBotApi, scene: Scene
) -> None:
    first = api.send_photo(scene.group, scene.alice, png(100, 50))
    again = api.send_photo(scene.group, scene.bob, png(100, 50))
    other = api.send_photo(scene.group, scene.bob, png(100, 50, shade=255))
    assert first["photo"][-1]["file_unique_id"] == again["photo"][-1]["file_unique_id"]
    assert first["photo"][-1]["file_id"] != again["photo"][-1]["file_id"]
    assert other["photo"][-1]["file_unique_id"] != first["photo"][-1]["file_unique_id"]


async def test_a_media_group_returns_messages_sharing_one_group_id(
    api: FakeBotApi, bot: Bot, scene: Scene
) -> None:
    earlier = await bot.send_photo(GROUP_ID, png(20, 20))
    album = await bot.send_media_group(
        GROUP_ID,
        [InputMediaPhoto(png(30, 30), caption="图一"), InputMediaPhoto(earlier.photo[-1].file_id)],
    )
    assert len({m.media_group_id for m in album}) == 1
    assert album[0].media_group_id is not None
    assert [m.caption for m in album] == ["图一", None]
    assert album[1].photo[-1].file_unique_id == earlier.photo[-1].file_unique_id
    assert [m["media_group_id"] for m in api.bot_messages()] == [
        None,
        *[album[0].media_group_id] * 2,
    ]


async def test_editing_text_changes_the_recorded_message(
    api: FakeBotApi, bot: Bot, scene: Scene
) -> None:
    sent = await bot.send_message(GROUP_ID, "草稿")
    edited = await bot.edit_message_text("定稿", chat_id=GROUP_ID, message_id=sent.message_id)
    assert not isinstance(edited, bool)
    assert edited.edit_date == NOW
    (recorded,) = api.bot_messages(GROUP_ID)
    assert (recorded["text"], recorded["edited"]) == ("定稿", True)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("定稿", chat_id=GROUP_ID, message_id=sent.message_id)


async def test_a_deleted_message_leaves_the_recorded_chat(
    api: FakeBotApi, bot: Bot, scene: Scene
) -> None:
    mark = api.mark()
    sent = await bot.send_message(GROUP_ID, "oops")
    assert await bot.delete_message(GROUP_ID, sent.message_id) is True
    assert api.bot_messages(GROUP_ID) == []
    (history,) = await api.wait_for_bot_messages(since=mark)
    assert history["deleted"] is True
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(GROUP_ID, sent.message_id)


async def test_html_that_telegram_rejects_is_a_bad_request(bot: Bot, scene: Scene) -> None:
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.send_message(GROUP_ID, "<b>存款 < 贷款</b>", parse_mode=ParseMode.HTML)


async def test_a_reply_to_a_missing_message_is_refused(bot: Bot, scene: Scene) -> None:
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(GROUP_ID, "hi", reply_to_message_id=999)


async def test_being_added_to_a_group_delivers_my_chat_member_and_a_service_message(
    api: FakeBotApi, bot: Bot
) -> None:
    boss = api.add_user(1, "Boss")
    group = api.add_group(-100777, "新群", bot_status="left")
    api.add_bot_to_chat(group, boss)
    membership, service = await bot.get_updates()
    assert membership.my_chat_member is not None
    assert membership.my_chat_member.new_chat_member.status == "member"
    assert service.message is not None
    assert [u.id for u in service.message.new_chat_members] == [api.bot.id]


async def test_privacy_mode_hides_plain_messages_from_a_member_bot(
    api: FakeBotApi, bot: Bot, scene: Scene
) -> None:
    api.can_read_all_group_messages = False
    api.send_text(scene.group, scene.alice, "just chatting")
    api.send_text(scene.group, scene.alice, "/report")
    updates = await bot.get_updates()
    assert [u.message.text for u in updates if u.message] == ["/report"]


async def test_chat_membership_is_reported_for_users_and_the_bot(
    api: FakeBotApi, bot: Bot, scene: Scene
) -> None:
    scene.group.bot_status = "administrator"
    assert (await bot.get_chat_member(GROUP_ID, api.bot.id)).status == "administrator"
    assert (await bot.get_chat_member(GROUP_ID, scene.bob.id)).status == "left"
    admins = await bot.get_chat_administrators(GROUP_ID)
    assert [a.user.id for a in admins] == [scene.alice.id, api.bot.id]
    assert (await bot.get_chat(GROUP_ID)).title == "支行战报群"


async def test_commands_can_be_set_read_and_deleted(api: FakeBotApi, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("report", "今日战报")])
    assert [c.command for c in await bot.get_my_commands()] == ["report"]
    assert api.my_commands() == [{"command": "report", "description": "今日战报"}]
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()


async def test_json_bodies_and_form_bodies_decode_alike(api: FakeBotApi, scene: Scene) -> None:
    url = f"{api.base_url}{api.token}/sendMessage"
    markup = '{"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}'
    form = {"chat_id": str(GROUP_ID), "text": "1", "reply_markup": markup}
    async with aiohttp.ClientSession() as session:
        for body in ({"data": form}, {"json": form | {"chat_id": GROUP_ID, "text": "2"}}):
            async with session.post(url, **body) as response:
                assert response.status == 200
    first, second = api.requests
    assert first[1]["chat_id"] == second[1]["chat_id"] == GROUP_ID
    assert first[1]["reply_markup"] == second[1]["reply_markup"]
    assert all(m["reply_markup"] == first[1]["reply_markup"] for m in api.bot_messages())


async def test_a_wrong_token_is_unauthorized_and_an_unknown_method_not_found(
    api: FakeBotApi,
) -> None:
    with pytest.raises(InvalidToken, match="rejected") as rejected:
        async with Bot("1:wrong", base_url=api.base_url):
            pass
    assert str(rejected.value.__cause__) == "Unauthorized"
    url = f"{api.base_url}{api.token}/sendTelepathy"
    async with aiohttp.ClientSession() as session, session.post(url) as response:
        status, body = response.status, await response.json()
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})


async def test_wait_delivered_times_out_while_nobody_polls(api: FakeBotApi, scene: Scene) -> None:
    api.send_text(scene.group, scene.alice, "anyone?")
    with pytest.raises(TimeoutError, match="not confirmed"):
        await api.wait_delivered(timeout=0.05)


async def test_stop_releases_a_pending_long_poll_at_once(api: FakeBotApi, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await api.wait_for_requests("getUpdates")
    stopping = time.monotonic()
    await api.stop()
    assert await asyncio.wait_for(poll, 1) == ()
    assert time.monotonic() - stopping < 1


async def test_an_album_can_arrive_out_of_order_with_its_caption_on_one_item(
    api: FakeBotApi, scene: Scene
) -> None:
    sent = api.send_album(
        scene.group, scene.alice, [png(10, 10), png(20, 20), png(30, 30)],
        caption="走访", caption_on=1, order=[2, 0, 1],
    )  # fmt: skip

    delivered = [update["message"] for update in api.injected_updates]
    assert [m["message_id"] for m in delivered] == [sent[i]["message_id"] for i in (2, 0, 1)]
    assert [m.get("caption") for m in sent] == [None, "走访", None]
    assert len({m["media_group_id"] for m in sent}) == 1


async def test_get_file_refuses_a_file_over_twenty_megabytes(
    api: FakeBotApi, bot: Bot, scene: Scene
) -> None:
    message = api.send_document(
        scene.group, scene.alice, b"x", file_name="big.jpg", file_size=25 * 1024 * 1024
    )

    with pytest.raises(BadRequest, match="File is too big"):
        await bot.get_file(message["document"]["file_id"])


async def test_an_edited_caption_arrives_as_an_edited_message(
    api: FakeBotApi, scene: Scene
) -> None:
    sent = api.send_photo(scene.group, scene.alice, png(10, 10), caption="走访3户")
    api.edit_caption(scene.group, sent["message_id"], "走访5户")

    [*_, edited] = api.injected_updates
    assert edited["edited_message"]["caption"] == "走访5户"
    assert "edit_date" in edited["edited_message"]


async def test_a_photo_over_ten_megabytes_or_too_long_is_refused(bot: Bot, scene: Scene) -> None:
    with pytest.raises(TelegramError, match="Request Entity Too Large"):
        await bot.send_photo(GROUP_ID, bytes(11 * 1024 * 1024))
    with pytest.raises(BadRequest, match=r"(?i)photo_invalid_dimensions"):
        await bot.send_photo(GROUP_ID, png(2100, 100))
