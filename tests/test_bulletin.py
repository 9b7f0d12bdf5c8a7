"""The morning bulletin for a fixed data set: ranking, ties, movers, month to date, 未报."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from bot.domain.bulletin import Bulletin, build_bulletin
from bot.domain.catalogue import Catalogue
from bot.rendering.posts import MESSAGE_LIMIT, bulletin_messages, reminder_text, split
from bot.rendering.texts import Texts

MONDAY, FRIDAY = date(2026, 7, 27), date(2026, 7, 24)
ZH = Texts("zh-CN")
FIGURES = {
    FRIDAY: {
        "正阳营业所": {"deposit": 50},
        "姜家营业所": {"deposit": 10},
        "东城营业所": {"deposit": 5},
    },
    MONDAY: {
        "姜家营业所": {"deposit": 20, "other_bank": 15, "visits": 8},
        "正阳营业所": {"deposit": 20, "insurance": 0},
        "东城营业所": {"deposit": 20},
        "四明营业所": {"deposit": 3},
    },
}


def summed(*days: Mapping[str, Mapping[str, float]]) -> dict[str, dict[str, float]]:
    """Each branch's figures of `days` added up, as storage sums a span."""
    sums: dict[str, dict[str, float]] = {}
    for figures in days:
        for branch, values in figures.items():
            for key, value in values.items():
                sums.setdefault(branch, {})[key] = sums.get(branch, {}).get(key, 0.0) + value
    return sums


def _bulletin(catalogue: Catalogue) -> Bulletin:
    return build_bulletin(
        day=MONDAY,
        previous_day=FRIDAY,
        today=FIGURES[MONDAY],
        before=FIGURES[FRIDAY],
        month=summed(FIGURES[FRIDAY], FIGURES[MONDAY]),
        catalogue=catalogue,
        main_metrics=("deposit", "other_bank", "insurance"),
    )


def test_branches_are_ranked_by_the_days_points_ties_sharing_a_rank(catalogue: Catalogue) -> None:
    rows = _bulletin(catalogue).rows

    assert [(r.rank, r.branch, r.points) for r in rows] == [
        (1, "姜家营业所", 54),
        (2, "东城营业所", 20),
        (2, "正阳营业所", 20),
        (4, "四明营业所", 3),
    ]


def test_movers_are_measured_against_the_previous_report_day(catalogue: Catalogue) -> None:
    movement = {r.branch: r.movement for r in _bulletin(catalogue).rows}

    assert movement == {"姜家营业所": 1, "东城营业所": 1, "正阳营业所": -1, "四明营业所": None}


def test_the_month_so_far_adds_every_day_of_the_month(catalogue: Catalogue) -> None:
    month = {r.branch: (r.month_points, r.month_rank) for r in _bulletin(catalogue).rows}

    assert month == {
        "正阳营业所": (70, 1),
        "姜家营业所": (64, 2),
        "东城营业所": (25, 3),
        "四明营业所": (3, 4),
    }


def test_branches_without_figures_are_listed_as_not_reported(catalogue: Catalogue) -> None:
    assert _bulletin(catalogue).missing == ("利民城营业所", "西环路营业所")


def test_the_bulletin_reads_as_a_phone_shows_it(catalogue: Catalogue) -> None:
    [text] = bulletin_messages(_bulletin(catalogue), ZH, catalogue)

    assert text.splitlines() == [
        "📊 <b>晨报｜7月27日（周一） 网点积分排名</b>",
        "🥇 <b>姜家营业所</b> 54分 ↑1",
        "　　储蓄20万元 他行揽储15万元｜本月64分 第2",
        "🥈 <b>东城营业所</b> 20分 ↑1",
        "　　储蓄20万元｜本月25分 第3",
        "🥈 <b>正阳营业所</b> 20分 ↓1",
        "　　储蓄20万元 保险0万元｜本月70分 第1",
        "4. <b>四明营业所</b> 3分 🆕",
        "　　储蓄3万元｜本月3分 第4",
        "⚠️ 未报：利民城营业所、西环路营业所",
    ]


def test_a_long_bulletin_is_split_between_lines_within_telegrams_limit() -> None:
    lines = [f"{i}. " + "网点" * 40 for i in range(300)]

    messages = split(lines, continued="（续）")

    assert len(messages) > 1
    assert all(len(m) <= MESSAGE_LIMIT for m in messages)
    assert messages[1].startswith("（续）\n")
    assert sum(m.count("网点" * 40) for m in messages) == 300


def test_names_are_escaped_for_html() -> None:
    text = reminder_text(date(2026, 7, 27), [("A&B<所>", [(7, "王<总>")])], ZH)

    assert "A&amp;B&lt;所&gt;" in text
    assert '<a href="tg://user?id=7">王&lt;总&gt;</a>' in text


def test_the_reminder_mentions_the_heads_of_each_missing_branch() -> None:
    text = reminder_text(
        date(2026, 7, 27), [("东城营业所", [(200002, "东所长")]), ("西环路营业所", [])], ZH
    )

    assert text.splitlines() == [
        "⏰ 7月27日的数据还没报：",
        '• 东城营业所 <a href="tg://user?id=200002">东所长</a>',
        "• 西环路营业所",
        "请尽快在群里上报，谢谢！",
    ]


def test_a_line_longer_than_a_message_is_cut_rather_than_refused_by_telegram() -> None:
    messages = split(["x" * 5000, "y"], continued="（续）")

    assert all(0 < len(m) <= MESSAGE_LIMIT for m in messages)
    assert (
        "".join(m.removeprefix("（续）\n") for m in messages).replace("\n", "") == "x" * 5000 + "y"
    )


def test_months_of_equal_figures_tie_however_their_days_add_up(catalogue: Catalogue) -> None:
    friday = {"正阳营业所": {"deposit": 0.1}, "姜家营业所": {"deposit": 0.3}}
    monday = {"正阳营业所": {"deposit": 0.2}, "姜家营业所": {"deposit": 0.0}}

    bulletin = build_bulletin(
        day=MONDAY,
        previous_day=FRIDAY,
        today=monday,
        before=friday,
        month=summed(friday, monday),
        catalogue=catalogue,
        main_metrics=("deposit",),
    )

    month = {r.branch: (r.month_points, r.month_rank) for r in bulletin.rows}
    assert month == {"正阳营业所": (0.3, 1), "姜家营业所": (0.3, 1)}
