"""PK contests in the chat: `/pk` (standings), `/pk new|end|cancel` (managers), `/score`."""

from __future__ import annotations

from functools import partial

from telegram import Message, Update

from bot.chat import jobs
from bot.chat.answers import reply
from bot.chat.context import BotContext, command_body, message_of
from bot.chat.handlers import contest_wizard
from bot.domain.catalogue import Catalogue
from bot.domain.command_words import PkAction, pk_word
from bot.domain.contest_outcomes import ContestEnded
from bot.domain.outcomes import NotManager
from bot.domain.outgoing import Outgoing
from bot.rendering.contest_replies import ended_reply, score_reply
from bot.rendering.contests import result_lines
from bot.rendering.posts import split
from bot.rendering.replies import not_manager
from bot.rendering.texts import Texts
from bot.usecases.composing import compose_contests
from bot.usecases.contests import Closed
from bot.usecases.incoming import Sender
from bot.usecases.scores import ScoreOutcome


async def on_pk(update: Update, context: BotContext) -> None:
    """`/pk`: the standings now; `/pk new …`, `/pk end`, `/pk cancel` for managers."""
    message, texts = message_of(update), context.texts
    assert message.from_user is not None
    words = command_body(message).split(maxsplit=1)
    action = pk_word(words[0]) if words else None
    rest = words[1] if len(words) > 1 else ""
    if action is None:
        await _standings(message, context)
    elif action is PkAction.HELP:
        await context.answer(message, texts("pk.usage"))
    elif action is not PkAction.NEW:
        await _close(message, context, action, rest, sender=await context.sender(update))
    elif rest:
        await contest_wizard.create(message, context, rest, sender=await context.sender(update))
    else:
        await contest_wizard.start(message, context, sender=await context.sender(update))


async def _standings(message: Message, context: BotContext) -> None:
    composed = await compose_contests(
        context.services, context.config, message.chat_id, context.now(), on_demand=True
    )
    if not composed.texts:
        await context.answer(message, context.texts("pk.none"))
        return
    await jobs.post_composed(context.application, message, composed)


async def _close(
    message: Message, context: BotContext, action: PkAction, word: str, *, sender: Sender
) -> None:
    """End (with the result now) or cancel a contest."""
    contests = context.services.contests
    close = contests.end if action is PkAction.END else contests.cancel
    answer = partial(_closed_answer, message, context.texts, context.config.catalogue)
    await close(message.chat_id, word, sender=sender, now=context.now(), answer=answer)


def _closed_answer(
    message: Message, texts: Texts, catalogue: Catalogue, outcome: Closed
) -> list[Outgoing]:
    """The reply, then an ended contest's result as posts of their own."""
    if isinstance(outcome, NotManager):
        return [reply(message, not_manager(outcome, texts))]
    said = [reply(message, ended_reply(outcome, texts), html=True)]
    if isinstance(outcome, ContestEnded) and outcome.standings is not None:
        lines = result_lines(outcome.standings, texts, catalogue)
        parts = split(lines, continued=texts("bulletin.continued"))
        said += [
            reply(message, text, part=n, html=True, quoted=False) for n, text in enumerate(parts, 1)
        ]
    return said


async def on_score(update: Update, context: BotContext) -> None:
    """`/score 正阳 9.5 晨会 [日期]`: a manager's judged score for a branch and day."""
    message = message_of(update)
    incoming = await context.incoming(update)
    texts, catalogue = context.texts, context.config.catalogue

    def answer(outcome: ScoreOutcome) -> Outgoing | None:
        text = score_reply(outcome, texts, catalogue)
        return reply(message, text) if text else None

    await context.services.scores.score(
        incoming, command_body(message).split(), now=context.now(), answer=answer
    )
