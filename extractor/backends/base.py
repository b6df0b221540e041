"""The one interface every format backend implements.

A backend turns a file's bytes into ordered paragraphs of visible text (and a page
count where the format has pages); metadata and clauses are built from those
paragraphs by one shared builder, so every format yields the same `Document`.
Backends raise `ExtractionError` for files they cannot read.
"""
from __future__ import annotations

from typing import NamedTuple, Protocol


class RawText(NamedTuple):
    paragraphs: list[str]
    pages: int | None = None
    # What the container states about the document outside its text (a web page's
    # 信息公开 table and heading): its title wins; doc_number, issuer and date fill
    # what the text leaves null.
    metadata: dict | None = None
    # Pages whose text was read from their image by OCR (a scan), not from the file.
    ocr_pages: int = 0


class Backend(Protocol):
    format: str

    def read(self, data: bytes, name: str) -> RawText: ...
