"""Targets and plans: /target and target sheets (managers), /plan, /progress and /chart."""

from __future__ import annotations

from functools import partial

from telegram import Message, Update

from bot.chat import jobs
from bot.chat.answers import reply
from bot.chat.context import BotContext, command_body, message_of
from bot.domain.command_words import chart_word, period_word
from bot.domain.outcomes import NotManager, Usage
from bot.domain.outgoing import Outgoing
from bot.rendering.posts import split
from bot.rendering.progress import progress_text
from bot.rendering.replies import not_manager
from bot.rendering.target_replies import plan_reply, targets_reply
from bot.usecases.incoming import IncomingFile
from bot.usecases.targets import PlanOutcome, TargetsOutcome


async def on_target(update: Update, context: BotContext) -> None:
    """Set targets, a line each: `/target 正阳 储蓄 200 月`."""
    message = message_of(update)
    await context.services.targets.command(
        text=command_body(message), sender=await context.sender(update), now=message.date,
        answer=partial(_targets_answer, message, context, None),
    )  # fmt: skip


async def on_sheet(update: Update, context: BotContext) -> None:
    """Import a manager's CSV or XLSX sheet of targets, whole or not at all."""
    message = message_of(update)
    document = message.document
    assert document is not None

    async def read() -> bytes:
        return bytes(await (await document.get_file()).download_as_bytearray())

    sheet = IncomingFile(document.file_name or "", document.file_size or 0, read)
    await context.services.targets.import_sheet(
        sheet, sender=await context.sender(update), now=message.date,
        answer=partial(_targets_answer, message, context, sheet.name),
    )  # fmt: skip


async def on_plan(update: Update, context: BotContext) -> None:
    """Show or write a branch's 一点一策: `/plan 正阳 每天走访商户20户`."""
    message, texts = message_of(update), context.texts
    assert message.from_user is not None
    branch_word, _, text = command_body(message).partition(" ")
    if not branch_word:
        await context.answer(message, texts("plan.usage"))
        return
    catalogue = context.config.catalogue

    def answer(result: PlanOutcome) -> Outgoing:
        return reply(message, plan_reply(result, texts, catalogue))

    await context.services.targets.plan(
        branch_word=branch_word, text=text.strip(), sender=await context.sender(update),
        now=message.date, answer=answer,
    )  # fmt: skip


async def on_progress(update: Update, context: BotContext) -> None:
    """Show the month's completion table (or the week's, the quarter's)."""
    message, texts = message_of(update), context.texts
    word = (context.args or ["月"])[0]
    kind = period_word(word)
    if kind is None:
        await context.answer(message, texts("progress.usage"))
        return
    table = await context.services.targets.progress(kind=kind, now=message.date)
    lines = progress_text(
        table.rows, table.plans, period=table.period, through=table.through, texts=texts,
        catalogue=context.config.catalogue,
    )  # fmt: skip
    for part, text in enumerate(split(lines, continued=texts("bulletin.continued"))):
        await context.answer(message, text, part=part, html=True)


async def on_chart(update: Update, context: BotContext) -> None:
    """Post the weekly or monthly summary with its charts now: `/chart week` (managers:
    it is an album of several images, not a reply)."""
    message = message_of(update)
    kind = chart_word((context.args or [""])[0])
    sender = await context.sender(update)
    outcome = await jobs.post_now(context.application, sender, message, kind, marked=False)
    if isinstance(outcome, NotManager):
        await context.answer(message, not_manager(outcome, context.texts))
    elif isinstance(outcome, Usage):
        await context.answer(message, context.texts("chart.usage"))


def _targets_answer(
    message: Message, context: BotContext, file: str | None, result: TargetsOutcome
) -> list[Outgoing]:
    """The answer to /target or a sheet (`file`), split where Telegram needs it: a sheet of
    300 branches confirms in many lines. Anyone's spreadsheet is not a target sheet: a
    member's gets no word, as if unseen."""
    if file is not None and isinstance(result, NotManager):
        return []
    texts = context.texts
    text = targets_reply(result, texts, context.config.catalogue, file=file)
    parts = split(text.splitlines(), continued=texts("bulletin.continued"))
    return [reply(message, lines, part=n, html=True) for n, lines in enumerate(parts)]
