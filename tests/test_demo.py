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
    title = "🏆 9月28日 网点排名（积分）"
    [ranking] = [line for line in transcript if line["text"].startswith(title)]

    assert ranking["text"].splitlines()[-1] == "未报：利民城营业所"


def test_the_morning_bulletin_is_posted_at_half_past_eight(transcript: list[dict]) -> None:
    [bulletin] = [line for line in transcript if line["text"].startswith("📊 晨报｜9月28日")]

    assert bulletin["time"] == "2026-09-29T08:30:00+08:00"
    assert "⚠️ 未报：利民城营业所" in bulletin["text"]


def test_the_reminder_names_the_late_branch_and_its_head(transcript: list[dict]) -> None:
    [reminder] = [line for line in transcript if line["text"].startswith("⏰")]

    assert reminder["time"] == "2026-09-29T10:00:00+08:00"
    assert "• 利民城营业所 利所长" in reminder["text"]


def test_a_report_posted_by_mistake_is_undone(transcript: list[dict]) -> None:
    [undo] = [line for line in transcript if line["text"] == "/undo"]

    [reply] = _replies_to(transcript, undo)
    assert reply["text"] == "↩️ 已撤销 四明营业所 9月28日：走访 5户"


def test_a_report_after_the_bulletin_is_confirmed_as_late(transcript: list[dict]) -> None:
    [late] = [line for line in transcript if line["text"].startswith("📝")]

    assert late["text"].startswith("📝 利民城营业所 9月28日 已补报：储蓄 8万元")


def test_a_bulletin_is_posted_on_each_working_day_and_none_on_the_holiday(
    transcript: list[dict],
) -> None:
    times = [line["time"] for line in transcript if line["text"].startswith("📊 晨报")]

    assert times == ["2026-09-29T08:30:00+08:00", "2026-09-30T08:30:00+08:00"]


def test_the_next_bulletin_shows_movers_and_the_late_report(transcript: list[dict]) -> None:
    [second] = [line for line in transcript if line["text"].startswith("📊 晨报｜9月29日")]

    assert "🥇 正阳营业所 43分 ↑1" in second["text"]
    assert "📝 补报：利民城营业所 9月28日 储蓄8万元 理财20万元 走访6户" in second["text"]
