"""Text read from page images — scanned PDFs and pictures — when OCR is installed.

Many documents in a department's archive exist only as the sealed scan. RapidOCR
(PP-OCRv4 Chinese models shipped inside its wheel, run by ONNX Runtime on the CPU;
`pip install 'taizhang[ocr]'`) reads a page into text boxes; each box becomes a
`Line` placed on the page as a PDF's text would be, so layout.py re-joins wrapped
lines and finds paragraphs exactly as for a text-layer PDF. Without it, a scan stays
`no_text_layer` and says what to do.

Red ink is whitened first: the seal stamped over the signature and date would read as
stray characters, and the red header's stretched type reads poorly (its body's name
is at the signature as well). A box read with low confidence is dropped rather than
guessed.
"""
from __future__ import annotations

import bisect
import logging
import re
from functools import lru_cache

import numpy as np

from ..metadata import ORG_SUFFIX
from .layout import Line, band_index, em_count, row_text, table_bands, two_columns

# Pages are read at this resolution: enough for 仿宋 三号 body text and 小四 tables.
DPI = 200
# A picture's longer side is brought down to this many pixels (an A4 page at 200 dpi
# is 2,339): reading time grows with the pixels, not the text.
MAX_SIDE = 3500
# The detector's threshold for a text region (RapidOCR's default is 0.5): a line the seal's
# faint edge crosses scores lower, and the recogniser's confidence below drops what is not text.
BOX_THRESHOLD = 0.3
# Boxes the recogniser is less sure of than this are dropped (a garbled stamp, a smudge).
MIN_CONFIDENCE = 0.8
# A page read upright that gives fewer characters than this is tried turned round.
FEW_CHARACTERS = 20
# An article's number, or a chapter's or section's, that a space sets apart from its text.
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇]+(条(之[一二三四五六七八九十]+)?|章|节|编)")
_PAGE_NUMBER = re.compile(r"^[一—–－\-]{1,2}\s*(\d{1,4})\s*[一—–－\-]{1,2}$")
_DIGIT_DASH = re.compile(r"(?<=\d)一(?=\d)")
_YEAR_BRACKETS = re.compile(r"[〔【\[［]\s*(\d{4})\s*[〕】\]］]")
_NUMERAL_PARENS = re.compile(r"[(（]([一二三四五六七八九十]{1,3})[)）]")
_LATIN_PARENS = re.compile(r"\(([^()（）]*[\u4e00-\u9fff][^()（）]*)\)")
_HAN = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
_BODY = re.compile(rf"^[\u4e00-\u9fff]{{2,30}}{ORG_SUFFIX}$")
_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# Standard type sizes of 公文 in points (小四 12 … 小初 36), for lines set larger than the body.
_SIZES = (12, 14, 15, 16, 18, 22, 24, 26, 36, 42)
# Boxes on one printed line lie this close in height (share of the box's own height).
_SAME_LINE = 0.5
# A gap wider than this (in the line's heights) parts two cells of a table row.
_CELL_GAP = 1.5


