"""PDF with a text layer, read with pypdfium2 (fast; pdfplumber's pdfminer is ~20x slower).

Each page is read into lines with their edges, font size and, inside a ruled table,
their row; a scanned page, or one whose text layer is no text, is read by OCR when it
is installed (ocr.py), a page pdfium cannot place for want of a Chinese font by pdfminer
(unembedded.py); layout.py turns the lines into paragraphs.
"""
from __future__ import annotations

import bisect
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .. import errors
from . import ocr
from .base import RawText
from .layout import (MAX_GARBAGE, Band, Line, band_index, in_columns, raw_text, row_text, same_baseline_joined, table_bands,
                     unspaced, visible_chars)
from .text import garbage_share
from .unembedded import chinese_font_installed, open_plumbed, pdfminer_lines, unembedded_font_unplaced

# Glyphs an office suite may set in its Western font and write after the Chinese run
# they stand in ("“" of 按照“管行业… comes out at the line's end): quotes, dashes,
# ellipses, Latin-1 signs, roman numerals (Ⅳ级). A line holding one is put back in
# left-to-right order.
_WEAK_GLYPH = re.compile(r"[\u00a0-\u00ff\u2000-\u206f\u2150-\u218f]")
# A page whose largest image covers this share of it, with fewer visible characters
# than _SCAN_TEXT, is a scan.
_SCAN_COVER = 0.5
_SCAN_TEXT = 100
# pdfium marks a hyphen that ends a line, and runs the next line on: \ufffe in its text
# range, \x02 as a character.
_LINE_HYPHEN_IN_TEXT, _LINE_HYPHEN_CHAR = "\ufffe", "\x02"


class PdfBackend:
    format = "pdf"

    def read(self, data: bytes, name: str) -> RawText:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
                raise errors.encrypted("PDF 文件") from exc
            raise errors.corrupt("PDF 文件") from exc
        plumbed = None  # the same file opened by pdfplumber, for pages pdfium cannot place
        try:
            pages, scanned, read_by_ocr = [], 0, 0
            for number, page in enumerate(pdf):
                try:
                    if not chinese_font_installed() and unembedded_font_unplaced(page):
                        plumbed = plumbed or open_plumbed(data)
                        lines = pdfminer_lines(plumbed.pages[number], _table_rows(page), number)
                    else:
                        lines = _page_lines(page, _table_rows(page), number)
                    # A scanned page: one picture over most of it, a stamp of text at most
                    # (a website's 下载时间 line). Read by OCR when it is installed.
                    if _image_share(page) >= _SCAN_COVER and visible_chars(lines) < _SCAN_TEXT:
                        if ocr.available():
                            lines = _ocr_lines(page, number)
                            read_by_ocr += 1
                        else:
                            scanned += 1
                    # A text layer that is no text (a font without its Unicode map gives
                    # private-use or control characters): what is printed is read instead.
                    elif garbage_share("".join(line.text for line in lines)) > MAX_GARBAGE and ocr.available():
                        lines = _ocr_lines(page, number)
                        read_by_ocr += 1
                    pages.append(lines)
                finally:
                    page.close()
        finally:
            pdf.close()
            if plumbed is not None:
                plumbed.close()
        return raw_text(pages, scanned, ocr_pages=read_by_ocr)


def _ocr_lines(page, number: int) -> list[Line]:
    width, height = page.get_size()
    # 200 dpi, but no side over MAX_SIDE pixels: an A0 drawing would take minutes and GBs.
    scale = min(ocr.DPI / 72, ocr.MAX_SIDE / max(width, height, 1))
    return ocr.page_lines(page.render(scale=scale).to_pil(), height, scale, page=number)


def _image_share(page) -> float:
    """The share of the page covered by its largest image."""
    width, height = page.get_size()
    largest = 0.0
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = image.get_bounds()
        largest = max(largest, max(0.0, right - left) * max(0.0, top - bottom))
    return largest / (width * height) if width and height else 0.0


def _table_rows(page) -> list[Band]:
    """The rows of a ruled table on the page, from its path objects' boxes."""
    width, _ = page.get_size()
    return table_bands([path.get_bounds() for path in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2)],
                       width)


