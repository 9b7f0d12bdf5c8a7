"""The command line, run as a user runs it: `python -m bot …` in a subprocess."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "reports.jsonl"


def _bot(
    *args: str, stdin: str | None = None, cwd: Path = ROOT, database: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATABASE_URL")}
    if database is not None:
        env["DATABASE_URL"] = f"sqlite+aiosqlite:///{database}"
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )


def test_run_without_a_token_exits_non_zero_with_one_line_naming_bot_token() -> None:
    result = _bot("run", "--config", str(ROOT / "config.example.toml"))

    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "BOT_TOKEN" in result.stderr


def test_a_bad_config_exits_with_the_key_that_is_wrong(tmp_path: Path) -> None:
    broken = tmp_path / "config.toml"
    broken.write_text('[bot]\ntimezone = "Mars/Base"\n', encoding="utf-8")

    result = _bot("parse", "储蓄35万", "--config", str(broken))

    assert result.returncode == 2
    assert result.stderr.strip() == "config: bot.timezone: unknown time zone 'Mars/Base'"


def test_parse_prints_one_json_object_for_a_report() -> None:
    result = _bot("parse", "储蓄35万 保险2万 走访12户", "--now", "2026-07-28T08:30:00+08:00")

    assert json.loads(result.stdout) == {
        "kind": "report",
        "date": "2026-07-27",
        "entries": [{"branch": None, "values": {"deposit": 35, "insurance": 2, "visits": 12}}],
    }


def test_parse_jsonl_answers_every_case_of_the_shared_corpus() -> None:
    cases = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]

    result = _bot("parse", "--jsonl", stdin=CORPUS.read_text(encoding="utf-8"))

    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == len(cases)
    wrong = []
    for case, answer in zip(cases, answers, strict=True):
        expect = case["expect"]
        if expect["kind"] == "error":
            right = answer["kind"] == "error" and any(
                expect["mentions"] in e for e in answer["errors"]
            )
        else:
            right = answer == expect
        if not right:
            wrong.append((case["text"], answer))
    assert wrong == []


def test_targets_import_stores_a_sheet_and_prints_what_it_set(tmp_path: Path) -> None:
    sheet = tmp_path / "9月目标.csv"
    sheet.write_text("网点,指标,目标,周期\n正阳,储蓄,200,2026-09\n", encoding="utf-8")

    result = _bot("targets", "import", str(sheet), database=tmp_path / "z.db")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "🎯 已设定 1 项目标：",
        "• 正阳营业所 2026年9月 储蓄 200万元",
    ]


def test_targets_import_binds_no_member_as_a_running_bot_keeps_who_they_are(
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "9月目标.csv"
    sheet.write_text("网点,指标,目标,周期\n正阳,储蓄,200,2026-09\n", encoding="utf-8")

    result = _bot("targets", "import", str(sheet), database=tmp_path / "z.db")

    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "z.db") as database:
        assert database.execute("SELECT count(*) FROM members").fetchone() == (0,)


def test_targets_import_refuses_a_sheet_with_a_bad_row_and_exits_non_zero(tmp_path: Path) -> None:
    sheet = tmp_path / "targets.csv"
    sheet.write_text("网点,指标,目标\n正阳,储蓄,200\n南关,储蓄,100\n", encoding="utf-8")

    result = _bot("targets", "import", str(sheet), database=tmp_path / "z.db")

    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "❌ 表格 targets.csv 没有导入：",
        "第3行：没有“南关”这个网点",
    ]
