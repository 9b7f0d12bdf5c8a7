"""Visit photos in the group: photos, albums and image files taken in, /photos shown back."""

from __future__ import annotations

from functools import partial

from telegram import Message, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import ExtBot

from bot.chat import answers
from bot.chat.context import BotApplication, BotContext, command_body, message_of
from bot.chat.jobs import post_composed
from bot.config.settings import Config
from bot.domain.outcomes import AwaitingApproval, Stored, Unbound
from bot.domain.outgoing import Outgoing
from bot.domain.visit_outcomes import PhotosOfDay, VisitOutcome, VisitTaken
from bot.rendering.texts import Texts
from bot.rendering.visits import photos_caption, visit_reply
from bot.usecases.composing import Album, Composed
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
    assert data.config is not None
    items.sort(key=lambda item: item[0].message_id)
    first, sender = items[0]
    album = IncomingAlbum(
        chat_id=key[0], album=key[1], sender=sender, sent_at=first.date,
        photos=tuple(_photo(message) for message, _ in items),
    )  # fmt: skip
    fetch = partial(_download, application.bot)
    answer = partial(_answer, data.config, [message for message, _ in items])
    try:
        await data.services.visits.take(album, fetch, now=data.clock(), answer=answer)
    finally:
        # Taken or not, no longer held here; if not, the next start takes them from the inbox.
        held = [data.held_updates.pop((m.chat_id, m.message_id), None) for m, _ in items]
    await data.services.inbox.done([i for i in held if i is not None], now=data.clock())
    data.notify_outbox()


async def _download(bot: ExtBot[bool], file_id: str) -> bytes:
    try:
        return bytes(await (await bot.get_file(file_id)).download_as_bytearray())
    except BadRequest as error:
        raise FetchError(error.message, too_big="too big" in error.message.lower()) from error
    except TelegramError as error:
        raise FetchError(str(error)) from error


def _answer(config: Config, messages: list[Message], outcome: VisitOutcome) -> Outgoing | None:
    """One answer, to the captioned item (or the first)."""
    texts = Texts(config.language)
    text = visit_reply(outcome, texts, config.catalogue, stale_days=config.photos.stale_days)
    if text is None:
        return None
    answered = next((message for message in messages if message.caption), messages[0])
    report = outcome.report if isinstance(outcome, VisitTaken) else None
    if isinstance(report, AwaitingApproval):
        return answers.reply(answered, text, buttons=answers.approval(report, texts))
    # `/undo` in reply to this answer takes back the caption's figures.
    return answers.reply(answered, text, undoable=isinstance(report, Stored))


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
    answer = answers.report(incoming, context.texts, context.config.catalogue)
    await context.services.visits.recaption(incoming, now=context.now(), answer=answer)


async def on_photos(update: Update, context: BotContext) -> None:
    """`/photos 正阳 7月27日`: that day's visit photos, posted back as albums."""
    message, texts = message_of(update), context.texts
    assert message.from_user is not None
    words = command_body(message).split()
    shown = await context.services.photos.show(
        words=words, user_id=message.from_user.id, now=context.now(), limit=SHOWN
    )
    if isinstance(shown, Unbound):
        await context.answer(message, texts("report.unbound"))
    elif not isinstance(shown, PhotosOfDay):
        await context.answer(message, texts("photos.usage"))
    elif not shown.images:
        await context.answer(message, photos_caption(shown, texts, context.config.catalogue))
    else:
        caption = photos_caption(shown, texts, context.config.catalogue)
        album = Album([image.data for image in shown.images], caption)
        await post_composed(context.application, message, Composed([], albums=(album,)))
