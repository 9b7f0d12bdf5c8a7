"""Figures and statements sought by their (branch, day, metric) keys, as a message's few
figures are: one statement, built once, for any number of keys, by the key's index."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, bindparam

from bot.domain.changes import FigureKey


def by_keys(table: Table) -> ColumnElement[bool]:
    """Rows of `table` within the keys' branches, days and metrics: a superset of the
    keys themselves, which the caller keeps (a few rows more at most, never a scan)."""
    return and_(
        table.c.branch_id.in_(bindparam("branches", expanding=True)),
        table.c.day.in_(bindparam("days", expanding=True)),
        table.c.metric.in_(bindparam("metrics", expanding=True)),
    )


def sought(keys: Collection[FigureKey], ids: Mapping[str, int]) -> dict[str, list[Any]]:
    """The parameters of `by_keys` for `keys`, branches by their ids."""
    return {
        "branches": sorted({ids[branch] for branch, _, _ in keys}),
        "days": sorted({day for _, day, _ in keys}),
        "metrics": sorted({metric for _, _, metric in keys}),
    }
