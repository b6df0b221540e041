"""Word .docx: body paragraphs and table cells in reading order.

The body XML is walked directly (w:p and w:tbl in order) rather than through
python-docx's paragraph list, which skips tables, text boxes and tracked
insertions (tracked changes read as accepted). Automatic list numbers are put in
front of their paragraphs, as the reader sees them. Headers, footers and footnotes
live in other parts and are never read.
"""
from __future__ import annotations

import io
from collections.abc import Iterator

import docx

from .base import RawText
from .numbering import W, Numbering

_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT_BOX = W + "txbxContent"
# Text kept apart from the paragraph's own: text boxes (read after it), their duplicate
# fallback copies, and the old place of a tracked move (its text is at the new place).
_NOT_OWN = (_TEXT_BOX, _FALLBACK, W + "moveFrom")
_RUN_TEXT = {W + "t": None, W + "tab": "\t", W + "br": "\n", W + "cr": "\n"}


class DocxBackend:
    format = "docx"

    def read(self, data: bytes, name: str) -> RawText:
        document = docx.Document(io.BytesIO(data))
        return RawText(list(blocks(document.element.body, Numbering(document))))


def blocks(container, numbering: Numbering) -> Iterator[str]:
    """Non-empty lines of a body, table cell, content control or text box."""
    for child in container.iterchildren():
        if child.tag == W + "p":
            yield from _paragraph(child, numbering)
        elif child.tag == W + "tbl":
            yield from _table(child, numbering)
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from blocks(content, numbering)


def _own(element, paragraph) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in _NOT_OWN:
            return False
        parent = parent.getparent()
    return True


def _paragraph(p, numbering: Numbering) -> Iterator[str]:
    parts = [numbering.label(p)]
    for el in p.iter(*_RUN_TEXT):
        if _own(el, p):
            parts.append((el.text or "") if el.tag == W + "t" else _RUN_TEXT[el.tag])
    # A manual line break (Shift+Enter) starts a new line, as it does on the page.
    for line in "".join(parts).split("\n"):
        if line.strip():
            yield line.strip()
    for box in p.iter(_TEXT_BOX):
        if _own(box, p):
            yield from blocks(box, numbering)


def _table(tbl, numbering: Numbering) -> Iterator[str]:
    for row in tbl.iterchildren(W + "tr"):
        cells = [lines for lines in (list(blocks(tc, numbering)) for tc in row.iterchildren(W + "tc")) if lines]
        # A data-table row reads as one line; cells holding whole paragraphs stay paragraphs.
        if len(cells) > 1 and all(len(lines) == 1 for lines in cells):
            yield "\t".join(lines[0] for lines in cells)
        else:
            for lines in cells:
                yield from lines
