"""What each command-line verb does; `__main__` only parses arguments."""

from __future__ import annotations

import asyncio
import gc
import html
import json
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.chat import doctor as checks
from bot.chat import startup
from bot.chat.app import build_application
from bot.chat.serving import serve
from bot.config.settings import Config
from bot.domain.outcomes import NotManager
from bot.domain.parsing import Refusal, Report
from bot.domain.target_outcomes import SheetRefused, TargetsRefused, TargetsSet
from bot.rendering.target_replies import targets_reply
from bot.rendering.texts import Texts
from bot.usecases.backups import Backups, UsePgDump
from bot.usecases.incoming import IncomingFile, Sender, parse_message
from bot.usecases.services import Services, upgrade_schema

log = logging.getLogger(__name__)
COMMAND_LINE = "command line"
"""The sender of what the command line does, as the audit trail names it."""


def run(config: Config) -> int:
    """Migrate, then fetch and handle updates until SIGTERM or Ctrl-C (chat.serving).
    Telegram's transient failures are waited out; a token it refuses stops the bot with
    one line, and 2."""
    if not config.token:
        print(Texts(config.language)("cli.no_token"), file=sys.stderr)
        return 2
    upgrade_schema(config)
    set_aside_what_was_loaded()
    try:
        asyncio.run(serve(build_application(config)))
    except (startup.TokenRejected, startup.CannotStart) as error:
        log.error("%s", error)
        return 2
    return 0


YOUNG_COLLECTION_EVERY = 10_000
"""Objects made (and not yet freed) between two collections of the youngest ones; Python's
default is 700. A bulletin at a thousand branches holds some 67,000 objects until it is
done, and reference counting frees them, not the collector: at 700 it ran 96 young, 9
middle and nearly one full collection a bulletin, to free under a hundred objects, for
about a tenth of the bulletin's time. The garbage only the collector frees, cycles, is
rare here and small, so collecting it later costs next to no memory."""


def set_aside_what_was_loaded() -> None:
    """Move every object alive by now out of the garbage collector's sight: the modules,
    classes and functions of the bot and its libraries, which live as long as the process.
    Each full collection then walks only what came since, not those hundred thousand
    objects again, which at a thousand branches cost a bulletin about a third of its time.
    Young collections then come every YOUNG_COLLECTION_EVERY allocations."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, middle, old)


def db_upgrade(config: Config) -> int:
    upgrade_schema(config)
    return 0


async def db_backup(config: Config, path: Path | None) -> int:
    """Copy the SQLite database to `path` while the bot runs; for PostgreSQL, say which
    pg_dump command does it."""
    if path is None:
        print("usage: python -m bot db backup PATH", file=sys.stderr)
        return 2
    outcome = await Backups(config).backup(path)
    if isinstance(outcome, UsePgDump):
        print(f"PostgreSQL is backed up with pg_dump:\n  {outcome.command}")
        return 1
    print(f"backed up to {outcome.path}")
    return 0


async def doctor(config: Config) -> int:
    """Print one line per check; non-zero when any check fails."""
    texts = Texts(config.language)
    if not config.token:
        print(texts("cli.no_token"), file=sys.stderr)
        return 2
    services = Services.open(config)
    # A rejected token leaves the Bot uninitialized, and then its shutdown() closes
    # nothing: the connections are owned here instead.
    requests = HTTPXRequest(), HTTPXRequest()
    bot = Bot(
        config.token,
        base_url=config.base_url or "https://api.telegram.org/bot",
        request=requests[0],
        get_updates_request=requests[1],
    )
    try:
        findings = await checks.examine(bot, services)
    finally:
        for request in requests:
            await request.shutdown()
        await services.close()
    for finding in findings:
        print(finding.text)
    return 0 if all(f.ok for f in findings) else 1


def parse(config: Config, text: str | None, *, now: str | None, jsonl: bool) -> int:
    """Print what the bot reads in a message, as one JSON object per message."""
    if jsonl:
        for line in sys.stdin:
            if line.strip():
                case = json.loads(line)
                print(_dumps(read(config, case["text"], case.get("now"))), flush=True)
        return 0
    if text is None:
        print(Texts(config.language)("cli.parse_usage"), file=sys.stderr)
        return 2
    print(_dumps(read(config, text, now)))
    return 0


def read(config: Config, text: str, now: str | None) -> dict[str, Any]:
    sent_at = datetime.fromisoformat(now) if now else datetime.now(config.timezone)
    if sent_at.tzinfo is None:
        sent_at = sent_at.replace(tzinfo=config.timezone)
    result = parse_message(config, text, sent_at)
    if isinstance(result, Report):
        entries = [{"branch": e.branch, "values": _plain(e.values)} for e in result.entries]
        return {"kind": "report", "date": result.day.isoformat(), "entries": entries}
    if isinstance(result, Refusal):
        texts = Texts(config.language)
        return {
            "kind": "error",
            "errors": [texts(f"problem.{p.code}", **p.params) for p in result.problems],
        }
    return {"kind": "none"}


def _plain(values: dict[str, float]) -> dict[str, int | float]:
    return {key: int(v) if float(v).is_integer() else v for key, v in values.items()}


def _dumps(result: dict[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False)


def import_targets(config: Config, path: Path, *, user_id: int) -> int:
    """Import a CSV or XLSX sheet of targets, whole or not at all, as a manager's document."""
    texts = Texts(config.language)
    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"{path}: {error.strerror}", file=sys.stderr)
        return 2
    upgrade_schema(config)
    result = asyncio.run(_import_sheet(config, data, path.name, user_id=user_id))
    # The reply is Telegram HTML; a terminal wants the plain words.
    print(html.unescape(targets_reply(result, texts, config.catalogue, file=path.name)))
    return 0 if isinstance(result, TargetsSet) else 1


async def _import_sheet(
    config: Config, data: bytes, name: str, *, user_id: int
) -> TargetsSet | TargetsRefused | SheetRefused | NotManager:
    """Whoever runs the command line runs the deployment: a manager's import."""

    async def contents() -> bytes:
        return data

    sheet = IncomingFile(name, len(data), contents)
    operator = Sender(user_id=user_id, name=COMMAND_LINE, is_manager=True)
    services = Services.open(config)
    try:
        await services.roster.sync_branches()
        return await services.targets.import_sheet(sheet, sender=operator, now=datetime.now(UTC))
    finally:
        await services.close()


def demo(config: Config, *, out: Path) -> int:
    # Imported here: the demo brings the fake Bot API server, which production never needs.
    from bot.demo import play

    play(config, out=out)
    return 0
