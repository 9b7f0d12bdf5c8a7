"""/schedule shows when the chat's posts run; /post makes one now (managers)."""

from __future__ import annotations

from telegram import Update

from bot.chat import jobs
from bot.chat.context import BotContext, message_of
from bot.domain.command_words import post_word
from bot.domain.outcomes import NotManager, Usage
from bot.domain.schedule import PostKind
from bot.rendering.replies import not_manager
from bot.rendering.schedule import schedule_text


async def on_schedule(update: Update, context: BotContext) -> None:
    """List the chat's posts with their next run."""
    message, config = message_of(update), context.config
    chat = context.chat_config(message.chat_id)
    assert chat is not None, "the gate lets only served chats through"
    text = schedule_text(
        chat.schedule, message.date, config.timezone, config.calendar, context.texts
    )
    await context.answer(message, text)


async def on_post(update: Update, context: BotContext) -> None:
    """Make a post now, outside the once-a-day rule, marked as a repeat: `/post morning`."""
    message, texts = message_of(update), context.texts
    kind = post_word((context.args or [""])[0])
    outcome = await jobs.post_now(context.application, await context.sender(update), message, kind)
    if isinstance(outcome, NotManager):
        await context.answer(message, not_manager(outcome, texts))
    elif isinstance(outcome, Usage):
        await context.answer(message, texts("post.usage", kinds=tuple(PostKind)))
