"""What the people in the groups do: the test-side helpers that inject updates.

Each helper changes the world as Telegram would (the message exists, can be replied to, edited
or deleted) and queues the update the bot would receive, waking any waiting long poll. They are
synchronous so tests can stage a scene without awaiting anything.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import datetime

from bot.fake_telegram.objects import (
    JSON,
    FakeChat,
    FakeUser,
    addressed_command,
    text_entities,
    unix,
)
from bot.fake_telegram.world import ACTIVE_STATUSES, World

ChatRef = FakeChat | int
UserRef = FakeUser | int


class UserActions(World):
    def send_text(
        self,
        chat: ChatRef,
        user: UserRef,
        text: str,
        *,
        reply_to: int | None = None,
        date: datetime | None = None,
    ) -> JSON:
        """Post a text message; commands and @mentions get entities, as Telegram adds them."""
        content: JSON = {"text": text}
        if entities := text_entities(text):
            content["entities"] = entities
        return self._post(chat, user, content, reply_to=reply_to, date=date)

    def send_photo(
        self,
        chat: ChatRef,
        user: UserRef,
        image_bytes: bytes,
        *,
        caption: str | None = None,
        media_group_id: str | None = None,
        reply_to: int | None = None,
        date: datetime | None = None,
    ) -> JSON:
        """Post a photo; an album is several calls sharing one ``media_group_id``."""
        content: JSON = {"photo": self.files.add_photo(image_bytes)}
        if media_group_id is not None:
            content["media_group_id"] = media_group_id
        return self._post(chat, user, content | _caption(caption), reply_to=reply_to, date=date)

    def send_album(
        self,
        chat: ChatRef,
        user: UserRef,
        images: Sequence[bytes],
        *,
        caption: str | None = None,
        caption_on: int = 0,
        order: Sequence[int] | None = None,
        date: datetime | None = None,
    ) -> list[JSON]:
        """Post an album as Telegram does: one message per photo sharing a media_group_id,
        the caption on one item only. The updates are delivered in `order` (indexes into
        `images`): Telegram does not promise that an album's items arrive in sequence."""
        room, sender = self._chat(chat), self._user(user)
        group = str(next(self.album_numbers))
        messages = []
        for index, image in enumerate(images):
            content: JSON = {"photo": self.files.add_photo(image), "media_group_id": group}
            if index == caption_on:
                content |= _caption(caption)
            messages.append(self.new_message(room, sender, content, date=date))
        for index in order if order is not None else range(len(images)):
            self._deliver("message", room, messages[index])
        return copy.deepcopy(messages)

    def send_document(
        self,
        chat: ChatRef,
        user: UserRef,
        data: bytes,
        *,
        file_name: str,
        mime_type: str | None = None,
        caption: str | None = None,
        date: datetime | None = None,
        file_size: int | None = None,
        size_shown: bool = True,
    ) -> JSON:
        """Post a file; `file_size` stands in for bytes the test need not hold (a 25 MB file),
        and `size_shown=False` leaves it out of the message, as Telegram may."""
        document = self.files.add_document(data, file_name, mime_type, file_size=file_size)
        if not size_shown:
            document = {key: value for key, value in document.items() if key != "file_size"}
        return self._post(chat, user, {"document": document} | _caption(caption), date=date)

    def edit_text(
        self,
        chat: ChatRef,
        message_id: int,
        new_text: str,
        *,
        edit_date: datetime | None = None,
    ) -> JSON:
        """Edit a user's text message in place and deliver it as an ``edited_message``."""
        room = self._chat(chat)
        message = self.message(room, message_id)
        if message is None or "text" not in message:
            raise ValueError(f"no text message {message_id} in chat {room.id}")
        message["text"] = new_text
        message.pop("entities", None)
        if entities := text_entities(new_text):
            message["entities"] = entities
        message["edit_date"] = unix(edit_date or self.now())
        self._deliver("edited_message", room, message)
        return copy.deepcopy(message)

    def edit_caption(
        self, chat: ChatRef, message_id: int, new_caption: str, *, edit_date: datetime | None = None
    ) -> JSON:
        """Edit the caption of a user's photo or file and deliver it as an ``edited_message``."""
        room = self._chat(chat)
        message = self.message(room, message_id)
        if message is None or not ({"photo", "document"} & message.keys()):
            raise ValueError(f"no photo or file {message_id} in chat {room.id}")
        message.pop("caption_entities", None)
        message |= _caption(new_caption)
        message["edit_date"] = unix(edit_date or self.now())
        self._deliver("edited_message", room, message)
        return copy.deepcopy(message)

    def press_button(self, chat: ChatRef, user: UserRef, message_id: int, data: str) -> str:
        """Press an inline button of a bot message; returns the callback query id to answer.

        Refuses buttons the message does not show, since a real user could not press them.
        """
        room, presser = self._chat(chat), self._user(user)
        message = self.message(room, message_id)
        rows = (message or {}).get("reply_markup", {}).get("inline_keyboard", [])
        if not any(button.get("callback_data") == data for row in rows for button in row):
            raise ValueError(f"message {message_id} in chat {room.id} has no button {data!r}")
        self.callback_count += 1
        query_id = str(4_382_000_000_000_000_000 + self.callback_count)
        self.open_callbacks.add(query_id)
        if room.bot_status in ACTIVE_STATUSES:
            self.updates.push(
                "callback_query",
                {
                    "id": query_id,
                    "from": presser.as_json(),
                    "message": message,
                    "chat_instance": str(abs(room.id) * 7919),
                    "data": data,
                },
            )
        return query_id

    def redeliver(self, update: JSON) -> JSON:
        """Deliver the same update payload again under a new update_id (Telegram does this
        after a crash before confirmation), to test that handling is idempotent."""
        return self.updates.redeliver(update)

    def _post(
        self,
        chat: ChatRef,
        user: UserRef,
        content: JSON,
        *,
        reply_to: int | None = None,
        date: datetime | None = None,
    ) -> JSON:
        room = self._chat(chat)
        target = None
        if reply_to is not None:
            target = self.message(room, reply_to)
            if target is None:
                raise ValueError(f"no message {reply_to} in chat {room.id} to reply to")
        message = self.new_message(room, self._user(user), content, date=date, reply_to=target)
        self._deliver("message", room, message)
        return copy.deepcopy(message)

    def _deliver(self, kind: str, chat: FakeChat, message: JSON) -> None:
        """Queue a (edited) message update if the bot is in the chat and privacy mode lets
        it see the message: without ``can_read_all_group_messages`` a plain member only gets
        commands for it, replies to it, mentions of it and service messages."""
        if chat.bot_status not in ACTIVE_STATUSES:
            return
        if not self.can_read_all_group_messages and chat.bot_status == "member":
            text = message.get("text") or message.get("caption") or ""
            replied = message.get("reply_to_message", {}).get("from", {}).get("id")
            if not (
                replied == self.bot.id
                or f"@{self.bot.username}" in text
                or addressed_command(text, self.bot.username or "")
                or "new_chat_members" in message
            ):
                return
        self.updates.push(kind, message)

    def _chat(self, chat: ChatRef) -> FakeChat:
        return chat if isinstance(chat, FakeChat) else self.chats[chat]

    def _user(self, user: UserRef) -> FakeUser:
        return user if isinstance(user, FakeUser) else self.users[user]


def _caption(caption: str | None) -> JSON:
    if caption is None:
        return {}
    content: JSON = {"caption": caption}
    if entities := text_entities(caption):
        content["caption_entities"] = entities
    return content
