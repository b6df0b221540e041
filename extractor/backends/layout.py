"""Lines with their place on the page → paragraphs: the layout undone.

Shared by the fixed-layout formats (PDF, OFD): each backend reads its pages into
`Line`s (text, left and right edge, height, font size); here running headers,
footers and page numbers are dropped, a web page's print furniture too, and lines
the layout wrapped are re-joined into paragraphs from each line's text and edges.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .. import errors
from ..metadata import ADDRESSEE_RE, ATTACHMENT_RE, DATE_LINE_RE, ISSUER_LINE_RE, TITLE_SUFFIX_RE
from ..segment import ARTICLE_RE, HEADING_RE, LEVELS, cn_number, em_count
from . import printed_page
from .base import RawText
from .text import garbage_share

# A page-number line once dashes and spaces are gone: 3, 第3页, 第3页共10页, 3/10, Page 3 of 10.
_PAGE_NUMBER = re.compile(r"(第?\d+页?([/／共]\d+页?)?|page\d+(of\d+)?)", re.I)
_PAGE_DECORATION = re.compile(r"[\s\-—–－―~·•]+")
_SENTENCE_END = re.compile(r"[。！？：；!?;:][”’」』\"')）]*$")
_PARAGRAPH_END = re.compile(r"[。！？!?][”’」』\"')）]*$")
_LATIN_END = re.compile(r"[A-Za-z0-9,.;:)%]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9(]")
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.·:：/%\-]*")
# A title holds no clause punctuation; an addressee line is no sentence's end (…通知 / 如下：).
_CLAUSE_MARK = re.compile(r"[。；，,：:！？]")
_PREAMBLE = re.compile(r"如下[：:]$|根据|按照|依据")
# Full-width opening brackets and quotes, whose glyph stands in the right of its em.
_OPENING = "（〔《“‘【"
# What a line may open with that the layout moves down whole, leaving the line above
# short: a number or Latin word, with the brackets and punctuation held to it
# (监督电话： / 6201234。, …（澄交 / 〔2019〕22号）设定的), or a character with the closing
# brackets and stops that may not open a line (…以下简称《办 / 法》），自…), or with a quoted
# number that a quote holds to it (…结合“5·12”防灾减灾日 / 和“9·18”防空警报试鸣).
_UNBREAKABLE_START = re.compile(r"^(?:[（(〔\[《“‘]*(?:[A-Za-z0-9][A-Za-z0-9.·:：/%\-]* ?[）)〕\]》”’，。、；：]* ?)+"
                                r"|[\u4e00-\u9fff][“‘][A-Za-z0-9][A-Za-z0-9.·:：/%\-]*[”’]"
                                r"|[\u4e00-\u9fff][）)〕\]》”’，。、；：！？]+)")
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
# Fewer visible characters per page than this means the text is not really there.
_MIN_CHARS_PER_PAGE = 20
# Read from the picture, a page of a document holds more: a blank scan carrying a
# website's 下载时间 stamp is no document.
_MIN_OCR_CHARS_PER_PAGE = 60
# Symbol fonts legitimately map a few glyphs to private-use characters; a broken
# font encoding turns most of the text into them.
MAX_GARBAGE = 0.10


@dataclass
class Line:
    text: str
    x0: float | None = None
    x1: float | None = None
    y: float = 0.0
    size: float | None = None  # font size of its first character
    row: tuple[int, int] | None = None  # (page, band) when it lies in a ruled table's row


@dataclass
class Band:
    """One row of a ruled table: between two horizontal rules that column rules cross."""
    left: float
    right: float
    low: float
    high: float
    columns: list[float]  # x of the rules between its cells, left to right


def table_bands(boxes, page_width: float, pt: float = 1.0) -> list[Band]:
    """The rows of a ruled table from the boxes (left, bottom, right, top; y upwards) of
    the page's drawn lines; `pt` is one point in the boxes' unit (25.4 / 72 for mm). A
    cell's text wraps inside its row; the row is one record."""
    flat, down = [], []
    for left, bottom, right, top in boxes:
        if top - bottom <= 3 * pt:
            flat.append((left, right, (bottom + top) / 2))
        elif right - left <= 3 * pt and top - bottom >= 8 * pt:
            down.append(((left + right) / 2, bottom, top))
    # A browser draws each cell's border on its own: a rule across is the cells' pieces joined.
    # A page sizes a table to its content: a short one spans a third of it (序号 乡镇 河长 职务)
    # or a quarter (序号 集体名称).
    across = [rule for rule in _joined_across(flat, pt) if rule[1] - rule[0] >= 0.2 * page_width]
    # Two rules across make one band: a table's last row alone on a new page, told from a
    # framed box by a column rule inside it.
    if len(across) < 2 or len(down) < 2:
        return []
    down = _joined(down, pt)
    left, right = min(a[0] for a in across), max(a[1] for a in across)
    ys = sorted({round(a[2] / pt, 1) * pt for a in across}, reverse=True)
    # A row cut by the page break in a browser's print: no rule closes it at the page's
    # foot (or opens it at the next page's head), but its column rules run on to the edge.
    below = [(x, bottom) for x, bottom, top in down if bottom <= ys[-1] - 4 * pt and top >= ys[-1] - 2 * pt]
    if len(_apart(sorted(x for x, _ in below), 3 * pt)) >= 3:
        ys.append(max(bottom for _, bottom in below))
    above = [(x, top) for x, bottom, top in down if top >= ys[0] + 4 * pt and bottom <= ys[0] + 2 * pt]
    if len(_apart(sorted(x for x, _ in above), 3 * pt)) >= 3:
        ys.insert(0, min(top for _, top in above))
    bands = []
    for high, low in zip(ys, ys[1:]):
        # The lines around a 版记 or under a red header have no column rules crossing them.
        crossing = _apart(sorted({round(x / pt) * pt for x, bottom, top in down
                                  if bottom <= low + 2 * pt and top >= high - 2 * pt}), 3 * pt)
        if high - low >= 4 * pt and len(crossing) >= (2 if len(across) > 2 else 3):
            bands.append(Band(left, right, low, high, crossing))
    return bands


