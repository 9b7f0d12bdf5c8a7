"""Everyone an update shows is remembered by id, name and username, whatever the update
is: `/bind @name 正阳` must find a member who has only ever pressed a button or sent a
command, since the bot tells unbound members to ask a manager for exactly that."""

from __future__ import annotations

from telegram import Update, User

from bot.chat.context import BotContext
from bot.usecases.incoming import Person


async def remember_people(update: Update, context: BotContext) -> None:
    """Runs for every served update, before any handler; it answers nothing."""
    people = [Person(u.id, u.full_name, u.username) for u in _people(update) if not u.is_bot]
    if people:
        await context.services.roster.remember(people)


def _people(update: Update) -> list[User]:
    """The sender (of a message, an edit, a command, a button), anyone a message adds to
    the chat, a member whose status changed, and the author of a replied-to message."""
    message = update.effective_message
    found = [update.effective_user] if message is None or message.sender_chat is None else []
    if message is not None:
        found.extend(message.new_chat_members or ())
        replied = message.reply_to_message
        if replied is not None and replied.sender_chat is None:
            found.append(replied.from_user)
    if update.chat_member is not None:
        found.append(update.chat_member.new_chat_member.user)
    return list({user.id: user for user in found if user is not None}.values())
