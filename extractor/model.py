"""The one document model every format backend converges on."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Clause:
    """One article (第X条) or numbered section/paragraph, with where it sits."""

    id: str
    location: str
    text: str
    # The notice-style section headings or lead-in above the clause (评价结果应用 对环保不良企业):
    # items often name their subject only there.
    heading: str | None = None

    @property
    def in_context(self) -> str:
        return in_context(self.text, self.heading)


def in_context(text: str, heading: str | None) -> str:
    """What the classifier reads: the heading, then the clause."""
    return f"{heading}：{text}" if heading else text


@dataclass
class Document:
    file: str
    format: str
    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    # Further issuers of a joint document (the lead is `issuer`).
    co_issuers: list[str] = field(default_factory=list)
    date: str | None = None
    pages: int | None = None
    clauses: list[Clause] = field(default_factory=list)
    # Pages read from their image by OCR (a scan): its text may hold misread characters.
    ocr_pages: int = 0

    def metadata(self) -> dict:
        return {
            "title": self.title,
            "doc_number": self.doc_number,
            "issuer": self.issuer,
            "co_issuers": self.co_issuers,
            "date": self.date,
            "format": self.format,
            "pages": self.pages,
            "ocr_pages": self.ocr_pages,
        }


class ExtractionError(Exception):
    """A file that cannot be read. `code` is stable; `message` tells a clerk what to do."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message}
