"""Legacy .doc/.wps read natively (no LibreOffice): text from the Word 97 piece table."""
from __future__ import annotations

import shutil
import struct
from pathlib import Path

import olefile
import pytest

from extractor import extract_bytes
from extractor.backends import word97

FIXTURE = Path(__file__).parent / "fixtures" / "notice.doc"


@pytest.fixture
def no_libreoffice(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)


def _only(data: bytes, name: str):
    [result] = list(extract_bytes(data, name))
    return result


@pytest.mark.parametrize("name, fmt", [("notice.doc", "doc"), ("notice.wps", "wps")])
def test_doc_and_wps_are_read_without_libreoffice(no_libreoffice, name, fmt):
    result = _only(FIXTURE.read_bytes(), name)
    assert result.error is None
    doc = result.document
    assert doc.format == fmt
    assert (doc.title, doc.doc_number, doc.issuer, doc.date) == (
        "某市交通运输局关于加强道路运输信用管理的通知", "某交运〔2021〕8号", "某市交通运输局", "2021-03-15")
    assert [c.location for c in doc.clauses] == ["第1段", "一、", "二、", "二、序号1", "三、"]
    texts = [c.text for c in doc.clauses]
    # The hyperlink shows its text, not its field code; a table row reads as one line.
    assert texts[2] == "二、对列入严重失信主体名单的经营者，限制参与政府采购。详见信用中国网站。\n序号\t措施\t依据"
    assert texts[3] == "1\t限制参与招标投标\t《招标投标法实施条例》"
    everything = "".join(texts)
    assert "页眉" not in everything and "— 1 —" not in everything and "HYPERLINK" not in everything


def _with_word_stream(tmp_path, change) -> bytes:
    """The fixture with its WordDocument stream changed in place (same length)."""
    path = tmp_path / "changed.doc"
    path.write_bytes(FIXTURE.read_bytes())
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        stream = bytearray(ole.openstream("WordDocument").read())
        change(stream)
        ole.write_stream("WordDocument", bytes(stream))
    return path.read_bytes()


def test_password_protected_doc_is_encrypted(no_libreoffice, tmp_path):
    def encrypt(stream):
        flags = struct.unpack_from("<H", stream, 0x0A)[0]
        struct.pack_into("<H", stream, 0x0A, flags | 0x0100)
    result = _only(_with_word_stream(tmp_path, encrypt), "secret.doc")
    assert result.error.code == "encrypted"
    assert "密码" in result.error.message


def test_word95_file_says_to_save_as_docx(no_libreoffice, tmp_path):
    result = _only(_with_word_stream(tmp_path, lambda s: struct.pack_into("<H", s, 2, 0x0065)), "old.doc")
    assert result.error.code == "unsupported_format"
    assert ".docx" in result.error.message


def test_broken_piece_table_is_corrupt(no_libreoffice, tmp_path):
    def break_fib(stream):
        stream[0x20:0x200] = b"\xff" * (0x200 - 0x20)
    result = _only(_with_word_stream(tmp_path, break_fib), "broken.doc")
    assert result.error.code == "corrupt"


def test_ole_file_without_a_word_stream_is_corrupt(no_libreoffice):
    # Named .doc, OLE2 signature, but no compound-file structure behind it.
    result = _only(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "broken.doc")
    assert result.error.code == "corrupt"


def _word97(pieces: list[tuple[bytes, bool]], ccp_text: int) -> tuple[bytes, bytes]:
    """A minimal WordDocument stream and table stream holding these pieces of text."""
    csw, cslw, cb = 14, 22, 93
    fib_rg_lw = 0x20 + 2 + 2 * csw + 2
    fc_lcb = fib_rg_lw + 4 * cslw + 2
    text_start = fc_lcb + 8 * cb
    word = bytearray(text_start)
    struct.pack_into("<HH", word, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", word, 0x0A, 0x0200)
    struct.pack_into("<H", word, 0x20, csw)
    struct.pack_into("<H", word, fib_rg_lw - 2, cslw)
    struct.pack_into("<i", word, fib_rg_lw + 12, ccp_text)
    struct.pack_into("<H", word, fc_lcb - 2, cb)
    cps, pcds, cp = [0], b"", 0
    for raw, compressed in pieces:
        fc = len(word)
        word += raw
        cp += len(raw) if compressed else len(raw) // 2
        cps.append(cp)
        pcds += struct.pack("<HIH", 0, (fc * 2) | 0x40000000 if compressed else fc, 0)
    plc = struct.pack(f"<{len(cps)}i", *cps) + pcds
    table = b"\x01\x02\x00ab" + b"\x02" + struct.pack("<I", len(plc)) + plc  # a Prc, then the Pcdt
    struct.pack_into("<II", word, fc_lcb + 8 * 33, 0, len(table))
    return bytes(word), table


def test_compressed_and_unicode_pieces_fields_and_cells():
    pieces = [
        ("第一条 纳入信用记录。\r参见\x13 HYPERLINK \"x\" \x14网站\x15。\r".encode("utf-16-le"), False),
        (b"Fast-saved \x93ASCII\x94 text\r", True),  # cp1252 curly quotes
        ("甲\x07乙\x07\x07页脚".encode("utf-16-le"), False),
    ]
    word, table = _word97(pieces, ccp_text=len("第一条 纳入信用记录。\r参见\x13 HYPERLINK \"x\" \x14网站\x15。\r")
                          + len("Fast-saved \x93ASCII\x94 text\r") + len("甲\x07乙\x07\x07"))
    text = word97._main_text(word, table)
    assert text.endswith("\x07\x07")  # the footer after ccpText is not main text
    assert word97._paragraphs(text) == ["第一条 纳入信用记录。", "参见网站。", "Fast-saved “ASCII” text", "甲\t乙"]


def test_an_empty_cell_does_not_end_its_row():
    # An application form: the 填写内容 column left blank. Its empty cell gives two marks in a
    # row, as a row's end does; the header row says how many cells a row holds.
    text = ("附件\r入驻申请表\r序号\x07申请事项\x07填写内容\x07备注\x07\x07"
            "1\x07企业名称\x07\x07须与营业执照登记名称一致\x07\x07"
            "2\x07统一社会信用代码\x07\x0718位代码\x07\x07"
            "3\x07合计\x07342.7\x07\x07\x07本表一式两份。\r")
    assert word97._paragraphs(text) == [
        "附件", "入驻申请表", "序号\t申请事项\t填写内容\t备注", "1\t企业名称\t须与营业执照登记名称一致",
        "2\t统一社会信用代码\t18位代码", "3\t合计\t342.7", "本表一式两份。"]
