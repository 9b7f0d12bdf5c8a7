"""Commands anyone in a served group may use: /help, /rank, and /bind for managers."""

from __future__ import annotations

from telegram import Message, Update

from bot.handlers.context import BotContext
from bot.outcomes import Bound, UnknownBranch, UnknownMetric, UnknownUser
from bot.rendering import replies


async def on_help(update: Update, context: BotContext) -> None:
    """List what the bot understands."""
    message = _message(update)
    await message.reply_text(replies.help_text(context.texts, context.config.catalogue))


async def on_rank(update: Update, context: BotContext) -> None:
    """Answer with yesterday's ranking, by points or by the metric named."""
    message = _message(update)
    metric_word = " ".join(context.args or ()) or None
    result = await context.services.ranking(now=message.date, metric_word=metric_word)
    if isinstance(result, UnknownMetric):
        names = "、".join(m.name for m in context.config.catalogue.metrics)
        await message.reply_text(
            context.texts("rank.unknown_metric", word=result.word, metrics=names)
        )
        return
    await message.reply_text(replies.ranking(result, context.texts))


async def on_bind(update: Update, context: BotContext) -> None:
    """Bind a member to a branch: `/bind @user 正阳`, or `/bind 正阳` replying to them."""
    message, texts, args = _message(update), context.texts, list(context.args or ())
    assert message.from_user is not None
    if not await context.is_manager(message.chat_id, message.from_user.id):
        await message.reply_text(texts("bind.managers_only"))
        return
    target = message.reply_to_message.from_user if message.reply_to_message else None
    if not args or (target is None and (len(args) < 2 or not args[0].startswith("@"))):
        await message.reply_text(texts("bind.usage"))
        return
    who: int | str = target.id if target else args[0]
    result = await context.services.bind(
        who=who,
        name=target.full_name if target else None,
        branch_word=args[-1],
        manager_id=message.from_user.id,
    )
    await message.reply_text(_bind_reply(result, context))


def _bind_reply(result: Bound | UnknownBranch | UnknownUser, context: BotContext) -> str:
    texts = context.texts
    match result:
        case Bound(name, branch):
            return texts("bind.done", user=name, branch=branch)
        case UnknownBranch(word):
            return replies.unknown_branch(word, texts, context.config.catalogue)
        case UnknownUser(who):
            return texts("bind.unknown_user", user=who)


def _message(update: Update) -> Message:
    assert update.effective_message is not None
    return update.effective_message
