"""The command line: `python -m bot run | db upgrade | doctor | parse | targets import | demo`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot import cli
from bot.config.settings import ConfigError, default_config_path, load


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    # The demo and the parser print their own results; only the bot's life is worth logging.
    quiet = args.command in ("demo", "parse", "targets")
    logging.basicConfig(
        level=logging.WARNING if quiet else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # Request URLs carry the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        config = load(getattr(args, "config", None) or default_config_path())
    except ConfigError as error:
        print(f"config: {error}", file=sys.stderr)
        return 2
    match args.command:
        case "run":
            return cli.run(config)
        case "db" if args.action == "backup":
            return asyncio.run(cli.db_backup(config, args.path))
        case "db":
            return cli.db_upgrade(config)
        case "doctor":
            return asyncio.run(cli.doctor(config))
        case "parse":
            return cli.parse(config, args.text, now=args.now, jsonl=args.jsonl)
        case "targets":
            return cli.import_targets(config, args.file, user_id=args.by)
        case "demo":
            return cli.demo(config, out=args.out)
    parser.print_help()
    return 2


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config",
        type=Path,
        default=argparse.SUPPRESS,
        help="configuration file (default: config.toml, else config.example.toml)",
    )
    parser = argparse.ArgumentParser(
        prog="python -m bot", description="战报 Zhanbao bot", parents=[common]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", parents=[common], help="run the bot (long polling); needs BOT_TOKEN")
    db = commands.add_parser("db", parents=[common], help="database schema")
    db.add_argument(
        "action",
        choices=["upgrade", "backup"],
        help="upgrade: apply all migrations; backup PATH: copy the database while the bot runs",
    )
    db.add_argument("path", nargs="?", type=Path, help="where the backup goes")
    commands.add_parser("doctor", parents=[common], help="check token, chats, database and font")
    parse = commands.add_parser("parse", parents=[common], help="parse a message and print JSON")
    parse.add_argument("text", nargs="?", help="the message text")
    parse.add_argument("--now", help="ISO time the message was sent (default: now)")
    parse.add_argument("--jsonl", action="store_true", help='read {"text", "now"} lines on stdin')
    targets = commands.add_parser("targets", parents=[common], help="targets per branch")
    targets.add_argument("action", choices=["import"], help="import a sheet, all rows or none")
    targets.add_argument(
        "file", type=Path, help="a .csv or .xlsx sheet (columns 网点 指标 目标 周期)"
    )
    targets.add_argument(
        "--by", type=int, default=0, help="user id recorded as the setter (default 0: command line)"
    )
    demo = commands.add_parser("demo", parents=[common], help="play a scripted morning offline")
    demo.add_argument(
        "--out", type=Path, default=Path("demo-out"), help="where to write the transcript"
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
