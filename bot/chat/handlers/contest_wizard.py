"""`/pk new` with nothing after it: the same fields asked one at a time, with buttons.

Each step is a bot message; the manager taps a button under it or replies to
it with text. The answers assemble the one-message form, so a contest made
step by step is read, checked and stored exactly like one typed whole. Drafts
live in the chat's memory: a restart drops a half-made contest, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

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
from bot.domain.outcomes import ContestCreated, ContestRefused
from bot.rendering.contest_replies import created_reply
from bot.rendering.texts import Texts

PREFIX = "pkw:"
"""Callback data: pkw:<choice index>."""
STEPS = ("name", "period", "scoring", "sides", "reward")
DRAFT_LIFETIME = timedelta(hours=1)
DRAFTS = "pk_drafts"
CONFIRM, DROP = "create", "drop"


@dataclass
class Draft:
    user_id: int
    started: datetime
    answers: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)
    """The words behind the buttons of the current step, by index."""

    @property
    def step(self) -> str | None:
        return STEPS[len(self.answers)] if len(self.answers) < len(STEPS) else None

    def form(self) -> str:
        name, period, scoring, sides, reward = self.answers
        return " ".join(filter(None, (name, period, scoring, sides))) + (
            f" 奖励：{reward}" if reward else ""
        )


async def create(message: Message, context: BotContext, form: str, *, user_id: int) -> None:
    """Create a contest from its one-message form (typed, or assembled step by step), and
    confirm it or name what is wrong. The message's id makes the creation happen once."""
    outcome = await context.services.contests.create(
        chat_id=message.chat_id, message_id=message.message_id,
        user_id=user_id, text=form, now=context.now(),
    )  # fmt: skip
    if isinstance(outcome, ContestCreated | ContestRefused):
        await message.reply_html(created_reply(outcome, context.texts, context.config.catalogue))


def _drafts(context: BotContext) -> dict[int, Draft]:
    assert context.chat_data is not None
    drafts = context.chat_data.setdefault(DRAFTS, {})
    assert isinstance(drafts, dict)
    return drafts


async def start(message: Message, context: BotContext) -> None:
    assert message.from_user is not None
    draft = Draft(message.from_user.id, context.now())
    await _ask(message, context, draft)


async def on_reply(update: Update, context: BotContext) -> None:
    """A text reply to a step's message answers that step; other replies pass on."""
    message = update.effective_message
    if message is None or message.reply_to_message is None or message.from_user is None:
        return
    drafts = _drafts(context)
    draft = drafts.get(message.reply_to_message.message_id)
    if draft is None or draft.user_id != message.from_user.id or not message.text:
        return
    del drafts[message.reply_to_message.message_id]
    if context.now() - draft.started > DRAFT_LIFETIME:
        await message.reply_text(context.texts("pk.wizard.expired"))
        raise ApplicationHandlerStop
    answer = message.text.strip()
    # The name is the form's first word: 七月 储蓄赛 becomes 七月储蓄赛.
    draft.answers.append("".join(answer.split()) if draft.step == "name" else answer)
    await _ask(message, context, draft)
    raise ApplicationHandlerStop


async def on_button(update: Update, context: BotContext) -> None:
    """A button under a step: its choice answers the step, or creates or drops the draft."""
    query = update.callback_query
    assert query is not None
    taken = await _take(query, context)
    if taken is None:
        return
    message, draft = taken
    await message.edit_reply_markup(None)
    choice = draft.choices[int((query.data or "").removeprefix(PREFIX))]
    if draft.step is not None:
        draft.answers.append(choice)
        await _ask(message, context, draft)
    elif choice == CONFIRM:
        await create(message, context, draft.form(), user_id=draft.user_id)
    else:
        await message.reply_text(context.texts("pk.wizard.cancelled"))


async def _take(query: CallbackQuery, context: BotContext) -> tuple[Message, Draft] | None:
    """The pressed step's message and draft, off the list, when the presser may answer it;
    otherwise an alert says why not."""
    message, texts = query.message, context.texts
    drafts = _drafts(context)
    draft = drafts.get(message.message_id) if isinstance(message, Message) else None
    if draft is None or context.now() - draft.started > DRAFT_LIFETIME:
        await query.answer(texts("pk.wizard.expired"), show_alert=True)
        return None
    if query.from_user.id != draft.user_id:
        await query.answer(texts("pk.wizard.not_yours"), show_alert=True)
        return None
    assert isinstance(message, Message)
    await query.answer()
    del drafts[message.message_id]
    return message, draft


async def _ask(message: Message, context: BotContext, draft: Draft) -> None:
    """Send the draft's next step (or the confirmation) and remember the draft by it."""
    texts = context.texts
    step = draft.step
    words = _choices(step, context) if step else [CONFIRM, DROP]
    labels = [_label(word, texts) for word in words]
    draft.choices = words
    text = texts(f"pk.wizard.{step}") if step else texts("pk.wizard.confirm", form=draft.form())
    markup: InlineKeyboardMarkup | ForceReply
    if words:
        buttons = [
            InlineKeyboardButton(label, callback_data=f"{PREFIX}{i}")
            for i, label in enumerate(labels)
        ]
        markup = InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])
    else:
        markup = ForceReply(selective=True)
    sent = await message.reply_text(text, reply_markup=markup)
    _drafts(context)[sent.message_id] = draft


def _choices(step: str, context: BotContext) -> list[str]:
    """The words each button stands for, as the one-message form spells them."""
    catalogue = context.config.catalogue
    if step == "period":
        return ["本周", "下周", "本月", "下月"]
    if step == "scoring":
        main = [catalogue.metric(key).name for key in context.config.main_metrics]
        judged = [m.name for m in catalogue.metrics if m.is_judged]
        return ["积分", *main, "完成率", *judged]
    if step == "sides":
        return ["自动", "联赛"]
    if step == "reward":
        return [""]
    return []


def _label(word: str, texts: Texts) -> str:
    named = {
        "本周": "this_week", "下周": "next_week", "本月": "this_month", "下月": "next_month",
        "积分": "points", "完成率": "completion", "自动": "auto", "联赛": "league",
        "": "no_reward", CONFIRM: "create", DROP: "cancel",
    }  # fmt: skip
    return texts(f"pk.wizard.button.{named[word]}") if word in named else word
