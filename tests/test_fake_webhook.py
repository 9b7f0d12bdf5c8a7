"""The fake Bot API's webhook, posting to a tiny receiver standing in for the bot, and the
spreading proxy standing in for the nginx in front of two bot instances."""

from __future__ import annotations

import asyncio
import json
from collections import deque
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

import aiohttp
import pytest
from aiohttp import web
from telegram import Bot
from telegram.error import BadRequest, Conflict

from bot.fake_telegram import FakeBotApi, FakeChat, FakeUser
from bot.fake_telegram.proxy import SpreadingProxy
from bot.fake_telegram.webhook import SECRET_HEADER

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
GROUP_ID = -1001234567890
SECRET = "s3cret_-Token"


@dataclass(frozen=True)
class Received:
    path_qs: str
    headers: dict[str, str]
    body: bytes

    @property
    def update(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.update["message"]["text"]


class Receiver:
    """A bot's webhook endpoint: records each request (also in a `log` shared by several)
    and answers with the `answers` given, in turn, then 200 (or `always`)."""

    def __init__(
        self,
        answers: Sequence[int] = (),
        *,
        always: int | None = None,
        log: list[Received] | None = None,
    ) -> None:
        self.answers = deque(answers)
        self.always = always
        self.received: list[Received] = []
        self.log = log if log is not None else []
        self._runner: web.AppRunner | None = None
        self.origin = ""

    @property
    def url(self) -> str:
        return f"{self.origin}/hook"

    async def __aenter__(self) -> Self:
        app = web.Application()
        app.router.add_route("*", "/{path:.*}", self._answer)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.origin = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        return self

    async def __aexit__(
        self, *exc: type[BaseException] | BaseException | TracebackType | None
    ) -> None:
        await self.stop()

    async def stop(self) -> None:
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def _answer(self, request: web.Request) -> web.Response:
        received = Received(request.path_qs, dict(request.headers), await request.read())
        self.received.append(received)
        self.log.append(received)
        status = self.answers.popleft() if self.answers else self.always or 200
        return web.Response(status=status)


async def settled(receiver: Receiver) -> int:
    """How many requests the receiver had once one cut off in flight could have landed."""
    await asyncio.sleep(0.05)
    return len(receiver.received)


@dataclass
class Scene:
    group: FakeChat
    alice: FakeUser


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(clock=lambda: NOW, webhook_retry_delay=0.01) as fake:
        yield fake


@pytest.fixture
def scene(api: FakeBotApi) -> Scene:
    alice = api.add_user(101, "Alice")
    return Scene(api.add_group(GROUP_ID, "支行战报群", admins=(alice,)), alice)


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url) as client:
        yield client


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with Receiver() as running:
        yield running


async def test_updates_are_posted_in_order_as_json_with_the_secret_header(
    api: FakeBotApi, bot: Bot, scene: Scene, receiver: Receiver
) -> None:
    assert await bot.set_webhook(receiver.url, secret_token=SECRET) is True
    for text in ("一", "二", "三"):
        api.send_text(scene.group, scene.alice, text)

    await api.wait_delivered()

    assert [r.text for r in receiver.received] == ["一", "二", "三"]
    assert [r.update for r in receiver.received] == api.injected_updates
    assert {r.headers[SECRET_HEADER] for r in receiver.received} == {SECRET}
    assert {r.headers["Content-Type"] for r in receiver.received} == {"application/json"}


async def test_without_a_secret_token_no_secret_header_is_sent(
    api: FakeBotApi, bot: Bot, scene: Scene, receiver: Receiver
) -> None:
    await bot.set_webhook(receiver.url)
    api.send_text(scene.group, scene.alice, "早")

    await api.wait_delivered()

    assert SECRET_HEADER not in receiver.received[0].headers


async def test_a_refused_update_is_posted_again_until_it_is_accepted_and_only_then_the_next(
    api: FakeBotApi, bot: Bot, scene: Scene
) -> None:
    async with Receiver([403, 500]) as refusing:
        await bot.set_webhook(refusing.url, secret_token=SECRET)
        api.send_text(scene.group, scene.alice, "甲")
        api.send_text(scene.group, scene.alice, "乙")
        await api.wait_delivered()

    assert [r.text for r in refusing.received] == ["甲", "甲", "甲", "乙"]
    attempts = [(a.update_id, a.status) for a in api.webhook.attempts]
    assert attempts == [(1, 403), (1, 500), (1, 200), (2, 200)]
    assert (len(api.webhook.attempts), api.webhook.statuses[403]) == (4, 1)


