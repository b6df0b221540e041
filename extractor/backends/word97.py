"""The text of a Word 97–2003 binary file (.doc, and .wps as WPS Office saves it),
read straight from its piece table, for machines without LibreOffice.

Layout per [MS-DOC]: the FIB at the start of the WordDocument stream gives the
length of the main text (ccpText) and where the piece table (Clx) lies in the
1Table/0Table stream; each piece is a run of characters stored either as UTF-16LE
or "compressed" as one byte per character (cp1252). Only the main text is read:
headers, footers, footnotes and comments follow it and are left out, as for .docx.
List numbers Word generates (automatic 一、) are formatting, not text, so they
are lost here; LibreOffice keeps them, which is why it is preferred when present.
"""
from __future__ import annotations

import io
import re
import struct

import olefile

from .. import errors
from .base import RawText

_FIB_ENCRYPTED = 0x0100
_FIB_TABLE_1 = 0x0200
# nFib of Word 97 and later; Word 6/95 files have no piece table of this form.
_FIB_WORD97 = 0x00C1
_CLX_INDEX = 33  # fcClx/lcbClx in FibRgFcLcb97
_COMPRESSED = 0x40000000
# Field codes ({ HYPERLINK "…" }) lie between 0x13 and 0x14; the shown result after 0x14.
_FIELD_CODE = re.compile("\x13[^\x13\x14\x15]*\x14")
_FIELD_MARK = re.compile("[\x13\x14\x15]")
# Objects, pictures, footnote marks and other control characters carry no text.
_CONTROL = re.compile("[\x00-\x06\x08\x0e-\x1f]")
# cp1252's 0x80–0x9f differ from Latin-1; compressed pieces hold only such text.
_COMPRESSED_CODEC = "cp1252"


def read_text(data: bytes, kind: str) -> RawText:
    """Paragraphs of a Word 97–2003 binary file; `kind` names it in error messages."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError, struct.error):
        raise errors.corrupt(kind) from None
    with ole:
        if not ole.exists("WordDocument"):
            raise errors.corrupt(kind)
        word = ole.openstream("WordDocument").read()
        if len(word) < 0x20:
            raise errors.corrupt(kind)
        n_fib, flags = struct.unpack_from("<H", word, 2)[0], struct.unpack_from("<H", word, 0x0A)[0]
        if flags & _FIB_ENCRYPTED:
            raise errors.encrypted(kind)
        if n_fib < _FIB_WORD97:
            raise errors.unsupported(f"Word 95 或更早版本的{kind}", "请用 Word 或 WPS 打开后另存为 .docx 再提交。")
        table_name = "1Table" if flags & _FIB_TABLE_1 else "0Table"
        if not ole.exists(table_name):
            raise errors.corrupt(kind)
        table = ole.openstream(table_name).read()
    try:
        text = _main_text(word, table)
    except (struct.error, IndexError, ValueError):
        raise errors.corrupt(kind) from None
    return RawText(_paragraphs(text))


def _main_text(word: bytes, table: bytes) -> str:
    ccp_text, fc_clx, lcb_clx = _fib(word)
    pieces = _pieces(table[fc_clx: fc_clx + lcb_clx])
    out: list[str] = []
    for cp_start, cp_end, fc in pieces:
        if cp_start >= ccp_text:
            break
        count = min(cp_end, ccp_text) - cp_start
        if fc & _COMPRESSED:
            offset = (fc & ~_COMPRESSED) // 2
            out.append(word[offset: offset + count].decode(_COMPRESSED_CODEC, errors="replace"))
        else:
            out.append(word[fc: fc + 2 * count].decode("utf-16-le", errors="replace"))
    return "".join(out)


def _fib(word: bytes) -> tuple[int, int, int]:
    """(ccpText, fcClx, lcbClx) from the FIB's variable-length parts."""
    pos = 0x20
    csw = struct.unpack_from("<H", word, pos)[0]
    pos += 2 + 2 * csw
    cslw = struct.unpack_from("<H", word, pos)[0]
    fib_rg_lw = pos + 2
    ccp_text = struct.unpack_from("<i", word, fib_rg_lw + 12)[0]
    pos = fib_rg_lw + 4 * cslw
    cb_rg_fc_lcb = struct.unpack_from("<H", word, pos)[0]
    if cb_rg_fc_lcb <= _CLX_INDEX:
        raise ValueError("FIB too short for a piece table")
    fc_clx, lcb_clx = struct.unpack_from("<II", word, pos + 2 + 8 * _CLX_INDEX)
    if ccp_text < 0 or lcb_clx == 0:
        raise ValueError("no main text")
    return ccp_text, fc_clx, lcb_clx


def _pieces(clx: bytes) -> list[tuple[int, int, int]]:
    """(first cp, end cp, fc) per piece, from the Clx: Prc entries, then the Pcdt."""
    pos = 0
    while clx[pos] == 0x01:  # Prc: formatting, skipped
        pos += 3 + struct.unpack_from("<H", clx, pos + 1)[0]
    if clx[pos] != 0x02:
        raise ValueError("no piece table")
    size = struct.unpack_from("<I", clx, pos + 1)[0]
    plc = clx[pos + 5: pos + 5 + size]
    n = (len(plc) - 4) // 12  # n+1 CPs of 4 bytes, n PCDs of 8 bytes
    cps = struct.unpack_from(f"<{n + 1}i", plc, 0)
    return [
        (cps[i], cps[i + 1], struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * i + 2)[0])
        for i in range(n)
    ]


def _paragraphs(text: str) -> list[str]:
    text = _FIELD_CODE.sub("", text)
    text = _FIELD_MARK.sub("", text)
    text = _rows(text.replace("\x07\r", "\x07"))
    text = _CONTROL.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))
    return [line.strip().strip("\t").strip() for line in re.split(r"[\r\n]", text) if line.strip()]


def _rows(text: str) -> str:
    """Table marks read as .docx reads a table: a row one line, its non-empty cells apart by
    tabs. A cell ends in 0x07 and a row with one more, but an empty cell gives two in a row
    too (申请表: 企业名称 / (blank) / 须与营业执照一致): a table's rows are counted out by
    its first row's cells, a header with none empty."""
    parts = text.split("\x07")
    out: list[str] = []
    cells: list[str] = []
    width = 0  # cells in a row of the table being read; 0 until its first row ends
    in_table = False
    for part in parts[:-1]:  # each ends at a mark
        if not in_table or (not cells and "\r" in part):
            # Text before a table's first cell; a row's end followed by paragraphs ends it.
            head, _, first = part.rpartition("\r")
            out.append(head + "\r" if head else "")
            in_table, width, cells = True, 0, [first]
        elif part == "" and (not width or len(cells) >= width):
            width = width or len(cells)
            out.append("\t".join(cell for cell in cells if cell.strip()) + "\n")
            cells = []
        else:
            cells.append(part)
    if cells:
        out.append("\t".join(cell for cell in cells if cell.strip()) + "\n")
    return "".join(out) + parts[-1]
