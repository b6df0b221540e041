"""The one document model every format backend converges on."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Clause:
    """One article (第X条) or numbered section/paragraph, with where it sits."""

    id: str
    location: str
    text: str


@dataclass
class Document:
    file: str
    format: str
    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    date: str | None = None
    pages: int | None = None
    clauses: list[Clause] = field(default_factory=list)

    def metadata(self) -> dict:
        return {
            "title": self.title,
            "doc_number": self.doc_number,
            "issuer": self.issuer,
            "date": self.date,
            "format": self.format,
            "pages": self.pages,
        }


class ExtractionError(Exception):
    """A file that cannot be read. `code` is stable; `message` tells a clerk what to do."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message}