@lru_cache(maxsize=1)
def engine():
    """The recogniser, loaded once per process; None when OCR is not installed."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:  # the extra is not installed, or OpenCV lacks its system libraries
        return None
    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    return RapidOCR()


def available() -> bool:
    return engine() is not None


def page_lines(image, height: float, scale: float, page: int = 0, pt: float = 1.0) -> list[Line]:
    """An RGB page image's text as lines, top to bottom, in the page's own units:
    `scale` pixels per unit, y upwards from the bottom (`height` units high), as PDF
    places text; `pt` is one point in those units. A ruled table's row is one line, its
    cells apart by tabs, as a text PDF's is (layout.table_bands)."""
    pixels = _without_red(np.asarray(image.convert("RGB")))
    boxes = _read(pixels)
    if _characters(boxes) < FEW_CHARACTERS:
        # Next to nothing read: a sheet fed upside down or sideways reads as noise. The
        # turn that reads most wins (a page that is blank or nearly so stays as it was).
        turns = [np.ascontiguousarray(np.rot90(pixels, k)) for k in (2, 1, 3)]
        best = max(((turned, _read(turned)) for turned in turns), key=lambda pair: _characters(pair[1]))
        if _characters(best[1]) > max(_characters(boxes), FEW_CHARACTERS):
            pixels, boxes = best
            height = pixels.shape[0] / scale
    turn = _skew(boxes)
    centre = np.array(pixels.shape[1::-1]) / 2
    found = []
    for corners, text, _, *characters in boxes:
        # Placed as if the page lay straight: each line's height and margin are what the
        # layout reads paragraphs from.
        xs, ys = ((np.asarray(corners, dtype=float) - centre) @ turn.T + centre).T
        found.append((xs.min(), xs.max(), ys.min(), ys.max(), text.strip(), characters[0] if characters else []))
    if found:
        # Where the text block's paragraphs open indented, an article's number is set apart.
        left, tall = np.percentile([b[0] for b in found], 5), np.median([b[3] - b[2] for b in found])
        found = [(*box[:4], _spaced(box[4], box[5], opening=box[0] > left + 0.8 * tall)) for box in found]

    def to_units(x: float, y: float) -> tuple[float, float]:
        return x / scale, height - y / scale

    bands = table_bands(_rules(pixels, turn, centre, to_units), pixels.shape[1] / scale, pt)
    in_rows: dict[int, list[tuple]] = {}
    free = []
    for box in found:
        x, y = to_units(box[0], (box[2] + box[3]) / 2)
        k = band_index(Line(box[4], x, x, y), bands, pt)
        (in_rows.setdefault(k, []) if k is not None else free).append(box)
    columns = None if in_rows else _columns(free)
    # A page in two columns is read column by column, each column top to bottom.
    rows = [row for part in columns for row in _rows(part)] if columns else _rows(free)
    lines = _sized([_line(row, height, scale) for row in rows], [max(b[3] - b[2] for b in row) for row in rows])
    if columns:
        return _quotes(lines)
    size = _body_size(lines)
    lines += [_table_row(boxes_in_row, bands[k], scale, size, (page, k)) for k, boxes_in_row in in_rows.items()]
    return _quotes(sorted(lines, key=lambda line: -line.y))


def _table_row(boxes: list[tuple], band, scale: float, size: float | None, row: tuple[int, int]) -> Line:
    """A ruled table's row as one line: each cell's wrapped lines in reading order, as a
    Word table's cell reads, cells apart by tabs."""
    cells: dict[int, list[tuple]] = {}
    for box in boxes:
        cells.setdefault(bisect.bisect_right(band.columns, ((box[0] + box[1]) / 2) / scale), []).append(box)
    text = row_text({column: "".join(b[4] for line in _rows(cell) for b in line) for column, cell in cells.items()},
                    band, row[1] == 0)
    return Line(_mended(text), band.left, band.right, (band.low + band.high) / 2, size, row=row)


