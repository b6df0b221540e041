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


GAZETTE_ARTICLES = [
    f"第{n}条　" + "".join(sentences)
    for n, sentences in zip("一二三四五六七", [
        ("行政执法机关应当建立健全执法监督制度，定期开展执法检查和案卷评查。",
         "监督机关发现行政执法行为违法或者不当的，应当责令限期改正，并将结果向社会公开。",
         "公民、法人或者其他组织认为行政执法行为侵犯其合法权益的，可以向监督机关投诉、举报。",
         "对拒不改正的，由监督机关依法提出处理建议，并将其失信信息记入信用档案。")[k:] + (
         "行政执法机关应当建立健全执法监督制度，定期开展执法检查和案卷评查。",
         "监督机关发现行政执法行为违法或者不当的，应当责令限期改正，并将结果向社会公开。",
         "公民、法人或者其他组织认为行政执法行为侵犯其合法权益的，可以向监督机关投诉、举报。",
         "对拒不改正的，由监督机关依法提出处理建议，并将其失信信息记入信用档案。")[:k]
        for k in (0, 1, 2, 3, 0, 1, 2)])
]


def two_column_gazette(across: bool = False) -> bytes:
    """A 政府公报 page: a 规章's title across the page, its articles (GAZETTE_ARTICLES) in
    two columns, the fourth article carried from the foot of the left column to the head
    of the right one; written column by column, or (`across`) line by line across both."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font, size, gutter = "STSong-Light", 10.5, 20
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    width, height = A4
    left, column = 72, (width - 144 - gutter) / 2
    lines = []  # (opens an article, text)
    for article in GAZETTE_ARTICLES:
        current, room, opens = "", column - 2 * size, True
        for ch in article:
            if current and pdfmetrics.stringWidth(current + ch, font, size) > room:
                lines.append((opens, current))
                current, room, opens = "", column, False
            current += ch
        lines.append((opens, current))
    half = (len(lines) + 1) // 2
    assert not lines[half][0], "the column break must fall inside an article"
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.setFont(font, 9)
    c.drawCentredString(width / 2, height - 40, "江川市人民政府公报　2024年第3期")
    c.setFont(font, 16)
    c.drawCentredString(width / 2, height - 80, "江川市行政执法监督办法")
    c.setFont(font, size)
    c.drawCentredString(width / 2, height - 100, "（2024年3月1日江川市人民政府令第12号公布）")
    placed = [(j, k, opens, text) for k, part in enumerate((lines[:half], lines[half:]))
              for j, (opens, text) in enumerate(part)]
    for j, k, opens, text in sorted(placed) if across else placed:
        c.drawString(left + k * (column + gutter) + (2 * size if opens else 0), height - 130 - j * 1.7 * size, text)
    c.showPage()
    c.save()
    return buffer.getvalue()

