"""Word .docx: body paragraphs and table cells in reading order.

The body XML is walked directly (w:p and w:tbl in order) rather than through
python-docx's paragraph list, which skips tables, text boxes and tracked
insertions (tracked changes read as accepted). Automatic list numbers are put in
front of their paragraphs, as the reader sees them. Headers and footers live in
other parts and are never read; a footnote's or endnote's text follows the
paragraph that refers to it (a note can hold the measure: 名单信息在网站公示三年).
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from .base import RawText
from .numbering import W, Numbering

_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT_BOX = W + "txbxContent"
# Text kept apart from the paragraph's own: text boxes (read after it), their duplicate
# fallback copies, and the old place of a tracked move (its text is at the new place).
_NOT_OWN = (_TEXT_BOX, _FALLBACK, W + "moveFrom")
_RUN_TEXT = {W + "t": None, W + "tab": "\t", W + "br": "\n", W + "cr": "\n"}
_NOTE_REFERENCES = {W + "footnoteReference": "footnotes", W + "endnoteReference": "endnotes"}


@dataclass
class _Reading:
    numbering: Numbering
    notes: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (kind, id) → its lines


class DocxBackend:
    format = "docx"

    def read(self, data: bytes, name: str) -> RawText:
        document = docx.Document(io.BytesIO(data))
        reading = _Reading(Numbering(document))
        reading.notes = _notes(document, reading)
        return RawText(list(blocks(document.element.body, reading)))


def _notes(document, reading: _Reading) -> dict[tuple[str, str], list[str]]:
    notes = {}
    for kind, relationship in (("footnotes", RT.FOOTNOTES), ("endnotes", RT.ENDNOTES)):
        try:
            part = document.part.part_related_by(relationship)
        except KeyError:
            continue
        root = etree.fromstring(part.blob)
        for note in root.iterchildren(W + kind[:-1]):
            if note.get(W + "type") in (None, "normal"):
                notes[(kind, note.get(W + "id"))] = list(blocks(note, reading))
    return notes


def blocks(container, reading: _Reading) -> Iterator[str]:
    """Non-empty lines of a body, table cell, content control or text box."""
    for child in container.iterchildren():
        if child.tag == W + "p":
            yield from _paragraph(child, reading)
        elif child.tag == W + "tbl":
            yield from _table(child, reading)
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from blocks(content, reading)


def _own(element, paragraph) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in _NOT_OWN:
            return False
        parent = parent.getparent()
    return True


def _paragraph(p, reading: _Reading) -> Iterator[str]:
    parts, notes = [], []
    for el in p.iter(*_RUN_TEXT, *_NOTE_REFERENCES):
        if not _own(el, p):
            continue
        if el.tag in _NOTE_REFERENCES:
            notes += reading.notes.get((_NOTE_REFERENCES[el.tag], el.get(W + "id")), [])
        else:
            parts.append((el.text or "") if el.tag == W + "t" else _RUN_TEXT[el.tag])
    # A paragraph deleted whole with its mark (tracked) is gone once changes are accepted,
    # and takes no list number.
    if p.find(f"{W}pPr/{W}rPr/{W}del") is None or "".join(parts).strip():
        parts.insert(0, reading.numbering.label(p))
    # A manual line break (Shift+Enter) starts a new line, as it does on the page.
    for line in "".join(parts).split("\n"):
        if line.strip():
            yield line.strip()
    yield from notes
    for box in p.iter(_TEXT_BOX):
        if _own(box, p):
            yield from blocks(box, reading)


def _table(tbl, reading: _Reading) -> Iterator[str]:
    above: dict[int, list[str]] = {}  # grid column → the lines of the cell there in the row above
    for row in tbl.iterchildren(W + "tr"):
        cells, column = [], 0
        for tc in row.iterchildren(W + "tc"):
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            # A vertically merged cell shows the text of the cell it continues (依据 shared by rows).
            if merge is not None and merge.get(W + "val", "continue") == "continue":
                lines = above.get(column, [])
            else:
                lines = list(blocks(tc, reading))
            above[column] = lines
            column += int(_val_or(tc.find(f"{W}tcPr/{W}gridSpan"), "1"))
            if lines:
                cells.append(lines)
        # A data-table row reads as one line (a numbered row even when a cell holds several
        # paragraphs); cells holding whole paragraphs stay paragraphs.
        numbered = len(cells) > 1 and cells[0][0].isdigit() and len(cells[0]) == 1
        if len(cells) > 1 and (numbered or all(len(lines) == 1 for lines in cells)):
            yield "\t".join(" ".join(lines) for lines in cells)
        else:
            for lines in cells:
                yield from lines


def _val_or(element, default: str) -> str:
    return element.get(W + "val", default) if element is not None else default
