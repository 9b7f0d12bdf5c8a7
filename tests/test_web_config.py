"""`[web]`: polling unless a public URL is given, and then only with a valid secret."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from bot.config.settings import ConfigError, parse
from tests.conftest import ROOT

SECRET = "k3y_from-the-environment"


def _with_web(**web: object) -> dict[str, Any]:
    data = tomllib.loads((ROOT / "config.example.toml").read_text(encoding="utf-8"))
    data["web"] = {**data.get("web", {}), **web}
    return data


def test_the_example_polls_for_updates() -> None:
    web = parse(_with_web(), {}).web

    assert not web.webhook
    assert (web.listen, web.port) == ("0.0.0.0", 8080)


def test_a_public_url_serves_the_webhook_on_its_path_with_the_secret() -> None:
    data = _with_web(public_url="https://zhanbao.example.com/telegram", port=8443)

    web = parse(data, {"BOT_WEBHOOK_SECRET": SECRET}).web

    assert web.webhook
    assert (web.path, web.port, web.secret) == ("/telegram", 8443, SECRET)


def test_a_public_url_without_the_secret_is_refused() -> None:
    with pytest.raises(ConfigError, match="BOT_WEBHOOK_SECRET must be set"):
        parse(_with_web(public_url="https://zhanbao.example.com/telegram"), {})


@pytest.mark.parametrize("secret", ["has space", "密钥", "x" * 257, "semi;colon"])
def test_a_secret_telegram_would_refuse_is_refused(secret: str) -> None:
    with pytest.raises(ConfigError, match="1–256 characters"):
        parse(_with_web(), {"BOT_WEBHOOK_SECRET": secret})


def test_a_port_out_of_range_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"web\.port: must be a TCP port"):
        parse(_with_web(port=70000), {})


def test_a_public_url_that_is_not_a_web_address_is_refused() -> None:
    with pytest.raises(ConfigError, match="https:// URL"):
        parse(_with_web(public_url="zhanbao.example.com"), {"BOT_WEBHOOK_SECRET": SECRET})
