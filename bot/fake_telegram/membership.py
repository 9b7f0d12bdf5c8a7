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

    def upgrade_group(self, chat: ChatRef, new_id: int, *, by_user: UserRef) -> JSON:
        """Play a basic group becoming a supergroup: a new chat (new id, message ids from
        1, the same people), the old one refused from then on with `migrate_to_chat_id`,
        and each told by a service message. Returns the new chat's message."""
        old, by = self._chat(chat), self._user(by_user)
        new = self.add_group(new_id, old.title, bot_status=old.bot_status)
        new.admins, new.members = set(old.admins), set(old.members)
        self._deliver("message", old, self.new_message(old, by, {"migrate_to_chat_id": new_id}))
        old.migrated_to = new_id
        moved = self.new_message(new, by, {"migrate_from_chat_id": old.id})
        self._deliver("message", new, moved)
        return copy.deepcopy(moved)

    def add_member(self, chat: ChatRef, user: UserRef, *, by_user: UserRef | None = None) -> JSON:
        """Play a person joining by link (or added by `by_user`): the service message."""
        room, joiner = self._chat(chat), self._user(user)
        adder = self._user(by_user) if by_user is not None else joiner
        room.members.add(joiner.id)
        content = {"new_chat_members": [joiner.as_json()]}
        message = self.new_message(room, adder, content, date=self.now())
        self._deliver("message", room, message)
        return copy.deepcopy(message)
