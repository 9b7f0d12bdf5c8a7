"""The HTTP face of the fake: an aiohttp server on 127.0.0.1 speaking the Bot API protocol.

It serves ``/bot<token>/<method>`` and ``/file/bot<token>/<file_path>`` so that an unmodified
python-telegram-bot, pointed at ``base_url``/``base_file_url``, cannot tell it from Telegram.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import TracebackType
from typing import Self

from aiohttp import web

from bot.fake_telegram.faults import Faults, Refusal, flood_wait
from bot.fake_telegram.membership import MembershipActions
from bot.fake_telegram.methods import METHODS
from bot.fake_telegram.objects import ApiError
from bot.fake_telegram.params import Params

DEFAULT_BOT_ID = 7_000_000_001
_MAX_UPLOAD = 50 * 1024 * 1024  # Telegram's limit for files bots upload
_UNAUTHORIZED = ApiError(401, "Unauthorized")
_NOT_FOUND = ApiError(404, "Not Found")


class FakeBotApi(MembershipActions):
    """A fake Telegram for one bot: state, user actions, and the server the bot talks to.

    Nothing listens until ``start()`` (or ``async with``); the scene can be set up before.
    """

    def __init__(
        self,
        *,
        bot_id: int = DEFAULT_BOT_ID,
        bot_username: str = "zhanbao_test_bot",
        bot_first_name: str = "战报",
        token: str | None = None,
        clock: Callable[[], datetime] | None = None,
        webhook_retry_delay: float = 0.1,
    ) -> None:
        """`webhook_retry_delay`: real seconds before a refused webhook POST is made again
        (also ``webhook.retry_delay``)."""
        super().__init__(
            token=token or f"{bot_id}:AAFakeTelegramTokenForTests",
            bot_id=bot_id,
            bot_username=bot_username,
            bot_first_name=bot_first_name,
            clock=clock,
        )
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self.faults = Faults(self.now)
        self.webhook.retry_delay = webhook_retry_delay

    def fail_next(
        self,
        method: str,
        *,
        times: int = 1,
        error_code: int = 502,
        description: str = "Bad Gateway",
        retry_after: int | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` with an error, as Telegram does on a bad
        day, so that tests can show the bot retries (or does not). `retry_after` makes it
        a flood wait: a 429 whose `parameters` name the seconds to wait, as Telegram's do."""
        refusal = (
            flood_wait(retry_after)
            if retry_after is not None
            else Refusal(ApiError(error_code, description))
        )
        self.faults.fail_next(method, times, refusal)

    def fail_at_random(self, *methods: str, rate: float, seed: int = 0) -> None:
        """Answer about `rate` of the calls of `methods` with a 429 (retry after 1 s) or a
        500, drawn from `seed`: a reproducible bad morning."""
        self.faults.fail_at_random(methods, rate, seed)

    def slow_down(self, method: str, seconds: float) -> None:
        """Answer every call of `method` only after `seconds`, as a distant or busy Telegram
        does: what a burst costs when each send takes that long (0: at once again)."""
        self.faults.slow_down(method, seconds)

    def limit_groups(self, per_minute: int) -> None:
        """Enforce Telegram's flood limit: a group's send past `per_minute` in a minute of
        the server's clock is answered 429 with the seconds until it would be let through."""
        self.faults.limit_groups(per_minute)

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url(...)``: PTB appends the token itself."""
        return f"{self._origin}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self._origin}/file/bot"

    async def start(self) -> None:
        if self._runner is not None:
            raise RuntimeError("the fake Bot API is already running")
        app = web.Application(client_max_size=_MAX_UPLOAD)
        app.router.add_route("*", "/bot{token}/{method}", self._serve_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._serve_file)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runner = runner
        self._port = runner.addresses[0][1]
        self.updates.reopen()
        self.webhook.start()

    async def stop(self) -> None:
        """Answer waiting long polls with no updates first, so shutdown never waits on them;
        webhook delivery stops too (and resumes on ``start``, the webhook still set)."""
        if self._runner is None:
            return
        self.updates.close()
        await self.webhook.stop()
        runner, self._runner, self._port = self._runner, None, None
        await runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def _origin(self) -> str:
        if self._port is None:
            raise RuntimeError("the fake Bot API is not running; await start() first")
        return f"http://127.0.0.1:{self._port}"

    async def _serve_method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(_UNAUTHORIZED)
        name = request.match_info["method"]
        handler = METHODS.get(name.lower())
        if handler is None:
            return _error(_NOT_FOUND)
        try:
            params = await Params.read(request)
            self.log_request(name, params.as_log())
            if refusal := await self.faults.check(name, params):
                return _error(refusal.error, retry_after=refusal.retry_after)
            result = await handler(self, params)
        except ApiError as error:
            return _error(error)
        return web.json_response({"ok": True, "result": result})

    async def _serve_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(_UNAUTHORIZED)
        stored = self.files.by_path(request.match_info["path"])
        if stored is None:
            return _error(_NOT_FOUND)
        return web.Response(body=stored.data, content_type="application/octet-stream")


def _error(error: ApiError, *, retry_after: int | None = None) -> web.Response:
    body = error.as_json()
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=error.error_code)
