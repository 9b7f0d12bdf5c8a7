"""Figures typed into the group: stored and confirmed in one reply, undone, reviewed."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.chat.context import BotContext, message_of
from bot.domain.outcomes import (
    AwaitingApproval,
    NothingToApprove,
    NothingToUndo,
    NotManager,
    NotYours,
    Stored,
    Unbound,
    UnknownBranch,
)
from bot.rendering import replies
from bot.rendering.texts import Texts

# Callback data of the approval button: the prefix and the held report's id.
APPROVE = "approve:"


async def on_report(update: Update, context: BotContext) -> None:
    """Store the figures of a message (new or edited) and answer once, or stay silent."""
    message = message_of(update)
    assert message.text is not None
    incoming = await context.incoming(update)
    outcome = await context.services.reports.submit_report(incoming, now=context.now())
    reply = replies.report_reply(outcome, context.texts, context.config.catalogue)
    if isinstance(outcome, AwaitingApproval):
        await message.reply_text(reply or "", reply_markup=approval(outcome, context.texts))
    elif reply:
        sent = await message.reply_text(reply)
        if isinstance(outcome, Stored):
            await context.services.reports.link_reply(
                chat_id=message.chat_id, message_id=message.message_id, reply_id=sent.message_id
            )


def approval(held: AwaitingApproval, texts: Texts) -> InlineKeyboardMarkup:
    """The button under a held backfill that lets a manager store it."""
    button = InlineKeyboardButton(
        texts("approve.button"), callback_data=f"{APPROVE}{held.report_id}"
    )
    return InlineKeyboardMarkup([[button]])


async def on_approve(update: Update, context: BotContext) -> None:
    """A manager pressed the button under a held backfill: store it."""
    query, texts = update.callback_query, context.texts
    assert query is not None
    assert query.data is not None
    outcome = await context.services.reports.approve(
        report_id=int(query.data.removeprefix(APPROVE)),
        sender=await context.sender(update),
        now=context.now(),
    )
    if isinstance(outcome, NotManager):
        await query.answer(replies.not_manager(outcome, texts), show_alert=True)
    elif isinstance(outcome, NothingToApprove):
        await query.answer(texts("approve.gone"))
    else:
        stored = replies.stored(outcome, texts, context.config.catalogue)
        approver = update.effective_user.full_name if update.effective_user else ""
        done = texts("approve.done", stored=stored, manager=approver)
        shown = query.message.text if isinstance(query.message, Message) else None
        await query.edit_message_text(replies.held_replaced(shown, done))
        await query.answer()


async def on_undo(update: Update, context: BotContext) -> None:
    """Take back the report this command replies to (or the one a confirmation answered)."""
    message, texts = message_of(update), context.texts
    if message.reply_to_message is None:
        await message.reply_text(texts("undo.how"))
        return
    outcome = await context.services.reports.undo(
        chat_id=message.chat_id,
        message_id=message.reply_to_message.message_id,
        sender=await context.sender(update),
        now=context.now(),
    )
    match outcome:
        case NothingToUndo():
            await message.reply_text(texts("undo.how"))
        case NotYours():
            await message.reply_text(texts("undo.not_yours"))
        case _:
            await message.reply_text(replies.undone(outcome, texts, context.config.catalogue))


async def on_today(update: Update, context: BotContext) -> None:
    """Show what the sender's branch (or the branch named) has reported for the report day."""
    message, texts = message_of(update), context.texts
    assert message.from_user is not None
    word = " ".join(context.args or ()) or None
    outcome = await context.services.figures.today(
        user_id=message.from_user.id, branch_word=word, now=message.date
    )
    match outcome:
        case Unbound():
            await message.reply_text(texts("report.unbound"))
        case UnknownBranch(word):
            await message.reply_text(texts("today.usage", word=word))
        case _:
            await message.reply_text(replies.today(outcome, texts, context.config.catalogue))
