"""Sending a post to a Telegram chat: texts as HTML, photos as albums, retried on errors.

What a post says and whether it is made at all is the use cases' (usecases/publishing.py);
this is only how it reaches the chat.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from typing import TypeVar

from telegram import Bot, InputMediaPhoto
from telegram.constants import ParseMode
from telegram.error import NetworkError, TimedOut

log = logging.getLogger(__name__)
T = TypeVar("T")
# Seconds to wait before each new attempt at a post whose send failed.
RETRY_DELAYS = (2.0, 10.0, 60.0)
ALBUM_SIZE = 10
"""Telegram's most photos in one album."""


class TelegramOutlet:
    """One chat as a post's outlet (usecases.publishing.Outlet)."""

    def __init__(self, bot: Bot, chat_id: int) -> None:
        self.bot = bot
        self.chat_id = chat_id

    async def text(self, text: str) -> int:
        async def send(text: str) -> int:
            message = await self.bot.send_message(self.chat_id, text, parse_mode=ParseMode.HTML)
            return message.message_id

        return await deliver(send, text, RETRY_DELAYS)

    async def album(self, caption: str, photos: Sequence[bytes]) -> int:
        send = partial(send_albums, self.bot, self.chat_id, caption)
        return await deliver(send, photos, RETRY_DELAYS)

    def uncertain(self, error: Exception) -> bool:
        return isinstance(error, TimedOut)


async def send_albums(bot: Bot, chat_id: int, caption: str, photos: Sequence[bytes]) -> int:
    """Photos as albums of up to ten, the caption on the first photo as Telegram shows it;
    a single photo goes as a photo, since an album holds two to ten."""
    first: int | None = None
    for start in range(0, len(photos), ALBUM_SIZE):
        chunk = photos[start : start + ALBUM_SIZE]
        text = caption if start == 0 else None
        if len(chunk) == 1:
            message = await bot.send_photo(
                chat_id, chunk[0], caption=text, parse_mode=ParseMode.HTML
            )
            message_id = message.message_id
        else:
            media = [
                InputMediaPhoto(photo, caption=text if i == 0 else None, parse_mode=ParseMode.HTML)
                for i, photo in enumerate(chunk)
            ]
            message_id = (await bot.send_media_group(chat_id, media))[0].message_id
        first = message_id if first is None else first
    assert first is not None, "at least one photo"
    return first


async def deliver(send: Callable[[T], Awaitable[int]], item: T, delays: Sequence[float]) -> int:
    """Send the item, retrying after each delay; a TimedOut is not retried (the message
    may have arrived). Raises the last error when the retries run out."""
    for delay in delays:
        try:
            return await send(item)
        except TimedOut:
            raise
        except NetworkError as error:
            log.warning("Sending a post failed (%s); retrying in %ss", error, delay)
            await asyncio.sleep(delay)
    return await send(item)
