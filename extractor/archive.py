"""Zip archives, read member by member in memory; nothing is ever written to disk.

What a member yields:
- Directory entries, macOS metadata (``__MACOSX/``), hidden dot-files (``.DS_Store``)
  and Office lock files (``~$name.docx``) are ignored silently: they are never documents.
- Every other member yields a result, unsupported ones (images, spreadsheets)
  included, with an error, so a clerk sees what was not scanned.
- Member names are used for display only, normalised so that none can point
  outside the archive (no ``..``, no absolute paths).

Zip bombs: a member's declared size is checked before inflating, and reading
stops at the cap whatever the header claims, so neither one member nor the whole
tree of nested archives can inflate past the limits.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from . import errors
from .model import ExtractionError

_UTF8_NAMES = 0x800
_ENCRYPTED = 0x1


@dataclass
class Budget:
    """Bytes still allowed to be inflated, shared by an archive and all archives nested in it."""

    remaining: int
    limit: int


def open_zip(data: bytes, kind: str = "压缩包") -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise errors.corrupt(kind) from exc


def inflated_size(data: bytes, kind: str = "压缩包") -> int:
    """What a zip-based file (.docx, .ofd) claims it inflates to, before anything is inflated."""
    with open_zip(data, kind) as archive:
        return sum(info.file_size for info in archive.infolist())


def member_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & _UTF8_NAMES:
        # zipfile assumed cp437; archives made on Chinese Windows use GBK, some tools unflagged UTF-8.
        name = _decode_name(name.encode("cp437"))
    return "/".join(part for part in name.replace("\\", "/").split("/") if part not in ("", ".", ".."))


def _decode_name(raw: bytes) -> str:
    try:
        name = raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")
    # GBK bytes can happen to be valid UTF-8, but then they spell Greek or Hebrew, not Chinese.
    if any(0x80 <= ord(ch) < 0x2E80 for ch in name):
        return raw.decode("gb18030", errors="replace")
    return name


def is_ignored(path: str) -> bool:
    parts = path.split("/")
    return parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts) or parts[-1].startswith("~$")


def members(archive: zipfile.ZipFile, max_member: int, budget: Budget) -> Iterator[tuple[str, bytes | ExtractionError]]:
    for info in archive.infolist():
        name = member_name(info)
        if info.is_dir() or not name or is_ignored(name):
            continue
        yield name, _read(archive, info, max_member, budget)


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_member: int, budget: Budget) -> bytes | ExtractionError:
    if info.flag_bits & _ENCRYPTED:
        return errors.encrypted("压缩包内的文件")
    cap = min(max_member, budget.remaining)
    too_large = errors.file_too_large(max_member) if cap == max_member else errors.archive_too_large(budget.limit)
    if info.file_size > cap:
        return too_large
    try:
        with archive.open(info) as member:
            data = member.read(cap + 1)  # never more than the cap, whatever the header declared
    except NotImplementedError:
        return errors.unsupported("压缩方式", "请用常见的 zip 格式重新压缩后提交。")
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        return errors.corrupt("压缩包内的文件")
    budget.remaining -= len(data)
    return too_large if len(data) > cap else data
