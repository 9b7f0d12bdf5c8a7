"""Every sentence the bot says, Chinese first and English second; imports nothing else."""

# Keys are grouped by the part of the bot that speaks. Templates use `str.format`
# fields; a test keeps both languages' keys and fields in step.

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.rendering.texts.en import EN
from bot.rendering.texts.en_contests import EN_CONTESTS
from bot.rendering.texts.en_health import EN_HEALTH
from bot.rendering.texts.en_help import EN_HELP
from bot.rendering.texts.en_photos import EN_PHOTOS
from bot.rendering.texts.zh import ZH
from bot.rendering.texts.zh_contests import ZH_CONTESTS
from bot.rendering.texts.zh_health import ZH_HEALTH
from bot.rendering.texts.zh_help import ZH_HELP
from bot.rendering.texts.zh_photos import ZH_PHOTOS

CATALOGUES: Mapping[str, Mapping[str, str]] = {
    "zh-CN": {**ZH, **ZH_HELP, **ZH_CONTESTS, **ZH_PHOTOS, **ZH_HEALTH},
    "en": {**EN, **EN_HELP, **EN_CONTESTS, **EN_PHOTOS, **EN_HEALTH},
}


@dataclass(frozen=True, slots=True)
class Texts:
    """The templates of one language, filled in by key."""

    language: str

    def __call__(self, key: str, /, **fields: object) -> str:
        """A field given as a tuple is a list of names, written as the language writes
        lists, so the domain hands over names and never a separator."""
        listed = {k: self.names(v) for k, v in fields.items() if isinstance(v, tuple)}
        return CATALOGUES[self.language][key].format(**(fields | listed))

    def names(self, items: Iterable[str]) -> str:
        """A list of names as the language writes it: 储蓄、保险 / deposit, insurance."""
        return CATALOGUES[self.language]["list.separator"].join(items)

    def items(self, items: Iterable[str]) -> str:
        """A list of phrases, each with its own figure: 储蓄 35万，保险 2万 / ..., ...; Chinese
        separates phrases with a comma where it separates names with 、."""
        return CATALOGUES[self.language]["list.item_separator"].join(items)
