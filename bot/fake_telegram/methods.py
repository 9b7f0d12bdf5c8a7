"""The Bot API method table, and the methods about the bot, its chats and its updates.

Names are matched case-insensitively, as Telegram does. Each handler returns the ``result``
of a successful call or raises ``ApiError``; the server does the HTTP wrapping.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from bot.fake_telegram import messaging
from bot.fake_telegram.files import DOWNLOAD_LIMIT
from bot.fake_telegram.menus import commands_key
from bot.fake_telegram.objects import JSON, ApiError, member_json, unix
from bot.fake_telegram.params import Params
from bot.fake_telegram.webhook import DEFAULT_MAX_CONNECTIONS
from bot.fake_telegram.world import World

Handler = Callable[[World, Params], Awaitable[Any]]

_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")


async def get_me(world: World, p: Params) -> JSON:
    return world.bot.as_json() | {
        "can_join_groups": True,
        "can_read_all_group_messages": world.can_read_all_group_messages,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def get_updates(world: World, p: Params) -> list[JSON]:
    return await world.updates.get(
        offset=p.integer("offset", 0) or 0,
        limit=p.integer("limit", 100) or 100,
        poll_seconds=p.integer("timeout", 0) or 0,
        allowed=p.optional("allowed_updates"),
    )


async def set_webhook(world: World, p: Params) -> bool:
    """An empty url deletes the webhook, as Telegram still allows."""
    url = p.text("url") or ""
    if not url:
        return await delete_webhook(world, p)
    if p.flag("drop_pending_updates"):
        world.updates.drop_pending()
    await world.webhook.set(
        url,
        secret_token=p.text("secret_token") or "",
        max_connections=p.integer("max_connections") or DEFAULT_MAX_CONNECTIONS,
    )
    world.updates.allow(p.optional("allowed_updates"))
    return True


async def delete_webhook(world: World, p: Params) -> bool:
    await world.webhook.delete()
    if p.flag("drop_pending_updates"):
        world.updates.drop_pending()
    return True


async def get_webhook_info(world: World, p: Params) -> JSON:
    return world.webhook.info()


async def get_file(world: World, p: Params) -> JSON:
    stored = world.files.get(str(p.required("file_id")))
    if stored.size > DOWNLOAD_LIMIT:
        raise ApiError.bad_request("file is too big")
    return stored.as_json() | {"file_path": stored.file_path}


async def answer_callback_query(world: World, p: Params) -> bool:
    query_id = str(p.required("callback_query_id"))
    if query_id not in world.open_callbacks:
        raise ApiError.bad_request(
            "query is too old and response timeout expired or query ID is invalid"
        )
    world.open_callbacks.remove(query_id)
    answer = {"callback_query_id": query_id, "show_alert": p.flag("show_alert")}
    for name in ("text", "url", "cache_time"):
        if p.optional(name) is not None:
            answer[name] = p.optional(name)
    world.answered_callbacks.append(answer)
    return True


async def set_my_commands(world: World, p: Params) -> bool:
    commands = p.required("commands")
    for command in commands:
        if not _COMMAND_NAME.fullmatch(command.get("command", "")):
            raise ApiError.bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(command.get("description", "")) <= 256:
            raise ApiError.bad_request("command description must be 1-256 characters")
    key = commands_key(p.optional("scope"), p.text("language_code") or "")
    world.commands[key] = [
        {"command": c["command"], "description": c["description"]} for c in commands
    ]
    return True


async def get_my_commands(world: World, p: Params) -> list[JSON]:
    return world.my_commands(p.optional("scope"), p.text("language_code") or "")


async def delete_my_commands(world: World, p: Params) -> bool:
    world.commands.pop(commands_key(p.optional("scope"), p.text("language_code") or ""), None)
    return True


async def get_chat(world: World, p: Params) -> JSON:
    """A ChatFullInfo; PTB requires the colour, reaction and gift fields to be present."""
    chat = world.chat(p.required("chat_id"))
    gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription")
    return chat.as_json() | {
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": dict.fromkeys((*gifts, "gifts_from_channels"), False),
    }


async def get_chat_member(world: World, p: Params) -> JSON:
    chat = world.chat(p.required("chat_id"))
    user_id = p.required_integer("user_id")
    if user_id == world.bot.id:
        return member_json(world.bot, chat.bot_status)
    user = world.users.get(user_id)
    if user is None:
        raise ApiError.bad_request("user not found")
    return member_json(user, chat.status_of(user_id))


async def get_chat_administrators(world: World, p: Params) -> list[JSON]:
    chat = world.chat(p.required("chat_id"))
    admins = [member_json(world.users[user_id], "administrator") for user_id in sorted(chat.admins)]
    if chat.bot_status == "administrator":
        admins.append(member_json(world.bot, "administrator"))
    return admins


async def leave_chat(world: World, p: Params) -> bool:
    """Leaving is reported back to the bot as a my_chat_member update, as Telegram does."""
    chat = world.chat(p.required("chat_id"))
    change = {
        "chat": chat.as_json(),
        "from": world.bot.as_json(),
        "date": unix(world.now()),
        "old_chat_member": member_json(world.bot, chat.bot_status),
        "new_chat_member": member_json(world.bot, "left"),
    }
    chat.bot_status = "left"
    world.updates.push("my_chat_member", change)
    return True


async def succeed(world: World, p: Params) -> bool:
    """close and logOut: nothing to release in a fake."""
    return True


METHODS: dict[str, Handler] = {
    name.lower(): handler
    for name, handler in {
        "getMe": get_me,
        "getUpdates": get_updates,
        "setWebhook": set_webhook,
        "deleteWebhook": delete_webhook,
        "getWebhookInfo": get_webhook_info,
        "getFile": get_file,
        "answerCallbackQuery": answer_callback_query,
        "setMyCommands": set_my_commands,
        "getMyCommands": get_my_commands,
        "deleteMyCommands": delete_my_commands,
        "getChat": get_chat,
        "getChatMember": get_chat_member,
        "getChatAdministrators": get_chat_administrators,
        "leaveChat": leave_chat,
        "close": succeed,
        "logOut": succeed,
        "sendMessage": messaging.send_message,
        "sendPhoto": messaging.send_photo,
        "sendDocument": messaging.send_document,
        "sendMediaGroup": messaging.send_media_group,
        "sendChatAction": messaging.send_chat_action,
        "editMessageText": messaging.edit_message_text,
        "editMessageReplyMarkup": messaging.edit_message_reply_markup,
        "deleteMessage": messaging.delete_message,
    }.items()
}