def _apart(xs: list[float], gap: float) -> list[float]:
    """Column rules, one for each pair a browser draws a point apart (two cells' borders)."""
    out: list[float] = []
    for x in xs:
        if not out or x - out[-1] > gap:
            out.append(x)
    return out


def _joined_across(rules: list[tuple[float, float, float]], pt: float) -> list[tuple[float, float, float]]:
    """Horizontal pieces at one height that touch, joined into one rule (left, right, y)."""
    out: list[tuple[float, float, float]] = []
    for left, right, y in sorted(rules, key=lambda r: (round(r[2] / pt), r[0])):
        if out and round(out[-1][2] / pt) == round(y / pt) and left <= out[-1][1] + 2 * pt:
            out[-1] = (out[-1][0], max(out[-1][1], right), out[-1][2])
        else:
            out.append((left, right, y))
    return out


def _joined(rules: list[tuple[float, float, float]], pt: float) -> list[tuple[float, float, float]]:
    """Column rules drawn in pieces (one per printed line) joined into whole rules."""
    out: list[tuple[float, float, float]] = []
    for x, bottom, top in sorted(rules, key=lambda r: (round(r[0] / pt), r[1])):
        if out and round(out[-1][0] / pt) == round(x / pt) and bottom <= out[-1][2] + 2 * pt:
            out[-1] = (out[-1][0], out[-1][1], max(out[-1][2], top))
        else:
            out.append((x, bottom, top))
    return out


def row_text(cells: dict[int, str], band: Band, first_on_page: bool) -> str:
    """A ruled table's row, its cells (by column index, 1 for the first) apart by tabs and
    the empty ones left out, as Word's rows read — except the rest of a row cut by the
    page break (a page's first band with no 序号): there each cell keeps its place, empty
    ones too, so that it joins the row above cell by cell."""
    read = "".join(text for _, text in sorted(cells.items()))
    # A header row repeated on the new page is no rest of a row, though a scan may read
    # its 序号 and the next heading as one box, past the column rule.
    if first_on_page and not cells.get(1) and not _ROW_HEADER.match(read.lstrip()):
        return "\t".join(cells.get(column, "") for column in range(1, len(band.columns)))
    return "\t".join(text for _, text in sorted(cells.items()) if text)


def band_index(line: Line, bands: list[Band], pt: float = 1.0) -> int | None:
    """Which row of the page's table a line lies in, if any."""
    if line.x0 is None:
        return None
    for k, band in enumerate(bands):
        if band.low < line.y < band.high and band.left - 2 * pt <= line.x0 <= band.right:
            return k
    return None


