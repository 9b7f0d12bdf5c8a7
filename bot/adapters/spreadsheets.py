"""An uploaded target sheet (CSV or XLSX) as rows of cells, for `read_target_rows`.

This is the edge where untrusted bytes meet the bot: whatever a file holds, the
caller gets rows or a `SheetError` with a code to reply with, never a crash and
never a sheet so large that reading it stalls the bot. Excel in China saves CSV
in GBK, so CSV falls back from UTF-8 to GB18030 (a superset of GBK).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import PurePath

from openpyxl import load_workbook

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000
MAX_COLUMNS = 100
# An XLSX is a zip of XML: a small upload may unpack to far more than its size.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
CSV_SUFFIXES = (".csv",)
XLSX_SUFFIXES = (".xlsx", ".xlsm")
DELIMITERS = (",", "\t", ";")


class SheetErrorCode(StrEnum):
    UNSUPPORTED_TYPE = "unsupported_type"
    UNREADABLE = "unreadable"
    TOO_LARGE = "too_large"


class SheetError(ValueError):
    """A file that gives no rows; `code` says why, for the reply."""

    def __init__(self, code: SheetErrorCode) -> None:
        super().__init__(code.value)
        self.code = code


def sheet_rows(data: bytes, filename: str) -> list[list[object]]:
    """The cells of a CSV file or of an XLSX file's first sheet, row by row.

    Empty rows between filled ones are kept as [] so that every row keeps the
    number Excel shows for it; empty rows and cells at the end are dropped.
    """
    suffix = PurePath(filename).suffix.lower()
    if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES:
        raise SheetError(SheetErrorCode.UNSUPPORTED_TYPE)
    if len(data) > MAX_BYTES:
        raise SheetError(SheetErrorCode.TOO_LARGE)
    return _csv_rows(data) if suffix in CSV_SUFFIXES else _xlsx_rows(data)


def _csv_rows(data: bytes) -> list[list[object]]:
    text = _decoded(data)
    try:
        return _bounded(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as error:
        raise SheetError(SheetErrorCode.UNREADABLE) from error


def _decoded(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError(SheetErrorCode.UNREADABLE)


def _delimiter(text: str) -> str:
    """The delimiter used most in the first non-empty line, the header; a comma when
    the header is a single column. csv.Sniffer guesses wrong on such short samples."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    return max(DELIMITERS, key=header.count) if any(d in header for d in DELIMITERS) else ","


def _xlsx_rows(data: bytes) -> list[list[object]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise SheetError(SheetErrorCode.TOO_LARGE)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except SheetError:
        raise
    except Exception as error:  # a damaged upload can fail anywhere inside openpyxl
        raise SheetError(SheetErrorCode.UNREADABLE) from error
    try:
        sheet = workbook.worksheets[0]
        # Some programs write a wrong used range; read what the sheet really holds.
        sheet.reset_dimensions()
        return _bounded(sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True))
    except SheetError:
        raise
    except Exception as error:
        raise SheetError(SheetErrorCode.UNREADABLE) from error
    finally:
        workbook.close()


def _bounded(rows: Iterable[Sequence[object]]) -> list[list[object]]:
    """The rows up to the last filled one, refusing a sheet longer or wider than any
    target sheet is, before it is all in memory."""
    kept: list[list[object]] = []
    blank = 0
    for row in rows:
        cells = list(row)
        while cells and _empty(cells[-1]):
            cells.pop()
        if not cells:
            blank += 1
            continue
        if len(kept) + blank >= MAX_ROWS or len(cells) > MAX_COLUMNS:
            raise SheetError(SheetErrorCode.TOO_LARGE)
        kept.extend([] for _ in range(blank))
        blank = 0
        kept.append(cells)
    return kept


def _empty(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())
