"""One send from the outbox: the call to Telegram, and what to record of its outcome.

The one case that cannot be made exact: Telegram has no idempotency key, so a call that
broke off after the request went out may or may not have delivered the message. Such a
message is recorded uncertain and never sent again: a confirmation may then be lost, but
never doubled. Everything Telegram surely did not take is sent again later.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import datetime
from functools import partial

import httpx
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    Message,
    ReplyParameters,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import ExtBot

from bot.chat.moves import Moves
from bot.chat.pacing import Pacer
from bot.chat.startup import FIRST_DELAY, MOST_DELAY
from bot.domain.outgoing import Delivered, Queued
from bot.rendering.alerts import sending_text
from bot.rendering.merged import merged_confirmations
from bot.rendering.texts import Texts
from bot.usecases.alerts import Alerting
from bot.usecases.outbox import Outbox

log = logging.getLogger(__name__)
Record = Callable[[], Awaitable[None]]
"""What to store of a send's outcome: a step tried until the database takes it."""
EXPIRED = "not sent within the post's grace"
FAILING_AFTER = 5
"""Failed sends in a row to one group after which the managers are told."""


class Delivery:
    def __init__(
        self,
        bot: ExtBot[bool],
        pacer: Pacer,
        outbox: Callable[[], Outbox],
        texts: Texts,
        clock: Callable[[], datetime],
        moves: Moves,
        alerts: Callable[[], Alerting],
    ) -> None:
        self._bot = bot
        self._moves = moves
        self._alerts = alerts
        self._pacer = pacer
        self._outbox = outbox
        self._texts = texts
        self._now = clock
        self._failures: defaultdict[int, int] = defaultdict(int)
        self.uncertain = 0
        """Messages of this run that may or may not have arrived."""

    async def send(self, chat_id: int, batch: list[Queued]) -> Record | Delivered:
        """Make the call (the pacer's turn already taken) to the chat's newest id; what to
        record of it: a send Telegram took goes with the sender's next turn."""
        ids, outbox = [item.id for item in batch], self._outbox()
        chat_id = self._moves.current(chat_id)
        expires = batch[0].message.expires
        if expires is not None and self._now() >= expires:
            log.error("A post to %s was not sent within its grace: given up", chat_id)
            return partial(outbox.failed, ids, EXPIRED, now=self._now())
        try:
            photos = await self._outbox().photos(batch[0].id) if batch[0].photos else []
        except Exception as error:
            log.exception("The photos of a message to %s could not be read", chat_id)
            return self._later(chat_id, ids, error, self._backoff(chat_id))
        try:
            sent = await self._call(chat_id, batch, photos)
        except RetryAfter:
            # The pacer holds the chat for the wait Telegram named.
            return partial(outbox.retry, ids, now=self._now())
        except BadRequest as error:
            return self._failed(chat_id, ids, error)
        except NetworkError as error:
            if not surely_unsent(error):
                return self._uncertain(chat_id, ids, error)
            return self._later(chat_id, ids, error, self._backoff(chat_id))
        except ChatMigrated as error:
            return await self._moved(chat_id, ids, error)
        except InvalidToken as error:
            # Not this message's fault: the bot is stopping.
            return self._later(chat_id, ids, error, MOST_DELAY)
        except TelegramError as error:
            return self._failed(chat_id, ids, error)
        self._failures.pop(chat_id, None)
        return Delivered(batch, sent.message_id, self._now())

    async def _call(self, chat_id: int, batch: list[Queued], photos: list[bytes]) -> Message:
        if len(batch) > 1:
            text = merged_confirmations([item.message.line or "" for item in batch], self._texts)
            return await self._bot.send_message(chat_id, text, rate_limit_args=True)
        message = batch[0].message
        if photos:
            return await self._album(chat_id, message.text, photos)
        if message.edits is not None:
            edited = await self._bot.edit_message_text(
                message.text,
                chat_id=chat_id,
                message_id=message.edits,
                parse_mode=ParseMode.HTML if message.html else None,
                rate_limit_args=True,
            )
            assert isinstance(edited, Message), "a chat's message, not an inline one"
            return edited
        # Answered even if the message was deleted meanwhile: what it reported stands.
        where = ReplyParameters(message.source_id, allow_sending_without_reply=True)
        buttons = [
            InlineKeyboardButton(label, callback_data=code) for label, code in message.buttons
        ]
        return await self._bot.send_message(
            chat_id,
            message.text,
            reply_parameters=where if message.reply else None,
            reply_markup=InlineKeyboardMarkup([buttons]) if buttons else None,
            parse_mode=ParseMode.HTML if message.html else None,
            rate_limit_args=True,
        )

    async def _album(self, chat_id: int, caption: str, photos: list[bytes]) -> Message:
        """Photos with the caption under the first; one photo goes as a photo, since an
        album holds two to ten. The first message's id stands for the album."""
        if len(photos) == 1:
            return await self._bot.send_photo(
                chat_id, photos[0], caption=caption, parse_mode=ParseMode.HTML,
                rate_limit_args=True,
            )  # fmt: skip
        media = [
            InputMediaPhoto(photo, caption=caption if n == 0 else None, parse_mode=ParseMode.HTML)
            for n, photo in enumerate(photos)
        ]
        return (await self._bot.send_media_group(chat_id, media, rate_limit_args=True))[0]

    async def _moved(self, chat_id: int, ids: list[int], error: ChatMigrated) -> Record:
        """The group became a supergroup: followed, and the message sent there at once."""
        try:
            await self._moves.record(chat_id, error.new_chat_id, now=self._now())
        except Exception:
            log.exception("Recording that %s moved to %s failed", chat_id, error.new_chat_id)
            return self._later(chat_id, ids, error, MOST_DELAY)
        return partial(self._outbox().retry, ids, now=self._now())

    def _backoff(self, chat_id: int) -> float:
        """The wait after a chat's failed sends in a row: doubling up to a minute, and
        never giving up, since Telegram being down is no reason to drop an answer."""
        self._failures[chat_id] += 1
        return min(FIRST_DELAY * 2 ** (self._failures[chat_id] - 1), MOST_DELAY)

    def _later(self, chat_id: int, ids: list[int], error: Exception, delay: float) -> Record:
        log.warning("A send to %s failed (%s); trying again in %.0f s", chat_id, error, delay)
        self._pacer.hold(chat_id, delay)
        retry = partial(self._outbox().retry, ids, now=self._now())
        if self._failures.get(chat_id) == FAILING_AFTER and chat_id < 0:
            return partial(self._failing, retry, chat_id, error)
        return retry

    async def _failing(self, retry: Record, chat_id: int, error: Exception) -> None:
        """A group's sends keep failing: the managers are told, once a day per group (not
        about their own private chats, where the alert would fail as well)."""
        await retry()
        alerts, now = self._alerts(), self._now()
        config = alerts.config
        served = self._moves.configured(chat_id, config)
        chat = config.chat(served) if served is not None else None
        name = chat.title if chat else str(chat_id)
        text = sending_text(self._texts, chat=name, count=FAILING_AFTER, error=str(error))
        day = now.astimezone(config.timezone).date()
        await alerts.tell(f"sending:{chat_id}:{day.isoformat()}", text, now=now)

    def _uncertain(self, chat_id: int, ids: list[int], error: TelegramError) -> Record:
        self.uncertain += len(ids)
        log.warning("A send to %s broke off (%s): it may have arrived; not sent again "
                    "(%d uncertain in this run)", chat_id, error, self.uncertain)  # fmt: skip
        return partial(self._outbox().uncertain, ids, now=self._now())

    def _failed(self, chat_id: int, ids: list[int], error: TelegramError) -> Record:
        log.error("Telegram refused a message to %s for good: %s", chat_id, error)
        self._failures.pop(chat_id, None)
        return partial(self._outbox().failed, ids, str(error), now=self._now())


def surely_unsent(error: NetworkError) -> bool:
    """Whether Telegram cannot have the message: it answered with an error (a 5xx, no
    cause), or no connection was made or free. A read that timed out or a connection that
    broke off after the request went may have delivered it."""
    cause = error.__cause__
    return cause is None or isinstance(
        cause, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout
    )
