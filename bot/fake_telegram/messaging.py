"""The Bot API methods that send, edit and delete messages.

They enforce the rules a bot most often trips over in production (length limits, HTML that
does not parse, replies to vanished messages, edits that change nothing, oversized
callback_data) with Telegram's wording, so those bugs surface in tests rather than in a group.
"""

from __future__ import annotations

from typing import Any

from bot.fake_telegram.files import Upload
from bot.fake_telegram.markup import parse_html
from bot.fake_telegram.objects import JSON, ApiError, FakeChat, text_entities, unix
from bot.fake_telegram.params import Params
from bot.fake_telegram.world import ACTIVE_STATUSES, SentByBot, World

PHOTO_UPLOAD_LIMIT = 10 * 1024 * 1024

_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


async def send_message(world: World, p: Params) -> JSON:
    chat = world.chat(p.required("chat_id"))
    text, parse_mode = p.text("text"), p.text("parse_mode")
    if not text:
        raise ApiError.bad_request("message text is empty")
    content = _formatted("text", text, parse_mode, p.optional("entities"))
    return _send(world, chat, p, content, SentByBot({}, text=text, parse_mode=parse_mode))


async def send_photo(world: World, p: Params) -> JSON:
    chat = world.chat(p.required("chat_id"))
    content = {"photo": _photo(world, _media(p, "photo", p.optional("photo")))}
    return _send_captioned(world, chat, p, content)


async def send_document(world: World, p: Params) -> JSON:
    chat = world.chat(p.required("chat_id"))
    content = {"document": _document(world, _media(p, "document", p.optional("document")))}
    return _send_captioned(world, chat, p, content)


async def send_media_group(world: World, p: Params) -> list[JSON]:
    """An album: every item is checked before any is sent, as Telegram sends all or none."""
    chat = world.chat(p.required("chat_id"))
    items = p.required("media")
    if not isinstance(items, list) or not 2 <= len(items) <= 10:
        raise ApiError.bad_request("wrong number of media specified: must be 2-10 items")
    contents: list[tuple[JSON, str | None, str | None]] = []
    for item in items:
        kind = item.get("type")
        if kind not in ("photo", "document"):
            raise ApiError.bad_request(f"the fake Bot API cannot send {kind!r} in albums")
        media = _media(p, kind, item.get("media"))
        stored = _photo(world, media) if kind == "photo" else _document(world, media)
        caption, parse_mode = item.get("caption"), item.get("parse_mode")
        content = {kind: stored} | _caption(caption, parse_mode, item.get("caption_entities"))
        contents.append((content, caption, parse_mode))
    group_id = str(13_000_000_000_000_000 + chat.last_message_id + 1)
    return [
        _send(
            world,
            chat,
            p,
            content | {"media_group_id": group_id},
            SentByBot({}, caption=caption, parse_mode=parse_mode),
        )
        for content, caption, parse_mode in contents
    ]


async def send_chat_action(world: World, p: Params) -> bool:
    _check_can_post(world.chat(p.required("chat_id")))
    return True


async def edit_message_text(world: World, p: Params) -> JSON:
    """Edits replace the keyboard too: Telegram drops it when no reply_markup is passed."""
    _, sent = _own_message(world, p, "edit")
    text, parse_mode = p.text("text"), p.text("parse_mode")
    if not text:
        raise ApiError.bad_request("message text is empty")
    if "text" not in sent.message:
        raise ApiError.bad_request("there is no text in the message to edit")
    content = _formatted("text", text, parse_mode, p.optional("entities"))
    _apply_edit(world, sent, content, p.optional("reply_markup"))
    sent.text, sent.parse_mode = text, parse_mode
    return sent.message


async def edit_message_reply_markup(world: World, p: Params) -> JSON:
    _, sent = _own_message(world, p, "edit")
    content = {key: sent.message[key] for key in ("text", "entities") if key in sent.message}
    _apply_edit(world, sent, content, p.optional("reply_markup"))
    return sent.message


async def delete_message(world: World, p: Params) -> bool:
    chat = world.chat(p.required("chat_id"))
    message_id = p.required_integer("message_id")
    if world.message(chat, message_id) is None:
        raise ApiError.bad_request("message to delete not found")
    sent = world.sent_by_bot(chat, message_id)
    if sent is None and chat.bot_status not in ("administrator", "creator"):
        raise ApiError.bad_request("message can't be deleted")
    if sent is not None:
        sent.deleted = True
    world.forget_message(chat, message_id)
    return True


def _send_captioned(world: World, chat: FakeChat, p: Params, content: JSON) -> JSON:
    caption, parse_mode = p.text("caption"), p.text("parse_mode")
    content |= _caption(caption, parse_mode, p.optional("caption_entities"))
    return _send(world, chat, p, content, SentByBot({}, caption=caption, parse_mode=parse_mode))


def _send(world: World, chat: FakeChat, p: Params, content: JSON, sent: SentByBot) -> JSON:
    _check_can_post(chat)
    markup = p.optional("reply_markup")
    content |= _inline_keyboard(markup)
    sent.message = world.new_message(
        chat,
        world.bot,
        content,
        reply_to=_reply_target(world, chat, p),
        thread_id=p.integer("message_thread_id"),
    )
    sent.reply_markup = markup
    world.record_bot_message(sent)
    return sent.message


