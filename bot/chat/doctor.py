"""Start-up checks: one line each on what works and what to fix.

A bot in privacy mode silently sees no figures at all; this is where a
deployment learns that before the branch heads do.
"""

from __future__ import annotations

from telegram import Bot, ChatMember
from telegram.error import InvalidToken, TelegramError

from bot.config.settings import Config
from bot.domain.chat_moves import ChatMoves
from bot.rendering.texts import Texts
from bot.usecases.health import Finding, examine_storage, known_moves
from bot.usecases.services import Services


async def examine(bot: Bot, services: Services) -> list[Finding]:
    """Telegram's view of the bot and its chats first, then the checks that need no Telegram."""
    config = services.config
    texts = Texts(config.language)
    findings = await _telegram(config, bot, texts, await known_moves(services))
    return findings + await examine_storage(services)


async def _telegram(config: Config, bot: Bot, texts: Texts, moves: ChatMoves) -> list[Finding]:
    try:
        me = await bot.get_me()
    except InvalidToken:
        return [Finding(False, texts("doctor.token_invalid"))]
    except TelegramError as error:
        return [Finding(False, texts("doctor.unreachable", error=error))]
    findings = [Finding(True, texts("doctor.token_ok", username=me.username))]
    for chat in config.chats:
        chat_id = moves.current(chat.id)
        if chat_id != chat.id:
            # Served all the same (the move is in the database): the config should say so.
            findings.append(Finding(False, texts("doctor.chat_moved", chat=chat.id, new=chat_id)))
        findings.append(
            await _chat(bot, me.id, chat_id, bool(me.can_read_all_group_messages), texts)
        )
    return findings


async def _chat(bot: Bot, bot_id: int, chat_id: int, reads_all: bool, texts: Texts) -> Finding:
    try:
        member = await bot.get_chat_member(chat_id, bot_id)
    except TelegramError as error:
        return Finding(False, texts("doctor.chat_unreachable", chat=chat_id, error=error))
    if member.status in (ChatMember.ADMINISTRATOR, ChatMember.OWNER):
        return Finding(True, texts("doctor.chat_admin", chat=chat_id))
    if member.status in (ChatMember.LEFT, ChatMember.BANNED):
        return Finding(False, texts("doctor.chat_absent", chat=chat_id))
    if reads_all:
        return Finding(True, texts("doctor.chat_reads_all", chat=chat_id))
    return Finding(False, texts("doctor.chat_privacy", chat=chat_id))
