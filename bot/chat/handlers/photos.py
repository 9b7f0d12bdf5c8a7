"""Visit photos in the group: photos, albums and image files taken in, /photos shown back."""

from __future__ import annotations

from functools import partial

from telegram import Message, ReplyParameters, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import ExtBot

from bot.chat.context import BotApplication, BotContext, command_body, message_of
from bot.chat.handlers.reports import approval
from bot.chat.outlet import send_albums
from bot.domain.outcomes import AwaitingApproval, Stored, Unbound
from bot.domain.visit_outcomes import PhotosOfDay, VisitOutcome, VisitTaken
from bot.rendering.replies import report_reply
from bot.rendering.texts import Texts
from bot.rendering.visits import photos_caption, visit_reply
from bot.usecases.incoming import IncomingAlbum, IncomingPhoto, Sender
from bot.usecases.photo_intake import FetchError

AlbumKey = tuple[int, str]
Item = tuple[Message, Sender]
SHOWN = 30
"""At most three albums of ten: more would flood the group; the caption says how many."""


async def on_photo(update: Update, context: BotContext) -> None:
    """A photo or image file, taken in the background: an album's item once the rest has
    come, a lone one at once."""
    message = message_of(update)
    album = message.media_group_id
    key = (message.chat_id, album or f"m{message.message_id}")
    item = (message, await context.sender(update))
    context.bot_data.held_updates[(message.chat_id, message.message_id)] = update.update_id
    context.bot_data.albums.add(key, item, settle=None if album else 0)


async def take_album(application: BotApplication, key: AlbumKey, items: list[Item]) -> None:
    """Store what arrived of an album, and answer it once; items that come later are
    answered as added to it."""
    data = application.bot_data
    assert data.services is not None
    items.sort(key=lambda item: item[0].message_id)
    first, sender = items[0]
    album = IncomingAlbum(
        chat_id=key[0], album=key[1], sender=sender, sent_at=first.date,
        photos=tuple(_photo(message) for message, _ in items),
    )  # fmt: skip
    fetch = partial(_download, application.bot)
    try:
        outcome = await data.services.visits.take(album, fetch, now=data.clock())
        await _answer(application, [message for message, _ in items], outcome)
    finally:
        # Taken or not, no longer held here; if not, the next start takes them from the inbox.
        held = [data.held_updates.pop((m.chat_id, m.message_id), None) for m, _ in items]
    await data.services.inbox.done([i for i in held if i is not None], now=data.clock())


async def _download(bot: ExtBot[None], file_id: str) -> bytes:
    try:
        return bytes(await (await bot.get_file(file_id)).download_as_bytearray())
    except BadRequest as error:
        raise FetchError(error.message, too_big="too big" in error.message.lower()) from error
    except TelegramError as error:
        raise FetchError(str(error)) from error


async def _answer(
    application: BotApplication, messages: list[Message], outcome: VisitOutcome
) -> None:
    """One answer, to the captioned item (or the first)."""
    data = application.bot_data
    assert data.config is not None
    assert data.services is not None
    config = data.config
    texts = Texts(config.language)
    text = visit_reply(outcome, texts, config.catalogue, stale_days=config.photos.stale_days)
    if text is None:
        return
    answered = next((message for message in messages if message.caption), messages[0])
    report = outcome.report if isinstance(outcome, VisitTaken) else None
    markup = approval(report, texts) if isinstance(report, AwaitingApproval) else None
    # Answered even if the photo was deleted meanwhile: the count stands either way.
    where = ReplyParameters(answered.message_id, allow_sending_without_reply=True)
    sent = await answered.reply_text(text, reply_markup=markup, reply_parameters=where)
    if isinstance(report, Stored):
        # `/undo` in reply to this answer takes back the caption's figures.
        await data.services.reports.link_reply(
            chat_id=answered.chat_id, message_id=answered.message_id, reply_id=sent.message_id
        )


def _photo(message: Message) -> IncomingPhoto:
    """The largest size of a photo, or the file of an image sent as a document."""
    if message.photo:
        media = max(message.photo, key=lambda size: size.width * size.height)
        file_id, unique_id, size = media.file_id, media.file_unique_id, media.file_size
    else:
        assert message.document is not None
        document = message.document
        file_id, unique_id, size = document.file_id, document.file_unique_id, document.file_size
    return IncomingPhoto(message.message_id, file_id, unique_id, size, message.caption or "")


async def on_caption_edit(update: Update, context: BotContext) -> None:
    """An edited caption: its figures replace what it stored, as an edited report's do."""
    incoming = await context.incoming(update)
    outcome = await context.services.visits.recaption(incoming, now=context.now())
    texts = context.texts
    if reply := report_reply(outcome, texts, context.config.catalogue):
        markup = approval(outcome, texts) if isinstance(outcome, AwaitingApproval) else None
        await message_of(update).reply_text(reply, reply_markup=markup)


async def on_photos(update: Update, context: BotContext) -> None:
    """`/photos 正阳 7月27日`: that day's visit photos, posted back as albums."""
    message, texts = message_of(update), context.texts
    assert message.from_user is not None
    words = command_body(message).split()
    shown = await context.services.photos.show(
        words=words, user_id=message.from_user.id, now=context.now(), limit=SHOWN
    )
    if isinstance(shown, Unbound):
        await message.reply_text(texts("report.unbound"))
    elif not isinstance(shown, PhotosOfDay):
        await message.reply_text(texts("photos.usage"))
    elif not shown.images:
        await message.reply_text(photos_caption(shown, texts, context.config.catalogue))
    else:
        caption = photos_caption(shown, texts, context.config.catalogue)
        images = [image.data for image in shown.images]
        await send_albums(context.bot, message.chat_id, caption, images)
