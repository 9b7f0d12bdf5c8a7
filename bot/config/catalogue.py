"""The metric catalogue and the branches, read from [[metrics]] and [[branches]]: each
metric and branch checked whole, and no word left naming two of them."""

from __future__ import annotations

import re
from typing import TypeVar

from bot.config.reader import ConfigError, Table
from bot.domain.catalogue import Branch, Catalogue, Metric, MetricKind

_METRIC_KEY = re.compile(r"[a-z][a-z0-9_]*")
T = TypeVar("T")


def read_catalogue(root: Table) -> Catalogue:
    catalogue = Catalogue(
        metrics=_unique(tuple(_metric(t) for t in root.tables("metrics")), "metrics", "key"),
        branches=_unique(tuple(_branch(t) for t in root.tables("branches")), "branches", "name"),
    )
    if not catalogue.metrics:
        raise ConfigError("metrics: at least one [[metrics]] entry is required")
    _no_shared_words(catalogue)
    return catalogue


def _metric(table: Table) -> Metric:
    key = table.str("key", required=True)
    if not _METRIC_KEY.fullmatch(key):
        raise table.fail("key", f"must be lower-case letters, digits and _, got {key!r}")
    kind = MetricKind(table.choice("kind", tuple(MetricKind), "count"))
    name = table.str("name", required=True)
    units = table.str_list("units")
    default_unit = {MetricKind.MONEY: "万元", MetricKind.JUDGED: "分"}.get(kind, "")
    unit = table.str("unit", default_unit or (units[0] if units else ""))
    if kind is MetricKind.COUNT and not unit:
        raise table.fail("unit", "is required for a count metric")
    if kind is not MetricKind.MONEY and unit not in units:
        units = (unit, *units)
    metric = Metric(
        key=key,
        name=name,
        unit=unit,
        aliases=tuple(dict.fromkeys((name, *table.str_list("aliases")))),
        points=table.number("points", 0.0),
        kind=kind,
        may_be_negative=table.bool("may_be_negative"),
        units=units,
        kinds=table.str_list("kinds"),
    )
    table.reject_unknown()
    return metric


def _branch(table: Table) -> Branch:
    branch = Branch(
        name=table.str("name", required=True),
        short_name=table.str("short_name", required=True),
        aliases=table.str_list("aliases"),
        group=table.str("group"),
    )
    table.reject_unknown()
    return branch


def _no_shared_words(catalogue: Catalogue) -> None:
    """One word may name one metric or one branch: otherwise the parser would guess."""
    owners: dict[str, str] = {}
    names = [(f"metrics[{i}]", m.aliases) for i, m in enumerate(catalogue.metrics)]
    names += [(f"branches[{i}]", b.spellings) for i, b in enumerate(catalogue.branches)]
    for owner, words in names:
        for word in words:
            if owners.setdefault(word, owner) != owner:
                raise ConfigError(f"{owner}: {word!r} already names {owners[word]}")


def _unique(items: tuple[T, ...], section: str, attribute: str) -> tuple[T, ...]:
    seen: set[object] = set()
    for index, item in enumerate(items):
        value = getattr(item, attribute)
        if value in seen:
            raise ConfigError(f"{section}[{index}].{attribute}: {value!r} appears twice")
        seen.add(value)
    return items
