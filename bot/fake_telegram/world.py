"""The state of the fake Telegram: who exists, which chats, which messages, what the bot sent.

Method handlers (the bot's side) and the test-facing injection helpers (the users' side) both
go through this one object, so a message a user posts can be replied to by the bot and a bot
message can carry the buttons a user later presses.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from bot.fake_telegram.files import FileStore
from bot.fake_telegram.menus import commands_key
from bot.fake_telegram.objects import JSON, ApiError, FakeChat, FakeUser, unix
from bot.fake_telegram.sent import BotMessage, SentByBot, view
from bot.fake_telegram.signals import Signal
from bot.fake_telegram.updates import UpdateQueue
from bot.fake_telegram.webhook import Webhook

ACTIVE_STATUSES = frozenset({"member", "administrator", "creator"})


class World:
    def __init__(
        self,
        *,
        token: str,
        bot_id: int,
        bot_username: str,
        bot_first_name: str,
        clock: Callable[[], datetime] | None,
    ) -> None:
        self.token = token
        self.bot = FakeUser(bot_id, bot_first_name, username=bot_username, is_bot=True)
        self.can_read_all_group_messages = True
        self.users: dict[int, FakeUser] = {}
        self.chats: dict[int, FakeChat] = {}
        self.files = FileStore()
        self.updates = UpdateQueue()
        self.webhook = Webhook(self.updates, self.now)
        self.requests: list[tuple[str, JSON]] = []
        self.answered_callbacks: list[JSON] = []
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.open_callbacks: set[str] = set()
        self.callback_count = 0
        self.album_numbers = itertools.count(13_528_282_872_134)
        """media_group_id values: long numbers, as Telegram's are."""
        self._clock = clock or (lambda: datetime.now(UTC))
        self._messages: dict[tuple[int, int], JSON] = {}
        self._sent: list[SentByBot] = []
        self._sent_changed = Signal()
        self._requests_changed = Signal()

    # -- setting the scene ---------------------------------------------------------------

    def add_user(
        self,
        user_id: int,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
    ) -> FakeUser:
        user = FakeUser(user_id, first_name, last_name=last_name, username=username)
        self.users[user_id] = user
        return user

    def add_group(
        self,
        chat_id: int,
        title: str,
        *,
        type: str = "supergroup",
        admins: tuple[FakeUser, ...] = (),
        bot_status: str = "member",
        is_forum: bool = False,
        username: str | None = None,
    ) -> FakeChat:
        """A group the bot is already in (``bot_status``); use ``bot_status="left"`` and
        ``add_bot_to_chat`` to play the moment it is added."""
        ids = {admin.id for admin in admins}
        for admin in admins:
            self.users.setdefault(admin.id, admin)
        chat = FakeChat(
            chat_id,
            title,
            type=type,
            username=username,
            is_forum=is_forum,
            bot_status=bot_status,
            admins=set(ids),
            members=set(ids),
        )
        self.chats[chat_id] = chat
        return chat

    # -- reading what the bot did --------------------------------------------------------

    def bot_messages(self, chat_id: int | None = None) -> list[BotMessage]:
        """The bot's messages still visible in the chat(s), oldest first; deleted ones are
        left out (``wait_for_bot_messages`` still reports them, flagged ``deleted``)."""
        return [
            view(sent)
            for sent in self._sent
            if not sent.deleted and chat_id in (None, sent.message["chat"]["id"])
        ]

    def mark(self) -> int:
        """A position in the bot's send history to wait from (see ``wait_for_bot_messages``)."""
        return len(self._sent)

    async def wait_for_bot_messages(
        self,
        *,
        since: int,
        count: int = 1,
        chat_id: int | None = None,
        timeout: float = 5,  # noqa: ASYNC109 - a bounded test helper, timeout is the point
    ) -> list[BotMessage]:
        """All messages the bot sent after ``since`` (to ``chat_id``), once there are ``count``.

        Taking the mark before triggering the bot makes this race-free however fast it answers.
        """

        def matching() -> list[SentByBot]:
            return [s for s in self._sent[since:] if chat_id in (None, s.message["chat"]["id"])]

        try:
            async with asyncio.timeout(timeout):
                await self._sent_changed.wait_until(lambda: len(matching()) >= count)
        except TimeoutError:
            raise TimeoutError(
                f"bot sent {len(matching())} of {count} expected messages within {timeout}s"
            ) from None
        return [view(sent) for sent in matching()]

    async def wait_delivered(self, timeout: float = 5) -> None:  # noqa: ASYNC109 - as above
        """Return once the bot has fetched and confirmed every injected update, i.e. PTB has
        put them all into its update queue (handlers may still be running); by webhook,
        once the bot has answered every update's POST with a 2xx."""
        try:
            async with asyncio.timeout(timeout):
                await self.updates.wait_delivered()
        except TimeoutError:
            pending = self.updates.describe_pending() + self.webhook.describe()
            raise TimeoutError(f"{pending} after {timeout}s") from None

    async def wait_for_requests(
        self,
        method: str,
        *,
        count: int = 1,
        timeout: float = 5,  # noqa: ASYNC109 - as above
    ) -> list[JSON]:
        """The parameters of every ``method`` call so far, once there are ``count``.

        A call is logged before it is handled, so when this returns for getUpdates the long
        poll is already waiting.
        """

        def calls() -> list[JSON]:
            return [params for name, params in self.requests if name.lower() == method.lower()]

        try:
            async with asyncio.timeout(timeout):
                await self._requests_changed.wait_until(lambda: len(calls()) >= count)
        except TimeoutError:
            raise TimeoutError(f"{method} called {len(calls())} of {count} times") from None
        return calls()

    def log_request(self, method: str, params: JSON) -> None:
        self.requests.append((method, params))
        self._requests_changed.notify()

    @property
    def injected_updates(self) -> list[JSON]:
        return self.updates.history

    def file_bytes(self, file_id: str) -> bytes:
        return self.files.get(file_id).data

    def my_commands(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        return list(self.commands.get(commands_key(scope, language_code), []))

    # -- shared by both sides ------------------------------------------------------------

    def now(self) -> datetime:
        return self._clock()

    def chat(self, chat_id: Any) -> FakeChat:
        chat = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            chat = next((c for c in self.chats.values() if f"@{c.username}" == chat_id), None)
        if chat is None:
            raise ApiError.bad_request("chat not found")
        if chat.migrated_to is not None:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        return chat

    def message(self, chat: FakeChat, message_id: int) -> JSON | None:
        return self._messages.get((chat.id, message_id))

    def new_message(
        self,
        chat: FakeChat,
        sender: FakeUser,
        content: JSON,
        *,
        date: datetime | None = None,
        reply_to: JSON | None = None,
        thread_id: int | None = None,
    ) -> JSON:
        message: JSON = {
            "message_id": chat.next_message_id(),
            "from": sender.as_json(),
            "chat": chat.as_json(),
            "date": unix(date or self._clock()),
        }
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = chat.is_forum
        if reply_to is not None:
            message["reply_to_message"] = {
                k: v for k, v in reply_to.items() if k != "reply_to_message"
            }
        message |= content
        self._messages[(chat.id, message["message_id"])] = message
        if not sender.is_bot:
            chat.members.add(sender.id)
        return message

    def record_bot_message(self, sent: SentByBot) -> None:
        self._sent.append(sent)
        self._sent_changed.notify()

    def sent_by_bot(self, chat: FakeChat, message_id: int) -> SentByBot | None:
        message = self.message(chat, message_id)
        return next((s for s in self._sent if s.message is message), None)

    def forget_message(self, chat: FakeChat, message_id: int) -> None:
        del self._messages[(chat.id, message_id)]
