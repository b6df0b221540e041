"""Scans and pictures of pages, read by OCR (RapidOCR, the `ocr` extra) — and what a
clerk is told when OCR is not installed."""
from __future__ import annotations

import difflib
import io
import re

import pypdfium2 as pdfium
import pytest
from PIL import Image

from check_docs import FIXTURES, GAZETTE_ARTICLES, pictures_as_pdf, scanned, two_column_gazette
from extractor import extract_bytes
from extractor.backends import ocr
from extractor.backends.pdf import chinese_font_installed
from taizhang.ledger_row import document_notes

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="OCR (the taizhang[ocr] extra) is not installed")


def _only(data: bytes, name: str):
    [result] = list(extract_bytes(data, name))
    return result


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@needs_ocr
@pytest.mark.parametrize("skew, upside_down", [(0.0, ()), (1.5, (1,))])
def test_a_sealed_scan_reads_as_the_pdf_it_was_printed_from(skew, upside_down):
    # Fed in askew too (1.5°: each line's end a line's height off), its second sheet the
    # wrong way round: read as if straight.
    printed = _only((FIXTURES / "office_C05.pdf").read_bytes(), "printed.pdf").document
    scan = _only(scanned((FIXTURES / "office_C05.pdf").read_bytes(), skew=skew, upside_down=upside_down),
                 "scan.pdf").document
    assert (scan.format, scan.pages, scan.ocr_pages, printed.ocr_pages) == ("pdf", 3, 3, 0)
    # The red header is whitened with the seal; the body, 文号, signature and date are read.
    for key in ("title", "doc_number", "issuer", "co_issuers", "date"):
        assert getattr(scan, key) == getattr(printed, key), key
    assert [c.location for c in scan.clauses] == [c.location for c in printed.clauses]
    for read, given in zip(scan.clauses, printed.clauses):
        # A misread character or two is what OCR costs; a clause cut or run together is not.
        similarity = difflib.SequenceMatcher(None, _squeezed(read.text), _squeezed(given.text)).ratio()
        assert similarity > 0.97, (read.location, read.text)


@needs_ocr
def test_a_scanned_gazette_page_in_two_columns_is_read_column_by_column():
    # The recogniser reads each column's line apart; side by side they had been one
    # printed line (a table row's cells), two articles interleaved.
    scan = _only(scanned(two_column_gazette()), "scan.pdf").document
    assert (scan.title, scan.doc_number, scan.ocr_pages) == ("江川市行政执法监督办法", "江川市人民政府令第12号", 1)
    assert len(scan.clauses) == len(GAZETTE_ARTICLES)
    for read, given in zip(scan.clauses, GAZETTE_ARTICLES):
        assert difflib.SequenceMatcher(None, _squeezed(read.text), _squeezed(given)).ratio() > 0.97, read.text


@needs_ocr
def test_a_photo_of_a_page_is_read_and_the_ledger_says_it_was_read_by_ocr():
    first = pdfium.PdfDocument((FIXTURES / "office_C05.pdf").read_bytes())[0].render(scale=200 / 72).to_pil().convert("RGB")
    buffer = io.BytesIO()
    first.save(buffer, "JPEG", quality=85)
    result = _only(buffer.getvalue(), "拍照.jpg")
    assert result.error is None
    document = result.document
    assert (document.format, document.ocr_pages) == ("image", 1)
    assert document.title == "青石市城市公共交通乘客失信行为信用管理实施方案"
    assert any("记录为失信行为" in c.text for c in document.clauses)
    [note] = document_notes(document.metadata(), [{"text": c.text} for c in document.clauses])
    assert "OCR" in note and "1 页" in note


@needs_ocr
def test_a_blank_scan_and_a_broken_or_huge_picture():
    blank = pictures_as_pdf([Image.new("RGB", (1240, 1754), (250, 250, 250))])
    result = _only(blank, "blank.pdf")
    assert result.error.code == "no_text_layer" and "未能读出" in result.error.message
    assert _only(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "scan.png").error.code == "corrupt"
    huge = io.BytesIO()
    Image.new("1", (8000, 8000), 1).save(huge, "PNG")  # 64 million pixels in a few kilobytes
    assert _only(huge.getvalue(), "huge.png").error.code == "too_large"


