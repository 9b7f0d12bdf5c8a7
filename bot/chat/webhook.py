"""Updates by webhook: Telegram posts each one to the bot, through an HTTPS proxy in front
of any number of instances, and each instance stores what it is given in the shared inbox
before it answers 200, so an update Telegram counts as delivered is never lost.

One aiohttp server serves the webhook and the proxy's health check, and is where later
web pages belong. A request without the secret set with the webhook is refused (403)
before anything is read, let alone stored.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Callable

from aiohttp import web
from telegram import Bot, Update

from bot.chat.context import BotApplication
from bot.chat.startup import Sleep, retrying
from bot.config.web import WebSettings

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HEALTH_PATH = "/healthz"
SHUTDOWN_SECONDS = 1.0
"""How long a stop lets requests in flight finish: the process must be gone within 5 s,
and an update not answered 200 is sent again by Telegram."""
MAX_CONNECTIONS = 40
"""Telegram's default: how many requests it may have open to the proxy at once."""


class WebhookServer:
    def __init__(
        self, application: BotApplication, settings: WebSettings, stored: Callable[[], None]
    ) -> None:
        """`stored` is told whenever an update was stored: the inbox's handler."""
        assert settings.secret is not None, "config.web requires it with a public_url"
        self._app = application
        self._settings = settings
        self._secret = settings.secret.encode()
        self._stored = stored
        self._runner: web.AppRunner | None = None
        self.port: int | None = None
        """The port listened on: the configured one, or the one picked for port 0."""

    async def start(self) -> None:
        """Listen; the webhook is set afterwards (`register`), so that Telegram's first
        request finds the server up."""
        app = web.Application()
        app.router.add_post(self._settings.path, self._update)
        app.router.add_get(HEALTH_PATH, _healthy)
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=SHUTDOWN_SECONDS
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._settings.listen, self._settings.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        log.info(
            "Serving the webhook on %s:%s%s", self._settings.listen, self.port, self._settings.path
        )

    async def register(self, *, sleep: Sleep) -> None:
        """Tell Telegram where updates go. Every instance does at its start, the same URL
        and secret, so whichever starts last changes nothing; none deletes it at a stop,
        since the others go on serving it (Telegram keeps updates while none answers)."""
        set_webhook = self._app.bot.set_webhook
        await retrying(
            lambda: set_webhook(
                url=self._settings.public_url or "",
                secret_token=self._settings.secret,
                allowed_updates=Update.ALL_TYPES,
                max_connections=MAX_CONNECTIONS,
            ),
            "setWebhook",
            sleep=sleep,
        )

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _update(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            log.warning("Webhook: a request without the right secret was refused")
            return web.Response(status=403)
        try:
            row = _row(json.loads(await request.read()), self._app.bot)
        except Exception:  # anything PTB cannot read as an update: sending it again won't help
            log.warning("Webhook: a request that is not an update was refused")
            return web.Response(status=400, text="not an update")
        services = self._app.bot_data.services
        if services is None:
            return web.Response(status=503)  # not started yet: Telegram tries again
        # Any failure here answers 500, and Telegram sends the update again.
        await services.inbox.keep([row], now=self._app.bot_data.clock())
        self._stored()
        return web.Response(status=200)


def _row(data: object, bot: Bot) -> tuple[int, int | None, str]:
    """(update id, chat id, JSON) as the inbox keeps an update; raises if it is none."""
    if not isinstance(data, dict):
        raise TypeError("an update is a JSON object")
    update = Update.de_json(data, bot)
    chat = update.effective_chat
    return update.update_id, chat.id if chat else None, update.to_json()


async def _healthy(request: web.Request) -> web.Response:
    return web.Response(text="ok")
