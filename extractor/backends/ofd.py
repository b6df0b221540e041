"""OFD (GB/T 33190, 版式文件), the national fixed-layout format of e-government.

An OFD file is a zip: OFD.xml names the document's Document.xml, which lists its
pages in order; each page's Content.xml holds layers of TextObjects (a Boundary box,
a font size, an optional CTM) whose TextCodes give a run of text, its baseline
origin and the advance of each character (DeltaX, "g 3 4.2" for three steps of 4.2),
all in millimetres with y growing downwards. Characters are placed on the page,
gathered into lines by baseline and ordered left to right; layout.py then undoes the
layout as for a PDF. A scanned page's picture (an ImageObject over most of the page,
its file named in DocumentRes/PublicRes) is read by OCR when it is installed. Page
templates (running headers, page numbers) and signatures are not read. Elements are matched by local name: producers differ in namespace.
"""
from __future__ import annotations

import bisect
import io
import posixpath
import unicodedata
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from PIL import Image

from .. import errors
from . import ocr
from .base import RawText
from .layout import Band, Line, band_index, in_columns, raw_text, row_text, table_bands, unspaced, visible_chars

# A page whose largest image covers this share of it, with fewer visible characters, is a scan.
_SCAN_COVER = 0.5
_SCAN_TEXT = 100
_POINT = 25.4 / 72  # one point in millimetres
# Characters on one line: baselines within this share of the font size.
_SAME_LINE = 0.3
# A gap wider than this share of the font size between two characters is a space.
_SPACE_GAP = 0.25
# Between two Latin letters or digits: _Char counts them half an em, and a capital may be
# nearly a whole one.
_LATIN_GAP = 0.5


@dataclass
class _Char:
    x: float
    y: float  # baseline, millimetres from the page's top
    size: float
    text: str

    @property
    def right(self) -> float:
        return self.x + self.size * (1.0 if unicodedata.east_asian_width(self.text) in "WF" else 0.5)


class OfdBackend:
    format = "ofd"

    def read(self, data: bytes, name: str) -> RawText:
        try:
            package = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise errors.corrupt("OFD 文件") from exc
        with package:
            names = set(package.namelist())
            if any(posixpath.basename(n).lower().startswith("encryption") for n in names):
                raise errors.encrypted("OFD 文件")
            document_path, page_paths = _page_paths(package)
            media: dict[str, str] | None = None
            pages, scanned, read_by_ocr = [], 0, 0
            for number, page_path in enumerate(page_paths):
                content = _page_content(_xml(package, page_path))
                bands = table_bands(content.rules, content.width, pt=_POINT)
                lines = _lines(content.chars, content.height, bands, number)
                if content.covered >= _SCAN_COVER and visible_chars(lines) < _SCAN_TEXT:
                    # A scanned page: its picture is read by OCR when it is installed.
                    media = _media(package, document_path) if media is None else media
                    picture = _picture(package, media.get(content.image or ""))
                    if picture is not None and ocr.available():
                        lines = _ocr_lines(picture, content, number)
                        read_by_ocr += 1
                    else:
                        scanned += 1
                pages.append(lines)
        return raw_text(pages, scanned, kind="OFD 文件", ocr_pages=read_by_ocr)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str):
    return [child for child in element if _local(child.tag) == name]


def _first(element, name: str):
    return next((e for e in element.iter() if _local(e.tag) == name), None)


def _xml(package: zipfile.ZipFile, path: str):
    path = path.lstrip("/")
    try:
        return ElementTree.fromstring(package.read(path))
    except KeyError as exc:
        raise errors.corrupt("OFD 文件") from exc  # a part the package names is missing


def _resolve(base_dir: str, location: str) -> str:
    """A BaseLoc: absolute within the package when it starts with /, else relative."""
    location = location.strip()
    return posixpath.normpath(location.lstrip("/") if location.startswith("/") else posixpath.join(base_dir, location))


def _page_paths(package: zipfile.ZipFile) -> tuple[str, list[str]]:
    """The document's Document.xml and its pages' Content.xml, in the document's order
    (the first document only)."""
    doc_root = _first(_xml(package, "OFD.xml"), "DocRoot")
    if doc_root is None or not (doc_root.text or "").strip():
        raise errors.corrupt("OFD 文件")
    document_path = _resolve("", doc_root.text)
    document = _xml(package, document_path)
    pages = _first(document, "Pages")
    if pages is None:
        raise errors.corrupt("OFD 文件")
    base = posixpath.dirname(document_path)
    return document_path, [_resolve(base, page.get("BaseLoc", "")) for page in _children(pages, "Page")]


