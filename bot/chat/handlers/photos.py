"""Visit photos in the group: photos, albums and image files taken in, /photos shown back."""

from __future__ import annotations

import json
from datetime import datetime
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
from bot.usecases.incoming import IncomingAlbum, IncomingPhoto
from bot.usecases.photo_intake import FetchError

AlbumKey = tuple[int, str]
SHOWN = 30
"""At most three albums of ten: more would flood the group; the caption says how many."""


async def on_photo(update: Update, context: BotContext) -> None:
    """A photo or image file, stored at once and taken in the background: an album's
    once the rest has come (wherever it came), a lone one at once."""
    message = message_of(update)
    album = message.media_group_id or f"m{message.message_id}"
    sender = await context.sender(update)
    await context.services.albums.gather(
        message.chat_id, album, message.message_id, message.to_json(), sender, context.now()
    )
    context.bot_data.albums.add(
        (message.chat_id, album), settle=None if message.media_group_id else 0
    )


async def take_album(application: BotApplication, key: AlbumKey) -> None:
    """Store what arrived of an album, and answer it once; photos that come later are
    answered as added to it."""
    data = application.bot_data
    assert data.services is not None
    assert data.config is not None
    async with data.services.albums.taking(*key, now=data.clock()) as items:
        if not items:
            return  # taken already, here or by another instance
        messages = [Message.de_json(json.loads(payload), application.bot) for payload, _ in items]
        messages.sort(key=lambda message: message.message_id)
        album = IncomingAlbum(
            chat_id=key[0], album=key[1], sender=items[0][1], sent_at=messages[0].date,
            photos=tuple(_photo(message) for message in messages),
        )  # fmt: skip
        fetch = partial(_download, application.bot)
        answer = partial(_answer, data.config, messages)
        await data.services.visits.take(album, fetch, now=data.clock(), answer=answer)
    data.notify_outbox()


async def sweep_albums(application: BotApplication, *, before: datetime | None) -> None:
    """Hand over the albums whose photos were stored but never taken (a stop, or an
    instance gone), those that came before `before` (any, if None)."""
    services = application.bot_data.services
    assert services is not None, "post_init builds the services"
    for key in await services.albums.left(before=before):
        application.bot_data.albums.add(key, settle=0)


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
