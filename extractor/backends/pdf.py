"""PDF with a text layer, read with pypdfium2 (fast; pdfplumber's pdfminer is ~20x slower).

Each page is read into lines with their edges, font size and, inside a ruled table,
their row; a scanned page is read by OCR when it is installed (ocr.py); layout.py
turns the lines into paragraphs.
"""
from __future__ import annotations

import bisect
import ctypes
import io
import logging
import re
from functools import lru_cache

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .. import errors
from . import ocr
from .base import RawText
from .layout import MAX_GARBAGE, Band, Line, band_index, raw_text, row_text, table_bands, unspaced, visible_chars
from .text import garbage_share

_log = logging.getLogger(__name__)
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
                    if not chinese_font_installed() and _unembedded_font_unplaced(page):
                        plumbed = plumbed or _open_plumbed(data)
                        lines = _pdfminer_lines(plumbed.pages[number], _table_rows(page), number)
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


# One 中 in STSong-Light, not embedded: what pdfium must find a system font for.
_UNEMBEDDED_CHINESE = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 60 60]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>endobj\n"
    b"4 0 obj<</Type/Font/Subtype/Type0/BaseFont/STSong-Light/Encoding/UniGB-UCS2-H/DescendantFonts[6 0 R]>>endobj\n"
    b"6 0 obj<</Type/Font/Subtype/CIDFontType0/BaseFont/STSong-Light"
    b"/CIDSystemInfo<</Registry(Adobe)/Ordering(GB1)/Supplement 2>>/FontDescriptor 7 0 R>>endobj\n"
    b"7 0 obj<</Type/FontDescriptor/FontName/STSong-Light/Flags 6/FontBBox[0 -200 1000 900]/ItalicAngle 0"
    b"/Ascent 880/Descent -120/CapHeight 880/StemV 80>>endobj\n"
    b"5 0 obj<</Length 35>>stream\nBT /F1 20 Tf 10 20 Td <4E2D> Tj ET\nendstream endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@lru_cache(maxsize=1)
def chinese_font_installed() -> bool:
    """Whether pdfium finds a system font for Chinese text whose font is not embedded.
    Without one it drops a character set on its own (Word's justified lines) and gives
    the rest no height, so a page reads with words missing and its layout lost."""
    pdf = pdfium.PdfDocument(_UNEMBEDDED_CHINESE)
    try:
        textpage = pdf[0].get_textpage()
        return textpage.count_chars() == 1 and textpage.get_charbox(0)[3] > textpage.get_charbox(0)[1]
    finally:
        pdf.close()


def _unembedded_font_unplaced(page) -> bool:
    """A text object in a font the file does not embed that pdfium could not place: its
    box has no width or no height (no system font stood in for it). The standard Latin
    fonts pdfium carries itself are always placed; a space in one has no box."""
    for text in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=2):
        left, bottom, right, top = text.get_bounds()
        if right - left >= 0.5 and top - bottom >= 0.5:
            continue
        font = pdfium_c.FPDFTextObj_GetFont(text.raw)
        if not pdfium_c.FPDFFont_GetIsEmbedded(font) and _base_font_name(font) not in _BUILT_IN_FONTS:
            return True
    return False


_BUILT_IN_FONTS = frozenset("Courier CourierNew CourierNewPSMT Helvetica Arial ArialMT Times TimesNewRoman "
                            "TimesNewRomanPS TimesNewRomanPSMT Symbol ZapfDingbats".split())


def _base_font_name(font) -> str:
    """Helvetica-Bold → Helvetica, Arial,Bold → Arial."""
    size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
    return re.split(r"[,-]", buffer.value.decode("latin-1"), maxsplit=1)[0]


@lru_cache(maxsize=1)
def _say_font_missing() -> None:
    """Once a process: the fallback is slower, and an administrator can end it."""
    _log.warning("本机没有中文字体：未嵌入中文字体的 PDF 页面改用 pdfminer 读取（较慢）。"
                 "安装中文字体（如 apt-get install fonts-wqy-microhei）后可恢复正常读取。")


def _open_plumbed(data: bytes):
    import pdfplumber

    _say_font_missing()
    # pdfminer warns of each font descriptor it finds incomplete: nothing a clerk can act on.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfium opened it: pdfminer failing too leaves the page unread
        raise errors.missing_font() from exc


def _pdfminer_lines(page, bands: list[Band], number: int) -> list[Line]:
    """The page's lines as pdfminer (pdfplumber) places them: from the file's own font
    metrics, with no system font. A line inside a ruled table's row joins the row, its
    characters put in their cells by the column rules (pdfium's rules, which need no font)."""
    lines: list[Line] = []
    cells: dict[int, dict[int, list[str]]] = {}  # band → column → text pieces, top down
    for found in _without_covered_blanks(page).extract_text_lines(return_chars=True, strip=True, keep_blank_chars=True):
        chars = [c for c in found["chars"] if c["text"].strip()]
        if not chars:
            continue
        first = chars[0]
        line = Line(unspaced(found["text"]), found["x0"], found["x1"], page.height - (first["top"] + first["bottom"]) / 2,
                    first["size"] or None)
        k = band_index(line, bands)
        if k is None:
            lines.append(line)
            continue
        if k not in cells:
            cells[k] = {}
            lines.append(Line("", row=(number, k)))  # the row's place, filled below
        for c in chars:
            column = bisect.bisect_right(bands[k].columns, (c["x0"] + c["x1"]) / 2)
            cells[k].setdefault(column, []).append(c["text"])
    for line in lines:
        if line.row is not None:
            k = line.row[1]
            band = bands[k]
            line.text = row_text({column: "".join(text) for column, text in cells[k].items()}, band, k == 0)
            line.x0, line.x1, line.y = band.left, band.right, (band.low + band.high) / 2
    return _same_baseline_joined([line for line in lines if line.text])


def _without_covered_blanks(page):
    """The page without the spaces a glyph is set over: LibreOffice writes a quote set in
    a Western font on its own, over a space left for it in the Chinese run."""
    glyphs: dict[int, list[tuple[float, float]]] = {}
    for c in page.chars:
        if c["text"].strip():
            glyphs.setdefault(round(c["top"]), []).append((c["x0"], c["x1"]))

    def kept(obj) -> bool:
        if obj.get("object_type") != "char" or obj["text"].strip():
            return True
        middle = (obj["x0"] + obj["x1"]) / 2
        return not any(x0 <= middle <= x1 for top in (round(obj["top"]) + d for d in (-1, 0, 1))
                       for x0, x1 in glyphs.get(top, ()))

    return page.filter(kept)


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
        return _same_baseline_joined([line for line in lines if line.text])
    finally:
        textpage.close()


def _same_baseline_joined(lines: list[Line]) -> list[Line]:
    """A date pdfium breaks into pieces (set with spacing: 2022 / 年 / 8 / 月 15 / 日, whose
    digits alone would pass for page numbers), joined again: same baseline, each piece
    starting just after the last."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        size = line.size or (prev.size if prev else None) or 10.0
        if (prev is not None and _DATE_PIECE.match(prev.text) and _DATE_PIECE.match(line.text)
                and None not in (prev.x1, line.x0) and abs(prev.y - line.y) < 0.3 * size
                and 0 <= line.x0 - prev.x1 < 2 * size):
            out[-1] = Line(prev.text + line.text, prev.x0, line.x1, prev.y, prev.size)
        else:
            out.append(line)
    return out


_DATE_PIECE = re.compile(r"^[0-9〇零一二三四五六七八九十\s年月日]+$")


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
