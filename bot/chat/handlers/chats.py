"""Which chats the bot serves: nothing from elsewhere reaches a handler. A private chat is
told what the bot is; any other group is left, and named in the log so it can be added."""

from __future__ import annotations

import logging

from telegram import ChatMember, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot.chat.context import BotContext
from bot.chat.failures import failed
from bot.rendering.replies import help_texts, start_text

log = logging.getLogger(__name__)
_PRESENT = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.RESTRICTED)


async def gate(update: Update, context: BotContext) -> None:
    """Stop updates from chats the configuration does not name: answer a private chat with
    what the bot is, and leave any other group, saying in the log which one it was."""
    chat = update.effective_chat
    try:
        if chat is not None and await _served(update, context, chat.id, chat.type):
            return
    except ApplicationHandlerStop:
        raise
    except Exception as error:
        # The moves could not be read or kept: the update goes no further, and a served
        # group is not left for it; the inbox hands it back if the database was away.
        log.exception("Telling whether chat %s is served failed", chat.id if chat else None)
        failed(error)
        raise ApplicationHandlerStop from None
    try:
        if chat is not None and chat.type == chat.PRIVATE:
            await _private(update, context)
        elif chat is not None and _present(update):
            await _leave(update, context, chat.id, chat.title)
    except Exception:
        # Answering or leaving failed: logged, and the update still goes no further.
        log.exception("Turning away an update from chat %s failed", chat.id if chat else None)
    raise ApplicationHandlerStop


async def _served(update: Update, context: BotContext, chat_id: int, kind: str) -> bool:
    """Whether the chat is served, under its configured id or one it moved to. A served
    group becoming a supergroup is followed here: each of its two service messages (in
    the old chat, in the new) records the move; a group unknown to this process may have
    moved in another's sight, so the moves are read again before it is turned away."""
    message, moves = update.effective_message, context.bot_data.moves
    if message is not None and (message.migrate_to_chat_id or message.migrate_from_chat_id):
        old = message.migrate_from_chat_id or message.chat_id
        new = message.migrate_to_chat_id or message.chat_id
        known = context.served_id(old) is not None or _alerts_chat(context, old)
        if known and await moves.record(old, new, now=context.now()):
            context.application.migrate_chat_data(old_chat_id=old, new_chat_id=new)
    if context.served_id(chat_id) is not None:
        return True
    if kind == ChatType.PRIVATE:
        return False
    if not _alerts_chat(context, chat_id):
        await moves.load()
    if _alerts_chat(context, chat_id):
        raise ApplicationHandlerStop  # the managers' chat for alerts: kept, never served
    return context.served_id(chat_id) is not None


def _alerts_chat(context: BotContext, chat_id: int) -> bool:
    """Whether `chat_id` is (or was) the `[bot] alert_chat`."""
    alert_chat = context.config.alert_chat
    return (
        alert_chat is not None and context.bot_data.moves.served(chat_id, [alert_chat]) is not None
    )


async def _leave(update: Update, context: BotContext, chat_id: int, title: str | None) -> None:
    """Leave an unserved group: once per group for its messages, again whenever it adds
    the bot back."""
    joined = update.my_chat_member is not None
    if chat_id in context.bot_data.left_chats and not joined:
        return
    log.warning(
        "Chat %s (%s) is not configured: leaving it; add it to [[chats]] to serve it",
        chat_id, title,
    )  # fmt: skip
    await context.bot.leave_chat(chat_id)
    context.bot_data.left_chats.add(chat_id)


def _present(update: Update) -> bool:
    """Whether the bot is in the chat the update comes from (not its own leaving)."""
    change = update.my_chat_member
    return change is None or change.new_chat_member.status in _PRESENT


async def _private(update: Update, context: BotContext) -> None:
    """/start and /help say what the bot is, where it works and how to be bound; anything
    else gets the same, at most once a day, so a chatty user is not answered each time."""
    message, user = update.message, update.effective_user
    if message is None or user is None:
        return
    if user.id in context.config.managers:
        # A bot may write only to those who wrote to it: now alerts can reach this manager.
        await context.services.alerts.started(user.id, now=context.now())
    command = (message.text or "").split(maxsplit=1)[:1]
    asked = command in (["/start"], ["/help"])
    today = context.now().astimezone(context.config.timezone).date()
    if not asked and context.bot_data.greeted.get(user.id) == today:
        return
    context.bot_data.greeted[user.id] = today
    groups = [chat.title or str(chat.id) for chat in context.config.chats]
    await context.answer(message, start_text(context.texts, groups, user.username))
    if command == ["/help"]:
        catalogue = context.config.catalogue
        for part, text in enumerate(help_texts(context.texts, catalogue, manager=False), 1):
            await context.answer(message, text, part=part)


async def on_error(update: object, context: BotContext) -> None:
    """Log what went wrong; the user's message stays unanswered rather than half-handled,
    and the inbox learns of it (an update the database failed for is handled again)."""
    log.error("Error while handling %r", update, exc_info=context.error)
    failed(context.error)
