"""Both languages say the same things, with the same fields to fill in: the general
texts, the contests' and the photos', each part against its counterpart."""

from __future__ import annotations

from collections.abc import Mapping
from string import Formatter

import pytest

from bot.rendering.texts import EN, ZH, Texts
from bot.rendering.texts.en_contests import EN_CONTESTS
from bot.rendering.texts.en_help import EN_HELP
from bot.rendering.texts.en_photos import EN_PHOTOS
from bot.rendering.texts.zh_contests import ZH_CONTESTS
from bot.rendering.texts.zh_help import ZH_HELP
from bot.rendering.texts.zh_photos import ZH_PHOTOS

PARTS = pytest.mark.parametrize(
    ("chinese", "english"),
    [
        pytest.param(ZH, EN, id="texts"),
        pytest.param(ZH_HELP, EN_HELP, id="help"),
        pytest.param(ZH_CONTESTS, EN_CONTESTS, id="contests"),
        pytest.param(ZH_PHOTOS, EN_PHOTOS, id="photos"),
    ],
)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


@PARTS
def test_chinese_and_english_have_the_same_keys(
    chinese: Mapping[str, str], english: Mapping[str, str]
) -> None:
    assert set(chinese) == set(english)


@PARTS
def test_each_key_takes_the_same_fields_in_both_languages(
    chinese: Mapping[str, str], english: Mapping[str, str]
) -> None:
    mismatched = [key for key in chinese if _fields(chinese[key]) != _fields(english[key])]

    assert mismatched == []


def test_no_part_hides_a_key_of_another() -> None:
    """The parts are merged into one catalogue per language: a key in two would be lost."""
    for parts in ((ZH, ZH_HELP, ZH_CONTESTS, ZH_PHOTOS), (EN, EN_HELP, EN_CONTESTS, EN_PHOTOS)):
        keys = [key for part in parts for key in part]
        assert len(keys) == len(set(keys))


def test_the_configured_language_chooses_the_template() -> None:
    assert Texts("zh-CN")("rank.points") == "积分"
    assert Texts("en")("rank.points") == "points"
