"""The real format of a file, from its bytes first and its name second.

An extension that lies (a .pdf that is really a .docx, a .doc exported as HTML)
is read by what the bytes are.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePosixPath

from . import errors
from .backends import text
from .model import ExtractionError

HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
WEB_ARCHIVE_EXTENSIONS = {".mht", ".mhtml"}
TEXT_EXTENSIONS = {".txt", ".text"}
MARKDOWN_EXTENSIONS = {".md", ".markdown"}
LEGACY_WORD_EXTENSIONS = {".doc", ".dot", ".wps", ".wpt"}
SPREADSHEET_EXTENSIONS = {".xls", ".xlt", ".et", ".ett"}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAVE_AS_DOCX = "请用 Word 或 WPS 另存为 .docx 后提交。"
_UNZIP = "请解压后提交，或改用 zip 格式压缩。"
# Pictures of pages: read by OCR when it is installed (backends/image.py says what to do when not).
_PICTURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")
_SIGNATURES = {
    b"Rar!\x1a\x07": ("RAR 压缩包", _UNZIP),
    b"7z\xbc\xaf\x27\x1c": ("7z 压缩包", _UNZIP),
    b"\x1f\x8b": ("gzip 压缩包", _UNZIP),
}
# A web archive is a MIME message: header lines (From: <Saved by Blink>, MIME-Version: …)
# announcing a multipart/related body.
_MIME_HEADER = re.compile(rb"^(?:[A-Za-z-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)*?Content-Type:\s*multipart/related", re.I)
# Optional XML prolog, comments and whitespace, then the html element or its doctype.
_HTML_START = re.compile(rb"^(?:\s|<\?xml[^>]*>|<!--.*?-->)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def sniff(data: bytes, name: str) -> str:
    """One of txt, md, html, mhtml, image, docx, xlsx, xls, ofd, pdf, doc, wps, rtf, zip; `unsupported_format` for anything else."""
    ext = PurePosixPath(name).suffix.lower()
    if PurePosixPath(name.split("!")[-1]).name.startswith("~$"):
        # Word and WPS leave ~$名称.docx beside a file while it is open: a few bytes, not the file.
        raise errors.unsupported("以 ~$ 开头的 Office 临时锁定文件",
                                 "这是 Word/WPS 打开文件时自动生成的临时文件，不是文件本身；请改为提交去掉 ~$ 的同名正式文件。")
    if data.startswith(b"%PDF-") or (ext == ".pdf" and b"%PDF-" in data[:1024]):
        return "pdf"  # readers accept junk before the header, but only trust that for a .pdf
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data, ext)
    if data.startswith(_OLE2):
        return _ole2_kind(data, ext)
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if ext in WEB_ARCHIVE_EXTENSIONS or _MIME_HEADER.match(data[:4096].replace(b"\r\n", b"\n")):
        return "mhtml"
    if data.startswith(_PICTURES):
        return "image"
    for signature, (what, advice) in _SIGNATURES.items():
        if data.startswith(signature):
            raise errors.unsupported(what, advice)
    if ext in HTML_EXTENSIONS or _HTML_START.match(data[:4096].removeprefix(b"\xef\xbb\xbf")):
        return "html"
    if ext in MARKDOWN_EXTENSIONS:
        return "md"
    if ext in TEXT_EXTENSIONS:
        return "txt"
    try:
        text.decode(data)
    except ExtractionError:
        raise errors.unsupported(f"{ext} 文件" if ext else "无扩展名的文件") from None
    return "txt"


def _zip_kind(data: bytes, ext: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return {".docx": "docx", ".ofd": "ofd", ".xlsx": "xlsx"}.get(ext, "zip")  # it fails as corrupt, named right
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        raise errors.unsupported("PowerPoint 演示文稿", "请另存为 PDF 后提交。")
    if "OFD.xml" in names:
        return "ofd"
    if "mimetype" in names and "content.xml" in names:
        raise errors.unsupported("OpenDocument 文档", _SAVE_AS_DOCX)
    return "zip"


def _ole2_has(data: bytes, stream: str) -> bool:
    """Whether an OLE2 compound file has a stream of this name (names are stored as UTF-16)."""
    return stream.encode("utf-16-le") in data


def _ole2_kind(data: bytes, ext: str) -> str:
    if _ole2_has(data, "EncryptedPackage"):  # a password-protected .docx/.xlsx is wrapped in OLE2
        raise errors.encrypted("Office 文件")
    word = "wps" if ext in (".wps", ".wpt") else "doc"
    if _ole2_has(data, "WordDocument"):
        return word
    if _ole2_has(data, "PowerPoint Document"):
        raise errors.unsupported("PowerPoint 演示文稿", "请另存为 PDF 后提交。")
    # Excel 97–2003 (and WPS 表格's .et) keeps its sheets in a "Workbook" stream.
    if _ole2_has(data, "Workbook"):
        return "xls"
    # Neither stream found: trust the name, and let the reader say it is damaged.
    if ext in LEGACY_WORD_EXTENSIONS:
        return word
    if ext in SPREADSHEET_EXTENSIONS:
        return "xls"
    raise errors.unsupported("旧版 Office 文件", "请另存为 .docx、.xlsx 或 PDF 后提交。")
