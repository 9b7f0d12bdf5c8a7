"""Commands anyone in a served group may use: /help, /rank, and /bind for managers."""

from __future__ import annotations

from telegram import Message, Update

from bot.chat.answers import reply
from bot.chat.context import BotContext, message_of
from bot.domain.outcomes import (
    BadDay,
    Bound,
    NotManager,
    UnknownBranch,
    UnknownMetric,
    UnknownUser,
    Usage,
)
from bot.rendering import replies
from bot.rendering.audit import audit_text


async def on_help(update: Update, context: BotContext) -> None:
    """List what the bot understands: a manager also gets the managers' commands."""
    message, sender = message_of(update), await context.sender(update)
    catalogue = context.config.catalogue
    texts = replies.help_texts(context.texts, catalogue, manager=sender.is_manager)
    for part, text in enumerate(texts):
        await context.answer(message, text, part=part)


async def on_rank(update: Update, context: BotContext) -> None:
    """Answer with yesterday's ranking, by points or by the metric named."""
    message = message_of(update)
    metric_word = " ".join(context.args or ()) or None
    result = await context.services.figures.ranking(now=message.date, metric_word=metric_word)
    if isinstance(result, UnknownMetric):
        texts, catalogue = context.texts, context.config.catalogue
        await context.answer(message, replies.unknown_metric(result.word, texts, catalogue))
        return
    await context.answer(message, replies.ranking(result, context.texts))


async def on_bind(update: Update, context: BotContext) -> None:
    """Bind a member to a branch: `/bind @user 正阳`, `/bind 12345 正阳`, or `/bind 正阳`
    replying to one of their messages."""
    message = message_of(update)
    who, name, branch_word = bind_target(message, list(context.args or ())) or (None, None, "")
    await context.services.roster.bind(
        who=who, name=name, branch_word=branch_word, sender=await context.sender(update),
        now=context.now(), answer=lambda result: reply(message, _bind_reply(result, context)),
    )  # fmt: skip


def bind_target(message: Message, args: list[str]) -> tuple[int | str, str | None, str] | None:
    """Whom a /bind names, their name if known, and the branch word; None if unclear.

    An explicit @username or user id wins over the replied-to message. In a forum
    every message replies to its topic's first message, which names nobody."""
    if len(args) >= 2 and args[0].startswith("@"):
        return args[0], None, args[-1]
    if len(args) >= 2 and args[0].isdigit():
        return int(args[0]), None, args[-1]
    replied = message.reply_to_message
    if len(args) != 1 or replied is None or replied.from_user is None or replied.from_user.is_bot:
        return None
    if message.is_topic_message and replied.message_id == message.message_thread_id:
        return None
    return replied.from_user.id, replied.from_user.full_name, args[0]


async def on_audit(update: Update, context: BotContext) -> None:
    """Show every change to a branch's day: `/audit 正阳 7月27日`."""
    message, texts, config = message_of(update), context.texts, context.config
    result = await context.services.figures.audit_trail(
        words=list(context.args or ()), now=message.date
    )
    match result:
        case UnknownBranch(""):
            reply = texts("audit.usage")
        case UnknownBranch(word):
            reply = replies.unknown_branch(word, texts, config.catalogue)
        case BadDay(word):
            reply = texts("audit.bad_day", word=word)
        case _:
            reply = audit_text(result, texts, config.catalogue, config.timezone)
    await context.answer(message, reply)


def _bind_reply(
    result: Bound | UnknownBranch | UnknownUser | NotManager | Usage, context: BotContext
) -> str:
    texts = context.texts
    match result:
        case NotManager():
            return replies.not_manager(result, texts)
        case Usage():
            return texts("bind.usage")
        case Bound(name, branch):
            return texts("bind.done", user=name, branch=branch)
        case UnknownBranch(word):
            return replies.unknown_branch(word, texts, context.config.catalogue)
        case UnknownUser(who):
            return texts("bind.unknown_user", user=who)
