"""Numbers as people write them next to a metric, turned into the metric's display unit.

The rule of PRODUCT.md: a numeral holding 千, 万 or 亿 (in digits or in Chinese)
is an absolute amount (元 for money), any other number is already in the
display unit. So 储蓄35 is 35万元, 储蓄350000元 and 储蓄三十五万 are too, and
储蓄五千 is 0.5万元.
"""

from __future__ import annotations

import re

import cn2an

from bot.domain.catalogue import Metric

YUAN_PER_WAN = 10_000
# A day's figure of 10,000万元 (1亿) or more without a unit is a unit left out.
PLAUSIBLE_WAN = 10_000
MONEY_UNITS = ("元", "块钱", "块")
# Words that stand after a number as its unit in these chats; one outside the
# metric's own units is refused rather than silently read as the display unit.
MEASURE_WORDS = ("件", "个", "张", "户", "份", "条", "笔", "家", "人", "次", "单", "只", "台", "%")
MULTIPLIERS = {"亿": 100_000_000, "万": 10_000, "千": 1_000, "百": 100}
_LATIN_MULTIPLIERS = str.maketrans({"w": "万", "W": "万", "k": "千", "K": "千"})

ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE_DIGITS = "零〇一二两三四五六七八九"
CHINESE = rf"[{_CHINESE_DIGITS}十][{_CHINESE_DIGITS}十百千万亿]*(?:点[{_CHINESE_DIGITS}]+)?"
# 35万, 3.5w, 3万5千, 三十五万, 35 万: a number, then multipliers with optional digits.
NUMERAL = rf"(?:{ARABIC}|{CHINESE})(?:\s?[万千亿wWkK](?:{ARABIC}|{CHINESE})?)*"
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
_SMALL = re.compile(r"(?P<head>\d+(?:\.\d+)?)(?P<unit>[千百])(?P<rest>.*)")
_PRECISION = 6


class NotANumber(ValueError):
    """The text looked like a numeral but is not one (e.g. 十十)."""


def evaluate(numeral: str) -> tuple[float, bool]:
    """The value of a numeral, and whether it holds 千/万/亿 (an absolute amount)."""
    text = numeral.replace(",", "").replace(" ", "").translate(_LATIN_MULTIPLIERS)
    if _PLAIN.fullmatch(text):
        return float(text), False
    absolute = any(unit in text for unit in "千万亿")
    return _mixed(text), absolute


def display_value(metric: Metric, value: float, *, absolute: bool, unit: str | None) -> float:
    """The value in the metric's display unit (万元 for money)."""
    if metric.is_money and (absolute or unit in MONEY_UNITS):
        value /= YUAN_PER_WAN
    return round(value, _PRECISION)


def implausible(metric: Metric, value: float, *, absolute: bool, unit: str | None) -> bool:
    """储蓄350000 with no unit would be 35亿: surely 元 with the unit left out, so ask."""
    return metric.is_money and not absolute and unit is None and abs(value) >= PLAUSIBLE_WAN


def accepted_units(metric: Metric) -> tuple[str, ...]:
    """What may follow a number of this metric; what the refusal lists."""
    return ("万", *MONEY_UNITS[:1]) if metric.is_money else metric.units


def fits(metric: Metric, unit: str | None) -> bool:
    if unit is None:
        return True
    return unit in MONEY_UNITS if metric.is_money else unit in metric.units


def _mixed(text: str) -> float:
    """3万5千, 1.2万, 三十五万, 3万5 (= 3.5万): split at 亿 and 万, then read each part."""
    total = 0.0
    for unit in ("亿", "万"):
        if unit in text:
            head, text = text.split(unit, 1)
            text = text.lstrip("零〇")  # 十万零五百: the 零 only marks a skipped place
            scale = MULTIPLIERS[unit]
            total += _small(head) * scale if head else scale
            if len(text) == 1 and (text.isdigit() or text in _CHINESE_DIGITS):
                # Spoken shorthand: 3万5 and 三万五 are 3万5千, not 3万零5.
                return total + _small(text) * scale / 10
    return total + (_small(text) if text else 0.0)


def _small(text: str) -> float:
    if _PLAIN.fullmatch(text):
        return float(text)
    if match := _SMALL.fullmatch(text):
        rest = match["rest"]
        return float(match["head"]) * MULTIPLIERS[match["unit"]] + (_small(rest) if rest else 0.0)
    try:
        return float(cn2an.cn2an(text, "normal"))
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise NotANumber(text) from error