def _page_lines(page, bands: list[Band], number: int) -> list[Line]:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        lines: list[Line] = []
        rows: dict[int, list[tuple[int, int]]] = {}  # band → the text ranges of its lines
        split: dict[int, tuple[Line, Line]] = {}  # a line → its halves, when a wide gap parts it
        # A line ends at a hyphen that ends it (24-G- / 11 in a narrow cell), the hyphen printed.
        for m in re.finditer(rf"[^\r\n{_LINE_HYPHEN_IN_TEXT}]+{_LINE_HYPHEN_IN_TEXT}?", text):
            stripped = m.group(0).strip().replace(_LINE_HYPHEN_IN_TEXT, "-")
            if not stripped:
                continue
            first = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            last = m.start() + len(m.group(0).rstrip()) - 1
            line = _in_reading_order(textpage, first, last) if _WEAK_GLYPH.search(stripped) else None
            line = line or _with_geometry(textpage, unspaced(stripped), first, last)
            k = band_index(line, bands)
            if k is None:
                halves = _halves(textpage, text, first, last)
                if halves:
                    split[id(line)] = halves
                lines.append(line)
                continue
            if k not in rows:
                rows[k] = []
                lines.append(Line("", row=(number, k)))  # the row's place, filled below
            rows[k].append((first, last))
        for line in lines:
            if line.row is not None:
                k = line.row[1]
                band = bands[k]
                line.text = _row_text(textpage, rows[k], band, k == 0)
                line.x0, line.x1, line.y = band.left, band.right, (band.low + band.high) / 2
        return same_baseline_joined(in_columns([line for line in lines if line.text], split))
    finally:
        textpage.close()


def _halves(textpage, text: str, first: int, last: int) -> tuple[Line, Line] | None:
    """The two halves of a printed line that a gap of two characters or more parts (a
    page in two columns written line by line across it, which pdfium reads as one line
    with a space made up between), at the widest such gap."""
    widest, at = 0.0, None
    for k in range(first + 1, last):
        if text[k] != " ":
            continue
        ends = [pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage.raw, j) for j in (k, k - 1, k + 1)]
        if min(ends) < 0 or pdfium_c.FPDFText_IsGenerated(textpage.raw, ends[0]) != 1:
            continue
        try:
            before, after = textpage.get_charbox(ends[1]), textpage.get_charbox(ends[2])
        except pdfium.PdfiumError:
            return None
        gap = after[0] - before[2]
        if gap > 2 * (before[3] - before[1]) and gap > widest:
            widest, at = gap, k
    if at is None or not text[first:at].strip() or not text[at + 1:last + 1].strip():
        return None
    return (_with_geometry(textpage, unspaced(text[first:at].strip()), first, at - 1),
            _with_geometry(textpage, unspaced(text[at + 1:last + 1].strip()), at + 1, last))


def _row_text(textpage, ranges: list[tuple[int, int]], band: Band, first_on_page: bool) -> str:
    """A ruled table's row as Word reads it: each cell's text, its wrapped lines joined,
    cells apart by tabs. pdfium runs the cells of one baseline into one line."""
    cells: dict[int, list[tuple[float, float, float, str]]] = {}  # column → (middle, height, left, char)
    sizes: dict[int, list[float]] = {}  # column → its characters' font sizes
    for first, last in ranges:
        for text_index in range(first, last + 1):
            char_index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage.raw, text_index)
            if char_index < 0 or pdfium_c.FPDFText_IsGenerated(textpage.raw, char_index) == 1:
                continue
            try:
                left, bottom, right, top = textpage.get_charbox(char_index)
            except pdfium.PdfiumError:
                continue
            char = _char(textpage, char_index)
            column = bisect.bisect_right(band.columns, (left + right) / 2)
            cells.setdefault(column, []).append(((bottom + top) / 2, top - bottom, left, char))
            sizes.setdefault(column, []).append(pdfium_c.FPDFText_GetFontSize(textpage.raw, char_index))
    texts = {column: re.sub(r"\s+", " ", unspaced("".join(_cell_reading_order(chars, _median(sizes[column])))
                                                  .strip(), always=True))
             for column, chars in cells.items()}
    return row_text(texts, band, first_on_page)


