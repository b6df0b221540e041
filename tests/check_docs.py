"""The normative check set's documents as the text extractor reads them: what an office
file made from one (tests/fixtures/typeset_office.py) must read as."""
from __future__ import annotations

import re
from pathlib import Path

from extractor import extract_bytes
from extractor.model import Document

FIXTURES = Path(__file__).parent / "fixtures"
CHECK_DOCS = Path(__file__).parents[1] / "corpora" / "checks" / "normative" / "docs"
METADATA = ("title", "doc_number", "issuer", "co_issuers", "date")


def assert_reads_as_text(document: Document, text_name: str) -> None:
    """Same clauses (location, text but for whitespace) and metadata as the check-set text."""
    [extracted] = list(extract_bytes((CHECK_DOCS / text_name).read_bytes(), text_name))
    expected = extracted.document
    squeezed = lambda doc: [(c.location, re.sub(r"\s+", "", c.text)) for c in doc.clauses]  # noqa: E731
    assert squeezed(document) == squeezed(expected)
    assert {k: document.metadata()[k] for k in METADATA} == {k: expected.metadata()[k] for k in METADATA}
