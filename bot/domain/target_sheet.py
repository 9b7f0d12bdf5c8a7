"""Reading targets from an uploaded sheet, in either layout managers keep them in:

    long, one target a row:    网点 | 指标 | 目标 | 周期 | 开始
    wide, one branch a row:    网点 | 储蓄 | 保险 | … | 周期

The first non-empty row is the header, in Chinese or English. Rows keep the
numbers Excel shows, so a problem points at the row to fix. A row whose branch
cell says 合计 is the sheet's own total and is skipped, and an empty cell of the
wide layout is no target rather than a missing one. 周期 gives the kind of
period (本月 when there is no such column or the cell is empty), 开始 a day in
it (today's period when empty).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain import amounts
from bot.domain.catalogue import Catalogue, Metric
from bot.domain.line_reading import NEGATIVE_SIGNS
from bot.domain.periods import Period, PeriodKind, period_containing
from bot.domain.scanner import SIGNS
from bot.domain.target_terms import (
    Collector,
    ProblemCode,
    TargetInput,
    calendar_day,
    find_measure,
    read_period,
    read_value,
    target_value,
)
from bot.domain.targets import Target

COLUMNS = {
    **dict.fromkeys(("网点", "网点名称", "营业所", "支行", "机构", "branch"), "branch"),
    **dict.fromkeys(("指标", "指标名称", "项目", "metric"), "metric"),
    **dict.fromkeys(("目标", "目标值", "任务", "计划", "target", "value"), "value"),
    **dict.fromkeys(("周期", "期间", "月份", "period"), "period"),
    **dict.fromkeys(("开始", "开始日期", "起始", "起始日期", "start"), "start"),
}
# Columns a wide sheet may hold beside its metrics; any other unknown column is a
# metric mistyped, which would otherwise be dropped without a word.
IGNORED_COLUMNS = frozenset({"序号", "编号", "备注", "说明", "合计", "小计", "no", "no.", "#"})
TOTAL_ROWS = frozenset({"合计", "总计", "小计", "total"})
UNIT_NOTE = re.compile(r"\(.*\)$")  # 储蓄(万元), after NFKC folded （）
TARGET_SUFFIX = re.compile(r"(?:目标|任务|计划)值?$")  # 储蓄目标 is the 储蓄 column
DAY = re.compile(
    r"(?P<year>\d{4})[-/.年](?P<month>\d{1,2})(?:[-/.月](?P<day>\d{1,2})[日号]?|月份?)?"
)
CELL_VALUE = re.compile(rf"(?P<sign>{SIGNS})?\s*(?P<numeral>{amounts.NUMERAL})\s*(?P<unit>\D*)")


def read_target_rows(
    rows: Sequence[Sequence[object]], *, catalogue: Catalogue, today: date
) -> TargetInput:
    """Every target of a sheet, and every problem in it, by the sheet's row number.

    Cells are what openpyxl or csv give: str, int, float, date, datetime or None.
    """
    sink = Collector()
    filled = [(number, row) for number, row in enumerate(rows, start=1) if any(map(_text, row))]
    if not filled:
        sink.refuse(1, ProblemCode.NO_HEADER, "")
        return sink.result()
    (header_row, header), *body = filled
    layout = _layout(header, catalogue=catalogue)
    if layout is None:
        sink.refuse(header_row, ProblemCode.NO_HEADER, _row_text(header))
        return sink.result()
    for name in layout.unknown:
        sink.refuse(header_row, ProblemCode.UNKNOWN_METRIC, name)
    rows_reader = _Rows(layout=layout, catalogue=catalogue, today=today, sink=sink)
    for number, row in body:
        rows_reader.read(number, row)
    return sink.result()


@dataclass(frozen=True, slots=True)
class _Layout:
    columns: dict[str, int]
    """Role (branch, metric, value, period, start) → column index."""
    metrics: dict[int, Metric]
    """The wide layout's metric columns; empty in the long layout."""
    unknown: tuple[str, ...]
    """Wide-layout header words that name nothing."""


def _layout(header: Sequence[object], *, catalogue: Catalogue) -> _Layout | None:
    """Where each part of a target is, or None when the row is no header of either layout."""
    columns: dict[str, int] = {}
    metrics: dict[int, Metric] = {}
    unknown: list[str] = []
    for column, cell in enumerate(header):
        name = UNIT_NOTE.sub("", _text(cell)).replace(" ", "")
        if not name or name.lower() in IGNORED_COLUMNS:
            continue
        if role := COLUMNS.get(name.lower()):
            columns.setdefault(role, column)
        elif metric := find_measure(catalogue, TARGET_SUFFIX.sub("", name) or name):
            metrics[column] = metric
        else:
            unknown.append(name)
    long = "metric" in columns and "value" in columns
    wide = bool(metrics) and not {"metric", "value"} & columns.keys()
    if "branch" not in columns or not (long or wide):
        return None
    return _Layout(columns, metrics if wide else {}, tuple(unknown) if wide else ())