def _media(package: zipfile.ZipFile, document_path: str) -> dict[str, str]:
    """Each multimedia resource's ID → its file in the package, from the document's
    DocumentRes and PublicRes (each with a BaseLoc its files are under)."""
    base = posixpath.dirname(document_path)
    common = _first(_xml(package, document_path), "CommonData")
    found: dict[str, str] = {}
    for kind in ("DocumentRes", "PublicRes"):
        for listed in _children(common, kind) if common is not None else []:
            res_path = _resolve(base, listed.text or "")
            try:
                res = ElementTree.fromstring(package.read(res_path))
            except (KeyError, ElementTree.ParseError):
                continue  # a resource file missing or broken: its pictures stay unread
            res_base = _resolve(posixpath.dirname(res_path), res.get("BaseLoc", ""))
            for item in res.iter():
                media_file = _first(item, "MediaFile") if _local(item.tag) == "MultiMedia" else None
                if media_file is not None and item.get("ID"):
                    found[item.get("ID")] = _resolve(res_base, media_file.text or "")
    return found


def _picture(package: zipfile.ZipFile, path: str | None):
    """A page's picture as an RGB image; None when it is missing or a kind Pillow cannot
    decode (JBIG2, which some scanners write)."""
    if not path:
        return None
    try:
        picture = Image.open(io.BytesIO(package.read(path)))
        picture.load()
    except (KeyError, OSError, Image.DecompressionBombError):
        return None
    return picture.convert("RGB")


def _ocr_lines(picture, content: "_Content", number: int) -> list[Line]:
    """The picture's text placed where the picture lies on the page (millimetres, y up)."""
    left, top, width, height = content.image_box
    scale = picture.width / width  # pixels per millimetre
    lines = ocr.page_lines(picture, height, scale, page=number, pt=_POINT)
    for line in lines:
        line.x0, line.x1 = line.x0 + left, line.x1 + left
        line.y += content.height - (top + height)
    return lines


def _numbers(text: str | None) -> list[float]:
    return [float(v) for v in (text or "").split()]


def _deltas(text: str | None) -> list[float]:
    """DeltaX: advances between characters; "g 3 4.2" stands for 4.2 three times."""
    tokens, out, i = (text or "").split(), [], 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            out += [float(tokens[i + 2])] * int(float(tokens[i + 1]))
            i += 3
        else:
            out.append(float(tokens[i]))
            i += 1
    return out


@dataclass
class _Content:
    chars: list[_Char]
    rules: list[tuple[float, float, float, float]]  # drawn segments' boxes, y upwards
    largest_image: float  # area
    width: float
    height: float
    image: str | None = None  # the largest image's ResourceID
    image_box: tuple[float, ...] = (0.0, 0.0, 0.0, 0.0)  # and where it lies: left, top, width, height

    @property
    def covered(self) -> float:
        """The share of the page its largest image covers."""
        return self.largest_image / (self.width * self.height) if self.width * self.height else 0.0


def _page_content(page) -> _Content:
    """Every character placed on the page, its drawn lines, and its largest image."""
    box = _first(page, "PhysicalBox")
    size = _numbers(box.text) if box is not None else []
    width, height = (size[2], size[3]) if len(size) == 4 else (210.0, 297.0)  # A4 when unsaid
    content = _Content([], [], 0.0, width, height)
    for element in page.iter():
        kind = _local(element.tag)
        bounds = _numbers(element.get("Boundary"))
        if len(bounds) != 4:
            continue
        if kind == "ImageObject":
            if bounds[2] * bounds[3] > content.largest_image:
                content.largest_image = bounds[2] * bounds[3]
                content.image, content.image_box = element.get("ResourceID"), tuple(bounds)
        elif kind == "TextObject":
            content.chars += _text_object(element, bounds)
        elif kind == "PathObject":
            content.rules += [(x0, height - y1, x1, height - y0) for x0, y0, x1, y1 in _segments(element, bounds)]
    return content


def _ctm(element) -> tuple[float, ...]:
    ctm = _numbers(element.get("CTM"))
    return tuple(ctm) if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


# How many numbers follow each path command of AbbreviatedData.
_PATH_ARGS = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}


