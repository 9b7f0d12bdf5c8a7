"""The bot's answers as the outbox keeps them: to which message, and whether a rush may
merge them (usecases.outbox; chat.outbox sends them)."""

from __future__ import annotations

from telegram import MaybeInaccessibleMessage, Message

from bot.domain.catalogue import Catalogue
from bot.domain.outcomes import AwaitingApproval, NothingToUndo, NotYours, ReportOutcome, Stored
from bot.domain.outgoing import Button, Outgoing, version_of
from bot.rendering import replies
from bot.rendering.merged import merged_line
from bot.rendering.texts import Texts
from bot.usecases.approvals import ApprovalOutcome
from bot.usecases.incoming import IncomingMessage
from bot.usecases.outbox import Answer
from bot.usecases.reports import UndoOutcome

APPROVE = "approve:"
"""Callback data of the approval button: the prefix and the held report's id."""


def reply(
    message: Message | IncomingMessage,
    text: str,
    *,
    line: str | None = None,
    buttons: tuple[Button, ...] = (),
    undoable: bool = False,
    part: int = 0,
    html: bool = False,
    quoted: bool = True,
) -> Outgoing:
    """An answer to this version of `message`, replying to it unless not `quoted`; `part`
    numbers the answers of a message that gets several."""
    edited_at = message.edit_date if isinstance(message, Message) else message.edited_at
    return Outgoing(
        chat_id=message.chat_id,
        source_id=message.message_id,
        source_version=version_of(edited_at),
        text=text,
        line=line,
        buttons=buttons,
        undoable=undoable,
        part=part,
        html=html,
        reply=quoted,
    )


def approval(held: AwaitingApproval, texts: Texts) -> tuple[Button, ...]:
    """The button under a held backfill that lets a manager store it."""
    return ((texts("approve.button"), f"{APPROVE}{held.report_id}"),)


def report(message: IncomingMessage, texts: Texts, catalogue: Catalogue) -> Answer[ReportOutcome]:
    """How a report's outcome is answered: a plain confirmation may merge in a rush, a held
    backfill carries its approval button, and anything else stands on its own."""

    def answer(outcome: ReportOutcome) -> Outgoing | None:
        text = replies.report_reply(outcome, texts, catalogue)
        if text is None:
            return None
        if isinstance(outcome, AwaitingApproval):
            return reply(message, text, buttons=approval(outcome, texts))
        if isinstance(outcome, Stored):
            line = merged_line(outcome, message.sender.name, texts, catalogue)
            return reply(message, text, line=line, undoable=True)
        return reply(message, text)

    return answer


def undo(message: Message, texts: Texts, catalogue: Catalogue) -> Answer[UndoOutcome]:
    def answer(outcome: UndoOutcome) -> Outgoing:
        match outcome:
            case NothingToUndo(merged=True):
                return reply(message, texts("undo.merged"))
            case NothingToUndo():
                return reply(message, texts("undo.how"))
            case NotYours():
                return reply(message, texts("undo.not_yours"))
            case _:
                return reply(message, replies.undone(outcome, texts, catalogue))

    return answer


def approved(
    held: MaybeInaccessibleMessage | None,
    manager: str,
    texts: Texts,
    catalogue: Catalogue,
    outcome: ApprovalOutcome,
) -> Outgoing | None:
    """The held message, edited to say who approved it and what was stored."""
    if not isinstance(outcome, Stored) or not isinstance(held, Message):
        return None
    stored = replies.stored(outcome, texts, catalogue)
    done = texts("approve.done", stored=stored, manager=manager)
    text = replies.held_replaced(held.text, done)
    return Outgoing(
        chat_id=held.chat_id, source_id=held.message_id, source_version=0, text=text,
        reply=False, edits=held.message_id,
    )  # fmt: skip