def _rules(pixels: np.ndarray, turn: np.ndarray, centre: np.ndarray, to_units) -> list[tuple[float, ...]]:
    """The page's drawn lines, as boxes (left, bottom, right, top) in its units, y up: ink
    runs long and thin enough that no character stroke is one, straightened with the text."""
    import cv2

    ink = (cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY) < 160).astype(np.uint8)
    high, wide = ink.shape
    boxes = []
    for kernel, across in (((max(40, wide // 20), 1), True), ((1, max(40, high // 30)), False)):
        runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        count, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
        for label in range(1, count):
            x, y, w, h = stats[label][:4]
            if (w if across else h) < 3 * (h if across else w):
                continue
            ys, xs = np.nonzero(labels[y:y + h, x:x + w] == label)
            # Its two ends, each the middle of its ink there: the rule may lie askew.
            key = xs if across else ys
            ends = []
            for edge in (key.min(), key.max()):
                near = np.abs(key - edge) <= 2
                ends.append((x + xs[near].mean(), y + ys[near].mean()))
            (x0, y0), (x1, y1) = ((np.asarray(ends) - centre) @ turn.T + centre)
            (u0, v0), (u1, v1) = to_units(x0, y0), to_units(x1, y1)
            half = 0.5 if across else 0.0
            if across:
                boxes.append((min(u0, u1), (v0 + v1) / 2 - half, max(u0, u1), (v0 + v1) / 2 + half))
            else:
                boxes.append(((u0 + u1) / 2, min(v0, v1), (u0 + u1) / 2, max(v0, v1)))
    return boxes


def _read(pixels: np.ndarray) -> list:
    """The recogniser's boxes it is sure of: [corners, text, confidence, character boxes …]."""
    # No text-angle classifier: it turns lines holding 》《 upside down and they are lost;
    # a page is read upright (askew by a few degrees at most: _skew).
    boxes, _ = engine()(pixels, use_cls=False, return_word_box=True, box_thresh=BOX_THRESHOLD)
    return [box for box in boxes or [] if float(box[2]) >= MIN_CONFIDENCE and box[1].strip()]


def _characters(boxes: list) -> int:
    return sum(len(box[1]) for box in boxes)


def _skew(boxes: list) -> np.ndarray:
    """The rotation that straightens a page scanned askew: a degree of skew lifts a line's
    end by half its height, enough to read one printed line as two. Its angle is the
    median slope of the long boxes' top edges (the detector follows the text)."""
    slopes = []
    for corners, *_ in boxes:
        (x0, y0), (x1, y1) = corners[0], corners[1]
        if x1 - x0 > 5 * abs(corners[3][1] - corners[0][1]):
            slopes.append(np.arctan2(y1 - y0, x1 - x0))
    angle = -float(np.median(slopes)) if len(slopes) >= 3 else 0.0
    return np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])


def _spaced(text: str, characters: list, opening: bool) -> str:
    """The spaces the recogniser drops, put back from where its characters stand.

    Bodies listed on one line stand a space apart (某市中级人民法院 某市发展和改革委员会),
    which is how a joint signature is told apart: gaps well over the line's usual one,
    between names of three characters or more; a single gap only between two bodies'
    names (…局 …局, …局 …局文件 in a joint red header).
    And 第九条　中标候选人…, 第二章　规划与建设 set a space after an article's or a
    chapter's number; without it 第九条中标… reads as "in article 9" and 第二章规划… as a
    sentence (segment.py), each running into the article before. On a line that opens a
    paragraph or is centred, the number's last character standing apart from the next
    more than its own characters do is that space.
    """
    if len(characters) != len(text) or len(text) < 2:
        return text
    gaps = [characters[k + 1][0][0] - characters[k][1][0] for k in range(len(text) - 1)]
    width = float(np.median([box[1][0] - box[0][0] for box in characters]))
    wide = max(0.45 * width, 2.5 * float(np.median(gaps)))
    # Between two characters of names: a full-width mark (。，“（) stands apart by its own shape.
    apart = {k for k, gap in enumerate(gaps) if gap > wide and _NAME_CHAR.match(text[k]) and _NAME_CHAR.match(text[k + 1])}
    cuts = [-1, *sorted(apart), len(text) - 1]
    pieces = [text[a + 1:b + 1] for a, b in zip(cuts, cuts[1:])]
    if min(map(len, pieces)) < 3 or (len(apart) < 2 and not all(_BODY.match(piece.removesuffix("文件")) for piece in pieces)):
        apart = set()  # a gap or two in a letter-spaced line (青交 发 〔2025〕) is no list of bodies
    number = _ARTICLE.match(text) if opening else None
    end = number.end() if number else 0
    out = []
    for k, ch in enumerate(text):
        out.append(ch)
        if k == end - 1 and k < len(gaps) and gaps[k] > 0.15 * width and gaps[k] > 1.5 * max(gaps[:k], default=0):
            out.append("\u3000")
        elif k in apart:
            out.append(" ")
    return "".join(out)


def _without_red(pixels: np.ndarray) -> np.ndarray:
    """Red ink (seal, red header and its rule) turned white; black and grey stay."""
    red, green, blue = (pixels[..., k].astype(np.int16) for k in range(3))
    # Light pink too: the seal's anti-aliased edges left as a faint ring hide the line under
    # them from the text detector. Dark pixels (black ink under red) stay.
    inked = (red > 140) & (red - (green + blue) // 2 > 25)
    if not inked.any():
        return pixels
    out = pixels.copy()
    out[inked] = 255
    # What is left of the red's edges is pale (a JPEG scan rings them in pale cyan): paper.
    out[out.min(axis=2) >= 200] = 255
    return out


def _columns(boxes: list[tuple]) -> tuple[list, list, list, list] | None:
    """A page set in two columns (a scanned 政府公报): its boxes above the columns, in the
    first, in the second and below them; None for any other page. The recogniser reads
    each column's line apart, and a printed line across the page would put one line of
    each side by side, as a table row's cells."""
    if sum(len(b[4]) >= 4 for b in boxes) < 10:
        return None
    tall = float(np.median([b[3] - b[2] for b in boxes]))
    columns = two_columns([(b[0], b[1]) for b in boxes], tall, 0.7)
    if columns is None:
        return None
    # Each box by its side of the gutter; only one reaching three characters past it on
    # both sides runs across (a column's box may open early or end late by a character or
    # two: a line's leading ，, the recogniser's margin).
    _, gutter, _ = columns
    across = [b for b in boxes if b[0] < gutter - 3 * tall and b[1] > gutter + 3 * tall]
    first = [b for b in boxes if b not in across and (b[0] + b[1]) / 2 < gutter]
    second = [b for b in boxes if b not in across and (b[0] + b[1]) / 2 >= gutter]
    top, bottom = min(b[2] for b in first + second), max(b[3] for b in first + second)
    above = [b for b in across if b[3] <= top + tall / 2]
    below = [b for b in across if b[2] >= bottom - tall / 2]
    if len(above) + len(below) < len(across):
        return None  # a line across the page between the columns' lines: not a simple two-column page
    return above, first, second, below


def _rows(boxes: list[tuple]) -> list[list[tuple]]:
    """Boxes grouped into printed lines (a table row's cells, a signature set apart),
    each line left to right, lines top to bottom."""
    rows: list[list[tuple]] = []
    for box in sorted(boxes, key=lambda b: (b[2] + b[3]) / 2):
        centre, tall = (box[2] + box[3]) / 2, box[3] - box[2]
        row = rows[-1] if rows else None
        if row and abs(centre - sum((b[2] + b[3]) / 2 for b in row) / len(row)) < _SAME_LINE * tall:
            row.append(box)
        else:
            rows.append([box])
    return [sorted(row) for row in rows]


def _line(row: list[tuple], height: float, scale: float) -> Line:
    tall = max(b[3] - b[2] for b in row)
    text = row[0][4]
    for prev, box in zip(row, row[1:]):
        text += ("\t" if box[0] - prev[1] > _CELL_GAP * tall else "") + box[4]
    top, bottom = min(b[2] for b in row), max(b[3] for b in row)
    return Line(_mended(text), x0=row[0][0] / scale, x1=row[-1][1] / scale,
                y=height - (top + bottom) / 2 / scale)


def _mended(text: str) -> str:
    """Half a pair misread: 〔2019】 → 〔2019〕 (a 文号's year), (十七） → （十七） (an item's
    number); Latin parentheses around Chinese text are the full-width ones 公文 use; a
    dash read as 一, in a page number (一3一 → — 3 —) or between digits (0817一6623105)."""
    if _PAGE_NUMBER.match(text):
        return _PAGE_NUMBER.sub(r"— \1 —", text)
    text = _DIGIT_DASH.sub("—", text)  # 0817一6623105: a dash between digits, not 一
    text = _YEAR_BRACKETS.sub(r"〔\1〕", text)
    text = _NUMERAL_PARENS.sub(r"（\1）", text)
    return _LATIN_PARENS.sub(r"（\1）", text)


def _sized(lines: list[Line], heights: list[float]) -> list[Line]:
    """Each line's font size, which layout.py compares to tell a title from the body.

    A box's height varies by a fifth from line to line with the glyphs in it, so the
    size is read from the character pitch of lines that measure it (公文 set Chinese
    without letter spacing), from the box's height only for a short line set much
    larger under a larger line (a title's last line, 施方案), and snapped: the body's
    size for the body, the nearest standard size (二号 22 pt …, relative to a 三号 body)
    for lines set clearly larger.
    """
    pitches = [(line.x1 - line.x0) / em_count(line.text) if _measurable(line.text) else None for line in lines]
    measured = [p for p in pitches if p]
    if not measured:
        return lines
    body = float(np.median(measured))
    body_height = float(np.median([h for h, p in zip(heights, pitches) if p]))
    previous = body
    for line, pitch, tall in zip(lines, pitches, heights):
        if pitch and pitch > 1.15 * body:
            # Snapped in 公文 points, the body taken as 三号 (16 pt): the page's units may be
            # points (PDF) or millimetres (OFD).
            line.size = body * min(_SIZES, key=lambda size: abs(size - pitch / body * 16)) / 16
        elif not pitch and previous > body and tall > 1.35 * body_height:
            line.size = previous  # a title's short last line (施方案), under its larger first
        else:
            line.size = body  # a short line's height alone is too unsure (讼。 ends a paragraph)
        previous = line.size
    return lines


def _body_size(lines: list[Line]) -> float | None:
    """The size most lines are set in."""
    sizes = [line.size for line in lines if line.size]
    return float(np.median(sizes)) if sizes else None


def _measurable(text: str) -> bool:
    """A line whose width tells its type size: five characters or more, nearly all Chinese
    (digits and Latin letters vary in width), no gap (a signature's two bodies)."""
    han = len(_HAN.findall(text))
    return han >= 5 and han >= 0.8 * len(text) and "\t" not in text and " " not in text


def _quotes(lines: list[Line]) -> list[Line]:
    """A straight quote the recogniser gave for a curly one (“黑名 / 单"): closing when a
    quote is open, on this line or the one before, else opening."""
    open_ = False
    for line in lines:
        out = []
        for ch in line.text:
            if ch == '"':
                ch = "”" if open_ else "“"
            open_ = ch == "“" or (open_ and ch != "”")
            out.append(ch)
        line.text = "".join(out)
    return lines