@dataclass(frozen=True, slots=True)
class _Rows:
    """Reads the rows below one header."""

    layout: _Layout
    catalogue: Catalogue
    today: date
    sink: Collector

    def read(self, number: int, row: Sequence[object]) -> None:
        branch_word = _text(self._cell(row, "branch"))
        if branch_word.lower() in TOTAL_ROWS:
            return
        branch = self.catalogue.find_branch(branch_word) if branch_word else None
        if branch is None:
            code = ProblemCode.UNKNOWN_BRANCH if branch_word else ProblemCode.MISSING_BRANCH
            self.sink.refuse(number, code, branch_word or _row_text(row))
        period = self._period(number, row)
        for metric, cell in self._cells(number, row):
            value = _value(metric, cell)
            if isinstance(value, ProblemCode):
                self.sink.refuse(number, value, _text(cell))
            elif branch is not None and period is not None:
                target = Target(branch.name, metric.key, period, value)
                self.sink.add(target, row=number, word=f"{branch.short_name} {metric.name}")

    def _cell(self, row: Sequence[object], role: str) -> object:
        column = self.layout.columns.get(role)
        return row[column] if column is not None and column < len(row) else None

    def _cells(self, number: int, row: Sequence[object]) -> list[tuple[Metric, object]]:
        """The row's targets to read, each with its metric; the long layout's own
        problems (no metric, an unknown one, no value) are refused here."""
        if self.layout.metrics:
            return [
                (metric, row[column])
                for column, metric in self.layout.metrics.items()
                if column < len(row) and _text(row[column])
            ]
        word, cell = _text(self._cell(row, "metric")), self._cell(row, "value")
        metric = find_measure(self.catalogue, word)
        if not word:
            self.sink.refuse(number, ProblemCode.MISSING_METRIC, _row_text(row))
        elif metric is None:
            self.sink.refuse(number, ProblemCode.UNKNOWN_METRIC, word)
        elif not _text(cell):
            self.sink.refuse(number, ProblemCode.MISSING_VALUE, word)
        else:
            return [(metric, cell)]
        return []

    def _period(self, number: int, row: Sequence[object]) -> Period | None:
        kind, day = PeriodKind.MONTH, None
        if named := _text(self._cell(row, "period")):
            # Excel turns a typed 2026-10 into a date: a date here names its month.
            read = read_period(named, self.today) or _month_of(named)
            if read is None:
                self.sink.refuse(number, ProblemCode.BAD_PERIOD, named)
                return None
            kind, day = read
        if start_word := _text(self._cell(row, "start")):
            start = _day(start_word)
            if start is None:
                self.sink.refuse(number, ProblemCode.BAD_PERIOD, start_word)
                return None
            if day is not None and period_containing(kind, day) != period_containing(kind, start):
                self.sink.refuse(number, ProblemCode.START_OUTSIDE_PERIOD, start_word)
                return None
            day = start
        return period_containing(kind, day or self.today)


def _value(metric: Metric, cell: object) -> float | ProblemCode:
    """A cell as a target. A spreadsheet number is in the display unit, as a bare number
    typed in a message is; text (200万, 2000000元) is read as the command reads it."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return target_value(metric, float(cell), absolute=False, unit=None)
    match = CELL_VALUE.fullmatch(_text(cell))
    if match is None:
        return ProblemCode.BAD_VALUE
    return read_value(
        metric,
        numeral=match["numeral"],
        unit=match["unit"].strip() or None,
        negative=match["sign"] in NEGATIVE_SIGNS,
    )


def _day(text: str) -> date | None:
    match = DAY.fullmatch(text)
    if match is None:
        return None
    return calendar_day(int(match["year"]), int(match["month"]), int(match["day"] or 1))


def _month_of(text: str) -> tuple[PeriodKind, date] | None:
    day = _day(text)
    return None if day is None else (PeriodKind.MONTH, day)


def _text(cell: object) -> str:
    """A cell as the text a manager sees in it; dates as 2026-10-01."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return unicodedata.normalize("NFKC", str(cell)).strip()


def _row_text(row: Sequence[object]) -> str:
    return " ".join(text for text in map(_text, row) if text)