def _segments(element, bounds: list[float]) -> list[tuple[float, float, float, float]]:
    """The straight segments of a path, as boxes (x0, y0, x1, y1) on the page; a path
    without data is its Boundary box."""
    data = _first(element, "AbbreviatedData")
    if data is None or not (data.text or "").strip():
        return [(bounds[0], bounds[1], bounds[0] + bounds[2], bounds[1] + bounds[3])]
    a, b, c, d, e, f = _ctm(element)
    place = lambda x, y: (bounds[0] + a * x + c * y + e, bounds[1] + b * x + d * y + f)  # noqa: E731
    tokens, out, i = data.text.split(), [], 0
    start = current = None
    while i < len(tokens):
        command, args = tokens[i], _PATH_ARGS.get(tokens[i])
        if args is None:  # an unknown command: the rest cannot be parsed
            break
        values = [float(v) for v in tokens[i + 1:i + 1 + args]]
        i += 1 + args
        if command in ("M", "S") and len(values) == 2:
            start = current = place(*values)
        elif command == "L" and len(values) == 2 and current is not None:
            point = place(*values)
            out.append((min(current[0], point[0]), min(current[1], point[1]),
                        max(current[0], point[0]), max(current[1], point[1])))
            current = point
        elif command == "C" and current is not None and start is not None:
            out.append((min(current[0], start[0]), min(current[1], start[1]),
                        max(current[0], start[0]), max(current[1], start[1])))
            current = start
        elif len(values) >= 2:
            current = place(*values[-2:])  # a curve ends where its last point is
    return out


def _text_object(element, bounds: list[float]) -> list[_Char]:
    left, top = bounds[0], bounds[1]
    a, b, c, d, e, f = _ctm(element)
    size = float(element.get("Size") or element.get("size") or 0)  # in the object's own units
    chars, x, y = [], 0.0, 0.0
    for code in _children(element, "TextCode"):
        # A TextCode without X or Y goes on from where the previous one ended.
        x = float(code.get("X", x))
        y = float(code.get("Y", y))
        steps = _deltas(code.get("DeltaX"))
        for k, ch in enumerate(code.text or ""):
            chars.append(_Char(left + a * x + c * y + e, top + b * x + d * y + f, size * (abs(a) or 1), ch))
            x += steps[k] if k < len(steps) else size
    return chars


def _lines(chars: list[_Char], height: float, bands: list[Band], page: int) -> list[Line]:
    """Characters gathered into lines by baseline, each ordered left to right, from the
    top; a ruled table's row is one line, its cells apart by tabs (as Word's rows read)."""
    cells: dict[int, dict[int, list[_Char]]] = {}
    free = []
    for char in chars:
        probe = Line(char.text, char.x, char.right, height - char.y)
        k = band_index(probe, bands, pt=_POINT)
        if k is None:
            free.append(char)
        else:
            cells.setdefault(k, {}).setdefault(bisect.bisect_right(bands[k].columns, char.x), []).append(char)
    out, halves = [], {}
    for group in _baselines(free):
        line = _line(group, height)
        if line is None:
            continue
        out.append(line)
        # A printed line's halves a gap of two characters or more parts: a page in two
        # columns set line by line across them (layout.in_columns decides).
        gaps = [(group[i].x - group[i - 1].right, i) for i in range(1, len(group))]
        gap, at = max(gaps, default=(0.0, 0))
        if gap > 2 * max(group[at].size, 0.1):
            left, right = _line(group[:at], height), _line(group[at:], height)
            if left and right:
                halves[id(line)] = (left, right)
    out = in_columns(out, halves)
    for k, row in cells.items():
        text = row_text({column: "".join(_text(group) for group in _baselines(cell)) for column, cell in row.items()},
                        bands[k], k == 0)
        first = min((ch for cell in row.values() for ch in cell), key=lambda ch: (ch.y, ch.x))
        band = bands[k]
        out.append(Line(text, band.left, band.right, (band.low + band.high) / 2, first.size or None, row=(page, k)))
    return sorted(out, key=lambda line: -line.y)


def _baselines(chars: list[_Char]) -> list[list[_Char]]:
    lines: list[list[_Char]] = []
    for char in sorted(chars, key=lambda ch: ch.y):
        if lines and abs(char.y - lines[-1][0].y) <= _SAME_LINE * max(char.size, lines[-1][0].size, 0.1):
            lines[-1].append(char)
        else:
            lines.append([char])
    for line in lines:
        line.sort(key=lambda ch: ch.x)  # stable: runs that share a start keep their order
    return lines


def _text(line: list[_Char]) -> str:
    text = line[0].text
    for prev, char in zip(line, line[1:]):
        gap = char.x - prev.right
        # A Latin capital is up to about an em wide where _Char.right counts half: W, M or
        # D set their neighbour that much further (91360921MA39DW4H8C read MA39D W 4H 8C).
        allowed = _LATIN_GAP if prev.text.isascii() and prev.text.isalnum() and char.text.isascii() \
            and char.text.isalnum() else _SPACE_GAP
        text += (" " if gap > allowed * char.size and not char.text.isspace() and not prev.text.isspace() else "") + char.text
    return unspaced(" ".join(text.split()))


def _line(chars: list[_Char], height: float) -> Line | None:
    text = _text(chars)
    # Line.y grows upwards, as in a PDF.
    return Line(text, chars[0].x, max(ch.right for ch in chars), height - chars[0].y, chars[0].size or None) if text else None
