"""Bot command menus, kept per scope and language as Telegram keeps them."""

from __future__ import annotations

from bot.fake_telegram.objects import JSON


def commands_key(scope: JSON | None, language_code: str) -> tuple[str, str]:
    scope = scope or {"type": "default"}
    return (repr(sorted(scope.items())), language_code)
