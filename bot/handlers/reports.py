"""Figures typed into the group: stored, and confirmed in one reply."""

from __future__ import annotations

from telegram import Update

from bot.handlers.context import BotContext
from bot.rendering import replies
from bot.services import IncomingMessage


async def on_report(update: Update, context: BotContext) -> None:
    """Store the figures of a message (new or edited) and answer once, or stay silent."""
    message = update.effective_message
    assert message is not None
    assert message.text is not None
    incoming = IncomingMessage(
        chat_id=message.chat_id,
        message_id=message.message_id,
        sender=await context.sender(update),
        text=message.text,
        sent_at=message.date,
        edited_at=message.edit_date,
    )
    outcome = await context.services.submit_report(incoming, now=context.now())
    reply = replies.report_reply(outcome, context.texts, context.config.catalogue)
    if reply:
        await message.reply_text(reply)
