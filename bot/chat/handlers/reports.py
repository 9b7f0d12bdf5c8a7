"""Figures typed into the group: stored and confirmed in one reply, undone, reviewed."""

from __future__ import annotations

from functools import partial

from telegram import Update

from bot.chat import answers
from bot.chat.context import BotContext, message_of
from bot.domain.outcomes import (
    NothingToApprove,
    NotManager,
    Unbound,
    UnknownBranch,
)
from bot.rendering import replies


async def on_report(update: Update, context: BotContext) -> None:
    """Store the figures of a message (new or edited); its answer, if any, is queued with
    them."""
    incoming = await context.incoming(update)
    answer = answers.report(incoming, context.texts, context.config.catalogue)
    await context.services.reports.submit_report(incoming, now=context.now(), answer=answer)


async def on_approve(update: Update, context: BotContext) -> None:
    """A manager pressed the button under a held backfill: store it, and edit the held
    message to say so (through the outbox, so a full minute's pacing holds up nothing)."""
    query, texts = update.callback_query, context.texts
    assert query is not None
    assert query.data is not None
    approver = update.effective_user.full_name if update.effective_user else ""
    answer = partial(answers.approved, query.message, approver, texts, context.config.catalogue)
    outcome = await context.services.approvals.approve(
        report_id=int(query.data.removeprefix(answers.APPROVE)),
        sender=await context.sender(update), now=context.now(), answer=answer,
    )  # fmt: skip
    if isinstance(outcome, NotManager):
        await query.answer(replies.not_manager(outcome, texts), show_alert=True)
    else:
        await query.answer(texts("approve.gone") if isinstance(outcome, NothingToApprove) else None)


async def on_undo(update: Update, context: BotContext) -> None:
    """Take back the report this command replies to (or the one a confirmation answered)."""
    message, texts = message_of(update), context.texts
    if message.reply_to_message is None:
        await context.answer(message, texts("undo.how"))
        return

    answer = answers.undo(message, texts, context.config.catalogue)
    await context.services.reports.undo(
        chat_id=message.chat_id,
        message_id=message.reply_to_message.message_id,
        sender=await context.sender(update),
        now=context.now(),
        answer=answer,
    )


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
            await context.answer(message, texts("report.unbound"))
        case UnknownBranch(word):
            await context.answer(message, texts("today.usage", word=word))
        case _:
            await context.answer(message, replies.today(outcome, texts, context.config.catalogue))
