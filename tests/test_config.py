"""Configuration: the shipped example is complete, every error names its key."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from bot.config.settings import Config, ConfigError, load, parse
from bot.config.telegram import TelegramLimits
from tests.conftest import ROOT


def _example() -> dict[str, Any]:
    return tomllib.loads((ROOT / "config.example.toml").read_text(encoding="utf-8"))


def test_the_example_carries_the_full_catalogue_and_roster(example_config: Config) -> None:
    catalogue = example_config.catalogue
    assert [m.key for m in catalogue.metrics] == [
        "deposit", "other_bank", "insurance", "wealth", "visits",
        "leaflets", "customer_info", "mobile_banking", "credit_card",
        "meetings", "service",
    ]  # fmt: skip
    assert [b.short_name for b in catalogue.branches] == [
        "姜家",
        "东城",
        "利民城",
        "四明",
        "正阳",
        "西环路",
    ]


def test_the_example_serves_shanghai_time_in_chinese(example_config: Config) -> None:
    assert str(example_config.timezone) == "Asia/Shanghai"
    assert example_config.language == "zh-CN"
    assert example_config.report_days.rule == "yesterday"
    assert example_config.report_days.days == "workdays"


def test_secrets_and_endpoints_come_from_the_environment() -> None:
    env = {
        "BOT_TOKEN": "1:abc",
        "DATABASE_URL": "postgresql+asyncpg://u:p@127.0.0.1/z",
        "BOT_API_BASE_URL": "http://127.0.0.1:8081/bot",
        "BOT_API_BASE_FILE_URL": "http://127.0.0.1:8081/file/bot",
    }

    config = parse(_example(), env)

    assert config.token == "1:abc"
    assert config.database_url == env["DATABASE_URL"]
    assert config.base_url == env["BOT_API_BASE_URL"]
    assert config.base_file_url == env["BOT_API_BASE_FILE_URL"]


def test_without_a_token_the_config_still_loads_for_offline_commands() -> None:
    assert parse(_example(), {}).token is None


def _error(data: dict[str, Any]) -> str:
    with pytest.raises(ConfigError) as raised:
        parse(data, {})
    return str(raised.value)


def test_a_wrong_type_names_the_key_and_the_value() -> None:
    data = _example()
    data["metrics"][2]["points"] = "三"

    assert _error(data) == "metrics[2].points: must be a number, got '三'"


def test_a_misspelt_key_is_refused_instead_of_ignored() -> None:
    data = _example()
    data["bot"]["timezon"] = "Asia/Shanghai"

    assert _error(data) == "bot.timezon: is not a known key"


def test_an_unknown_time_zone_is_refused() -> None:
    data = _example()
    data["bot"]["timezone"] = "Asia/Beijing"

    assert _error(data) == "bot.timezone: unknown time zone 'Asia/Beijing'"


def test_a_member_of_an_unknown_branch_is_refused() -> None:
    data = _example()
    data["members"][0]["branch"] = "北关"

    assert _error(data) == "members[0].branch: no branch is called '北关'"


def test_a_duplicate_metric_key_is_refused() -> None:
    data = _example()
    data["metrics"][1]["key"] = "deposit"

    assert _error(data) == "metrics[1].key: 'deposit' appears twice"


def test_an_unsupported_language_lists_the_choices() -> None:
    data = _example()
    data["bot"]["language"] = "fr"

    assert _error(data) == "bot.language: must be one of zh-CN, en, got 'fr'"


def test_every_day_can_be_a_report_day() -> None:
    data = _example()
    data["bot"]["report_days"] = "daily"

    assert parse(data, {}).report_days.days == "daily"


def test_an_unknown_kind_of_report_days_lists_the_choices() -> None:
    data = _example()
    data["bot"]["report_days"] = "weekdays"

    assert _error(data) == "bot.report_days: must be one of workdays, daily, got 'weekdays'"


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load(tmp_path / "nope.toml", environ={})


def test_a_word_that_names_two_metrics_is_refused() -> None:
    data = _example()
    data["metrics"][2]["aliases"].append("存款")

    assert _error(data) == "metrics[2]: '存款' already names metrics[0]"


def test_a_branch_spelled_like_a_metric_is_refused() -> None:
    data = _example()
    data["branches"][0]["aliases"] = ["储蓄"]

    assert _error(data) == "branches[0]: '储蓄' already names metrics[0]"


def test_the_example_schedules_the_posts_with_their_default_days(
    example_config: Config,
) -> None:
    schedule = example_config.chats[0].schedule

    assert [(r.kind.value, r.at.isoformat("minutes"), r.days) for r in schedule.rules] == [
        ("morning", "08:30", "workdays"),
        ("reminder", "10:00", "workdays"),
        ("weekly", "09:00", "week_start"),
        ("monthly", "09:00", "month_start"),
        ("pk", "17:30", "workdays"),
    ]


def test_where_every_day_is_a_report_day_the_daily_posts_run_every_day() -> None:
    data = _example()
    data["bot"]["report_days"] = "daily"

    schedule = parse(data, {}).chats[0].schedule

    assert [(r.kind.value, r.days) for r in schedule.rules] == [
        ("morning", "daily"),
        ("reminder", "daily"),
        ("weekly", "week_start"),
        ("monthly", "month_start"),
        ("pk", "daily"),
    ]


def test_a_post_time_that_is_not_a_time_is_named() -> None:
    data = _example()
    data["chats"][0]["schedule"]["morning"] = "8点半"

    assert _error(data) == "chats[0].schedule.morning: must be a time of day \"HH:MM\", got '8点半'"


def test_a_post_may_run_on_chosen_weekdays() -> None:
    data = _example()
    data["chats"][0]["schedule"]["reminder"] = {"time": "10:00", "days": ["mon", "fri"]}

    rule = parse(data, {}).chats[0].schedule.rules[1]

    assert rule.days == (0, 4)


def test_photos_are_kept_in_a_local_folder_unless_told_otherwise(example_config: Config) -> None:
    photos = example_config.photos

    assert (photos.location, photos.stale_days, photos.settle_seconds) == ("./data/photos", 3, 2)
    assert photos.remind


def test_an_album_settle_time_out_of_range_is_refused() -> None:
    data = _example()
    data["photos"]["album_settle_seconds"] = 0

    assert _error(data) == (
        "photos.album_settle_seconds: must be more than 0 and at most 30, got 0"
    )


def test_a_configuration_without_photos_is_not_reminded_of_them() -> None:
    data = _example()
    del data["photos"]

    assert not parse(data, {}).photos.remind


def test_the_example_paces_sends_at_telegrams_limits(example_config: Config) -> None:
    assert example_config.telegram == TelegramLimits(
        group_messages_per_minute=20, messages_per_second=30
    )


def test_without_pacing_keys_telegrams_limits_apply() -> None:
    data = _example()
    del data["telegram"]

    assert parse(data, {}).telegram == TelegramLimits(20, 30)


def test_zero_turns_each_limit_off() -> None:
    data = _example()
    data["telegram"].update(group_messages_per_minute=0, messages_per_second=0)

    assert parse(data, {}).telegram == TelegramLimits(0, 0)


def test_a_negative_rate_is_refused() -> None:
    data = _example()
    data["telegram"]["group_messages_per_minute"] = -1

    assert _error(data) == (
        "telegram.group_messages_per_minute: must be 0 (no limit) or more, got -1"
    )


def test_a_rate_that_is_not_a_whole_number_is_refused() -> None:
    data = _example()
    data["telegram"]["messages_per_second"] = 1.5

    assert _error(data) == "telegram.messages_per_second: must be a whole number, got 1.5"
