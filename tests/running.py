"""`python -m bot run` as a user runs it, in a subprocess against the fake Bot API."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from bot.fake_telegram import FakeBotApi
from tests.conftest import ROOT

EXAMPLE = ROOT / "config.example.toml"


def unpaced_config(folder: Path) -> Path:
    """The example configuration with Telegram's pacing off, written into `folder`."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for key in ("group_messages_per_minute = 20", "messages_per_second = 30"):
        assert key in text, f"config.example.toml no longer says {key}"
        text = text.replace(key, key.split("=")[0] + "= 0")
    path = folder / "unpaced.toml"
    path.write_text(text, encoding="utf-8")
    return path


async def run_bot(
    api: FakeBotApi, folder: Path, *, token: str, config: Path = EXAMPLE
) -> asyncio.subprocess.Process:
    """`python -m bot run --config config` against `api`, its database in `folder`."""
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATABASE_URL")}
    env.update(
        PYTHONPATH=str(ROOT),
        BOT_TOKEN=token,
        BOT_API_BASE_URL=api.base_url,
        BOT_API_BASE_FILE_URL=api.base_file_url,
        DATABASE_URL=f"sqlite+aiosqlite:///{folder / 'zhanbao.db'}",
    )
    return await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "run", "--config", str(config)),
        cwd=folder,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
