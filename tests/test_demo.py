"""`make demo` plays its morning and writes what the group saw."""

from __future__ import annotations

import json

import pytest

from bot.config import Config
from bot.demo import play


@pytest.fixture(scope="module")
def transcript(tmp_path_factory: pytest.TempPathFactory, example_config: Config) -> list[dict]:
    out = tmp_path_factory.mktemp("demo-out")
    play(example_config, out=out)
    assert (out / "transcript.md").read_text(encoding="utf-8").startswith("# 战报演示")
    lines = (out / "transcript.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _replies_to(transcript: list[dict], message: dict) -> list[dict]:
    return [line for line in transcript if line.get("reply_to") == message["id"]]


def test_all_six_branches_report_and_are_confirmed(transcript: list[dict]) -> None:
    confirmed = [line["text"] for line in transcript if line["text"].startswith(("✅", "📝"))]

    for branch in ("姜家", "东城", "利民城", "四明", "正阳", "西环路"):
        assert any(f"{branch}营业所" in text for text in confirmed), branch


def test_the_malformed_report_gets_one_clear_error_reply(transcript: list[dict]) -> None:
    [typo] = [line for line in transcript if line["text"].startswith("储畜")]

    [reply] = _replies_to(transcript, typo)
    assert "是不是“储蓄”" in reply["text"]


def test_chit_chat_gets_no_reply(transcript: list[dict]) -> None:
    chatter = [
        line for line in transcript if line["text"] in ("收到", "明天上午9点到四楼会议室开会")
    ]

    assert len(chatter) == 2
    assert all(_replies_to(transcript, line) == [] for line in chatter)


def test_the_edit_is_confirmed_with_the_old_and_new_value(transcript: list[dict]) -> None:
    [edit] = [line for line in transcript if line.get("edited")]

    assert _replies_to(transcript, edit)[-1]["text"].endswith("储蓄 10→15万元")


def test_the_ranking_names_the_branch_that_has_not_reported(transcript: list[dict]) -> None:
    title = "🏆 7月27日 网点排名（积分）"
    [ranking] = [line for line in transcript if line["text"].startswith(title)]

    assert ranking["text"].splitlines()[-1] == "未报：利民城营业所"


def test_the_morning_bulletin_is_posted_at_half_past_eight(transcript: list[dict]) -> None:
    [bulletin] = [line for line in transcript if line["text"].startswith("📊 晨报")]

    assert bulletin["time"] == "2026-07-28T08:30:00+08:00"
    assert "⚠️ 未报：利民城营业所" in bulletin["text"]


def test_the_reminder_names_the_late_branch_and_its_head(transcript: list[dict]) -> None:
    [reminder] = [line for line in transcript if line["text"].startswith("⏰")]

    assert reminder["time"] == "2026-07-28T10:00:00+08:00"
    assert "• 利民城营业所 利所长" in reminder["text"]


def test_a_report_posted_by_mistake_is_undone(transcript: list[dict]) -> None:
    [undo] = [line for line in transcript if line["text"] == "/undo"]

    [reply] = _replies_to(transcript, undo)
    assert reply["text"] == "↩️ 已撤销 四明营业所 7月27日：走访 5户"


def test_a_report_after_the_bulletin_is_confirmed_as_late(transcript: list[dict]) -> None:
    [late] = [line for line in transcript if line["text"].startswith("📝")]

    assert late["text"].startswith("📝 利民城营业所 7月27日 已补报：储蓄 8万元")
