"""Target sheets as managers upload them: CSV saved by Excel, and XLSX workbooks."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from bot.adapters.spreadsheets import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    SheetError,
    SheetErrorCode,
    sheet_rows,
)
from bot.domain.catalogue import Catalogue
from bot.domain.periods import Period, PeriodKind
from bot.domain.target_input import read_target_rows
from bot.domain.targets import Target

TODAY = date(2026, 7, 28)
JULY = Period(PeriodKind.MONTH, date(2026, 7, 1), date(2026, 7, 31))


def xlsx(*rows: list[object]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def error_code(data: bytes, filename: str) -> SheetErrorCode:
    with pytest.raises(SheetError) as raised:
        sheet_rows(data, filename)
    return raised.value.code


def test_a_utf8_csv_with_a_byte_order_mark_reads_without_it() -> None:
    data = "\ufeff网点,储蓄\r\n正阳,200\r\n".encode()
    assert sheet_rows(data, "目标.csv") == [["网点", "储蓄"], ["正阳", "200"]]


def test_a_csv_saved_by_excel_in_gbk_reads() -> None:
    data = "网点,指标,目标\r\n正阳,储蓄,200万\r\n".encode("gbk")
    assert sheet_rows(data, "目标.CSV") == [["网点", "指标", "目标"], ["正阳", "储蓄", "200万"]]


@pytest.mark.parametrize("delimiter", [",", "\t", ";"], ids=["comma", "tab", "semicolon"])
def test_a_csvs_delimiter_is_the_one_its_header_uses(delimiter: str) -> None:
    data = f'网点{delimiter}储蓄\n正阳{delimiter}"2,000,000元"\n'.encode()
    assert sheet_rows(data, "targets.csv") == [["网点", "储蓄"], ["正阳", "2,000,000元"]]


def test_empty_rows_keep_the_row_numbers_and_trailing_ones_go() -> None:
    data = "网点,储蓄\n\n正阳,200,,\n,,\n\n".encode()
    assert sheet_rows(data, "targets.csv") == [["网点", "储蓄"], [], ["正阳", "200"]]


def test_an_xlsx_gives_its_cells_as_numbers_dates_and_text() -> None:
    data = xlsx(["网点", "储蓄", "开始"], [], ["正阳", 200, datetime(2026, 10, 1)], ["姜家", 1.5])
    assert sheet_rows(data, "目标.xlsx") == [
        ["网点", "储蓄", "开始"],
        [],
        ["正阳", 200, datetime(2026, 10, 1)],
        ["姜家", 1.5],
    ]


def test_an_xlsx_is_read_from_its_first_sheet_even_when_another_is_open() -> None:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.append(["网点", "储蓄"])
    workbook.create_sheet("说明").append(["请填写第一个工作表"])
    workbook.active = 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert sheet_rows(buffer.getvalue(), "targets.xlsx") == [["网点", "储蓄"]]


def test_an_uploaded_xlsx_becomes_targets(catalogue: Catalogue) -> None:
    rows = sheet_rows(xlsx(["网点", "储蓄", "保险"], ["正阳", 200, 50]), "目标.xlsx")
    result = read_target_rows(rows, catalogue=catalogue, today=TODAY)
    assert result.targets == (
        Target("正阳营业所", "deposit", JULY, 200),
        Target("正阳营业所", "insurance", JULY, 50),
    )


@pytest.mark.parametrize("filename", ["目标.xls", "目标.pdf", "目标.txt", "目标"])
def test_a_file_that_is_neither_csv_nor_xlsx_is_unsupported(filename: str) -> None:
    assert error_code(b"\xd0\xcf\x11\xe0", filename) is SheetErrorCode.UNSUPPORTED_TYPE


def test_a_damaged_xlsx_is_unreadable() -> None:
    data = xlsx(["网点", "储蓄"], ["正阳", 200])
    assert error_code(data[: len(data) // 2], "目标.xlsx") is SheetErrorCode.UNREADABLE


def test_a_zip_that_is_no_workbook_is_unreadable() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    assert error_code(buffer.getvalue(), "目标.xlsx") is SheetErrorCode.UNREADABLE


def test_a_csv_in_no_chinese_encoding_is_unreadable() -> None:
    assert error_code(b"\xff\xfe\xff\xff", "targets.csv") is SheetErrorCode.UNREADABLE


def test_a_file_over_the_size_limit_is_too_large() -> None:
    assert error_code(b"a" * (MAX_BYTES + 1), "targets.csv") is SheetErrorCode.TOO_LARGE


def test_a_sheet_with_more_rows_than_the_limit_is_too_large() -> None:
    data = ("网点,储蓄\n" + "正阳,200\n" * MAX_ROWS).encode()
    assert error_code(data, "targets.csv") is SheetErrorCode.TOO_LARGE


def test_an_xlsx_wider_than_the_limit_is_too_large() -> None:
    data = xlsx(["网点", *(["储蓄"] * MAX_COLUMNS)])
    assert error_code(data, "targets.xlsx") is SheetErrorCode.TOO_LARGE
