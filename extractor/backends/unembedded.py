"""PDFs whose Chinese fonts are not embedded, on a machine without a Chinese font.

pdfium places such text through a system font; without one it drops the characters set
one at a time and gives the rest no height. `chinese_font_installed` tells whether it
has one; the pages it cannot place are read by pdfminer (pdfplumber) instead, from the
file's own font metrics: slower, but every character in place.
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
from .layout import Band, Line, band_index, row_text, same_baseline_joined, unspaced

_log = logging.getLogger(__name__)

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


def unembedded_font_unplaced(page) -> bool:
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


def open_plumbed(data: bytes):
    import pdfplumber

    _say_font_missing()
    # pdfminer warns of each font descriptor it finds incomplete: nothing a clerk can act on.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfium opened it: pdfminer failing too leaves the page unread
        raise errors.missing_font() from exc


def pdfminer_lines(page, bands: list[Band], number: int) -> list[Line]:
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
    return same_baseline_joined([line for line in lines if line.text])


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
