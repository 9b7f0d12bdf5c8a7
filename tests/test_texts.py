"""Both languages say the same things, with the same fields to fill in."""

from __future__ import annotations

from string import Formatter

from bot.rendering.texts import EN, ZH, Texts


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def test_chinese_and_english_have_the_same_keys() -> None:
    assert set(ZH) == set(EN)


def test_each_key_takes_the_same_fields_in_both_languages() -> None:
    mismatched = [key for key in ZH if _fields(ZH[key]) != _fields(EN[key])]

    assert mismatched == []


def test_the_configured_language_chooses_the_template() -> None:
    assert Texts("zh-CN")("rank.points") == "积分"
    assert Texts("en")("rank.points") == "points"