def raw_text(pages: list[list[Line]], scanned: int = 0, kind: str = "PDF", ocr_pages: int = 0) -> RawText:
    """The document's paragraphs from its pages' lines; `scanned` pages are pictures
    left unread, `ocr_pages` pictures read by OCR. Fails as no_text_layer when the
    text is not really there."""
    body = [_columns_overlaid(page) for page in _drop_running_lines(pages)]
    text = "".join(line.text for page in body for line in page)
    visible = sum(visible_chars(page) for page in body)
    least = _MIN_OCR_CHARS_PER_PAGE if ocr_pages else _MIN_CHARS_PER_PAGE
    if (visible < least * max(len(pages), 1) or garbage_share(text) > MAX_GARBAGE
            or scanned == len(pages)):
        raise errors.no_text_layer(kind, ocr_tried=ocr_pages > 0)
    lines = [line for page in body for line in page]
    site, metadata = printed_page.furniture([line.text for line in lines])
    lines = [line for i, line in enumerate(lines) if i not in site]
    return RawText(_paragraphs(lines), pages=len(pages), metadata=metadata or None, ocr_pages=ocr_pages)


def visible_chars(lines: list[Line]) -> int:
    return sum(len(re.sub(r"\s", "", line.text)) for line in lines)


def unspaced(text: str, always: bool = False) -> str:
    """Justified text written as glyph offsets comes out as 第 一 条 　 为 加 强: when most
    Chinese characters of a line stand a space apart (or `always`), single spaces
    beside Chinese characters are layout."""
    gaps = len(_SPACED.findall(text))
    if not always and (gaps < 3 or gaps * 2 < len(_CJK_CHAR.findall(text))):
        return text
    return _SPACED_ANY.sub("", text)


def _is_page_number(text: str) -> bool:
    """— 3 —, and its dashes alone: pdfium may break a page number (— / 5 —) when a table
    row runs down beside it."""
    number = _PAGE_DECORATION.sub("", text)
    return not number or bool(_PAGE_NUMBER.fullmatch(number))


def _edge_lines(lines: list[Line]) -> list[Line]:
    by_height = sorted(lines, key=lambda line: -line.y)
    return by_height[:_EDGE_LINES] + by_height[-_EDGE_LINES:]


