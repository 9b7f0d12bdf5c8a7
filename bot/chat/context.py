"""The typed context every callback receives, instead of `bot_data["key"]` strings."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from datetime import UTC, date, datetime

from telegram import ChatMember, Message, Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackContext, ExtBot

from bot.chat.albums import AlbumBuffer
from bot.chat.answers import reply
from bot.chat.moves import Moves
from bot.chat.raw_updates import RawUpdates
from bot.config.settings import ChatConfig, Config
from bot.rendering.texts import Texts
from bot.usecases.incoming import IncomingMessage, Sender
from bot.usecases.roster import Roster
from bot.usecases.services import Services

log = logging.getLogger(__name__)
ANONYMOUS_ADMIN_ID = 1087968824
ADMIN_CACHE_SECONDS = 600


def utc_now() -> datetime:
    return datetime.now(UTC)


def _nobody() -> None:
    return None


class BotData:
    """What lives as long as the application: set up by `app.build_application`
    and `post_init`, closed in `post_shutdown`."""

    def __init__(self) -> None:
        self.config: Config | None = None
        self.clock: Callable[[], datetime] = utc_now
        self.services: Services | None = None
        self.admins: dict[int, tuple[float, frozenset[int]]] = {}
        self.left_chats: set[int] = set()
        """Unserved groups already logged and left: each is told about once."""
        self.greeted: dict[int, date] = {}
        """The day each private chatter last got the /start answer unasked."""
        self.notify_outbox: Callable[[], None] = _nobody
        """Tells the outbox's sender something was queued (chat.outbox sets it)."""
        self.raw_updates: RawUpdates | None = None
        """getUpdates' connection, holding what it fetched as Telegram sent it."""
        self.album_buffer: AlbumBuffer[tuple[int, str]] | None = None
        self.moves = Moves(self._roster)
        """Groups that became supergroups (loaded in post_init)."""

    def _roster(self) -> Roster:
        assert self.services is not None, "post_init builds the services"
        return self.services.roster

    @property
    def albums(self) -> AlbumBuffer[tuple[int, str]]:
        assert self.album_buffer is not None, "build_application makes the album buffer"
        return self.album_buffer


class BotContext(
    CallbackContext[ExtBot[bool], dict[object, object], dict[object, object], BotData]
):
    @property
    def config(self) -> Config:
        assert self.bot_data.config is not None, "build_application sets the config"
        return self.bot_data.config

    @property
    def services(self) -> Services:
        assert self.bot_data.services is not None, "post_init builds the services"
        return self.bot_data.services

    @property
    def texts(self) -> Texts:
        return Texts(self.config.language)

    def now(self) -> datetime:
        return self.bot_data.clock()

    def served_id(self, chat_id: int) -> int | None:
        """The configured id of the chat `chat_id` is (or was) an id of; None if unserved."""
        return self.bot_data.moves.configured(chat_id, self.config)

    def chat_config(self, chat_id: int) -> ChatConfig | None:
        served = self.served_id(chat_id)
        return None if served is None else self.config.chat(served)

    async def answer(
        self, message: Message, text: str, *, part: int = 0, html: bool = False, quoted: bool = True
    ) -> None:
        """Reply to `message` through the outbox: a reply that reports no change (or a
        message it brings about, not `quoted`)."""
        answer = reply(message, text, part=part, html=html, quoted=quoted)
        await self.services.outbox.answer(answer, now=self.now())
        self.bot_data.notify_outbox()

    async def sender(self, update: Update) -> Sender:
        """Who posted the update's message, and whether they manage this chat."""
        user = update.effective_user
        message = update.effective_message
        assert user is not None
        assert message is not None
        anonymous = user.id == ANONYMOUS_ADMIN_ID or message.sender_chat is not None
        return Sender(
            user_id=user.id,
            name=user.full_name,
            username=user.username,
            is_manager=await self.is_manager(message.chat_id, user.id),
            anonymous=anonymous,
        )

    async def incoming(self, update: Update) -> IncomingMessage:
        """The update's (possibly edited) message as the services read it: a photo's
        caption is its text."""
        message = message_of(update)
        return IncomingMessage(
            chat_id=message.chat_id,
            message_id=message.message_id,
            sender=await self.sender(update),
            text=message.text or message.caption or "",
            sent_at=message.date,
            edited_at=message.edit_date,
        )

    async def is_manager(self, chat_id: int, user_id: int) -> bool:
        """A configured manager, or an administrator of the group (cached for ten minutes)."""
        if user_id in self.config.managers:
            return True
        cached = self.bot_data.admins.get(chat_id)
        if cached is None or time.monotonic() - cached[0] > ADMIN_CACHE_SECONDS:
            try:
                members = await self.bot.get_chat_administrators(chat_id)
            except TelegramError as error:
                # A report must not be lost to a failed lookup: use what was known.
                log.warning("Cannot list the administrators of %s: %s", chat_id, error)
                return cached is not None and user_id in cached[1]
            ids = frozenset(m.user.id for m in members if m.status != ChatMember.LEFT)
            cached = self.bot_data.admins[chat_id] = (time.monotonic(), ids)
        return user_id in cached[1]


BotApplication = Application[
    ExtBot[bool], BotContext, dict[object, object], dict[object, object], BotData, object
]


def message_of(update: Update) -> Message:
    """The message a message handler was called for: its filters let no other update in."""
    assert update.effective_message is not None
    return update.effective_message


def command_body(message: Message) -> str:
    """What follows the command, its lines kept: `/target` may be followed by a newline."""
    return re.sub(r"^/\S+\s*", "", message.text or "").strip()
