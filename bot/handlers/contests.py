"""PK contests in the chat: `/pk` (standings), `/pk new|end|cancel` (managers), `/score`."""

from __future__ import annotations

import re

from telegram import Message, Update

from bot import jobs
from bot.composing import compose_contests
from bot.handlers import contest_wizard
from bot.handlers.context import BotContext
from bot.incoming import IncomingMessage
from bot.outcomes import ContestEnded
from bot.rendering.contest_replies import ended_reply, score_reply
from bot.rendering.contests import result_lines
from bot.rendering.posts import split

SUBCOMMANDS = {"new": "new", "新建": "new", "end": "end", "结束": "end"}
SUBCOMMANDS |= {"cancel": "cancel", "取消": "cancel", "help": "help", "帮助": "help"}


async def on_pk(update: Update, context: BotContext) -> None:
    """`/pk`: the standings now; `/pk new …`, `/pk end`, `/pk cancel` for managers."""
    message, texts = _message(update), context.texts
    assert message.from_user is not None
    words = _body(message).split(maxsplit=1)
    action = SUBCOMMANDS.get(words[0].lower()) if words else None
    rest = words[1] if len(words) > 1 else ""
    if action is None:
        await _standings(message, context)
    elif action == "help":
        await message.reply_text(texts("pk.usage"))
    elif not await context.is_manager(message.chat_id, message.from_user.id):
        await message.reply_text(texts("pk.managers_only"))
    elif action == "new" and not rest:
        await contest_wizard.start(message, context)
    elif action == "new":
        await contest_wizard.create(message, context, rest, user_id=message.from_user.id)
    else:
        await _close(message, context, action, rest)


async def _standings(message: Message, context: BotContext) -> None:
    composed = await compose_contests(
        context.services, context.config, message.chat_id, context.now(), on_demand=True
    )
    if not composed.texts:
        await message.reply_text(context.texts("pk.none"))
        return
    await jobs.send_composed(context.application, message.chat_id, composed, [])


async def _close(message: Message, context: BotContext, action: str, word: str) -> None:
    """End (with the result now) or cancel a contest."""
    assert message.from_user is not None
    contests, texts = context.services.contests, context.texts
    close = contests.end if action == "end" else contests.cancel
    outcome = await close(message.chat_id, word, user_id=message.from_user.id, now=context.now())
    await message.reply_html(ended_reply(outcome, texts))
    if isinstance(outcome, ContestEnded) and outcome.standings is not None:
        lines = result_lines(outcome.standings, texts, context.config.catalogue)
        for part in split(lines, continued=texts("bulletin.continued")):
            await message.get_bot().send_message(message.chat_id, part, parse_mode="HTML")
        await contests.close([outcome.contest.id], now=context.now())


async def on_score(update: Update, context: BotContext) -> None:
    """`/score 正阳 9.5 晨会 [日期]`: a manager's judged score for a branch and day."""
    message = _message(update)
    incoming = IncomingMessage(
        chat_id=message.chat_id,
        message_id=message.message_id,
        sender=await context.sender(update),
        text=message.text or "",
        sent_at=message.date,
        edited_at=message.edit_date,
    )
    outcome = await context.services.judging.score(
        incoming, _body(message).split(), now=context.now()
    )
    reply = score_reply(outcome, context.texts, context.config.catalogue)
    if reply:
        await message.reply_text(reply)


def _body(message: Message) -> str:
    return re.sub(r"^/\S+\s*", "", message.text or "").strip()


def _message(update: Update) -> Message:
    assert update.effective_message is not None
    return update.effective_message
