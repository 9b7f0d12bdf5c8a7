"""Reading `[web]`: how Telegram reaches the bot when it is not polling.

Long polling lets one process fetch a token's updates; a webhook lets Telegram post them
to a reverse proxy in front of any number of instances sharing one PostgreSQL. The secret
Telegram sends back with each request lives in the environment, as the token does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.config.reader import ConfigError, Table

SECRET_VARIABLE = "BOT_WEBHOOK_SECRET"
SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
"""What Telegram accepts as a webhook's secret_token."""
DEFAULT_LISTEN = "0.0.0.0"
DEFAULT_PORT = 8080


@dataclass(frozen=True, slots=True)
class WebSettings:
    public_url: str | None
    """Where Telegram posts updates (the proxy's HTTPS address); None: long polling."""
    listen: str
    port: int
    secret: str | None
    """BOT_WEBHOOK_SECRET: every request must carry it, or it is refused."""

    @property
    def webhook(self) -> bool:
        return self.public_url is not None

    @property
    def path(self) -> str:
        """The path the bot serves updates on: the public URL's, as the proxy keeps it."""
        return urlsplit(self.public_url or "").path or "/"


POLLING = WebSettings(public_url=None, listen=DEFAULT_LISTEN, port=DEFAULT_PORT, secret=None)


def read_web(table: Table, env: Mapping[str, str]) -> WebSettings:
    public_url = table.str("public_url") or None
    listen = table.str("listen", DEFAULT_LISTEN)
    port = table.int("port", DEFAULT_PORT)
    if not 0 < port < 65536:
        raise table.fail("port", f"must be a TCP port (1–65535), got {port}")
    if public_url is not None and urlsplit(public_url).scheme not in ("https", "http"):
        raise table.fail("public_url", f"must be an https:// URL, got {public_url!r}")
    secret = env.get(SECRET_VARIABLE) or None
    if secret is not None and not SECRET.fullmatch(secret):
        raise ConfigError(
            f"{SECRET_VARIABLE}: 1–256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)"
        )
    if public_url is not None and secret is None:
        raise ConfigError(
            f"web.public_url is set: {SECRET_VARIABLE} must be set too, so that only "
            "Telegram can post updates"
        )
    table.reject_unknown()
    return WebSettings(public_url=public_url, listen=listen, port=port, secret=secret)
