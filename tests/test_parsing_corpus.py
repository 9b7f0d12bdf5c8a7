"""Every case of tests/data/*.jsonl, read by the parser itself: the shared corpus
(reports.jsonl, copied from shared/corpus) and what people type in groups
(what_people_type.jsonl: announcements, totals, typos, chains)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest

from bot.domain.catalogue import Catalogue
from bot.domain.parsing import Refusal, Report, parse_report
from bot.rendering.texts import Texts
from tests.conftest import ROOT

CASES = [
    json.loads(line)
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def _read(case: dict[str, Any], catalogue: Catalogue) -> Report | Refusal | None:
    now = datetime.fromisoformat(case["now"])
    today = now.date()
    return parse_report(
        case["text"], catalogue=catalogue, today=today, default_day=today - timedelta(days=1)
    )


@pytest.mark.parametrize("case", CASES, ids=[case["text"] for case in CASES])
def test_the_corpus_case_reads_as_expected(case: dict[str, Any], catalogue: Catalogue) -> None:
    result, expect = _read(case, catalogue), case["expect"]

    if expect["kind"] == "none":
        assert result is None
    elif expect["kind"] == "error":
        assert isinstance(result, Refusal)
        texts = Texts("zh-CN")
        lines = [texts(f"problem.{p.code}", **p.params) for p in result.problems]
        assert any(expect["mentions"] in line for line in lines), lines
    else:
        assert isinstance(result, Report)
        assert result.day.isoformat() == expect["date"]
        assert [(e.branch, e.values) for e in result.entries] == [
            (e["branch"], e["values"]) for e in expect["entries"]
        ]