def _median(values: list[float]) -> float:
    values = sorted(v for v in values if v > 0)
    return values[len(values) // 2] if values else 0.0


def _cell_reading_order(chars: list[tuple[float, float, float, str]], size: float = 0.0) -> list[str]:
    """A cell's characters line by line, top down, and left to right within a line (a
    quote written out of order too). Lines are told apart by where the characters sit,
    not by pdfium's order: a cell centred in its row puts its wrapped lines above and
    below the row's one-line cells, and pdfium may run the lower one in first."""
    heights = sorted(h for _, h, _, ch in chars if h > 0 and not ch.isspace())
    typical = heights[len(heights) // 2] if heights else 1.0
    # Half the font size: lines stand a size or more apart. Glyph boxes are tight, so in a
    # cell of Latin codes (A1、A2) their heights run short, and the pause mark sitting
    # low under them had started a line of its own.
    tolerance = 0.5 * (size or typical)
    # Lines are placed by the characters of full height; a comma sitting low or a quote
    # high then joins the nearest. Stepping down through every character, a low comma had
    # bridged two lines where the font's size reads larger than its glyphs (Chromium
    # scales a 16 pt font down to 9) and their characters were read in turn.
    lines: list[list[float]] = []
    for y in sorted((y for y, h, _, ch in chars if h >= 0.6 * typical and not ch.isspace()), reverse=True):
        if lines and lines[-1][-1] - y <= tolerance:
            lines[-1].append(y)
        else:
            lines.append([y])
    middles = [sum(line) / len(line) for line in lines] or [0.0]
    ordered = [(min(range(len(middles)), key=lambda k: abs(middles[k] - y)), left, char) for y, _, left, char in chars]
    return [char for _, _, char in sorted(ordered)]


def _char(textpage, char_index: int) -> str:
    """One character as printed."""
    return chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, char_index)).replace(_LINE_HYPHEN_CHAR, "-")


def _in_reading_order(textpage, first: int, last: int) -> Line | None:
    """The line's characters sorted left to right, when the file wrote them out of
    order; None when they already are (or a box is missing: keep the text as read)."""
    chars = []
    for text_index in range(first, last + 1):
        char_index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage.raw, text_index)
        if char_index < 0:
            continue
        # Spaces pdfium made up for a gap: the gap was the misplaced glyph's place.
        if pdfium_c.FPDFText_IsGenerated(textpage.raw, char_index) == 1:
            continue
        try:
            box = textpage.get_charbox(char_index)
        except pdfium.PdfiumError:
            return None
        chars.append((box, char_index, _char(textpage, char_index)))
    lefts = [box[0] for box, _, _ in chars]
    if not chars or all(b >= a - 1 for a, b in zip(lefts, lefts[1:])):
        return None
    chars.sort(key=lambda c: (c[0][0] + c[0][2]) / 2)  # by the middle: a narrow glyph (Ⅰ) sits mid-em
    text = unspaced("".join(ch for _, _, ch in chars).strip(), always=True)
    size = pdfium_c.FPDFText_GetFontSize(textpage.raw, chars[0][1])
    return Line(text, chars[0][0][0], max(box[2] for box, _, _ in chars),
                 (chars[0][0][1] + chars[0][0][3]) / 2, size if size > 0 else None)


def _with_geometry(textpage, text: str, first: int, last: int) -> Line:
    """Left and right edge of a line from the boxes of its first and last characters."""
    boxes, indices = [], []
    for text_index in (first, last):
        char_index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage.raw, text_index)
        if char_index < 0:
            return Line(text)
        try:
            boxes.append(textpage.get_charbox(char_index))
        except pdfium.PdfiumError:
            return Line(text)
        indices.append(char_index)
    (left, bottom, _, top), (_, _, right, _) = boxes
    size = pdfium_c.FPDFText_GetFontSize(textpage.raw, indices[0])
    return Line(text, left, right, (bottom + top) / 2, size if size > 0 else None)
