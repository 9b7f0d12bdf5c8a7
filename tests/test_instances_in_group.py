"""Two instances in webhook mode on one PostgreSQL behind one proxy, updates spread
between them at random: each handled once and in order, an album counted once wherever
its photos went, a `/pk new` begun on one and finished on the other, a post made once."""

from __future__ import annotations

import asyncio
import dataclasses
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import text

from bot.config.settings import ChatConfig, Config
from bot.demo.group import Clock
from bot.demo.pictures import visit_photo
from bot.fake_telegram import BotMessage, FakeBotApi
from bot.fake_telegram.proxy import SpreadingProxy
from bot.storage import migrations
from bot.storage.engine import create_engine
from tests.conftest import NO_POSTGRES, POSTGRES_URL, empty_postgres
from tests.instances import PATH, Instance, free_port, instance_config, settled
from tests.live import CHAT, at

pytestmark = [pytest.mark.postgres, pytest.mark.skipif(not POSTGRES_URL, reason=NO_POSTGRES)]
SECOND = -1009999999999
"""A second group the two instances serve."""
MANAGER = 100001
HEADS = (200001, 200002, 200003, 200004, 200005, 200006)


@dataclass
class Pair:
    api: FakeBotApi
    proxy: SpreadingProxy
    instances: tuple[Instance, Instance]
    database_url: str

    async def settled(self) -> None:
        await settled(self.api, self.database_url)

    async def scalar(self, query: str) -> int:
        engine = create_engine(self.database_url)
        try:
            async with engine.connect() as connection:
                return int((await connection.execute(text(query))).scalar() or 0)
        finally:
            await engine.dispose()

    def replies_to(self, chat_id: int, message_id: int) -> list[BotMessage]:
        return [m for m in self.api.bot_messages(chat_id) if m["reply_to_message_id"] == message_id]


def _two_groups(config: Config) -> Config:
    second = ChatConfig(id=SECOND, title="第二业务群", schedule=config.chats[0].schedule)
    return dataclasses.replace(config, chats=(config.chats[0], second))


@pytest.fixture
async def pair(example_config: Config, tmp_path: Path) -> AsyncIterator[Pair]:
    url = await empty_postgres()
    await asyncio.to_thread(migrations.upgrade, url)
    clock = Clock(at("2026-07-28 07:30"))  # a Tuesday, before the morning's posts
    config = _two_groups(example_config)
    ports = (free_port(), free_port())
    async with FakeBotApi(clock=clock) as api:
        api.add_group(CHAT, config.chats[0].title)
        api.add_group(SECOND, config.chats[1].title)
        for member in config.members:
            api.add_user(member.user_id, member.name)
        backends = [f"http://127.0.0.1:{port}" for port in ports]
        async with SpreadingProxy(backends, random.Random(19)) as proxy:
            configs = [
                instance_config(
                    config,
                    api,
                    database_url=url,
                    port=port,
                    public_url=proxy.url + PATH,
                    photos=tmp_path / "photos",
                )
                for port in ports
            ]
            async with Instance(configs[0], clock) as one, Instance(configs[1], clock) as two:
                yield Pair(api, proxy, (one, two), url)


async def test_each_update_is_handled_once_and_each_chat_s_in_order(pair: Pair) -> None:
    sent: dict[int, list[int]] = {CHAT: [], SECOND: []}
    for round_ in range(5):
        for head in HEADS:
            chat = CHAT if (head + round_) % 2 else SECOND
            message = pair.api.send_text(chat, pair.api.users[head], f"储蓄 {round_ + 1}万")
            sent[chat].append(message["message_id"])
    await pair.settled()

    for chat, ids in sent.items():
        answered = [m["reply_to_message_id"] for m in pair.api.bot_messages(chat)]
        assert answered == ids  # each once, in the order they were sent
    assert await pair.scalar("SELECT count(*) FROM figure_statements") == 30
    assert all(count > 0 for count in pair.proxy.answered.values())


async def test_an_album_whose_photos_reach_both_instances_is_one_visit(pair: Pair) -> None:
    before = dict(pair.proxy.answered)
    images = [visit_photo(i) for i in range(4)]
    album = pair.api.send_album(CHAT, pair.api.users[HEADS[0]], images, caption="走访 4户")
    await pair.settled()

    took = {url: count - before.get(url, 0) for url, count in pair.proxy.answered.items()}
    assert all(count > 0 for count in took.values()), "the seed splits the album"
    assert await pair.scalar("SELECT count(*) FROM visits") == 1
    assert await pair.scalar("SELECT count(*) FROM visit_photos") == 4
    replies = [r for m in album for r in pair.replies_to(CHAT, m["message_id"])]
    assert len(replies) == 1


async def test_a_pk_wizard_begun_on_one_instance_is_finished_on_the_other(pair: Pair) -> None:
    one, two = (instance.url for instance in pair.instances)
    manager = pair.api.add_user(MANAGER, "王总")
    pair.proxy.backends = [one]
    start = pair.api.send_text(CHAT, manager, "/pk new")
    await pair.settled()
    [ask_name] = pair.replies_to(CHAT, start["message_id"])

    pair.proxy.backends = [two]
    named = pair.api.send_text(CHAT, manager, "双实例PK", reply_to=ask_name["message_id"])
    await pair.settled()

    [ask_period] = pair.replies_to(CHAT, named["message_id"])
    assert (ask_period["text"] or "").startswith("📅（2/5）比赛时间")


async def test_a_scheduled_post_run_on_both_instances_is_made_once(pair: Pair) -> None:
    jobs = []
    for instance in pair.instances:
        assert instance.app is not None
        assert instance.app.job_queue is not None
        [job] = instance.app.job_queue.get_jobs_by_name(f"morning@{CHAT}")
        jobs.append(job.run(instance.app))
    await asyncio.gather(*jobs)
    await pair.settled()

    posts = [m for m in pair.api.bot_messages(CHAT) if m["reply_to_message_id"] is None]
    assert len(posts) == 1
    assert "晨报" in (posts[0]["text"] or posts[0].get("caption") or "")


@pytest.mark.parametrize(
    "secret", [None, "wrong-secret"], ids=["without a secret", "with a wrong secret"]
)
async def test_a_webhook_request_without_the_secret_is_refused_and_stores_nothing(
    pair: Pair, secret: str | None
) -> None:
    update = {
        "update_id": 990001,
        "message": {
            "message_id": 1, "date": 1785200000, "text": "储蓄 100万",
            "chat": {"id": CHAT, "type": "supergroup", "title": "业务群"},
            "from": {"id": HEADS[0], "is_bot": False, "first_name": "姜所长"},
        },
    }  # fmt: skip
    headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
    async with (
        aiohttp.ClientSession() as session,
        session.post(pair.instances[0].url + PATH, json=update, headers=headers) as answer,
    ):
        status = answer.status

    assert status == 403
    assert await pair.scalar("SELECT count(*) FROM inbox_updates WHERE update_id = 990001") == 0


async def test_the_proxy_s_health_check_is_answered(pair: Pair) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.get(pair.instances[1].url + "/healthz") as answer,
    ):
        assert (answer.status, await answer.text()) == (200, "ok")
