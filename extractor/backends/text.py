"""Plain text and Markdown: UTF-8 (with or without BOM), else GB18030 (a superset of GBK)."""
from __future__ import annotations

import re

from ..model import ExtractionError

_MD_COMMENT = re.compile(r"<!--.*?-->", re.S)


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExtractionError(
        "undecodable",
        "文本编码无法识别（既不是 UTF-8 也不是 GBK/GB18030）。请用记事本或 WPS 另存为 UTF-8 编码后重新上传。",
    )


def paragraphs(data: bytes, markdown: bool = False) -> list[str]:
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    if markdown:
        text = _MD_COMMENT.sub("\n", text)
    return [line.strip() for line in text.split("\n") if line.strip()]