def _drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop page numbers and headers/footers repeated at the page edges of most pages."""
    def key(line: Line) -> tuple[str, int]:
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


def two_columns(spans: list[tuple[float, float]], unit: float, fill: float) -> tuple[float, float, float] | None:
    """Where two columns of text stand, from the left and right edges of a page's lines
    (a gazette's 政府公报 pages): (the first column's left edge, the gutter's middle, the
    second column's left edge); None for any other page. Most lines stand on one side of
    the page's middle or the other, most of them `fill` of their column's width: short
    lines at either side (headings, a signature) make no columns. `unit`: a character's size."""
    if len(spans) < 10:
        return None
    left, right = _percentile([a for a, _ in spans], 0.05), _percentile([b for _, b in spans], 0.95)
    middle = (left + right) / 2
    first = [(a, b) for a, b in spans if b <= middle + unit / 2]
    second = [(a, b) for a, b in spans if a >= middle - unit / 2]
    if len(first) < 5 or len(second) < 5 or len(first) + len(second) < 0.6 * len(spans):
        return None
    first_left, first_right = _percentile([a for a, _ in first], 0.1), _percentile([b for _, b in first], 0.9)
    second_left = _percentile([a for a, _ in second], 0.1)
    width = first_right - first_left
    if (second_left - first_right < unit / 2 or _percentile([b - a for a, b in first], 0.5) < fill * width
            or _percentile([b - a for a, b in second], 0.5) < fill * width):
        return None
    return first_left, (first_right + second_left) / 2, second_left


def in_columns(lines: list[Line], halves: dict[int, tuple[Line, Line]]) -> list[Line]:
    """The page's lines with those a wide gap parts (`halves`, by the line's id) cut in
    two, when the halves stand in two columns of text: a page written line by line across
    both columns, which a reader takes a printed line at a time. As they were else; the
    columns are then read whole (_columns_overlaid)."""
    if len(halves) < 5:
        return lines
    cut = [half for line in lines for half in halves.get(id(line), (line,))]
    placed = [line for line in cut if line.x0 is not None and line.x1 is not None and line.row is None]
    widths = [(line.x1 - line.x0) / em_count(line.text) for line in placed if len(line.text) >= 5]
    if widths and two_columns([(line.x0, line.x1) for line in placed], _percentile(widths, 0.5), 0.8):
        return cut
    return lines


def _columns_overlaid(page: list[Line]) -> list[Line]:
    """A page set in two columns is read column by column, and its right column's lines
    are moved onto the left column's place, so that one margin serves both when wrapped
    lines are re-joined: measured against the page, every line of the left column stopped
    short and every line of the right one opened indented, each a paragraph of its own.
    Lines across both columns (the title over them) stay where they are."""
    placed = [line for line in page if line.x0 is not None and line.x1 is not None and line.row is None
              and len(line.text) >= 2]
    if len(placed) < 10:
        return page
    em = _percentile([(line.x1 - line.x0) / em_count(line.text) for line in placed], 0.5)
    columns = two_columns([(line.x0, line.x1) for line in placed], em, 0.8)
    if columns is None:
        return page
    first_left, gutter, second_left = columns
    across = {id(line) for line in placed if line.x0 < gutter - em and line.x1 > gutter + em}
    second = [line for line in placed if id(line) not in across and line.x0 >= gutter - em]
    first = [line for line in placed if id(line) not in across and line.x0 < gutter - em]
    shift = second_left - first_left
    moved = [Line(line.text, line.x0 - shift, line.x1 - shift, line.y, line.size, line.row) for line in second]
    # Written line by line across the page, the columns' lines alternate: each column is
    # read whole, when nothing else stands between their lines.
    column_ids = {id(line) for line in first + second}
    top, bottom = max(line.y for line in first + second), min(line.y for line in first + second)
    others = [line for line in page if id(line) not in column_ids]
    if all(line.y > top or line.y < bottom for line in others):
        return [line for line in others if line.y > top] + first + moved + [line for line in others if line.y < bottom]
    shifted = dict(zip(map(id, second), moved))
    return [shifted.get(id(line), line) for line in page]


def _lone_header(page: list[Line]) -> bool:
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
        # The signature's date pushed over to the next page stands just like that.
        and not DATE_LINE_RE.match(top.text)
    )


@dataclass
class _Layout:
    left: float  # the text block's left margin
    right: float  # and its right margin
    em: float  # width of one Chinese character
    size: float | None  # the body text's font size
    indents: bool = False  # paragraphs open with a first-line indent (公文 do: two characters)


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))]


def _layout(lines: list[Line]) -> _Layout | None:
    # The text's margins, not a table's: a ruled table may reach past them, and its rows
    # (one record each, joined apart) would move the right margin a few points out.
    placed = ([line for line in lines if line.x0 is not None and line.row is None]
              or [line for line in lines if line.x0 is not None])
    widths = [(line.x1 - line.x0) / em_count(line.text) for line in placed if len(line.text) >= 5]
    if not widths:
        return None
    # Percentiles, not extremes: a stray table cell or stamp must not move the margins.
    layout = _Layout(
        left=_percentile([line.x0 for line in placed], 0.05),
        right=_percentile([line.x1 for line in placed], 0.95),
        em=_percentile(widths, 0.5),
        size=_percentile(sizes, 0.5) if (sizes := [line.size for line in placed if line.size]) else None,
    )
    # After a sentence that ends well short of the margin (a paragraph's last line),
    # does the next line open indented?
    after_ends = [line.x0 > layout.left + layout.em for prev, line in zip(lines, lines[1:])
                  if prev.x1 is not None and line.x0 is not None and prev.row is None and line.row is None
                  and _SENTENCE_END.search(prev.text) and prev.x1 < layout.right - 3 * layout.em]
    layout.indents = len(after_ends) >= 3 and sum(after_ends) >= 0.8 * len(after_ends)
    return layout


def _numbered(text: str) -> bool:
    """Starts like an article, chapter, numbered item or attachment: always a new paragraph."""
    return text.startswith(("附件", "附表")) or any(p.match(text) for p in (ARTICLE_RE, HEADING_RE, *LEVELS))