def _check_can_post(chat: FakeChat) -> None:
    if chat.bot_status not in ACTIVE_STATUSES:
        verb = "was kicked from" if chat.bot_status == "kicked" else "is not a member of"
        raise ApiError(403, f"Forbidden: bot {verb} the {chat.type} chat")


def _reply_target(world: World, chat: FakeChat, p: Params) -> JSON | None:
    reply = p.optional("reply_parameters") or {}
    message_id = reply.get("message_id", p.integer("reply_to_message_id"))
    if message_id is None:
        return None
    target = world.message(chat, message_id)
    lenient = reply.get("allow_sending_without_reply", p.flag("allow_sending_without_reply"))
    if target is None and not lenient:
        raise ApiError.bad_request("message to be replied not found")
    return target


def _inline_keyboard(markup: Any) -> JSON:
    """Only inline keyboards become part of the message; callback_data is capped at 64 bytes."""
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return {}
    for row in markup["inline_keyboard"]:
        for button in row:
            if set(button) == {"text"}:
                raise ApiError.bad_request("text buttons are unallowed in the inline keyboard")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise ApiError.bad_request("BUTTON_DATA_INVALID")
    return {"reply_markup": markup}


def _own_message(world: World, p: Params, action: str) -> tuple[FakeChat, SentByBot]:
    if p.optional("inline_message_id") is not None:
        raise ApiError.bad_request("the fake Bot API does not support inline messages")
    chat = world.chat(p.required("chat_id"))
    message_id = p.required_integer("message_id")
    if world.message(chat, message_id) is None:
        raise ApiError.bad_request(f"message to {action} not found")
    sent = world.sent_by_bot(chat, message_id)
    if sent is None:
        raise ApiError.bad_request(f"message can't be {action}ed")
    return chat, sent


def _apply_edit(world: World, sent: SentByBot, content: JSON, markup: Any) -> None:
    message = sent.message
    keyboard = _inline_keyboard(markup)
    before = {key: message.get(key) for key in ("text", "entities", "reply_markup")}
    after = {key: (content | keyboard).get(key) for key in before}
    if before == after:
        raise ApiError.bad_request(_NOT_MODIFIED)
    for key, value in after.items():
        if value is None:
            message.pop(key, None)
        else:
            message[key] = value
    message["edit_date"] = unix(world.now())
    sent.reply_markup = markup


def _media(p: Params, field: str, value: Any) -> Upload | str:
    """An uploaded part (plain or attach://) or a file_id; remote URLs cannot be fetched."""
    if value is None and field in p.uploads:
        return p.uploads[field]
    if not value:
        raise ApiError.bad_request(f"there is no {field} in the request")
    if value.startswith("attach://"):
        upload = p.uploads.get(value.removeprefix("attach://"))
        if upload is None:
            raise ApiError.bad_request(f"file attach {value} not found in the request")
        return upload
    if value.startswith(("http://", "https://")):
        raise ApiError.bad_request("failed to get HTTP URL content")
    return value


def _photo(world: World, media: Upload | str) -> list[JSON]:
    """A photo a bot uploads must be at most 10 MB, its width and height at most 10,000
    together, and neither side more than 20 times the other."""
    if isinstance(media, Upload):
        if len(media.data) > PHOTO_UPLOAD_LIMIT:
            raise ApiError(413, "Request Entity Too Large")
        sizes = world.files.add_photo(media.data)
        width, height = sizes[-1]["width"], sizes[-1]["height"]
        if width + height > 10_000 or max(width, height) > 20 * min(width, height):
            raise ApiError.bad_request("PHOTO_INVALID_DIMENSIONS")
        return sizes
    return [dict(size) for size in world.files.photo(media)]


def _document(world: World, media: Upload | str) -> JSON:
    if isinstance(media, Upload):
        return world.files.add_document(media.data, media.filename, media.content_type)
    return dict(world.files.document(media))


def _caption(caption: str | None, parse_mode: str | None, entities: Any) -> JSON:
    if caption is None:
        return {}
    return _formatted("caption", caption, parse_mode, entities)


def _formatted(field: str, source: str, parse_mode: str | None, entities: Any) -> JSON:
    """The text as Telegram stores it: HTML turned into entities, length limits checked."""
    entities_key = "entities" if field == "text" else "caption_entities"
    mode = (parse_mode or "").lower()
    if mode not in ("", "html", "markdown", "markdownv2"):
        raise ApiError.bad_request(f"unsupported parse_mode {parse_mode}")
    plain, found = parse_html(source) if mode == "html" else (source, text_entities(source))
    limit = 4096 if field == "text" else 1024
    if len(plain) > limit:
        raise ApiError.bad_request(
            "message is too long" if field == "text" else "message caption is too long"
        )
    content: JSON = {field: plain}
    if entities or found:
        content[entities_key] = entities or found
    return content
