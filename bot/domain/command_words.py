"""The words commands take after their name, in Chinese and in English.

`/progress 季`, `/chart 周报`, `/post 晨报` and `/pk 结束` are typed by people who think in
either language; what each word means is a rule of the product, not of
Telegram, so it lives here beside the target and contest readers.
"""

from __future__ import annotations

from enum import StrEnum

from bot.domain.periods import PeriodKind
from bot.domain.schedule import PostKind


class PkAction(StrEnum):
    """What `/pk` is asked to do; without one of these words it shows the standings."""

    NEW = "new"
    END = "end"
    CANCEL = "cancel"
    HELP = "help"


PERIOD_WORDS = {
    "周": PeriodKind.WEEK, "本周": PeriodKind.WEEK, "week": PeriodKind.WEEK,
    "月": PeriodKind.MONTH, "本月": PeriodKind.MONTH, "month": PeriodKind.MONTH,
    "季": PeriodKind.QUARTER, "季度": PeriodKind.QUARTER, "quarter": PeriodKind.QUARTER,
    # The progress words themselves ask for the default table, the month's.
    "序时进度": PeriodKind.MONTH, "时间进度": PeriodKind.MONTH, "进度": PeriodKind.MONTH,
}  # fmt: skip
"""`/progress` periods."""

CHART_WORDS = {
    "week": PostKind.WEEKLY, "周": PostKind.WEEKLY, "周报": PostKind.WEEKLY,
    "month": PostKind.MONTHLY, "月": PostKind.MONTHLY, "月报": PostKind.MONTHLY,
}  # fmt: skip
"""`/chart` summaries."""

POST_WORDS = {
    **{kind.value: kind for kind in PostKind},
    "晨报": PostKind.MORNING, "bulletin": PostKind.MORNING,
    "催报": PostKind.REMINDER, "二次催报": PostKind.SECOND_REMINDER,
    "周报": PostKind.WEEKLY, "月报": PostKind.MONTHLY, "PK赛战况": PostKind.PK,
}  # fmt: skip
"""`/post` kinds: each post's name in the configuration, and what the group calls it."""

PK_WORDS = {
    "new": PkAction.NEW, "新建": PkAction.NEW,
    "end": PkAction.END, "结束": PkAction.END,
    "cancel": PkAction.CANCEL, "取消": PkAction.CANCEL,
    "help": PkAction.HELP, "帮助": PkAction.HELP,
}  # fmt: skip
"""`/pk` subcommands."""


def period_word(word: str) -> PeriodKind | None:
    return PERIOD_WORDS.get(word.strip().lower())


def post_word(word: str) -> PostKind | None:
    return POST_WORDS.get(word.strip()) or POST_WORDS.get(word.strip().lower())


def chart_word(word: str) -> PostKind | None:
    return CHART_WORDS.get(word.strip().lower())


def pk_word(word: str) -> PkAction | None:
    return PK_WORDS.get(word.strip().lower())
