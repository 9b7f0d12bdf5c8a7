"""Who joins a chat, as the test side plays it: the bot added to a group, and a person
joining by link or added by a member; each the updates Telegram would send."""

from __future__ import annotations

import copy

from bot.fake_telegram.objects import JSON, member_json, unix
from bot.fake_telegram.users import ChatRef, UserActions, UserRef
from bot.fake_telegram.world import ACTIVE_STATUSES


class MembershipActions(UserActions):
    def add_bot_to_chat(self, chat: ChatRef, by_user: UserRef, *, status: str = "member") -> JSON:
        """Play the bot being added: a my_chat_member update, then the service message."""
        room, adder = self._chat(chat), self._user(by_user)
        if room.bot_status in ACTIVE_STATUSES:
            raise ValueError(f"the bot is already in chat {room.id}; add_group(bot_status='left')")
        date = self.now()
        change = {
            "chat": room.as_json(),
            "from": adder.as_json(),
            "date": unix(date),
            "old_chat_member": member_json(self.bot, room.bot_status),
            "new_chat_member": member_json(self.bot, status),
        }
        room.bot_status = status
        room.members.add(adder.id)
        self.updates.push("my_chat_member", change)
        content = {"new_chat_members": [self.bot.as_json()]}
        message = self.new_message(room, adder, content, date=date)
        self._deliver("message", room, message)
        return copy.deepcopy(message)

    def add_member(self, chat: ChatRef, user: UserRef, *, by_user: UserRef | None = None) -> JSON:
        """Play a person joining by link (or added by `by_user`): the service message."""
        room, joiner = self._chat(chat), self._user(user)
        adder = self._user(by_user) if by_user is not None else joiner
        room.members.add(joiner.id)
        content = {"new_chat_members": [joiner.as_json()]}
        message = self.new_message(room, adder, content, date=self.now())
        self._deliver("message", room, message)
        return copy.deepcopy(message)
