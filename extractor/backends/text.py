"""Plain text and Markdown: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK)."""
from __future__ import annotations

import re
import unicodedata

from .. import errors
from .base import RawText

_MD_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# GB18030 maps nearly every byte sequence to some character, so a successful decode
# proves little: binary data shows up as control, private-use and unassigned characters.
_MAX_GARBAGE = 0.02
# Printable ASCII and common CJK are never garbage; skipping them keeps this fast on big files.
_PLAIN = re.compile(r"[\t\n\r\f\v\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff01-\uffef]+")


def garbage_share(text: str) -> float:
    rest = _PLAIN.sub("", text)
    bad = sum(1 for ch in rest if ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"))
    return bad / len(text) if text else 0.0


def decode(data: bytes) -> str:
    attempts = [(data, "utf-8"), (data, "gb18030")]
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            attempts = [(data[len(bom):], encoding)]
    for payload, encoding in attempts:
        try:
            text = payload.decode(encoding)
        except UnicodeDecodeError:
            continue
        if garbage_share(text) <= _MAX_GARBAGE:
            return text
    raise errors.undecodable()


def paragraphs(data: bytes, markdown: bool = False) -> list[str]:
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    if markdown:
        text = _MD_COMMENT.sub("\n", text)
    return [line.strip() for line in text.split("\n") if line.strip()]


class TextBackend:
    format = "txt"

    def read(self, data: bytes, name: str) -> RawText:
        return RawText(paragraphs(data))


class MarkdownBackend:
    """`# title` lines are kept as they are: metadata reads the title from them."""

    format = "md"

    def read(self, data: bytes, name: str) -> RawText:
        return RawText(paragraphs(data, markdown=True))
