"""A load-spreading reverse proxy, for tests of several bot instances behind one webhook URL.

It stands in for the nginx or Caddy in front of the instances in production: each request
goes to a backend picked at random, and to the next ones in turn if that one cannot be
reached, as nginx's ``proxy_next_upstream error`` or Caddy's ``lb_try_duration`` do; only
when none can, the answer is a 502. A backend that was reached but failed (any status) is
not retried: its answer is the answer, as with those proxies' defaults.

A connection that breaks before any answer also counts as unreachable, so a request the
backend had already read may be passed on to the next one, as nginx does for POSTs with
``non_idempotent``: the same webhook update may reach two instances, which the bot's inbox
must (and does, by update_id) take as one.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from types import TracebackType
from typing import Self

import aiohttp
from aiohttp import web
from multidict import CIMultiDict, MultiMapping

_HOP_BY_HOP = frozenset(
    [
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    ]
)
_NOT_FORWARDED = _HOP_BY_HOP | {"host", "content-length"}
"""The client sets these itself, for the backend's connection and the body it sends."""
_UNREACHABLE = (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError)
"""Refused, reset or closed before any answer (ClientConnectorError is a ClientOSError)."""


class SpreadingProxy:
    """Listens on 127.0.0.1 (a random port) once started; ``url`` is its base URL."""

    def __init__(self, backends: Sequence[str], rng: random.Random | int = 0) -> None:
        """`backends`: base URLs such as ``http://127.0.0.1:8101``; `rng` draws the
        backend for each request (an int seeds one), so a test's spread is reproducible."""
        self.backends: list[str] = [backend.rstrip("/") for backend in backends]
        """Read at each request: a test may drop a backend, or add one, at any time."""
        self.answered: Counter[str] = Counter(dict.fromkeys(self.backends, 0))
        """How many requests each backend answered (with any status); the first backends
        are there from the start, so that one never drawn shows as 0."""
        self.unreachable: Counter[str] = Counter()
        """How many times each backend could not be reached and the next one was tried."""
        self._random = rng if isinstance(rng, random.Random) else random.Random(rng)
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._port: int | None = None

    @property
    def url(self) -> str:
        if self._port is None:
            raise RuntimeError("the proxy is not running; await start() first")
        return f"http://127.0.0.1:{self._port}"

    async def start(self) -> None:
        if self._runner is not None:
            raise RuntimeError("the proxy is already running")
        # A fresh connection per request: a pooled one to a backend that has since stopped
        # would fail in its own way instead of being refused.
        connector = aiohttp.TCPConnector(force_close=True)
        self._session = aiohttp.ClientSession(connector=connector, auto_decompress=False)
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/{path:.*}", self._forward)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        self._runner, self._port = runner, runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            runner, self._runner, self._port = self._runner, None, None
            await runner.cleanup()
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()

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

    async def _forward(self, request: web.Request) -> web.Response:
        assert self._session is not None
        body = await request.read()
        headers = _kept(request.headers)
        for backend in self._in_turn():
            try:
                answer = await self._session.request(
                    request.method,
                    backend + request.path_qs,
                    headers=headers,
                    data=body,
                    allow_redirects=False,
                )
            except _UNREACHABLE:
                self.unreachable[backend] += 1
                continue
            self.answered[backend] += 1
            try:
                async with answer:
                    data = await answer.read()
            except aiohttp.ClientError:
                return _bad_gateway("the backend broke off its answer")
            return web.Response(status=answer.status, body=data, headers=_kept(answer.headers))
        return _bad_gateway("no backend could be reached")

    def _in_turn(self) -> list[str]:
        """The backends from one drawn at random, then the others in their order."""
        backends = list(self.backends)
        if not backends:
            return []
        first = self._random.randrange(len(backends))
        return backends[first:] + backends[:first]


def _kept(headers: MultiMapping[str]) -> CIMultiDict[str]:
    kept: CIMultiDict[str] = CIMultiDict()
    for name, value in headers.items():
        if name.lower() not in _NOT_FORWARDED:
            kept.add(name, value)
    return kept


def _bad_gateway(why: str) -> web.Response:
    return web.Response(status=502, text=f"502 Bad Gateway: {why}")
