"""PDF with a text layer, read with pypdfium2 (fast; pdfplumber's pdfminer is ~20x slower).

The page layout is undone: running headers/footers and page numbers are dropped,
and lines the layout wrapped are re-joined into paragraphs using each line's text
and its left/right edges.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .. import errors
from ..metadata import ATTACHMENT_RE
from ..segment import ARTICLE_RE, HEADING_RE, LEVELS, cn_number
from . import printed_page
from .base import RawText
from .text import garbage_share

# A page-number line once dashes and spaces are gone: 3, 第3页, 第3页共10页, 3/10, Page 3 of 10.
_PAGE_NUMBER = re.compile(r"(第?\d+页?([/／共]\d+页?)?|page\d+(of\d+)?)", re.I)
_PAGE_DECORATION = re.compile(r"[\s\-—–－―~·•]+")
_SENTENCE_END = re.compile(r"[。！？：；!?;:][”’」』\"')）]*$")
_LATIN_END = re.compile(r"[A-Za-z0-9,.;:)%]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9(]")
# A gazette's running header, even on a one-page excerpt: 江川市人民政府公报　2021年第3期.
_GAZETTE = re.compile(r"(公报|简报|通讯|政报)\s*.{0,8}第\s*\d+\s*期$")
# Header/footer candidates: this many lines at the top and at the bottom of each page.
_EDGE_LINES = 2
# A table row's first cell, its 序号 (or the heading 序号), set off as a cell.
_ROW_NUMBER = re.compile(r"^(\d{1,3}|序\s*号)\s+")
_ROW_HEADER = re.compile(r"^序\s*号")
_RED_HEADER_END = re.compile(r"文\s*件$")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_SPACED = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
# A single space beside a Chinese or full-width character (not between Latin words).
_SPACED_ANY = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=\S)|(?<=\S) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")
# Glyphs an office suite may set in its Western font and write after the Chinese run
# they stand in ("“" of 按照“管行业… comes out at the line's end): quotes, dashes,
# ellipses, Latin-1 signs. A line holding one is put back in left-to-right order.
_WEAK_GLYPH = re.compile(r"[\u00a0-\u00ff\u2000-\u206f]")
# A page whose largest image covers this share of it, with fewer visible characters
# than _SCAN_TEXT, is a scan.
_SCAN_COVER = 0.5
_SCAN_TEXT = 100
# Fewer visible characters per page than this means the text is not really there.
_MIN_CHARS_PER_PAGE = 20
# Symbol fonts legitimately map a few glyphs to private-use characters; a broken
# font encoding turns most of the text into them.
_MAX_GARBAGE = 0.10


@dataclass
class _Line:
    text: str
    x0: float | None = None
    x1: float | None = None
    y: float = 0.0
    size: float | None = None  # font size of its first character
    row: tuple[int, int] | None = None  # (page, band) when it lies in a ruled table's row


class PdfBackend:
    format = "pdf"

    def read(self, data: bytes, name: str) -> RawText:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
                raise errors.encrypted("PDF 文件") from exc
            raise errors.corrupt("PDF 文件") from exc
        try:
            pages, scanned = [], 0
            for number, page in enumerate(pdf):
                covered = _image_share(page)
                bands = _table_rows(page)
                pages.append(_page_lines(page))
                for line in pages[-1]:
                    line.row = _band_of(line, bands, number)
                # A scanned page: one picture over most of it, a stamp of text at most
                # (a website's 下载时间 line).
                scanned += covered >= _SCAN_COVER and _visible(pages[-1]) < _SCAN_TEXT
        finally:
            pdf.close()
        body = _drop_running_lines(pages)
        text = "".join(line.text for page in body for line in page)
        visible = sum(_visible(page) for page in body)
        if (visible < _MIN_CHARS_PER_PAGE * max(len(pages), 1) or garbage_share(text) > _MAX_GARBAGE
                or scanned == len(pages)):
            raise errors.no_text_layer()
        lines = [line for page in body for line in page]
        site, metadata = printed_page.furniture([line.text for line in lines])
        lines = [line for i, line in enumerate(lines) if i not in site]
        return RawText(_paragraphs(lines), pages=len(pages), metadata=metadata or None)


def _image_share(page) -> float:
    """The share of the page covered by its largest image."""
    width, height = page.get_size()
    largest = 0.0
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = image.get_bounds()
        largest = max(largest, max(0.0, right - left) * max(0.0, top - bottom))
    return largest / (width * height) if width and height else 0.0


def _table_rows(page) -> list[tuple[float, float, float, float]]:
    """The rows of a ruled table on the page, as (left, right, bottom, top) bands between
    its horizontal rules. A cell's text wraps inside its row; the row is one record."""
    width, _ = page.get_size()
    across, down = [], []
    for path in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        left, bottom, right, top = path.get_bounds()
        if top - bottom <= 3 and right - left >= 0.4 * width:
            across.append((left, right, (bottom + top) / 2))
        elif right - left <= 3 and top - bottom >= 8:
            down.append(((left + right) / 2, bottom, top))
    if len(across) < 3 or len(down) < 2:
        return []
    down = _joined(down)
    left, right = min(a[0] for a in across), max(a[1] for a in across)
    ys = sorted({round(a[2], 1) for a in across}, reverse=True)
    # A row is a band between two rules that column rules cross: the lines around a
    # 版记 or under a red header have none.
    return [
        (left, right, low, high) for high, low in zip(ys, ys[1:])
        if high - low >= 4 and len({round(x) for x, bottom, top in down if bottom <= low + 2 and top >= high - 2}) >= 2
    ]


