"""Properties of the parser over inputs no table could list."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.config.settings import load
from bot.domain.parsing import Entry, Refusal, Report, format_report, parse_report

CATALOGUE = load(
    Path(__file__).resolve().parent.parent / "config.example.toml", environ={}
).catalogue
TODAY = date(2026, 7, 28)
VOCABULARY = sorted(
    {alias for m in CATALOGUE.metrics for alias in m.aliases}
    | {spelling for b in CATALOGUE.branches for spelling in b.spellings}
    | {u for m in CATALOGUE.metrics for u in m.units}
    | {
        "万",
        "元",
        "w",
        "千",
        "亿",
        "无",
        "新增",
        "备注",
        "昨天",
        "7月27日",
        "7/27",
        "①",
        "三十五",
        "，",
        "：",
        "-",
        "+",
        "\n",
        " ",
        "1.",
        "、",
    }
)
pieces = st.one_of(
    st.sampled_from(VOCABULARY), st.integers(-99999, 99999).map(str), st.text(max_size=3)
)


def _parse(text: str) -> Report | Refusal | None:
    return parse_report(
        text, catalogue=CATALOGUE, today=TODAY, default_day=TODAY - timedelta(days=1)
    )


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_the_parser_never_raises_on_any_text(text: str) -> None:
    _parse(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=30).map("".join))
def test_the_parser_never_raises_on_report_like_text(text: str) -> None:
    _parse(text)


def _values(metric_keys: list[str]) -> st.SearchStrategy[dict[str, float]]:
    def value(key: str) -> st.SearchStrategy[float]:
        metric = CATALOGUE.metric(key)
        low = -100_000 if metric.may_be_negative else 0
        if metric.is_money:
            return st.integers(low, 100_000).map(lambda n: n / 100)
        return st.integers(0, 100_000).map(float)

    return st.fixed_dictionaries({key: value(key) for key in metric_keys})


entries = st.tuples(
    st.sampled_from([None, *[b.name for b in CATALOGUE.branches]]),
    # Judged metrics (晨会) are scored with /score, never reported.
    st.lists(
        st.sampled_from([m.key for m in CATALOGUE.metrics if not m.is_judged]),
        min_size=1,
        unique=True,
    ).flatmap(_values),
)
# The sender's own branch (None) can only come first: a line without a branch
# belongs to the branch named above it.
reports = st.builds(
    lambda day, items: Report(
        day,
        tuple(Entry(b, v) for b, v in sorted(items, key=lambda item: item[0] is not None)),
    ),
    st.dates(min_value=date(2024, 1, 1), max_value=TODAY),
    st.lists(entries, min_size=1, max_size=6, unique_by=lambda item: item[0]),
)


@settings(max_examples=200, deadline=None)
@given(reports)
def test_formatting_a_report_and_reading_it_back_gives_the_same_figures(report: Report) -> None:
    assert _parse(format_report(report, CATALOGUE)) == report


ALIASES = sorted({alias for m in CATALOGUE.metrics for alias in m.aliases}, key=len)
WORDS_BUT_ALIASES = [w for w in VOCABULARY if w not in ALIASES] + [
    "本月", "累计", "任务", "目标", "排名", "第", "每人", "大家加油", "手机行", "储畜",
]  # fmt: skip
chatter = st.one_of(
    st.sampled_from(WORDS_BUT_ALIASES), st.integers(-99999, 99999).map(str), st.text(max_size=3)
)


@settings(max_examples=300, deadline=None)
@given(st.lists(chatter, max_size=20).map("".join))
def test_a_message_without_an_alias_is_never_a_report_and_refused_only_for_a_typo(
    text: str,
) -> None:
    assume(not any(alias in text for alias in ALIASES))

    result = _parse(text)

    assert not isinstance(result, Report)
    if isinstance(result, Refusal):
        assert {p.code for p in result.problems} == {"unknown_metric_close"}