def test_without_ocr_a_scan_or_picture_says_how_to_get_it_read(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    scan = _only(pictures_as_pdf([Image.new("RGB", (620, 877), (200, 200, 200))], dpi=75), "scan.pdf")
    assert scan.error.code == "no_text_layer" and "taizhang[ocr]" in scan.error.message
    picture = io.BytesIO()
    Image.new("RGB", (620, 877), (200, 200, 200)).save(picture, "PNG")
    photo = _only(picture.getvalue(), "photo.png")
    assert photo.error.code == "unsupported_format" and "taizhang[ocr]" in photo.error.message


def _boxes(text: str, gaps: dict[int, int], width: int = 44) -> list:
    """Character boxes as the recogniser gives them: `width` wide, 1 px apart but where
    `gaps` says (after character k, that many pixels)."""
    boxes, x = [], 100
    for k, _ in enumerate(text):
        boxes.append([[x, 0], [x + width, 0], [x + width, 46], [x, 46]])
        x += width + gaps.get(k, 1)
    return boxes


def test_the_spaces_the_recogniser_drops_are_put_back():
    # An article's number set apart, on a line that opens a paragraph — not on a
    # continuation line, where 第九条规定的 cites it.
    text = "第九条中标候选人应当公示"
    assert ocr._spaced(text, _boxes(text, {2: 9}), opening=True) == "第九条\u3000中标候选人应当公示"
    assert ocr._spaced(text, _boxes(text, {2: 9}), opening=False) == text
    assert ocr._spaced(text, _boxes(text, {}), opening=True) == text
    chapter = "第二章规划与建设"
    assert ocr._spaced(chapter, _boxes(chapter, {2: 12}), opening=True) == "第二章\u3000规划与建设"
    # Bodies listed on one line (a joint signature) stand apart; a letter-spaced 文号 does not.
    bodies = "某市中级人民法院某市财政局某市税务局"
    assert ocr._spaced(bodies, _boxes(bodies, {7: 26, 12: 30}), opening=False) == "某市中级人民法院 某市财政局 某市税务局"
    number = "青交发〔2025〕27号"
    assert ocr._spaced(number, _boxes(number, {1: 25, 2: 25}), opening=True) == number
    # One gap only between two bodies' names (a joint signature, a joint red header).
    for joint in ("青川市交通运输局青川市公安局", "青川市交通运输局青川市公安局文件"):
        assert ocr._spaced(joint, _boxes(joint, {7: 30}), opening=False).startswith("青川市交通运输局 青川市公安局")
    assert ocr._spaced("青川市财政局", _boxes("青川市财政局", {2: 30}), opening=False) == "青川市财政局"


def test_misread_marks_are_mended():
    assert ocr._mended("一3一") == "— 3 —"
    assert ocr._mended("举报电话：0817一6623105，一是加强宣传") == "举报电话：0817—6623105，一是加强宣传"
    assert ocr._mended("国办发〔2019】35号") == "国办发〔2019〕35号"
    assert ocr._mended("(十七）加强组织领导") == "（十七）加强组织领导"
    assert ocr._mended("各县(市、区)人民政府") == "各县（市、区）人民政府"
    assert ocr._mended("PM2.5 (fine particles)") == "PM2.5 (fine particles)"
    lines = [ocr.Line("列入乘客“黑名"), ocr.Line('单"。通过"信用青石"网站')]
    assert [line.text for line in ocr._quotes(lines)] == ["列入乘客“黑名", "单”。通过“信用青石”网站"]


@needs_ocr
@pytest.mark.skipif(not chinese_font_installed(), reason="pdfium prints the table's unembedded font only with a Chinese font")
def test_a_ruled_table_in_a_scan_reads_one_row_per_record():
    # The text-layer PDF's table (cells wrapping, a row cut by the page break, the header
    # repeated), printed and scanned back: the rules are found in the picture.
    from test_extractor_pdf import _ruled_table_pdf

    printed = _only(_ruled_table_pdf(), "printed.pdf").document
    scan = _only(scanned(_ruled_table_pdf(), dpi=200), "scan.pdf").document
    assert [c.location for c in scan.clauses] == [c.location for c in printed.clauses]
    rows = [(c.location, c.text.split("\t")) for c in scan.clauses if "序号" in c.location]
    assert [(location, len(cells)) for location, cells in rows] == [("一、序号1", 2), ("一、序号2", 2), ("一、序号3", 2)]
    assert rows[1][1][1].startswith("在道路运输经营许可审批中从严审核") and rows[1][1][1].endswith("第八条）")


def _with_a_broken_text_layer(pdf: bytes) -> bytes:
    """The printed pages as pictures, each under an invisible text layer that extracts as
    private-use characters: what a font without its Unicode map gives."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    document = pdfium.PdfDocument(pdf)
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    for page in document:
        width, height = page.get_size()
        picture = io.BytesIO()
        page.render(scale=200 / 72).to_pil().convert("RGB").save(picture, "PNG")
        c.setPageSize((width, height))
        c.drawImage(ImageReader(picture), 0, 0, width, height)
        layer = c.beginText(72, height - 90)
        layer.setTextRenderMode(3)
        layer.setFont("STSong-Light", 12)
        for row in range(20):
            layer.textLine("".join(chr(0xE000 + (row * 30 + k) % 400) for k in range(30)))
        c.drawText(layer)
        c.showPage()
    c.save()
    return buffer.getvalue()


@needs_ocr
@pytest.mark.skipif(not chinese_font_installed(), reason="pdfium places the layer's unembedded font only with a Chinese font")
def test_a_text_layer_of_private_use_characters_is_read_by_ocr_instead(monkeypatch):
    # The layer is there (more than a scan's stamp of text) but is no text.
    layer = pdfium.PdfDocument(_with_a_broken_text_layer((FIXTURES / "office_C05.pdf").read_bytes()))[0]
    assert len(layer.get_textpage().get_text_range().strip()) > 500
    printed = _only((FIXTURES / "office_C05.pdf").read_bytes(), "printed.pdf").document
    broken = _with_a_broken_text_layer((FIXTURES / "office_C05.pdf").read_bytes())
    document = _only(broken, "broken.pdf").document
    assert (document.pages, document.ocr_pages) == (3, 3)
    assert document.title == printed.title
    assert [c.location for c in document.clauses] == [c.location for c in printed.clauses]
    # Without OCR such a file still says it has no readable text.
    monkeypatch.setattr(ocr, "available", lambda: False)
    assert _only(broken, "broken.pdf").error.code == "no_text_layer"