def _joined(rules: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Column rules drawn in pieces (one per printed line) joined into whole rules."""
    out: list[tuple[float, float, float]] = []
    for x, bottom, top in sorted(rules, key=lambda r: (round(r[0]), r[1])):
        if out and round(out[-1][0]) == round(x) and bottom <= out[-1][2] + 2:
            out[-1] = (out[-1][0], out[-1][1], max(out[-1][2], top))
        else:
            out.append((x, bottom, top))
    return out


def _band_of(line: _Line, bands, page: int) -> tuple[int, int] | None:
    if line.x0 is None:
        return None
    for k, (left, right, low, high) in enumerate(bands):
        if low < line.y < high and left - 2 <= line.x0 <= right:
            return page, k
    return None


def _visible(lines: list[_Line]) -> int:
    return sum(len(re.sub(r"\s", "", line.text)) for line in lines)


def _page_lines(page) -> list[_Line]:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        lines = []
        for m in re.finditer(r"[^\r\n]+", text):
            stripped = m.group(0).strip()
            if not stripped:
                continue
            first = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            last = m.start() + len(m.group(0).rstrip()) - 1
            line = _in_reading_order(textpage, first, last) if _WEAK_GLYPH.search(stripped) else None
            lines.append(line or _with_geometry(textpage, _unspaced(stripped), first, last))
        return lines
    finally:
        textpage.close()
        page.close()


def _unspaced(text: str) -> str:
    """Justified text written as glyph offsets comes out as 第 一 条 　 为 加 强: when most
    Chinese characters of a line stand a space apart, those spaces are layout."""
    gaps = len(_SPACED.findall(text))
    if gaps < 3 or gaps * 2 < len(_CJK_CHAR.findall(text)):
        return text
    return _SPACED_ANY.sub("", text)


def _in_reading_order(textpage, first: int, last: int) -> _Line | None:
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
        chars.append((box, char_index, chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, char_index))))
    lefts = [box[0] for box, _, _ in chars]
    if not chars or all(b >= a - 1 for a, b in zip(lefts, lefts[1:])):
        return None
    chars.sort(key=lambda c: c[0][0])
    text = _SPACED_ANY.sub("", _unspaced("".join(ch for _, _, ch in chars).strip()))
    size = pdfium_c.FPDFText_GetFontSize(textpage.raw, chars[0][1])
    return _Line(text, chars[0][0][0], max(box[2] for box, _, _ in chars),
                 (chars[0][0][1] + chars[0][0][3]) / 2, size if size > 0 else None)


def _with_geometry(textpage, text: str, first: int, last: int) -> _Line:
    """Left and right edge of a line from the boxes of its first and last characters."""
    boxes, indices = [], []
    for text_index in (first, last):
        char_index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage.raw, text_index)
        if char_index < 0:
            return _Line(text)
        try:
            boxes.append(textpage.get_charbox(char_index))
        except pdfium.PdfiumError:
            return _Line(text)
        indices.append(char_index)
    (left, bottom, _, top), (_, _, right, _) = boxes
    size = pdfium_c.FPDFText_GetFontSize(textpage.raw, indices[0])
    return _Line(text, left, right, (bottom + top) / 2, size if size > 0 else None)


def _is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.fullmatch(_PAGE_DECORATION.sub("", text)))


def _edge_lines(lines: list[_Line]) -> list[_Line]:
    by_height = sorted(lines, key=lambda line: -line.y)
    return by_height[:_EDGE_LINES] + by_height[-_EDGE_LINES:]


def _drop_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Drop page numbers and headers/footers repeated at the page edges of most pages."""
    def key(line: _Line) -> tuple[str, int]:
        # Same text at the same height: body text never repeats like that, headers do.
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text)), round(line.y / 4)

    seen = Counter(k for page in pages for k in {key(line) for line in _edge_lines(page)})
    # Half the pages: 公文 alternate headers on odd and even pages.
    repeated = {k for k, n in seen.items() if n >= 2 and n * 2 >= len(pages)}
    body = []
    for number, page in enumerate(pages):
        if number and _lone_header(page):
            page = page[1:]
        edges = {id(line) for line in _edge_lines(page)}
        body.append([
            line for line in page
            # 附件1 at the top of each attachment's first page is structure, however often it repeats.
            if id(line) not in edges or ATTACHMENT_RE.match(line.text)
            or not (_is_page_number(line.text) or key(line) in repeated or _GAZETTE.search(line.text)
                    or printed_page.is_browser_edge(line.text))
        ])
    return body


