"""The normative check set's documents as the text extractor reads them: what an office
file made from one (tests/fixtures/typeset_office.py) must read as."""
from __future__ import annotations

import io
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


def scanned(pdf: bytes, dpi: int = 150, skew: float = 0.0, upside_down: tuple[int, ...] = ()) -> bytes:
    """The PDF as a scanner gives it back: each page one picture, the last one sealed in
    red over its signature and date (ink over ink: the text under the seal stays dark),
    every page turned `skew` degrees as a sheet fed in askew, the pages numbered in
    `upside_down` fed the wrong way round."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageChops, ImageDraw

    document = pdfium.PdfDocument(pdf)
    pages = [document[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(document))]
    seal = Image.new("RGB", pages[-1].size, "white")
    draw = ImageDraw.Draw(seal)
    x, y, r = int(seal.width * 0.68), int(seal.height * 0.42), int(dpi * 0.8)
    draw.ellipse((x - r, y - r, x + r, y + r), outline=(220, 30, 30), width=max(2, dpi // 40))
    draw.regular_polygon((x, y, r // 4), 5, fill=(220, 30, 30))
    pages[-1] = ImageChops.multiply(pages[-1], seal)
    if skew:
        pages = [page.rotate(skew, resample=Image.BICUBIC, fillcolor="white") for page in pages]
    pages = [page.rotate(180) if k in upside_down else page for k, page in enumerate(pages)]
    return pictures_as_pdf(pages, dpi)


def pictures_as_pdf(pages: list, dpi: int = 150) -> bytes:
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return buffer.getvalue()
