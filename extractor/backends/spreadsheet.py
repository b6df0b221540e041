"""Excel workbooks, .xlsx (openpyxl) and Excel 97–2003 .xls (xlrd): a
失信惩戒措施清单 is often published as one, and many offices still save .xls.

Every visible sheet in order, every row a paragraph: a row of several cells reads as
a Word table row does (cells apart by tabs, 1\t措施\t依据\t部门), so the segmenter
makes each numbered row a clause located by its 序号; a row with one cell (the
list's title, a note) is a line of text. Cached values are read, not formulas.
"""
from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Iterable, Iterator

import openpyxl
import xlrd

from .. import errors
from .base import RawText


class XlsxBackend:
    format = "xlsx"

    def read(self, data: bytes, name: str) -> RawText:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            rows = (row for sheet in book.worksheets if sheet.sheet_state == "visible"
                    for row in sheet.iter_rows(values_only=True))
            return RawText(list(_paragraphs(rows)))
        finally:
            book.close()


class XlsBackend:
    """Excel 97–2003 (BIFF). WPS 表格 saves .et files in the same format."""

    format = "xls"

    def read(self, data: bytes, name: str) -> RawText:
        try:
            book = xlrd.open_workbook(file_contents=data)
        except xlrd.XLRDError as exc:
            if "encrypted" in str(exc):
                raise errors.encrypted("Excel 表格") from None
            raise
        sheets = [book.sheet_by_index(k) for k in range(book.nsheets)]
        rows = ([_xls_value(cell, book.datemode) for cell in sheet.row(r)]
                for sheet in sheets if sheet.visibility == 0  # 1 hidden, 2 very hidden
                for r in range(sheet.nrows))
        return RawText(list(_paragraphs(rows)))


def _paragraphs(rows: Iterable[Iterable]) -> Iterator[str]:
    for row in rows:
        cells = [_cell_text(value) for value in row]
        filled = [k for k, text in enumerate(cells) if text]
        if filled:
            # An empty cell between two filled ones keeps its place: 依据 left
            # blank must not put 实施部门 under 依据.
            yield "\t".join(cells[filled[0]:filled[-1] + 1])


def _xls_value(cell: xlrd.sheet.Cell, datemode: int):
    """A date cell as a date (.xls stores dates as day numbers); other cells as they are."""
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, datemode)
        except (xlrd.xldate.XLDateError, OverflowError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_BLANK):
        return None  # an error cell (#N/A) shows nothing a clerk wrote
    return cell.value


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a 序号 typed as 1 is stored as 1.0
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    # A cell's own line breaks and tabs would split or shift the row.
    return " ".join(str(value).replace("\t", " ").split())
