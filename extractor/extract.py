"""Files, folders and zip archives in; one `Extracted` per document out.

One bad file never stops a batch: every failure becomes an `Extracted` whose
`error` says what went wrong and what the clerk can do about it.
"""
from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import archive, errors
from .backends.base import Backend, RawText
from .backends.html import HtmlBackend
from .backends.image import ImageBackend
from .backends.legacy import LegacyWordBackend
from .backends.mhtml import MhtmlBackend
from .backends.ofd import OfdBackend
from .backends.pdf import PdfBackend
from .backends.spreadsheet import XlsBackend, XlsxBackend
from .backends.text import MarkdownBackend, TextBackend
from .backends.word import DocxBackend
from .metadata import clean, extract_metadata
from .model import Document, ExtractionError
from .segment import segment
from .sniff import sniff

log = logging.getLogger(__name__)

BACKENDS: dict[str, Backend] = {
    backend.format: backend
    for backend in (
        TextBackend(),
        MarkdownBackend(),
        HtmlBackend(),
        MhtmlBackend(),
        ImageBackend(),
        DocxBackend(),
        PdfBackend(),
        OfdBackend(),
        XlsxBackend(),
        XlsBackend(),
        LegacyWordBackend("doc"),
        LegacyWordBackend("wps"),
        LegacyWordBackend("rtf"),
    )
}
_KIND = {"docx": "Word 文件", "doc": "Word 文件", "wps": "WPS 文件", "rtf": "RTF 文件", "pdf": "PDF 文件", "ofd": "OFD 文件", "xlsx": "Excel 表格", "xls": "Excel 表格", "html": "网页文件", "mhtml": "网页存档", "image": "图片"}


@dataclass
class Extracted:
    file: str  # display path; zip members as "archive.zip!member/path"
    sha256: str | None  # of the file's (or member's) bytes, when they were read
    document: Document | None
    error: ExtractionError | None


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 50 * 2**20
    max_archive_bytes: int = 200 * 2**20  # all members of an archive tree, inflated
    max_depth: int = 3  # zips inside zips


def iter_paths(paths: list[str]) -> Iterator[Path]:
    """Files as given, in the given order; folders expanded recursively in sorted order.

    Inside folders, hidden files and Office lock files (~$x.docx) are skipped as
    they are in archives. Missing paths are yielded too: `extract_file` reports them.
    """
    for given in map(Path, paths):
        if not given.is_dir():
            yield given
            continue
        found = []
        for root, dirs, files in os.walk(given):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__MACOSX"]
            found += [Path(root, f) for f in files]
        yield from sorted(p for p in found if not archive.is_ignored(p.relative_to(given).as_posix()))


def extract_file(path, display: str | None = None, limits: Limits = Limits()) -> Iterator[Extracted]:
    """Extract one file; a zip yields one result per member."""
    path = Path(path)
    display = display or str(path)
    try:
        with path.open("rb") as f:
            data = f.read(limits.max_file_bytes + 1)  # never read a huge file whole
    except OSError:
        yield Extracted(display, None, None, errors.unreadable())
        return
    if len(data) > limits.max_file_bytes:
        yield Extracted(display, None, None, errors.file_too_large(limits.max_file_bytes))
        return
    yield from _extract(data, display, path.name, limits, 0, _budget(limits))


def extract_bytes(data: bytes, name: str, limits: Limits = Limits()) -> Iterator[Extracted]:
    """Extract an upload held in memory; `name` is shown and its extension is a hint."""
    if len(data) > limits.max_file_bytes:
        yield Extracted(name, _sha256(data), None, errors.file_too_large(limits.max_file_bytes))
        return
    yield from _extract(data, name, Path(name).name, limits, 0, _budget(limits))


def build_document(file: str, format: str, raw: RawText) -> Document:
    """The one way every backend's paragraphs become a Document."""
    paragraphs = clean(raw.paragraphs)
    if not paragraphs:
        raise errors.empty()
    metadata = extract_metadata(paragraphs)
    for key, value in (raw.metadata or {}).items():
        # A container's own title (a web page's 标题 field or heading) names the whole
        # document; the text's first title may be that of a measure it issues.
        if value and (key == "title" or metadata.get(key) is None):
            metadata[key] = value
    return Document(file=file, format=format, pages=raw.pages, clauses=segment(paragraphs), ocr_pages=raw.ocr_pages,
                    **metadata)


def _budget(limits: Limits) -> archive.Budget:
    return archive.Budget(remaining=limits.max_archive_bytes, limit=limits.max_archive_bytes)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _extract(
    data: bytes, display: str, name: str, limits: Limits, depth: int, budget: archive.Budget
) -> Iterator[Extracted]:
    digest = _sha256(data)
    fmt = None
    try:
        if not data:
            raise errors.empty()
        fmt = sniff(data, name)
        if fmt == "zip":
            yield from _archive(data, display, digest, limits, depth, budget)
            return
        if fmt in ("docx", "ofd", "xlsx") and archive.inflated_size(data, _KIND[fmt]) > limits.max_archive_bytes:
            raise errors.archive_too_large(limits.max_archive_bytes)
        document = build_document(display, fmt, BACKENDS[fmt].read(data, name))
    except ExtractionError as error:
        yield Extracted(display, digest, None, error)
        return
    except Exception as exc:  # any parser choking on a malformed file: report it, go on with the batch
        log.warning("%s: could not be parsed (%s: %s)", display, type(exc).__name__, exc)
        yield Extracted(display, digest, None, errors.corrupt(_KIND.get(fmt, "文件")))
        return
    yield Extracted(display, digest, document, None)


def _archive(
    data: bytes, display: str, digest: str, limits: Limits, depth: int, budget: archive.Budget
) -> Iterator[Extracted]:
    if depth >= limits.max_depth:
        raise errors.nested_too_deep(limits.max_depth)
    found = False
    with archive.open_zip(data) as zf:
        for member, content in archive.members(zf, limits.max_file_bytes, budget):
            found = True
            shown = f"{display}!{member}"
            if isinstance(content, ExtractionError):
                yield Extracted(shown, None, None, content)
            else:
                yield from _extract(content, shown, member, limits, depth + 1, budget)
    if not found:
        raise errors.empty_archive()
