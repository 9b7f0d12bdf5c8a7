"""Which chats the bot serves: everything from elsewhere is dropped before any handler."""

from __future__ import annotations

import logging

from telegram import ChatMember, Update
from telegram.ext import ApplicationHandlerStop

from bot.chat.context import BotContext

log = logging.getLogger(__name__)
_PRESENT = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.RESTRICTED)


async def gate(update: Update, context: BotContext) -> None:
    """Stop updates from chats the configuration does not name; leave such groups."""
    chat = update.effective_chat
    if chat is not None and context.config.serves(chat.id):
        return
    joined = update.my_chat_member and update.my_chat_member.new_chat_member.status in _PRESENT
    if chat is not None and joined and chat.type != chat.PRIVATE:
        log.warning("Added to chat %s (%s), which is not configured: leaving", chat.id, chat.title)
        await context.bot.leave_chat(chat.id)
    raise ApplicationHandlerStop


async def on_error(update: object, context: BotContext) -> None:
    """Log what went wrong; the user's message stays unanswered rather than half-handled."""
    log.error("Error while handling %r", update, exc_info=context.error)
