"""A list of names is written as the reply's language writes lists: 、 in Chinese, a comma
and a space in English, wherever the list comes from."""

from __future__ import annotations

from datetime import date

from bot.domain.catalogue import Catalogue
from bot.domain.parsing import Refusal, parse_report
from bot.domain.scores import ScoreProblem, read_score
from bot.rendering.contest_replies import score_reply
from bot.rendering.replies import problems
from bot.rendering.texts import Texts

TODAY = date(2026, 7, 28)
ZH, EN = Texts("zh-CN"), Texts("en")


def test_chinese_names_are_joined_with_the_enumeration_comma() -> None:
    assert ZH.names(["储蓄", "保险", "基金"]) == "储蓄、保险、基金"


def test_english_names_are_joined_with_a_comma_and_a_space() -> None:
    assert EN.names(["deposits", "insurance"]) == "deposits, insurance"


def test_a_list_handed_to_a_template_is_written_in_its_language() -> None:
    assert EN("rank.missing_title", branches=("正阳", "姜家")) == "Not reported: 正阳, 姜家"


def _bad_unit(catalogue: Catalogue) -> Refusal:
    result = parse_report("储蓄35张", catalogue=catalogue, today=TODAY, default_day=TODAY)
    assert isinstance(result, Refusal)
    return result


def test_a_wrong_units_refusal_lists_the_right_units_in_english(catalogue: Catalogue) -> None:
    [line] = problems(_bad_unit(catalogue).problems, EN)

    assert "(use: 万, 元)" in line


def test_a_wrong_units_refusal_lists_the_right_units_in_chinese(catalogue: Catalogue) -> None:
    [line] = problems(_bad_unit(catalogue).problems, ZH)

    assert "（可用：万、元）" in line


def test_a_score_without_its_item_lists_the_judged_items_in_english(
    catalogue: Catalogue,
) -> None:
    problem = read_score(["正阳", "9.5"], catalogue=catalogue, today=TODAY)
    assert isinstance(problem, ScoreProblem)

    assert score_reply(problem, EN, catalogue) == "Name what is judged: 晨会, 服务礼仪"


def test_chinese_phrases_with_figures_are_joined_with_a_comma() -> None:
    assert ZH.items(["储蓄 35万", "保险 2万"]) == "储蓄 35万，保险 2万"


def test_english_phrases_are_joined_as_english_lists_are() -> None:
    assert EN.items(["deposits 35", "insurance 2"]) == "deposits 35, insurance 2"
