"""Zip archives: members named archive.zip!path, nesting bounded, names and sizes never trusted."""
from __future__ import annotations

import hashlib
import io
import struct
import time
import zipfile

import docx
import pytest

from extractor import Limits, extract_bytes, extract_file

NOTICE = "关于加强信用监管的通知\n一、建立台账。各单位要建立台账。\n二、开展自查。各单位要开展自查。\n".encode()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def _docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("第一条 为了规范管理，制定本办法。")
    d.add_paragraph("第二条 本办法自公布之日起施行。")
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def _summary(results):
    return [(r.file, r.error.code if r.error else r.document.format) for r in results]


def test_members_nested_archives_and_ignored_entries(tmp_path):
    deeper = _zip({"y.txt": NOTICE})
    inner = _zip({"x.txt": NOTICE, "deeper.zip": deeper})
    bundle = _zip({
        "docs/": b"",
        "a.txt": NOTICE,
        "docs/b.docx": _docx(),
        "scans.rar": b"Rar!\x1a\x07\x00" + b"\x00" * 64,
        "__MACOSX/docs/._b.docx": b"\x00\x05\x16\x07",
        ".DS_Store": b"\x00\x00\x00\x01Bud1",
        "docs/~$b.docx": b"lock",
        "inner.zip": inner,
    })
    path = tmp_path / "bundle.zip"
    path.write_bytes(bundle)
    results = list(extract_file(path, display="bundle.zip"))
    assert _summary(results) == [
        ("bundle.zip!a.txt", "txt"),
        ("bundle.zip!docs/b.docx", "docx"),
        ("bundle.zip!scans.rar", "unsupported_format"),
        ("bundle.zip!inner.zip!x.txt", "txt"),
        ("bundle.zip!inner.zip!deeper.zip!y.txt", "txt"),
    ]
    assert results[0].sha256 == hashlib.sha256(NOTICE).hexdigest()
    assert results[0].document.file == "bundle.zip!a.txt"
    assert [c.location for c in results[1].document.clauses] == ["第一条", "第二条"]


def test_nesting_depth_is_bounded():
    nested = _zip({"y.txt": NOTICE})
    for level in range(3):
        nested = _zip({f"level{level}.zip": nested})
    results = list(extract_bytes(nested, "top.zip", Limits(max_depth=3)))
    assert _summary(results) == [("top.zip!level2.zip!level1.zip!level0.zip", "too_large")]
    assert "嵌套" in results[0].error.message
    assert _summary(extract_bytes(nested, "top.zip", Limits(max_depth=4)))[0][1] == "txt"


def test_member_names_cannot_escape(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    evil = _zip({"../../evil.txt": NOTICE, "/etc/cron.d/evil.txt": NOTICE, "..\\..\\win.txt": NOTICE})
    results = list(extract_bytes(evil, "evil.zip"))
    assert [r.file for r in results] == ["evil.zip!evil.txt", "evil.zip!etc/cron.d/evil.txt", "evil.zip!win.txt"]
    assert all(r.error is None for r in results)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["work"]  # nothing was written anywhere


@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
def test_member_names_without_the_utf8_flag(encoding):
    name = "通知.txt".encode(encoding)
    placeholder = b"x" * len(name)
    data = _zip({placeholder.decode(): NOTICE}).replace(placeholder, name)
    [result] = extract_bytes(data, "a.zip")
    assert result.file == "a.zip!通知.txt"


def test_zip_bomb_is_refused_before_inflating():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z, z.open("zeros.txt", "w") as member:
        zeros = b"\0" * 2**20
        for _ in range(300):
            member.write(zeros)
    assert len(buffer.getvalue()) < 2**20  # 300 MB inflated, well under 1 MB packed
    started = time.monotonic()
    [result] = extract_bytes(buffer.getvalue(), "bomb.zip")
    assert result.file == "bomb.zip!zeros.txt"
    assert result.error.code == "too_large" and result.sha256 is None
    assert time.monotonic() - started < 1


def test_members_share_one_inflation_budget():
    page = NOTICE * 3000  # ~300 KB each
    limits = Limits(max_file_bytes=len(page) + 1, max_archive_bytes=int(len(page) * 2.5))
    results = list(extract_bytes(_zip({"a.txt": page, "b.txt": page, "c.txt": page}), "many.zip", limits))
    assert _summary(results) == [("many.zip!a.txt", "txt"), ("many.zip!b.txt", "txt"), ("many.zip!c.txt", "too_large")]
    assert "解压后超过" in results[2].error.message


def test_member_whose_header_lies_about_its_size_is_never_inflated_past_it():
    data = bytearray(_zip({"a.txt": b"A" * 2**20}))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # uncompressed-size fields
        at = data.find(signature) + offset
        data[at:at + 4] = struct.pack("<I", 100)
    [result] = extract_bytes(bytes(data), "liar.zip")
    assert result.error.code == "corrupt"


def test_encrypted_member():
    data = bytearray(_zip({"secret.txt": NOTICE}))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # general-purpose flags
        data[data.find(signature) + offset] |= 0x1
    [result] = extract_bytes(bytes(data), "locked.zip")
    assert (result.file, result.error.code) == ("locked.zip!secret.txt", "encrypted")
    assert "密码" in result.error.message


def test_member_in_an_unknown_compression_method():
    data = bytearray(_zip({"a.txt": NOTICE}))
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # compression-method fields
        at = data.find(signature) + offset
        data[at:at + 2] = struct.pack("<H", 99)  # 99: AES, which zipfile cannot read
    [result] = extract_bytes(bytes(data), "odd.zip")
    assert (result.file, result.error.code) == ("odd.zip!a.txt", "unsupported_format")
    assert "zip" in result.error.message


@pytest.mark.parametrize("data", [b"PK\x03\x04" + b"\x13" * 300, _zip({}), _zip({"__MACOSX/._a.txt": b"x"})])
def test_broken_or_empty_archives_are_corrupt(data):
    [result] = extract_bytes(data, "broken.zip")
    assert (result.file, result.error.code) == ("broken.zip", "corrupt")
    assert result.sha256 == hashlib.sha256(data).hexdigest()
