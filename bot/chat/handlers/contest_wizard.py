"""`/pk new` with nothing after it: the same fields asked one at a time, with buttons.

Each step is a bot message; the manager taps a button under it or replies to it with
text. What the steps are and what the answers make is `bot.domain.contest_form`; here
are only the messages and the buttons. Between two updates a draft waits in the database
(`bot.usecases.drafts`), under the chat and the message that asks its next step: a restart
keeps a half-made contest, and a press or a reply reaching another instance finds it. A
draft is taken off the list before its answer is acted on, so that of two presses of one
button, here or on another instance, only one gets it; the other is told it expired.
"""

from __future__ import annotations

from telegram import (
    CallbackQuery,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.ext import ApplicationHandlerStop

from bot.chat.context import BotContext
from bot.domain.contest_form import Choice, Decision, Draft, Refusal, buttons
from bot.domain.contest_outcomes import ContestCreated, ContestRefused
from bot.domain.outcomes import NotManager
from bot.rendering.contest_replies import created_reply, wizard_label, wizard_question
from bot.rendering.replies import not_manager
from bot.usecases.incoming import Sender

PREFIX = "pkw:"
"""Callback data: pkw:<index of the button among those its message offers>."""


async def create(message: Message, context: BotContext, form: str, *, sender: Sender) -> None:
    """Create a contest from its one-message form (typed, or assembled step by step), and
    confirm it or name what is wrong. The message's id makes the creation happen once."""
    outcome = await context.services.contests.create(
        chat_id=message.chat_id, message_id=message.message_id,
        sender=sender, text=form, now=context.now(),
    )  # fmt: skip
    if isinstance(outcome, NotManager):
        await context.answer(message, not_manager(outcome, context.texts))
    elif isinstance(outcome, ContestCreated | ContestRefused):
        await context.answer(
            message, created_reply(outcome, context.texts, context.config.catalogue), html=True
        )


async def start(message: Message, context: BotContext, *, sender: Sender) -> None:
    """Ask the first step, if `sender` may make contests."""
    if refusal := context.services.contests.may_create(sender):
        await context.answer(message, not_manager(refusal, context.texts))
    else:
        await _ask(message, context, Draft(sender.user_id, context.now()))


async def on_reply(update: Update, context: BotContext) -> None:
    """A text reply to a step's message answers that step; other replies pass on."""
    message = update.effective_message
    asking = None if message is None else _asking(message, context)
    if message is None or asking is None or message.from_user is None:
        return
    draft = await context.services.drafts.peek(message.chat_id, asking.message_id)
    if draft is None or draft.user_id != message.from_user.id or not message.text:
        return  # no answer: someone else's reply to the bot is read as any other message
    draft = await context.services.drafts.take(message.chat_id, asking.message_id)
    if draft is None or draft.expired(context.now()):  # None: answered meanwhile, elsewhere
        await context.answer(message, context.texts("pk.wizard.expired"))
        raise ApplicationHandlerStop
    await _ask(message, context, draft.answered(message.text))
    raise ApplicationHandlerStop


async def on_button(update: Update, context: BotContext) -> None:
    """A button under a step: its choice answers the step, or creates or drops the draft."""
    query = update.callback_query
    if query is None:
        return
    taken = await _take(query, context)
    if taken is None:
        return
    message, draft, pressed = taken
    await message.edit_reply_markup(None)
    if isinstance(pressed, Choice):
        await _ask(message, context, draft.chosen(pressed))
    elif pressed is Decision.CREATE:
        await create(message, context, draft.form, sender=await context.sender(update))
    else:
        await context.answer(message, context.texts("pk.wizard.cancelled"))


async def _take(
    query: CallbackQuery, context: BotContext
) -> tuple[Message, Draft, Choice | Decision] | None:
    """The pressed step's message, its draft (taken off the list) and the button, when the
    presser may answer it; otherwise an alert says why not. Someone else's press leaves
    the draft for its owner; of two presses that may answer, only one takes it."""
    message = query.message
    if not isinstance(message, Message):
        await _refuse(query, context, Refusal.EXPIRED)
        return None
    drafts = context.services.drafts
    found = _pressed(query, context, await drafts.peek(message.chat_id, message.message_id))
    if found is None:
        await _refuse(query, context, Refusal.EXPIRED)
        return None
    refusal = found[0].refusal(query.from_user.id, context.now())
    if refusal is not None:
        await _refuse(query, context, refusal)
        return None
    taken = _pressed(query, context, await drafts.take(message.chat_id, message.message_id))
    if taken is None:  # pressed twice, or on another instance: that press answers it
        await _refuse(query, context, Refusal.EXPIRED)
        return None
    await query.answer()
    return (message, *taken)


def _pressed(
    query: CallbackQuery, context: BotContext, draft: Draft | None
) -> tuple[Draft, Choice | Decision] | None:
    """The draft and the button pressed under its message, if the draft is kept and the
    button is one its message offers."""
    if draft is None:
        return None
    offered = buttons(draft, context.config.catalogue, context.config.main_metrics)
    index = int((query.data or "").removeprefix(PREFIX))
    return (draft, offered[index]) if index < len(offered) else None


async def _refuse(query: CallbackQuery, context: BotContext, refusal: Refusal) -> None:
    await query.answer(context.texts(f"pk.wizard.{refusal.value}"), show_alert=True)


async def _ask(message: Message, context: BotContext, draft: Draft) -> None:
    """Send the draft's next step (or the confirmation) and keep the draft under it."""
    texts = context.texts
    offered = buttons(draft, context.config.catalogue, context.config.main_metrics)
    markup: InlineKeyboardMarkup | ForceReply = ForceReply(selective=True)
    if offered:
        keys = [
            InlineKeyboardButton(wizard_label(button, texts), callback_data=f"{PREFIX}{i}")
            for i, button in enumerate(offered)
        ]
        markup = InlineKeyboardMarkup([keys[i : i + 2] for i in range(0, len(keys), 2)])
    sent = await message.reply_text(wizard_question(draft, texts), reply_markup=markup)
    await context.services.drafts.keep(
        sent.chat_id, draft.shown(sent.message_id), now=context.now()
    )


def _asking(message: Message, context: BotContext) -> Message | None:
    """The bot's message that `message` replies to: only the bot's ask a step, so only
    for those is the database asked whether one waits for an answer."""
    asked = message.reply_to_message
    if asked is None or asked.from_user is None or asked.from_user.id != context.bot.id:
        return None
    return asked
