"""Telegram's updates wired to callbacks, in one place; imports as the chat side does."""

from __future__ import annotations

from telegram import BotCommand, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.chat.answers import APPROVE
from bot.chat.context import BotApplication
from bot.chat.handlers import contest_wizard
from bot.chat.handlers.chats import gate, on_error
from bot.chat.handlers.commands import on_audit, on_bind, on_help, on_rank
from bot.chat.handlers.contests import on_pk, on_score
from bot.chat.handlers.people import remember_people
from bot.chat.handlers.photos import on_caption_edit, on_photo, on_photos
from bot.chat.handlers.posts import on_post, on_schedule
from bot.chat.handlers.reports import on_approve, on_report, on_today, on_undo
from bot.chat.handlers.targets import on_chart, on_plan, on_progress, on_sheet, on_target
from bot.rendering.texts import Texts

# Group -3 runs first and may stop an update for every later group; group -2 remembers
# who it shows; then a reply that answers a step of the contest wizard stops there,
# before it could be read as a report.
GATE_GROUP = -3
PEOPLE_GROUP = -2
WIZARD_GROUP = -1
# A spreadsheet is a target sheet when its caption says so: managers share other sheets too.
SHEET_CAPTION = r"(?i)目标|target"
# A visit photo's file may say so in its caption rather than in its type: a PDF so
# captioned is answered that it is not an image, instead of passing in silence.
VISIT_CAPTION = r"走访|照片"
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "heic")
MENU = [
    "today",
    "undo",
    "rank",
    "progress",
    "chart",
    "plan",
    "pk",
    "score",
    "photos",
    "target",
    "audit",
    "schedule",
    "post",
    "bind",
    "help",
]


def register(application: BotApplication) -> None:
    application.add_handler(TypeHandler(object, gate), group=GATE_GROUP)
    application.add_handler(TypeHandler(Update, remember_people), group=PEOPLE_GROUP)
    application.add_handler(CommandHandler(["help", "start"], on_help))
    application.add_handler(CommandHandler("rank", on_rank))
    application.add_handler(CommandHandler("bind", on_bind))
    application.add_handler(CommandHandler("audit", on_audit))
    application.add_handler(CommandHandler("undo", on_undo))
    application.add_handler(CallbackQueryHandler(on_approve, pattern=rf"^{APPROVE}\d+$"))
    application.add_handler(CommandHandler("schedule", on_schedule))
    application.add_handler(CommandHandler("post", on_post))
    application.add_handler(CommandHandler(["today", "my"], on_today))
    application.add_handler(CommandHandler("target", on_target))
    application.add_handler(CommandHandler("plan", on_plan))
    application.add_handler(CommandHandler("progress", on_progress))
    application.add_handler(CommandHandler("chart", on_chart))
    application.add_handler(CommandHandler("pk", on_pk))
    application.add_handler(CommandHandler("score", on_score))
    application.add_handler(CommandHandler("photos", on_photos))
    wizard_buttons = rf"^{contest_wizard.PREFIX}\d+$"
    application.add_handler(CallbackQueryHandler(contest_wizard.on_button, pattern=wizard_buttons))
    answers = filters.REPLY & filters.TEXT & ~filters.COMMAND
    application.add_handler(MessageHandler(answers, contest_wizard.on_reply), group=WIZARD_GROUP)
    sheets = filters.Document.FileExtension("csv") | filters.Document.FileExtension("xlsx")
    application.add_handler(MessageHandler(sheets & filters.CaptionRegex(SHEET_CAPTION), on_sheet))
    photos = _visit_photos()
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & photos, on_photo))
    edited = filters.UpdateType.EDITED_MESSAGE & photos
    application.add_handler(MessageHandler(edited, on_caption_edit))
    reports = filters.UpdateType.MESSAGES & filters.TEXT & ~filters.COMMAND
    application.add_handler(MessageHandler(reports, on_report))
    application.add_error_handler(on_error)


def _visit_photos() -> filters.BaseFilter:
    """Photos, and files that claim to be images (their content is checked on download)."""
    images: filters.BaseFilter = filters.Document.IMAGE
    for extension in IMAGE_EXTENSIONS:
        images = images | filters.Document.FileExtension(extension)
    captioned = filters.Document.ALL & filters.CaptionRegex(VISIT_CAPTION)
    return filters.PHOTO | images | captioned


def commands(texts: Texts) -> list[BotCommand]:
    """The command menu shown in the group's input field."""
    return [BotCommand(name, texts(f"command.{name}")) for name in MENU]