async def test_get_updates_is_refused_with_a_conflict_while_a_webhook_is_set(
    api: FakeBotApi, bot: Bot, receiver: Receiver
) -> None:
    await bot.set_webhook(receiver.url)

    with pytest.raises(Conflict, match="can't use getUpdates method while webhook is active"):
        await bot.get_updates()


async def test_a_long_poll_waiting_when_a_webhook_is_set_ends_with_a_conflict(
    api: FakeBotApi, bot: Bot, receiver: Receiver
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await api.wait_for_requests("getUpdates")

    await bot.set_webhook(receiver.url)

    with pytest.raises(Conflict, match="terminated by setWebhook request"):
        await asyncio.wait_for(poll, 2)


async def test_after_delete_webhook_get_updates_hands_out_what_the_webhook_did_not_deliver(
    api: FakeBotApi, bot: Bot, scene: Scene
) -> None:
    async with Receiver(always=500) as failing:
        await bot.set_webhook(failing.url)
        api.send_text(scene.group, scene.alice, "还在吗")
        await api.webhook.wait_for_attempts(1)
        assert await bot.delete_webhook() is True
        updates = await bot.get_updates()
        posts = await settled(failing)
        await asyncio.sleep(0.05)

    assert [u.message.text for u in updates if u.message] == ["还在吗"]
    assert len(failing.received) == posts, "no POST after deleteWebhook"


async def test_webhook_info_shows_the_webhook_its_pending_updates_and_last_error(
    api: FakeBotApi, bot: Bot, scene: Scene
) -> None:
    async with Receiver(always=500) as failing:
        await bot.set_webhook(failing.url, max_connections=40, allowed_updates=["message"])
        api.send_text(scene.group, scene.alice, "一")
        api.send_text(scene.group, scene.alice, "二")
        await api.webhook.wait_for_attempts(1)
        info = await bot.get_webhook_info()

    assert (info.url, info.pending_update_count, info.max_connections) == (failing.url, 2, 40)
    assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
    assert (info.last_error_date, info.allowed_updates) == (NOW, ("message",))
    assert info.has_custom_certificate is False


async def test_a_refused_connection_is_the_last_error_until_the_webhook_is_deleted(
    api: FakeBotApi, bot: Bot, scene: Scene, receiver: Receiver
) -> None:
    await receiver.stop()
    await bot.set_webhook(receiver.url)
    api.send_text(scene.group, scene.alice, "喂")
    await api.webhook.wait_for_attempts(2)

    assert (await bot.get_webhook_info()).last_error_message == "Connection refused"
    assert api.webhook.statuses[None] >= 2
    await bot.delete_webhook()
    assert (await bot.get_webhook_info()).to_dict() == {
        "url": "",
        "has_custom_certificate": False,
        "pending_update_count": 1,
    }


async def test_wait_delivered_times_out_naming_the_webhooks_last_error(
    api: FakeBotApi, bot: Bot, scene: Scene
) -> None:
    async with Receiver(always=403) as refusing:
        await bot.set_webhook(refusing.url)
        api.send_text(scene.group, scene.alice, "早")

        with pytest.raises(TimeoutError, match="last error: Wrong response from the webhook: 403"):
            await api.wait_delivered(timeout=0.2)


async def test_drop_pending_updates_forgets_the_updates_queued_before_the_webhook(
    api: FakeBotApi, bot: Bot, scene: Scene, receiver: Receiver
) -> None:
    api.send_text(scene.group, scene.alice, "旧")
    await bot.set_webhook(receiver.url, drop_pending_updates=True)
    api.send_text(scene.group, scene.alice, "新")

    await api.wait_delivered()

    assert [r.text for r in receiver.received] == ["新"]


@pytest.mark.parametrize(
    ("url", "secret", "error"),
    [
        ("ftp://127.0.0.1/hook", None, "invalid webhook URL specified"),
        ("http://", None, "invalid webhook URL specified"),
        ("http://127.0.0.1/hook", "no:colons", "secret token contains unallowed characters"),
        ("http://127.0.0.1/hook", "x" * 257, "secret token is too long"),
    ],
)
async def test_a_bad_url_or_secret_token_is_a_bad_request_and_sets_nothing(
    api: FakeBotApi, bot: Bot, url: str, secret: str | None, error: str
) -> None:
    with pytest.raises(BadRequest, match=f"(?i)^{error}$"):  # PTB capitalises it
        await bot.set_webhook(url, secret_token=secret)

    assert (await bot.get_webhook_info()).url == ""
    assert await bot.get_updates() == ()


async def test_setting_an_empty_url_deletes_the_webhook_as_telegram_allows(
    api: FakeBotApi, bot: Bot, receiver: Receiver
) -> None:
    await bot.set_webhook(receiver.url)

    assert await bot.set_webhook("") is True

    assert await bot.get_updates() == ()


async def test_a_webhook_set_before_the_fake_stops_is_delivered_to_after_it_starts_again(
    api: FakeBotApi, bot: Bot, scene: Scene
) -> None:
    async with Receiver(always=500) as failing:
        await bot.set_webhook(failing.url)
        api.send_text(scene.group, scene.alice, "重启")
        await api.webhook.wait_for_attempts(1)
        await api.stop()
        posts = await settled(failing)
        await asyncio.sleep(0.05)
        assert len(failing.received) == posts, "no POST while the fake is stopped"

        failing.always = None
        await api.start()
        await api.wait_delivered()

    assert failing.received[-1].text == "重启"


async def post_many(url: str, count: int) -> list[int]:
    async with aiohttp.ClientSession() as session:
        statuses = []
        for n in range(count):
            async with session.post(f"{url}/hook?n={n}", data=b"x") as answer:
                statuses.append(answer.status)
        return statuses


async def test_the_proxy_passes_on_path_query_headers_and_body_and_returns_the_answer(
    receiver: Receiver,
) -> None:
    receiver.answers.append(403)
    async with SpreadingProxy([receiver.origin]) as proxy, aiohttp.ClientSession() as session:
        headers = {SECRET_HEADER: SECRET, "Content-Type": "application/json"}
        async with session.post(f"{proxy.url}/hook?a=1", data=b"{}", headers=headers) as answer:
            status = answer.status

    (forwarded,) = receiver.received
    assert (status, forwarded.path_qs, forwarded.body) == (403, "/hook?a=1", b"{}")
    assert forwarded.headers[SECRET_HEADER] == SECRET
    assert forwarded.headers["Host"] == receiver.origin.removeprefix("http://")


async def test_the_proxy_spreads_requests_over_its_backends_at_random() -> None:
    async with (
        Receiver() as one,
        Receiver() as two,
        SpreadingProxy([one.origin, two.origin], 7) as proxy,
    ):
        assert await post_many(proxy.url, 40) == [200] * 40

    assert proxy.answered[one.origin] + proxy.answered[two.origin] == 40
    assert min(len(one.received), len(two.received)) >= 10


async def test_the_proxy_tries_the_next_backend_when_one_is_closed() -> None:
    async with Receiver() as one, Receiver() as two:
        await one.stop()
        async with SpreadingProxy([one.origin, two.origin], 7) as proxy:
            assert await post_many(proxy.url, 20) == [200] * 20

    assert (len(two.received), proxy.answered[one.origin]) == (20, 0)
    assert proxy.unreachable[one.origin] > 0


async def test_the_proxy_answers_502_when_no_backend_can_be_reached() -> None:
    async with Receiver() as one:
        await one.stop()
        async with SpreadingProxy([one.origin]) as proxy:
            assert await post_many(proxy.url, 1) == [502]


async def test_a_backend_dropped_from_the_proxys_list_gets_no_more_requests() -> None:
    async with (
        Receiver() as one,
        Receiver() as two,
        SpreadingProxy([one.origin, two.origin]) as proxy,
    ):
        proxy.backends.remove(one.origin)
        await post_many(proxy.url, 10)

    assert (len(one.received), len(two.received)) == (0, 10)


async def test_updates_reach_two_instances_through_the_proxy_in_order_and_survive_one_stopping(
    api: FakeBotApi, bot: Bot, scene: Scene
) -> None:
    log: list[Received] = []
    async with (
        Receiver(log=log) as one,
        Receiver(log=log) as two,
        SpreadingProxy([one.origin, two.origin], 3) as proxy,
    ):
        await bot.set_webhook(f"{proxy.url}/hook", secret_token=SECRET)
        for n in range(10):
            api.send_text(scene.group, scene.alice, f"第{n}条")
        await api.wait_delivered()
        await one.stop()
        for n in range(10, 15):
            api.send_text(scene.group, scene.alice, f"第{n}条")
        await api.wait_delivered()

    assert [r.update["update_id"] for r in log] == list(range(1, 16))
    assert one.received, "the draw sent some to the first instance"
    assert log[-5:] == two.received[-5:], "the rest to the one still running"
    assert set(api.webhook.statuses) == {200}, "the proxy hid the stopped instance"
