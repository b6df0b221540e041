"""Word .docx: body paragraphs and table cells in reading order.

The body XML is walked directly (w:p and w:tbl in order) rather than through
python-docx's paragraph list, which skips tables, text boxes and tracked
insertions (tracked changes read as accepted). Headers, footers and footnotes live in other parts and are never read.
"""
from __future__ import annotations

import io
from collections.abc import Iterator

import docx

from .base import RawText

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT_BOX = W + "txbxContent"
# Text kept apart from the paragraph's own: text boxes (read after it), their duplicate
# fallback copies, and the old place of a tracked move (its text is at the new place).
_NOT_OWN = (_TEXT_BOX, _FALLBACK, W + "moveFrom")
_RUN_TEXT = {W + "t": None, W + "tab": "\t", W + "br": "\n", W + "cr": "\n"}


class DocxBackend:
    format = "docx"

    def read(self, data: bytes, name: str) -> RawText:
        body = docx.Document(io.BytesIO(data)).element.body
        return RawText(list(blocks(body)))


def blocks(container) -> Iterator[str]:
    """Non-empty lines of a body, table cell, content control or text box."""
    for child in container.iterchildren():
        if child.tag == W + "p":
            yield from _paragraph(child)
        elif child.tag == W + "tbl":
            yield from _table(child)
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from blocks(content)


def _own(element, paragraph) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in _NOT_OWN:
            return False
        parent = parent.getparent()
    return True


def _paragraph(p) -> Iterator[str]:
    parts = []
    for el in p.iter(*_RUN_TEXT):
        if _own(el, p):
            parts.append((el.text or "") if el.tag == W + "t" else _RUN_TEXT[el.tag])
    # A manual line break (Shift+Enter) starts a new line, as it does on the page.
    for line in "".join(parts).split("\n"):
        if line.strip():
            yield line.strip()
    for box in p.iter(_TEXT_BOX):
        if _own(box, p):
            yield from blocks(box)


def _table(tbl) -> Iterator[str]:
    for row in tbl.iterchildren(W + "tr"):
        cells = [lines for lines in (list(blocks(tc)) for tc in row.iterchildren(W + "tc")) if lines]
        # A data-table row reads as one line; cells holding whole paragraphs stay paragraphs.
        if len(cells) > 1 and all(len(lines) == 1 for lines in cells):
            yield "\t".join(lines[0] for lines in cells)
        else:
            for lines in cells:
                yield from lines