def _starts_paragraph(prev: Line, line: Line, layout: _Layout | None) -> bool:
    if _numbered(line.text):
        # Items run inline (…遴选：（一）…；（三）…；) that the layout wrapped before one: where
        # paragraphs open indented, an item at the margin under a full line goes on.
        return not (layout and layout.indents and prev.x1 is not None and line.x0 is not None
                    and not _PARAGRAPH_END.search(prev.text) and _full(prev, line, layout)
                    and line.x0 < layout.left + 1.3 * layout.em)  # a bracket's bearing: under 2 em
    if _SENTENCE_END.search(prev.text):
        # Where paragraphs open indented, a sentence that ends a full line goes on when the
        # next line is not indented (…确定体检人员。 / 体检合格的…).
        return not (layout and layout.indents and prev.x1 is not None and line.x0 is not None
                    and _full(prev, line, layout) and line.x0 <= layout.left + layout.em / 2)
    # A title set in a larger size can fill the line; the addressee under it is another paragraph.
    if prev.size and line.size and abs(prev.size - line.size) > 0.15 * min(prev.size, line.size):
        return True
    if layout is None or prev.x0 is None or line.x0 is None:
        return False
    # A right-aligned line wrapped (a long joint signature, 甲局 乙局 丙局 set on one line): its
    # rest sits alone at the right margin under a full line. The date under a signature that
    # fills the line sits there too, and is no part of it.
    if (line.x1 is not None and _full(prev, line, layout) and prev.x0 < layout.left + 2 * layout.em
            and line.x0 > (layout.left + layout.right) / 2 and line.x1 >= layout.right - layout.em
            and not DATE_LINE_RE.match(line.text.strip())):
        return False
    # A title wrapped over centred lines, set larger than the body. A red header's 文件
    # ends one; a body's whole name is one line of a stacked joint red header.
    if (layout.size and prev.size and line.size and min(prev.size, line.size) > 1.2 * layout.size
            and not _RED_HEADER_END.search(prev.text) and not _stacked_bodies(prev.text, line.text)):
        return False
    # The line stops mid-sentence: only a clear gap ends the paragraph. Text set flush
    # left (not justified) ends a line up to two characters early, where a character
    # may not open a line (，。”) or a number does not fit.
    ends_short = not _full(prev, line, layout) and prev.x1 < layout.right - 3 * layout.em
    # A full-width opening bracket sits in the right of its em: （2024年版） wrapped to the
    # margin starts about an em in.
    bearing = layout.em / 2 if line.text[:1] in _OPENING else 0
    indented = line.x0 > layout.left + layout.em + bearing
    return ends_short or indented


def _full(prev: Line, line: Line, layout: _Layout) -> bool:
    """The line above reaches the margin, or stops where the next line's opening number
    or bracketed 文号 (moved down whole) would not have fitted."""
    room = 1.5
    chunk = _UNBREAKABLE_START.match(line.text)
    if chunk:
        text = chunk.group(0)
        if "\u4e00" <= text[0] <= "\u9fff" and not _LATIN_RUN.search(text):
            # Chinese closing marks (店）”) take a whole em each, whatever em_count says of ” in Latin.
            width = len(text)
        elif "\u4e00" <= text[0] <= "\u9fff":
            # 和“9·18”: the character and the quotes an em each, the number as the line sets it.
            run = _LATIN_RUN.search(text).group(0)
            width = len(text) - len(run) + len(run) * _half_width(line, layout)
        else:
            # A reader may put a space where a gap sets the digits off (20% 、15% 、 in an OFD).
            text = text.replace(" ", "")
            half = sum(unicodedata.east_asian_width(ch) not in "WF" for ch in text)
            width = len(text) - half + half * _half_width(line, layout)
        room = max(room, width + 0.5)
    return prev.x1 >= layout.right - room * layout.em


def _half_width(line: Line, layout: _Layout) -> float:
    """How wide the line sets its digits and Latin letters, in em, measured on the line:
    half an em in many Chinese fonts, wider in others and where a gap is set between them
    and Chinese (LibreOffice moved 20%、15%、20%和 down whole from a line 7.6 em short)."""
    text = line.text.replace(" ", "")
    half = sum(unicodedata.east_asian_width(ch) not in "WF" for ch in text)
    if half < 4 or line.x0 is None or line.x1 is None or layout.em <= 0:
        return 0.5
    measured = ((line.x1 - line.x0) / layout.em - (len(text) - half)) / half
    return min(max(measured, 0.5), 0.8)


