"""The words after a command mean the same typed in Chinese or English, in any case."""

from __future__ import annotations

import pytest

from bot.domain.command_words import PkAction, chart_word, period_word, pk_word, post_word
from bot.domain.periods import PeriodKind
from bot.domain.schedule import PostKind


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("月", PeriodKind.MONTH),
        ("本周", PeriodKind.WEEK),
        ("季度", PeriodKind.QUARTER),
        ("Quarter", PeriodKind.QUARTER),
        ("week", PeriodKind.WEEK),
    ],
)
def test_progress_takes_a_period_in_either_language(word: str, kind: PeriodKind) -> None:
    assert period_word(word) is kind


def test_progress_knows_no_year() -> None:
    assert period_word("年") is None


@pytest.mark.parametrize(
    ("word", "kind"),
    [("周报", PostKind.WEEKLY), ("月", PostKind.MONTHLY), ("MONTH", PostKind.MONTHLY)],
)
def test_chart_takes_the_summary_it_posts(word: str, kind: PostKind) -> None:
    assert chart_word(word) is kind


def test_chart_is_not_the_morning_bulletin() -> None:
    assert chart_word("晨报") is None


@pytest.mark.parametrize(
    ("word", "action"),
    [
        ("新建", PkAction.NEW),
        ("结束", PkAction.END),
        ("取消", PkAction.CANCEL),
        ("帮助", PkAction.HELP),
        ("End", PkAction.END),
    ],
)
def test_pk_subcommands_read_in_either_language(word: str, action: PkAction) -> None:
    assert pk_word(word) is action


def test_a_contest_name_after_pk_is_no_subcommand() -> None:
    assert pk_word("储蓄PK") is None


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("morning", PostKind.MORNING),
        ("晨报", PostKind.MORNING),
        ("催报", PostKind.REMINDER),
        ("二次催报", PostKind.SECOND_REMINDER),
        ("Weekly", PostKind.WEEKLY),
        ("PK赛战况", PostKind.PK),
    ],
)
def test_post_takes_a_posts_name_in_the_configuration_or_in_the_group(
    word: str, kind: PostKind
) -> None:
    assert post_word(word) is kind


def test_post_knows_no_other_word() -> None:
    assert post_word("战报") is None


@pytest.mark.parametrize("word", ["序时进度", "时间进度"])
def test_progress_named_by_its_own_words_is_the_months(word: str) -> None:
    assert period_word(word) is PeriodKind.MONTH
