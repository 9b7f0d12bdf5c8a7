"""The deployment in deploy/: two bots behind Caddy, sharing one PostgreSQL.

`docker compose config` is the judge of the compose file: it interpolates the
variables, resolves the shared `x-bot` block and the paths, and fails on a
missing required variable the way `up` would, without starting anything or
needing a Docker daemon. Where docker (or its compose plugin) is missing these
tests are skipped, saying so; the tests of deploy/config.toml need no docker.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import pytest
from sqlalchemy.engine import make_url

from bot.config.settings import load
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
COMPOSE_FILE = DEPLOY / "compose.yaml"
VARIABLES = {
    "BOT_TOKEN": "123456:dummy-token",
    "BOT_WEBHOOK_SECRET": "dummy_webhook-secret",
    "POSTGRES_PASSWORD": "dummy-password",
    "PUBLIC_HOST": "zhanbao.example.com",
}
BOTS = ("bot1", "bot2")


class Compose(Protocol):
    def __call__(
        self, *args: str, variables: dict[str, str]
    ) -> subprocess.CompletedProcess[str]: ...


@cache
def _why_compose_is_missing() -> str | None:
    """None when `docker compose` runs here; else why the compose file goes unchecked."""
    if shutil.which("docker") is None:
        return "docker is not installed, so deploy/compose.yaml was not checked"
    try:
        subprocess.run(
            ["docker", "compose", "version"], capture_output=True, check=True, timeout=30
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
        return "docker compose is not available, so deploy/compose.yaml was not checked"
    return None


@pytest.fixture(scope="module")
def compose(tmp_path_factory: pytest.TempPathFactory) -> Compose:
    """Runs `docker compose -f deploy/compose.yaml …` with only the given variables.

    The environment is built from nothing but what docker needs to find itself and its
    plugins, and the env file is an empty one: a deploy/.env, a COMPOSE_* setting or a
    real BOT_TOKEN on the developer's machine cannot make a test pass or fail.
    """
    reason = _why_compose_is_missing()
    if reason is not None:
        pytest.skip(reason)
    empty = tmp_path_factory.mktemp("compose") / "empty.env"
    empty.write_text("", encoding="utf-8")
    kept = {k: v for k in ("PATH", "HOME", "DOCKER_CONFIG") if (v := os.environ.get(k))}

    def run(*args: str, variables: dict[str, str]) -> subprocess.CompletedProcess[str]:
        command = ["docker", "compose", "--env-file", str(empty), "-f", str(COMPOSE_FILE)]
        return subprocess.run(
            [*command, *args],
            cwd=ROOT,
            env={**kept, **variables},
            capture_output=True,
            text=True,
            timeout=60,
        )

    return run


@pytest.fixture(scope="module")
def services(compose: Compose) -> dict[str, Any]:
    """The services as `up` would start them, with every variable given."""
    done = compose("config", "--format", "json", variables=VARIABLES)
    assert done.returncode == 0, done.stderr
    resolved: dict[str, Any] = json.loads(done.stdout)["services"]
    return resolved


def test_the_deployment_runs_two_bots_a_database_and_a_proxy(services: dict[str, Any]) -> None:
    assert {"bot1", "bot2", "postgres", "proxy"} <= services.keys()


@pytest.mark.parametrize("bot", BOTS)
def test_each_bot_gets_the_secrets_and_a_postgresql_url_on_the_postgres_service(
    services: dict[str, Any], bot: str
) -> None:
    """Both bots must reach the same database: that is what makes two of them safe."""
    environment = services[bot]["environment"]

    assert environment["BOT_TOKEN"] == VARIABLES["BOT_TOKEN"]
    assert environment["BOT_WEBHOOK_SECRET"] == VARIABLES["BOT_WEBHOOK_SECRET"]
    url = make_url(environment["DATABASE_URL"])
    assert url.drivername == "postgresql+asyncpg"
    assert url.host == "postgres"
    assert url.password == VARIABLES["POSTGRES_PASSWORD"]


@pytest.mark.parametrize("bot", BOTS)
def test_each_bot_waits_for_a_healthy_postgres_and_reads_the_shared_config(
    services: dict[str, Any], bot: str
) -> None:
    """`db upgrade` runs first thing in the container: the database must answer by then."""
    service = services[bot]

    assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert Path(service["build"]["context"]) == ROOT
    config = next(v for v in service["volumes"] if v["target"] == "/app/config.toml")
    assert Path(config["source"]) == DEPLOY / "config.toml"
    assert config["read_only"] is True
    assert service["restart"] == "unless-stopped"
    assert "/healthz" in " ".join(service["healthcheck"]["test"])


def test_the_proxy_serves_https_for_the_public_host(services: dict[str, Any]) -> None:
    proxy = services["proxy"]

    assert proxy["environment"]["PUBLIC_HOST"] == VARIABLES["PUBLIC_HOST"]
    assert {"80", "443"} <= {port["published"] for port in proxy["ports"]}


@pytest.mark.parametrize("missing", sorted(VARIABLES))
def test_a_missing_variable_stops_compose_naming_it(compose: Compose, missing: str) -> None:
    """Without this a bot would start with an empty token or a password-less URL, and
    fail later with a less helpful message, or Caddy would serve no host at all."""
    variables = {k: v for k, v in VARIABLES.items() if k != missing}

    done = compose("config", "--format", "json", variables=variables)

    assert done.returncode != 0
    assert missing in done.stderr


def test_the_deployment_config_loads_through_the_bots_own_loader() -> None:
    """The file is mounted as /app/config.toml: a key the bot refuses stops both bots."""
    load(DEPLOY / "config.toml", environ={"BOT_TOKEN": "1:x", "BOT_WEBHOOK_SECRET": "s3cret"})


def test_the_bots_listen_where_the_proxy_and_the_health_checks_knock() -> None:
    """The port is written in three files: deploy/config.toml, the Caddyfile's upstreams
    and the compose health check. Changed in one alone, the proxy finds no bot."""
    web = tomllib.loads((DEPLOY / "config.toml").read_text(encoding="utf-8"))["web"]
    port = web["port"]
    caddyfile = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    compose_text = COMPOSE_FILE.read_text(encoding="utf-8")

    assert re.findall(r"\bbot\d:(\d+)", caddyfile) == [str(port)] * len(BOTS)
    assert f"http://127.0.0.1:{port}/healthz" in compose_text
    assert web["public_url"].startswith("https://")
