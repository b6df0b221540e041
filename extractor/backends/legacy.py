"""Legacy Word (.doc), WPS (.wps) and RTF: converted to .docx by LibreOffice, then read as .docx.

Without LibreOffice, .doc and .wps (Word 97–2003 binary, as WPS Office saves it)
are read natively from their piece table (word97.py): the text is all there, only
automatic list numbers are lost. RTF still needs LibreOffice.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from .. import errors
from .base import RawText
from .word import DocxBackend
from .word97 import read_text

CONVERT_TIMEOUT = 120
_KIND = {"doc": "Word 文件", "wps": "WPS 文件"}


class LegacyWordBackend:
    def __init__(self, format: str = "doc"):
        self.format = format

    def read(self, data: bytes, name: str) -> RawText:
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            if self.format in ("doc", "wps"):
                return read_text(data, _KIND[self.format])
            raise errors.unsupported(
                f"旧版 .{self.format} 文件，本机未安装 LibreOffice",
                "请用 Word 或 WPS 将文件另存为 .docx 后提交，或请管理员安装 LibreOffice。",
            )
        with tempfile.TemporaryDirectory(prefix="taizhang-") as tmp:
            # A fixed name: the upload's own name (possibly from a zip) never becomes a path.
            source = Path(tmp, f"input.{self.format}")
            source.write_bytes(data)
            _convert(soffice, source, Path(tmp))
            converted = Path(tmp, "out", "input.docx")
            if not converted.is_file():
                raise errors.unconvertible(self.format)
            return DocxBackend().read(converted.read_bytes(), name)


def _convert(soffice: str, source: Path, workdir: Path) -> None:
    command = [
        soffice,
        "--headless",
        "--norestore",
        # A private profile: with the user's LibreOffice open, a shared one makes the conversion silently do nothing.
        f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
        "--convert-to",
        "docx",
        "--outdir",
        str(workdir / "out"),
        str(source),
    ]
    # Its own process group, so a hung converter is killed with all its children.
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        process.wait(timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):  # the whole group may be gone already
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
