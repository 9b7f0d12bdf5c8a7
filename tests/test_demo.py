"""`make demo` plays its morning and writes what the group saw."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from bot.config.settings import Config
from bot.demo import play


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory: pytest.TempPathFactory, example_config: Config) -> Path:
    out = tmp_path_factory.mktemp("demo-out")
    play(example_config, out=out)
    return out


@pytest.fixture(scope="module")
def transcript(demo_out: Path) -> list[dict]:
    assert (demo_out / "transcript.md").read_text(encoding="utf-8").startswith("# 战报演示")
    lines = (demo_out / "transcript.jsonl").read_text(encoding="utf-8").splitlines()
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
    said = ("收到", "明天上午9点到四楼会议室开会", "本月信用卡任务每所20张，绩效奖每人500元")
    chatter = [line for line in transcript if line["text"] in said]

    assert len(chatter) == 3
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
    _, tuesday, _ = [line for line in transcript if line["text"].startswith("⏰")]

    assert tuesday["time"] == "2026-09-29T10:00:00+08:00"
    assert "• 利民城营业所 利所长" in tuesday["text"]


def test_on_monday_the_undated_reports_are_for_the_last_working_day(
    transcript: list[dict],
) -> None:
    monday = [line for line in transcript if line["time"] < "2026-09-28T08:30"]
    replies = [line["text"] for line in monday if line["text"].startswith("✅ ")][-5:]

    assert replies[0] == "✅ 正阳营业所 9月24日 已记录：储蓄 28万元，保险 2万元，走访 10户"
    assert all(" 9月24日 已记录" in reply for reply in replies)


def test_mondays_bulletin_ranks_that_day_with_the_mornings_reports(
    transcript: list[dict],
) -> None:
    [bulletin] = [line for line in transcript if line["text"].startswith("📊 晨报｜9月24日")]

    assert bulletin["time"] == "2026-09-28T08:30:00+08:00"
    assert bulletin["text"].startswith("📊 晨报｜9月24日（周四） 网点积分排名")
    assert bulletin["text"].splitlines()[-1] == "⚠️ 未报：利民城营业所"


def test_mondays_reminder_names_only_the_branch_still_missing(transcript: list[dict]) -> None:
    monday, _, _ = [line for line in transcript if line["text"].startswith("⏰")]
    named = [line for line in monday["text"].splitlines() if line.startswith("• ")]

    assert monday["time"] == "2026-09-28T10:00:00+08:00"
    assert named == ["• 利民城营业所 利所长"]


def test_a_report_posted_by_mistake_is_undone(transcript: list[dict]) -> None:
    [undo] = [line for line in transcript if line["text"] == "/undo" and line["from"] == "四所长"]

    [reply] = _replies_to(transcript, undo)
    assert reply["text"] == "↩️ 已撤销 四明营业所 9月28日：走访 5户"


def test_a_managers_correction_names_whose_figure_it_replaced(transcript: list[dict]) -> None:
    [correction] = [line for line in transcript if line["text"] == "西环路 信用卡3张"]

    # The manager's /undo replies to it too: the bot's answer is the one from 战报.
    [reply] = [line for line in _replies_to(transcript, correction) if line["from"] == "战报"]
    assert reply["text"] == "✅ 西环路营业所 9月28日 已记录：信用卡 2→3张（原为西所长 08:10 所报）"


def test_undoing_the_correction_brings_back_the_heads_figure(transcript: list[dict]) -> None:
    [undo] = [line for line in transcript if line["text"] == "/undo" and line["from"] == "王总"]

    [reply] = _replies_to(transcript, undo)
    assert reply["text"] == (
        "↩️ 已撤销 西环路营业所 9月28日：信用卡 3→2张（恢复为西所长 08:10 所报的数据）"
    )


def test_a_report_after_the_bulletin_is_confirmed_as_late(transcript: list[dict]) -> None:
    [late] = [line for line in transcript if line["text"].startswith("📝")]

    assert late["text"].startswith("📝 利民城营业所 9月28日 已补报：储蓄 8万元")


def test_a_bulletin_is_posted_on_each_working_day_and_none_on_the_holiday(
    transcript: list[dict],
) -> None:
    times = [line["time"] for line in transcript if line["text"].startswith("📊 晨报")]

    assert times == [
        "2026-09-28T08:30:00+08:00",
        "2026-09-29T08:30:00+08:00",
        "2026-09-30T08:30:00+08:00",
    ]


def test_the_next_bulletin_shows_movers_and_the_late_report(transcript: list[dict]) -> None:
    [second] = [line for line in transcript if line["text"].startswith("📊 晨报｜9月29日")]

    # 正阳's 43 points of reports, and 2.5 from the figures in its album's caption.
    assert "🥇 正阳营业所 45.5分 ↑1" in second["text"]
    assert "📝 补报：利民城营业所 9月28日 储蓄8万元 理财20万元 走访6户" in second["text"]


def test_targets_set_by_command_and_by_sheet_are_confirmed(transcript: list[dict]) -> None:
    confirmations = [line["text"] for line in transcript if line["text"].startswith("🎯 已设定")]

    assert [text.splitlines()[0] for text in confirmations] == ["🎯 已设定 6 项目标："] * 2
    assert "• 正阳营业所 2026年9月 储蓄 270万元" in confirmations[0]
    assert "• 正阳营业所 2026年9月 积分 560分" in confirmations[1]


def test_the_monday_summary_reviews_the_week_before(transcript: list[dict]) -> None:
    [summary] = [line for line in transcript if line["text"].startswith("📊 周报｜9月21日")]

    assert summary["time"] == "2026-09-28T09:00:00+08:00"
    assert "🏆 前三：🥇正阳营业所" in summary["text"]
    # The 24th's figures, reported that morning before the summary, are in it.
    assert "全勤：姜家营业所、东城营业所、四明营业所、正阳营业所、西环路营业所" in summary["text"]
    assert "⚠️ 落后时间进度" in summary["text"]
    assert "　一点一策：每天走访周边商户20户，重点营销大额存单" in summary["text"]


def test_the_summary_charts_are_one_album_of_three_phone_sized_images(
    transcript: list[dict], demo_out: Path
) -> None:
    [album] = [line for line in transcript if line["text"] == "📈 9月21日—9月27日 图表"]

    assert len(album["photos"]) == 3
    for photo in album["photos"]:
        header = (demo_out / photo).read_bytes()[:24]
        assert struct.unpack(">II", header[16:24]) == (1080, 1440)


def test_the_monthly_summary_is_posted_on_the_next_months_first_working_day(
    transcript: list[dict],
) -> None:
    [monthly] = [line for line in transcript if line["text"].startswith("📊 月报｜2026年9月")]

    assert monthly["time"] == "2026-10-08T09:00:00+08:00"
    assert monthly["text"].splitlines()[0] == "📊 月报｜2026年9月（截至9月30日）"


def test_the_contest_made_in_one_message_is_confirmed(transcript: list[dict]) -> None:
    [form] = [line for line in transcript if line["text"].startswith("/pk new 9月储蓄保险PK")]

    [reply] = _replies_to(transcript, form)
    assert reply["text"].startswith("✅ PK赛已创建：9月储蓄保险PK")


def test_the_standings_are_posted_at_half_past_five_on_working_days(
    transcript: list[dict],
) -> None:
    posts = [line for line in transcript if line["text"].startswith("⚔️ PK赛战况｜9月储蓄保险PK")]

    assert [line["time"][:16] for line in posts] == [
        "2026-09-28T17:30",
        "2026-09-29T17:30",
        "2026-09-30T17:30",
    ]


def test_the_demo_ends_with_each_contests_result(transcript: list[dict]) -> None:
    first, second = transcript[-2:]

    assert first["time"] == "2026-10-08T17:30:00+08:00"
    assert first["text"].startswith("🏆 PK赛结果｜9月储蓄保险PK（9月1日—9月30日）")
    assert "🎁 奖励：获胜网点各奖励营销费用500元" in first["text"]
    assert second["text"].startswith("🏆 PK赛结果｜晨会PK")


def test_the_holiday_week_is_summarised_on_the_first_working_day(transcript: list[dict]) -> None:
    summary, photos, charts, sheet = [
        line for line in transcript if line["time"].startswith("2026-10-08T09")
    ][:4]

    assert summary["text"].startswith("📊 周报｜9月28日—10月4日")
    assert "🎯 2026年9月 目标完成（时间进度 100%）" in summary["text"]
    assert "正阳：0/3/0，共3" in photos["text"].splitlines()
    assert charts["photos"]
    assert sheet["text"] == "📷 9月28日—10月4日 走访照片一览（5张）"


def test_an_album_with_figures_in_its_caption_is_answered_once(transcript: list[dict]) -> None:
    [album] = [line for line in transcript if line["text"].endswith("走访 商户3户 客户信息5条")]

    [reply] = _replies_to(transcript, album)
    assert len(album["photos"]) == 3
    assert reply["text"].splitlines() == [
        "正阳 9月29日 走访照片 3张 ✓",
        "✅ 正阳营业所 9月29日 已记录：走访 3户，客户信息 5条",
    ]


def test_the_same_photo_sent_twice_is_counted_once(transcript: list[dict]) -> None:
    first, again = [line for line in transcript if line["photos"] == ["photos/911.jpg"]]

    assert _replies_to(transcript, first)[0]["text"] == "姜家 9月29日 走访照片 1张 ✓"
    assert _replies_to(transcript, again)[0]["text"] == "♻️ 1张以前发过（姜家 9月29日），不重复计数"


def test_an_old_camera_file_is_kept_but_flagged(transcript: list[dict]) -> None:
    [old] = [line for line in transcript if line["photos"] == ["photos/921.jpg"]]

    assert _replies_to(transcript, old)[0]["text"].splitlines()[1] == (
        "⚠️ 1张拍摄于9月18日，早于3天前，请核实"
    )


def test_the_reminder_names_the_branches_without_visit_photos(transcript: list[dict]) -> None:
    [reminder] = [line for line in transcript if line["time"] == "2026-09-30T10:00:00+08:00"]

    assert reminder["text"].splitlines()[-2] == (
        "📷 9月29日还没有走访照片：东城营业所、利民城营业所、四明营业所、西环路营业所"
    )


def test_the_weekly_contact_sheet_shows_the_weeks_photos(
    transcript: list[dict], demo_out: Path
) -> None:
    [sheet] = [line for line in transcript if "9月21日—9月27日 走访照片一览" in line["text"]]

    assert len(sheet["photos"]) == 2
    for page in sheet["photos"]:
        header = (demo_out / page).read_bytes()[:24]
        assert struct.unpack(">II", header[16:24]) == (1080, 1440)
