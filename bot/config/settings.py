"""The deployment's configuration: one TOML file, secrets from the environment.

Everything is validated once at start-up into frozen objects, so the rest of
the bot never sees a raw dict or a missing key.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.config.catalogue import read_catalogue
from bot.config.photos import PhotoSettings, read_photos
from bot.config.reader import ConfigError, Table
from bot.config.schedule import Schedule, read_calendar, read_schedule
from bot.config.telegram import TelegramLimits, read_limits
from bot.config.web import POLLING, WebSettings, read_web
from bot.domain.calendar import WorkCalendar
from bot.domain.catalogue import Catalogue
from bot.domain.report_days import DAILY, TODAY, WORKDAYS, YESTERDAY, ReportDays

__all__ = ["ChatConfig", "Config", "ConfigError", "MemberConfig", "default_config_path", "load"]

LANGUAGES = ("zh-CN", "en")
REPORT_DAY_RULES = (YESTERDAY, TODAY)
REPORT_DAYS = (WORKDAYS, DAILY)
ROLES = ("head", "staff")
DEFAULT_BACKUPS = 7
DEFAULT_BACKFILL_DAYS = 3
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/zhanbao.db"


@dataclass(frozen=True, slots=True)
class ChatConfig:
    id: int
    title: str
    schedule: Schedule


@dataclass(frozen=True, slots=True)
class MemberConfig:
    user_id: int
    name: str
    branch: str
    role: str


@dataclass(frozen=True, slots=True)
class Config:
    language: str
    timezone: ZoneInfo
    report_days: ReportDays
    """Which days are report days, and which one an undated report or a post is about."""
    backfill_days: int
    """A member's report for a day more than this many report days back waits for a
    manager."""
    managers: frozenset[int]
    alert_chat: int | None
    """Where the managers are told what goes wrong ([bot] alert_chat); None: each
    manager's private chat with the bot, once they have written to it."""
    token: str | None
    base_url: str | None
    base_file_url: str | None
    telegram: TelegramLimits
    """How fast the bot may send: [telegram] group_messages_per_minute, messages_per_second."""
    database_url: str
    backups: int
    """How many daily copies of a SQLite database to keep ([database] backups; 0: none)."""
    font_path: str | None
    chats: tuple[ChatConfig, ...]
    catalogue: Catalogue
    members: tuple[MemberConfig, ...]
    calendar: WorkCalendar
    main_metrics: tuple[str, ...]
    """The metrics the morning bulletin shows beside each branch's points."""
    photos: PhotoSettings
    web: WebSettings = POLLING
    """How updates come in: long polling, or a webhook behind a proxy ([web])."""

    def serves(self, chat_id: int) -> bool:
        return any(chat.id == chat_id for chat in self.chats)

    def chat(self, chat_id: int) -> ChatConfig | None:
        return next((chat for chat in self.chats if chat.id == chat_id), None)


def default_config_path(cwd: Path | None = None) -> Path:
    """config.toml where it exists, else the shipped example."""
    base = cwd or Path.cwd()
    local = base / "config.toml"
    return local if local.exists() else base / "config.example.toml"


def load(path: Path, environ: Mapping[str, str] | None = None) -> Config:
    """Read and validate `path`; the environment's secrets override the file."""
    env = os.environ if environ is None else environ
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    return parse(data, env)


def parse(data: Mapping[str, object], env: Mapping[str, str]) -> Config:
    root = Table(data)
    sections = ("bot", "telegram", "database", "charts", "calendar", "bulletin", "photos", "web")
    bot, telegram, database, charts, calendar, bulletin, photos, web = (
        root.table(n) for n in sections
    )
    # Read in file order, so the first error reported is the first in the file.
    language = bot.choice("language", LANGUAGES, "zh-CN")
    timezone = _zone(bot)
    report_day = bot.choice("report_day", REPORT_DAY_RULES, YESTERDAY)
    report_days = bot.choice("report_days", REPORT_DAYS, WORKDAYS)
    backfill_days = bot.int("backfill_days", DEFAULT_BACKFILL_DAYS)
    if backfill_days < 0:
        raise bot.fail("backfill_days", f"must be 0 or more, got {backfill_days}")
    managers = frozenset(bot.int_list("managers"))
    catalogue = read_catalogue(root)
    work_calendar = read_calendar(calendar)
    config = Config(
        language=language,
        timezone=timezone,
        report_days=ReportDays(work_calendar, timezone, report_day, report_days),
        backfill_days=backfill_days,
        managers=managers,
        alert_chat=bot.int("alert_chat") or None,
        token=env.get("BOT_TOKEN") or None,
        base_url=_override(env, "BOT_API_BASE_URL", telegram.str("base_url")),
        base_file_url=_override(env, "BOT_API_BASE_FILE_URL", telegram.str("base_file_url")),
        telegram=read_limits(telegram),
        database_url=_override(env, "DATABASE_URL", database.str("url")) or DEFAULT_DATABASE_URL,
        backups=_backups(database),
        font_path=charts.str("font_path") or None,
        chats=tuple(_chat(t, report_days) for t in root.tables("chats")),
        catalogue=catalogue,
        members=tuple(_member(t, catalogue) for t in root.tables("members")),
        calendar=work_calendar,
        main_metrics=_main_metrics(bulletin, catalogue),
        photos=read_photos(photos),
        web=read_web(web, env),
    )
    for table in (root, bot, telegram, database, charts, bulletin):
        table.reject_unknown()
    return config


def _backups(database: Table) -> int:
    backups: int = database.int("backups", DEFAULT_BACKUPS)
    if backups < 0:
        raise database.fail("backups", f"must be 0 (none) or more, got {backups}")
    return backups


def _override(env: Mapping[str, str], variable: str, value: str | None) -> str | None:
    """The environment wins over the file; empty means unset in both."""
    return env.get(variable) or value or None


def _zone(table: Table) -> ZoneInfo:
    name = table.str("timezone", "Asia/Shanghai")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise table.fail("timezone", f"unknown time zone {name!r}") from None


def _main_metrics(table: Table, catalogue: Catalogue) -> tuple[str, ...]:
    keys = table.str_list("main_metrics") or tuple(m.key for m in catalogue.metrics[:3])
    for key in keys:
        if catalogue.find_metric(key) is None:
            raise table.fail("main_metrics", f"no metric has the key {key!r}")
    return tuple(keys)


def _chat(table: Table, report_days: str) -> ChatConfig:
    """`report_days`: the [bot] key's value, "workdays" or "daily"."""
    chat = ChatConfig(
        id=table.int("id", required=True),
        title=table.str("title", ""),
        schedule=read_schedule(table.table("schedule"), every_day=report_days == DAILY),
    )
    table.reject_unknown()
    return chat


def _member(table: Table, catalogue: Catalogue) -> MemberConfig:
    spelling = table.str("branch", required=True)
    branch = catalogue.find_branch(spelling)
    if branch is None:
        raise table.fail("branch", f"no branch is called {spelling!r}")
    member = MemberConfig(
        user_id=table.int("user_id", required=True),
        name=table.str("name", required=True),
        branch=branch.name,
        role=table.choice("role", ROLES, "head"),
    )
    table.reject_unknown()
    return member
