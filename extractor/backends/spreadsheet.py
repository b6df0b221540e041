"""Excel workbooks (.xlsx), read with openpyxl: a 失信惩戒措施清单 is often published as one.

Every visible sheet in order, every row a paragraph: a row of several cells reads as
a Word table row does (cells apart by tabs, 1\t措施\t依据\t部门), so the segmenter
makes each numbered row a clause located by its 序号; a row with one cell (the
list's title, a note) is a line of text. Cached values are read, not formulas.
"""
from __future__ import annotations

import datetime as dt
import io
import warnings

import openpyxl

from .base import RawText


class XlsxBackend:
    format = "xlsx"

    def read(self, data: bytes, name: str) -> RawText:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            paragraphs = []
            for sheet in book.worksheets:
                if sheet.sheet_state != "visible":
                    continue
                for row in sheet.iter_rows(values_only=True):
                    cells = [_cell_text(value) for value in row]
                    filled = [k for k, text in enumerate(cells) if text]
                    if filled:
                        # An empty cell between two filled ones keeps its place: 依据 left
                        # blank must not put 实施部门 under 依据.
                        paragraphs.append("\t".join(cells[filled[0]:filled[-1] + 1]))
        finally:
            book.close()
        return RawText(paragraphs)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a 序号 typed as 1 is stored as 1.0
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    # A cell's own line breaks and tabs would split or shift the row.
    return " ".join(str(value).replace("\t", " ").split())
