"""OFD (GB/T 33190, 版式文件), the national fixed-layout format of e-government.

An OFD file is a zip: OFD.xml names the document's Document.xml, which lists its
pages in order; each page's Content.xml holds layers of TextObjects (a Boundary box,
a font size, an optional CTM) whose TextCodes give a run of text, its baseline
origin and the advance of each character (DeltaX, "g 3 4.2" for three steps of 4.2),
all in millimetres with y growing downwards. Characters are placed on the page,
gathered into lines by baseline and ordered left to right; layout.py then undoes the
layout as for a PDF. Page templates (running headers, page numbers) and signatures
are not read. Elements are matched by local name: producers differ in namespace.
"""
from __future__ import annotations

import io
import posixpath
import unicodedata
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from .. import errors
from .base import RawText
from .layout import Line, raw_text, unspaced

# A page whose largest image covers this share of it, with fewer visible characters, is a scan.
_SCAN_COVER = 0.5
_SCAN_TEXT = 100
# Characters on one line: baselines within this share of the font size.
_SAME_LINE = 0.3
# A gap wider than this share of the font size between two characters is a space.
_SPACE_GAP = 0.25


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
            pages, scanned = [], 0
            for page_path in _page_paths(package):
                root = _xml(package, page_path)
                height = _page_height(root)
                chars, covered = _page_content(root, height)
                lines = _lines(chars, height)
                pages.append(lines)
                scanned += covered >= _SCAN_COVER and sum(len(line.text.replace(" ", "")) for line in lines) < _SCAN_TEXT
        return raw_text(pages, scanned, kind="OFD 文件")


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


def _page_paths(package: zipfile.ZipFile) -> list[str]:
    """The pages' Content.xml, in the document's order (the first document only)."""
    doc_root = _first(_xml(package, "OFD.xml"), "DocRoot")
    if doc_root is None or not (doc_root.text or "").strip():
        raise errors.corrupt("OFD 文件")
    document_path = _resolve("", doc_root.text)
    document = _xml(package, document_path)
    pages = _first(document, "Pages")
    if pages is None:
        raise errors.corrupt("OFD 文件")
    base = posixpath.dirname(document_path)
    return [_resolve(base, page.get("BaseLoc", "")) for page in _children(pages, "Page")]


def _numbers(text: str | None) -> list[float]:
    return [float(v) for v in (text or "").split()]


def _page_height(page) -> float | None:
    box = _first(page, "PhysicalBox")
    values = _numbers(box.text) if box is not None else []
    return values[3] if len(values) == 4 else None


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


def _page_content(page, height: float | None) -> tuple[list[_Char], float]:
    """Every character placed on the page, and the share of the page its largest image covers."""
    chars: list[_Char] = []
    largest = 0.0
    width = None
    box = _first(page, "PhysicalBox")
    if box is not None and len(_numbers(box.text)) == 4:
        width = _numbers(box.text)[2]
    for element in page.iter():
        kind = _local(element.tag)
        bounds = _numbers(element.get("Boundary"))
        if len(bounds) != 4:
            continue
        if kind == "ImageObject":
            largest = max(largest, bounds[2] * bounds[3])
        elif kind == "TextObject":
            chars += _text_object(element, bounds)
    page_area = (width or 0) * (height or 0)
    return chars, (largest / page_area if page_area else 0.0)


def _text_object(element, bounds: list[float]) -> list[_Char]:
    left, top = bounds[0], bounds[1]
    ctm = _numbers(element.get("CTM"))
    a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
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


def _lines(chars: list[_Char], height: float | None) -> list[Line]:
    """Characters gathered into lines by baseline, each ordered left to right, from the top."""
    lines: list[list[_Char]] = []
    for char in sorted(chars, key=lambda ch: ch.y):
        if lines and abs(char.y - lines[-1][0].y) <= _SAME_LINE * max(char.size, lines[-1][0].size, 0.1):
            lines[-1].append(char)
        else:
            lines.append([char])
    out = []
    for line in lines:
        line.sort(key=lambda ch: ch.x)  # stable: runs that share a start keep their order
        text = line[0].text
        for prev, char in zip(line, line[1:]):
            gap = char.x - prev.right
            text += (" " if gap > _SPACE_GAP * char.size and not char.text.isspace() and not prev.text.isspace() else "") + char.text
        text = unspaced(" ".join(text.split()))
        if text:
            # Line.y grows upwards, as in a PDF.
            out.append(Line(text, line[0].x, max(ch.right for ch in line),
                            (height or 0) - line[0].y, line[0].size or None))
    return out