def _lone_header(page: list[_Line]) -> bool:
    """A running header that does not repeat (odd and even pages differ, two pages in
    all): a short top line, no sentence in it, set apart from the text below by more
    than a line's space. The first page is left alone: its title stands like that."""
    if len(page) < 3:
        return False
    top, below = page[0], page[1]
    pitches = sorted(a.y - b.y for a, b in zip(page[1:], page[2:]) if a.y > b.y)
    pitch = pitches[len(pitches) // 2] if pitches else 0
    return (
        pitch > 0 and top.y - below.y > 1.8 * pitch and len(top.text) <= 20
        and not _SENTENCE_END.search(top.text) and not _numbered(top.text) and not ATTACHMENT_RE.match(top.text)
    )


@dataclass
class _Layout:
    left: float  # the text block's left margin
    right: float  # and its right margin
    em: float  # width of one Chinese character
    size: float | None  # the body text's font size


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))]


def _em_count(text: str) -> float:
    return sum(1 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def _layout(lines: list[_Line]) -> _Layout | None:
    placed = [line for line in lines if line.x0 is not None]
    widths = [(line.x1 - line.x0) / _em_count(line.text) for line in placed if len(line.text) >= 5]
    if not widths:
        return None
    # Percentiles, not extremes: a stray table cell or stamp must not move the margins.
    return _Layout(
        left=_percentile([line.x0 for line in placed], 0.05),
        right=_percentile([line.x1 for line in placed], 0.95),
        em=_percentile(widths, 0.5),
        size=_percentile(sizes, 0.5) if (sizes := [line.size for line in placed if line.size]) else None,
    )


def _numbered(text: str) -> bool:
    """Starts like an article, chapter, numbered item or attachment: always a new paragraph."""
    return text.startswith(("附件", "附表")) or any(p.match(text) for p in (ARTICLE_RE, HEADING_RE, *LEVELS))


def _starts_paragraph(prev: _Line, line: _Line, layout: _Layout | None) -> bool:
    if _SENTENCE_END.search(prev.text) or _numbered(line.text):
        return True
    # A title set in a larger size can fill the line; the addressee under it is another paragraph.
    if prev.size and line.size and abs(prev.size - line.size) > 0.15 * min(prev.size, line.size):
        return True
    if layout is None or prev.x0 is None or line.x0 is None:
        return False
    # A title wrapped over centred lines, set larger than the body (a red header's 文件 ends one).
    if (layout.size and prev.size and line.size and min(prev.size, line.size) > 1.2 * layout.size
            and not _RED_HEADER_END.search(prev.text)):
        return False
    # The line stops mid-sentence: only a clear gap ends the paragraph. Text set flush
    # left (not justified) ends a line up to two characters early, where a character
    # may not open a line (，。”) or a number does not fit.
    ends_short = prev.x1 < layout.right - 3 * layout.em
    indented = line.x0 > layout.left + layout.em
    return ends_short or indented


def _cited_article(article, last: int, prev: _Line, layout: _Layout | None) -> bool:
    """…逾期不改正的，依照本办法 / 第十条予以处理: a full line cut mid-sentence, then a line
    opening with an article number other than the next one, is one sentence citing it."""
    if article is None or layout is None or prev.x1 is None or _SENTENCE_END.search(prev.text):
        return False
    full = prev.x1 >= layout.right - 1.5 * layout.em
    return full and cn_number(article.group(1)) != last + 1


def _paragraphs(lines: list[_Line]) -> list[str]:
    layout = _layout(lines)
    paragraphs: list[str] = []
    last_row: tuple[int, int] | None = None  # (page, paragraph index) of the last numbered row
    last_article = 0
    skipped: tuple[int, int] | None = None
    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else None
        if line.row is not None and line.row == skipped:
            continue
        if prev is not None and line.row is not None and line.row == prev.row:
            paragraphs[-1] += line.text  # a table row is one record, however its cells wrap
            continue
        if line.row is not None and last_row is not None and line.row[0] != last_row[0]:
            # A table going on over a page: its header repeats, and a row cut by the page
            # break goes on in the first band.
            if _ROW_HEADER.match(line.text):
                skipped = line.row
                continue
            if not _ROW_NUMBER.match(line.text):
                paragraphs[last_row[1]] += line.text
                last_row = (line.row[0], last_row[1])
                skipped = line.row
                continue
        article = ARTICLE_RE.match(line.text)
        if prev is not None and not (prev.row or line.row) and (
                not _starts_paragraph(prev, line, layout) or _cited_article(article, last_article, prev, layout)):
            latin = _LATIN_END.search(paragraphs[-1]) and _LATIN_START.search(line.text)
            paragraphs[-1] += (" " if latin else "") + line.text
            continue
        if article:
            last_article = cn_number(article.group(1))
        if line.row is not None:
            paragraphs.append(_ROW_NUMBER.sub("\\1\t", line.text))
            if _ROW_NUMBER.match(line.text) and not _ROW_HEADER.match(line.text):
                last_row = (line.row[0], len(paragraphs) - 1)
        else:
            paragraphs.append(line.text)
    return paragraphs
