"""/schedule shows when the chat's posts run; /post makes one now (managers)."""

from __future__ import annotations

from telegram import Update

from bot.chat import jobs
from bot.chat.context import BotContext, message_of
from bot.domain.schedule import PostKind
from bot.rendering.schedule import schedule_text


async def on_schedule(update: Update, context: BotContext) -> None:
    """List the chat's posts with their next run."""
    message, config = message_of(update), context.config
    chat = config.chat(message.chat_id)
    assert chat is not None, "the gate lets only served chats through"
    text = schedule_text(
        chat.schedule, message.date, config.timezone, config.calendar, context.texts
    )
    await message.reply_text(text)


async def on_post(update: Update, context: BotContext) -> None:
    """Make a post now, outside the once-a-day rule, marked as a repeat: `/post morning`."""
    message, texts = message_of(update), context.texts
    assert message.from_user is not None
    if not await context.is_manager(message.chat_id, message.from_user.id):
        await message.reply_text(texts("post.managers_only"))
        return
    kinds = {kind.value: kind for kind in PostKind}
    word = (context.args or [""])[0]
    kind = kinds.get(word) or next(
        (k for k in PostKind if texts(f"post.kind.{k.value}") == word), None
    )
    if kind is None:
        await message.reply_text(texts("post.usage", kinds=", ".join(kinds)))
        return
    await jobs.publish(context.application, message.chat_id, kind, message.date, repeat=True)