def _stacked_bodies(prev: str, line: str) -> bool:
    """甲局 over 乙局文件: the bodies of a joint red header, one to a line (a title line
    ending in 办 looks like a body too, but the rest of the title does not)."""
    # 乙局文件 may itself wrap: 乙局文 / 件.
    return bool(ISSUER_LINE_RE.match(prev)) and bool(ISSUER_LINE_RE.match(re.sub(r"文\s*件?$", "", line)))


def _cited_article(article, last: int, prev: Line, layout: _Layout | None) -> bool:
    """…逾期不改正的，依照本办法 / 第十条予以处理: a full line cut mid-sentence, then a line
    opening with an article number other than the next one, is one sentence citing it."""
    if article is None or layout is None or prev.x1 is None or _SENTENCE_END.search(prev.text):
        return False
    full = prev.x1 >= layout.right - 1.5 * layout.em
    return full and cn_number(article.group(1)) != last + 1


def _row_continued(top: str, rest: str) -> str:
    """A table row cut by a page break, joined cell by cell (市场主体未依 + 照规定办理…) when
    the part above fills every cell the rest holds in place (row_text); else the rest
    goes on at its end, nothing lost."""
    cells, more = top.split("\t"), rest.split("\t")
    # The row above left its empty cells out (row_text); an empty last column (备注) is
    # still in the rest.
    while len(more) > len(cells) and not more[-1]:
        more.pop()
    if len(more) != len(cells):
        return top + "\t".join(cell for cell in more if cell)
    return "\t".join(a + b for a, b in zip(cells, more))


def _addressee_at(lines: list[Line], i: int) -> bool:
    """Lines from i on are the addressee, on one line or wrapped over up to three (各乡镇人民政府、
    …县人民法院各 / 人民法庭，县公安局各派出所：), not a notice's opening sentence."""
    text = ""
    for line in lines[i:i + 3]:
        text += line.text
        if ADDRESSEE_RE.match(text):
            return not _PREAMBLE.search(text)
    return False


def _bodies_wrapped(text: str, line: str) -> bool:
    """A joint signature typed as a paragraph (甲局　乙局) wrapped before a whole body's name
    (丙局): the names stay apart."""
    names = re.split(r"[ 　]+", text.strip())
    return len(names) > 1 and all(ISSUER_LINE_RE.match(name) for name in names) and bool(ISSUER_LINE_RE.match(line.strip()))


def _paragraphs(lines: list[Line]) -> list[str]:
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
        if (line.row is not None and line.row[1] == 0 and prev is not None
                and (prev.row is None or prev.row[0] != line.row[0])
                and _ROW_HEADER.match(paragraphs[-1]) and not _ROW_NUMBER.match(line.text)):
            # The header row itself cut by the page break: its top on the page before, read
            # as a line (序号 水体名称 所在县) or a band of its own, the rest (（区）) in the new
            # page's first band.
            paragraphs[-1] = _row_continued(_ROW_NUMBER.sub("\\1\t", paragraphs[-1]), line.text)
            skipped = line.row
            continue
        if line.row is not None and last_row is not None and line.row[0] != last_row[0]:
            # A table going on over a page: its header repeats, and a row cut by the page
            # break goes on in the first band.
            if _ROW_HEADER.match(line.text):
                skipped = line.row
                continue
            if not _ROW_NUMBER.match(line.text):
                paragraphs[last_row[1]] = _row_continued(paragraphs[last_row[1]], line.text)
                last_row = (line.row[0], last_row[1])
                skipped = line.row
                continue
        article = ARTICLE_RE.match(line.text)
        # A title set in the body's size, centred, over the addressee: two paragraphs.
        titled = (i < 12 and prev is not None and TITLE_SUFFIX_RE.search(prev.text) and not _CLAUSE_MARK.search(prev.text)
                  and _addressee_at(lines, i))
        if prev is not None and not (prev.row or line.row) and not titled and (
                not _starts_paragraph(prev, line, layout) or _cited_article(article, last_article, prev, layout)):
            latin = _LATIN_END.search(paragraphs[-1]) and _LATIN_START.search(line.text)
            gap = " " if latin else "　" if _bodies_wrapped(paragraphs[-1], line.text) else ""
            paragraphs[-1] += gap + line.text
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


def same_baseline_joined(lines: list[Line]) -> list[Line]:
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
