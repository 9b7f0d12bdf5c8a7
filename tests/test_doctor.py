"""The start-up checks say what works and what to fix, one line each."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import matplotlib
import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.chat import doctor
from bot.config.settings import Config
from bot.fake_telegram import FakeBotApi
from bot.storage import migrations
from bot.storage.unit_of_work import Database
from bot.usecases.services import Services

CHAT = -1001234567890


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as fake:
        yield fake


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url) as client:
        yield client


def _config(example_config: Config, **changes: object) -> Config:
    return dataclasses.replace(example_config, **changes)  # type: ignore[arg-type]


async def _texts(config: Config, bot: Bot, database: Database) -> list[str]:
    return [finding.text for finding in await doctor.examine(bot, Services(database, config))]


async def test_a_bot_that_reads_all_messages_in_the_group_passes(
    api: FakeBotApi, bot: Bot, sqlite_database: Database, example_config: Config
) -> None:
    api.add_group(CHAT, "业务群")
    await asyncio.to_thread(migrations.upgrade, sqlite_database.url)

    texts = await _texts(example_config, bot, sqlite_database)

    assert texts[:3] == [
        "✅ 令牌有效：@zhanbao_test_bot",
        f"✅ 群 {CHAT}：隐私模式已关闭，能看到所有消息",
        f"✅ 数据库结构为最新版本（{migrations.head_revision()}）",
    ]


async def test_privacy_mode_without_admin_rights_is_named_with_the_fix(
    api: FakeBotApi, bot: Bot, sqlite_database: Database, example_config: Config
) -> None:
    api.add_group(CHAT, "业务群")
    api.can_read_all_group_messages = False

    texts = await _texts(example_config, bot, sqlite_database)

    assert texts[1].startswith(f"❌ 群 {CHAT}：看不到普通消息。请在 @BotFather 关闭隐私模式")


async def test_an_administrator_sees_everything_even_in_privacy_mode(
    api: FakeBotApi, bot: Bot, sqlite_database: Database, example_config: Config
) -> None:
    api.add_group(CHAT, "业务群", bot_status="administrator")
    api.can_read_all_group_messages = False

    texts = await _texts(example_config, bot, sqlite_database)

    assert texts[1] == f"✅ 群 {CHAT}：机器人是管理员，能看到所有消息"


async def test_a_group_the_bot_is_not_in_is_named(
    api: FakeBotApi, bot: Bot, sqlite_database: Database, example_config: Config
) -> None:
    api.add_group(CHAT, "业务群", bot_status="left")

    texts = await _texts(example_config, bot, sqlite_database)

    assert texts[1] == f"❌ 群 {CHAT}：机器人不在群里，请把它加入该群"


async def test_an_unmigrated_database_asks_for_db_upgrade(
    api: FakeBotApi, bot: Bot, sqlite_database: Database, example_config: Config
) -> None:
    api.add_group(CHAT, "业务群")

    texts = await _texts(example_config, bot, sqlite_database)

    assert "python -m bot db upgrade" in texts[2]


async def test_a_configured_font_file_that_does_not_exist_is_named(
    api: FakeBotApi, bot: Bot, sqlite_database: Database, example_config: Config
) -> None:
    config = _config(example_config, font_path="/nowhere/NotoSansCJK.ttc")

    texts = await _texts(config, bot, sqlite_database)

    assert texts[-1] == "❌ 找不到字体文件 /nowhere/NotoSansCJK.ttc：请检查 [charts] font_path"


async def test_the_bundled_chinese_font_passes(
    api: FakeBotApi, bot: Bot, sqlite_database: Database, example_config: Config
) -> None:
    texts = await _texts(example_config, bot, sqlite_database)

    assert texts[-1].startswith("✅ 图表中文字体：Noto Sans CJK SC (")


async def test_a_configured_font_without_chinese_glyphs_is_refused(
    api: FakeBotApi, bot: Bot, sqlite_database: Database, example_config: Config
) -> None:
    latin = str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
    config = _config(example_config, font_path=latin)

    texts = await _texts(config, bot, sqlite_database)

    assert texts[-1].startswith("❌ 图表字体 DejaVu Sans 缺少中文字形")


async def test_a_rejected_token_is_named(
    api: FakeBotApi, sqlite_database: Database, example_config: Config
) -> None:
    # A bot whose token fails never counts as initialized, so PTB's shutdown would not
    # close its connections: own them here.
    requests = HTTPXRequest(), HTTPXRequest()
    wrong = Bot(
        "1:wrong", base_url=api.base_url, request=requests[0], get_updates_request=requests[1]
    )
    try:
        texts = await _texts(example_config, wrong, sqlite_database)
    finally:
        for request in requests:
            await request.shutdown()

    assert texts[0] == "❌ BOT_TOKEN 无效：请向 @BotFather 重新获取"


@pytest.fixture(autouse=True)
def _in_a_scratch_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The example keeps photos under ./data/photos: here, a scratch folder's."""
    monkeypatch.chdir(tmp_path)


async def test_a_writable_photo_folder_passes(
    bot: Bot, sqlite_database: Database, example_config: Config, tmp_path: Path
) -> None:
    texts = await _texts(example_config, bot, sqlite_database)

    assert texts[-2] == f"✅ 走访照片保存位置可写：{tmp_path / 'data' / 'photos'}"


async def test_a_photo_folder_that_cannot_be_made_is_named(
    bot: Bot, sqlite_database: Database, example_config: Config, tmp_path: Path
) -> None:
    (tmp_path / "taken").write_text("a file, not a folder")
    photos = dataclasses.replace(example_config.photos, location=str(tmp_path / "taken" / "photos"))

    texts = await _texts(_config(example_config, photos=photos), bot, sqlite_database)

    assert texts[-2].startswith(f"❌ 走访照片无法保存到 {tmp_path / 'taken' / 'photos'}")
    assert texts[-2].endswith("请检查 [photos] storage 和存储桶的权限")


async def test_a_second_bot_on_the_same_sqlite_file_is_told_to_stop_one(
    bot: Bot, sqlite_database: Database, example_config: Config
) -> None:
    first = Services(Database(sqlite_database.url), example_config)
    first.running()
    second = Services(sqlite_database, example_config)
    second.running()
    try:
        texts = await _texts(example_config, bot, sqlite_database)
    finally:
        await first.close()

    assert texts[-1] == (
        "❌ 另一个机器人实例正在使用同一个 SQLite 数据库文件：SQLite 只能由一个实例使用，"
        "请停掉一个，或改用 PostgreSQL"
    )


async def test_doctor_beside_a_running_bot_says_one_is_running(
    bot: Bot, sqlite_database: Database, example_config: Config
) -> None:
    running = Services(Database(sqlite_database.url), example_config)
    running.running()
    try:
        texts = await _texts(example_config, bot, sqlite_database)
    finally:
        await running.close()

    assert texts[-1] == "✅ 有一个机器人实例正在使用这个 SQLite 数据库文件"


async def test_a_bot_that_stopped_leaves_its_sqlite_file_free(
    bot: Bot, sqlite_database: Database, example_config: Config
) -> None:
    stopped = Services(Database(sqlite_database.url), example_config)
    stopped.running()
    await stopped.close()

    second = Services(sqlite_database, example_config)
    second.running()

    assert not any("SQLite" in text for text in await _texts(example_config, bot, sqlite_database))
