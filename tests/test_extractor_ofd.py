"""OFD backend: characters placed, lines gathered and ordered, failures named."""
from __future__ import annotations

import importlib.util
import io
import unicodedata
import zipfile

import pytest

from check_docs import FIXTURES, GAZETTE_ARTICLES, assert_reads_as_text, two_column_gazette
from extractor import Limits, extract_bytes

NS = "http://www.ofdspec.org/2016"


def _advance(ch: str, size: float) -> float:
    return size if unicodedata.east_asian_width(ch) in "WF" else size / 2


def _text_object(x: float, baseline: float, text: str, size: float = 5.6, deltas: str | None = None) -> str:
    """One run on a baseline; each character advances by its width unless `deltas` says."""
    step = deltas if deltas is not None else " ".join(f"{_advance(ch, size):g}" for ch in text[:-1])
    width = sum(_advance(ch, size) for ch in text)
    return (f'<ofd:TextObject ID="9" Font="1" Size="{size}" Boundary="{x} {baseline - size} {width} {size * 1.2}">'
            f'<ofd:TextCode X="0" Y="{size}"' + (f' DeltaX="{step}"' if step else "")
            + f">{text}</ofd:TextCode></ofd:TextObject>")


def make_ofd(pages: list[list[str]], extra: dict[str, bytes] | None = None, ns_uri: str = NS, common: str = "") -> bytes:
    """pages: each a list of TextObject/ImageObject XML strings, in stream order;
    `common`: more of the document's CommonData (its resources)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("OFD.xml", f'<ofd:OFD xmlns:ofd="{ns_uri}"><ofd:DocBody><ofd:DocRoot>/Doc_0/Document.xml'
                              '</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        listed = "".join(f'<ofd:Page ID="{k}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k in range(len(pages)))
        z.writestr("Doc_0/Document.xml", f'<ofd:Document xmlns:ofd="{ns_uri}"><ofd:CommonData><ofd:PageArea>'
                                         '<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
                                         f'{common}</ofd:CommonData><ofd:Pages>{listed}</ofd:Pages></ofd:Document>')
        for k, objects in enumerate(pages):
            z.writestr(f"Doc_0/Pages/Page_{k}/Content.xml",
                       f'<ofd:Page xmlns:ofd="{ns_uri}"><ofd:Area><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:Area>'
                       f'<ofd:Content><ofd:Layer ID="1">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buffer.getvalue()


def _only(data: bytes, name: str = "doc.ofd", limits: Limits = Limits()):
    [result] = list(extract_bytes(data, name, limits))
    return result


LEFT, SIZE, PITCH = 28.0, 5.6, 10.0
PER_LINE = 27  # characters of SIZE between the margins of an A4 page


def _page(lines: list[str], top: float = 40.0, indent_first: bool = False) -> list[str]:
    return [_text_object(LEFT + (2 * SIZE if indent_first and i == 0 else 0), top + i * PITCH, text)
            for i, text in enumerate(lines)]


ARTICLE_1 = ("第一条为规范公共信用信息管理，推进社会信用体系建设，根据有关法律法规，结合本市实际，制定本办法。"
             "行政机关应当将行政处罚信息记入信用档案。")


def _wrapped(text: str) -> list[str]:
    return [text[i:i + PER_LINE] for i in range(0, len(text), PER_LINE)]


def test_a_document_reads_with_metadata_clauses_and_pages():
    page_one = ["江川市人民政府文件", "江政〔2026〕3号", "江川市公共信用信息管理办法", *_wrapped(ARTICLE_1)]
    page_two = ["第二条对列入严重失信主体名单的企业，依法限制参与政府采购。", "江川市人民政府", "2026年11月20日"]
    footer = [_text_object(100, 285, "— 1 —")]
    data = make_ofd([_page(page_one) + footer, _page(page_two) + [_text_object(100, 285, "— 2 —")]])
    result = _only(data)
    assert result.error is None, result.error
    document = result.document
    assert (document.format, document.pages) == ("ofd", 2)
    assert (document.title, document.doc_number, document.issuer, document.date) == (
        "江川市公共信用信息管理办法", "江政〔2026〕3号", "江川市人民政府", "2026-11-20")
    assert [c.text for c in document.clauses] == [ARTICLE_1, page_two[0]]


def test_runs_are_read_by_place_not_by_stream_order():
    # A quote and the digits set in another font are written after the Chinese run, as
    # separate objects placed where they stand: 按照“管行业…”, 49号.
    chinese = _text_object(LEFT, 40, "第一条按照", deltas=f"g 4 {SIZE}") + _text_object(
        LEFT + 5 * SIZE + 2.8, 40, "管行业必须管安全", deltas=f"g 7 {SIZE}")
    quote = _text_object(LEFT + 5 * SIZE, 40, "“", size=SIZE)
    digits = _text_object(LEFT, 50, "49") + _text_object(LEFT + SIZE, 50, "号文件要求记入信用档案。")
    clauses = _only(make_ofd([[chinese, digits, quote]])).document.clauses
    assert [c.text for c in clauses] == ["第一条按照“管行业必须管安全49号文件要求记入信用档案。"]


def test_advances_written_g_count_step_and_a_scaling_ctm_are_followed():
    # DeltaX "g 2 2.8" = 2.8 twice; the CTM doubles the object's size and advances.
    wide = f'<ofd:TextObject ID="9" Font="1" Size="2.8" Boundary="{LEFT} 37.2 40 7" CTM="2 0 0 2 0 0">' \
           '<ofd:TextCode X="0" Y="2.8" DeltaX="g 2 2.8">第一条</ofd:TextCode>' \
           '<ofd:TextCode X="8.4" DeltaX="g 7 2.8">对失信主体依法惩戒。</ofd:TextCode></ofd:TextObject>'
    clauses = _only(make_ofd([[wide, _text_object(LEFT, 60, "第二条本办法自印发之日起施行。")]])).document.clauses
    assert [c.text for c in clauses] == ["第一条对失信主体依法惩戒。", "第二条本办法自印发之日起施行。"]


def test_a_code_set_in_a_proportional_font_reads_without_spaces():
    # A credit code's capitals are wider than half an em (W about 0.94): the advances a
    # producer writes set the next character that much further, and no space is there.
    code = "91360921MA39DW4H8C"
    widths = {"M": 0.83, "A": 0.67, "D": 0.72, "W": 0.94, "H": 0.72, "C": 0.72}
    steps = " ".join(f"{widths.get(ch, 0.5) * SIZE:.3f}" for ch in code[:-1])
    line = _text_object(LEFT, 40, "统一社会信用代码：") + _text_object(LEFT + 9 * SIZE, 40, code, deltas=steps)
    [clause] = _only(make_ofd([[line]])).document.clauses
    assert clause.text == "统一社会信用代码：" + code


def test_any_namespace_is_read():
    data = make_ofd([_page(["第一条对失信主体依法实施联合惩戒。"] * 3)], ns_uri="http://example.org/ofd")
    assert len(_only(data).document.clauses) == 1


def test_a_libreoffice_document_as_ofd_reads_as_its_text():
    # tests/fixtures/typeset_office.py: the LibreOffice PDF office_C05.pdf re-written as OFD.
    from_ofd = _only((FIXTURES / "office_C05.ofd").read_bytes()).document
    assert_reads_as_text(from_ofd, "C05_青石市城市公共交通乘客失信行为信用管理实施方案.txt")


def test_an_image_only_ofd_has_no_text_layer():
    image = '<ofd:ImageObject ID="5" ResourceID="1" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/>'
    result = _only(make_ofd([[image], [image]]))
    assert result.error.code == "no_text_layer"
    assert "OFD" in result.error.message and "文字识别" in result.error.message


@pytest.mark.parametrize("data", [
    make_ofd([_page(["第一条对失信主体依法实施联合惩戒。"] * 3)])[:300],  # cut short
    make_ofd([_page(["第一条对失信主体依法实施联合惩戒。"] * 3)], extra={}).replace(b"/Doc_0/Document.xml", b"/Doc_9/Nothing.xml"),
    make_ofd([["<ofd:TextObject ID='1' Boundary='0 0 1 1'><broken"]]),
], ids=["truncated", "missing part", "broken xml"])
def test_a_broken_ofd_is_corrupt(data):
    result = _only(data)
    assert result.error.code == "corrupt"
    assert "OFD" in result.error.message


def test_an_encrypted_ofd_says_so():
    data = make_ofd([_page(["第一条对失信主体依法实施联合惩戒。"] * 3)], extra={"Doc_0/Encryptions.xml": b"<Encryptions/>"})
    assert _only(data).error.code == "encrypted"


def test_an_ofd_that_would_inflate_past_the_limit_is_refused_before_reading():
    padding = {"Doc_0/Res/padding.bin": b"\0" * 2_000_000}
    result = _only(make_ofd([_page(["第一条对失信主体依法实施联合惩戒。"] * 3)], extra=padding),
                   limits=Limits(max_archive_bytes=1_000_000))
    assert result.error.code == "too_large"


def test_a_ruled_table_reads_one_row_per_record_as_in_word():
    # A 失信惩戒措施清单 made in Word, saved as PDF by LibreOffice and re-written as OFD
    # (typeset_office.to_ofd, the table's rules as PathObjects): each row one clause,
    # its cells apart by tabs, as the .docx reads.
    from_docx = _only((FIXTURES / "measures_table.docx").read_bytes(), "measures_table.docx").document
    from_ofd = _only((FIXTURES / "measures_table.ofd").read_bytes()).document
    assert [(c.location, c.text) for c in from_ofd.clauses] == [(c.location, c.text) for c in from_docx.clauses]
    assert from_ofd.clauses[1].text.startswith("1\t限制参与政府采购活动，三年内禁止参加政府采购\t《中华人民共和国政府采购法》")


@pytest.mark.parametrize("across", [False, True])
def test_a_gazette_page_in_two_columns_reads_column_by_column(tmp_path, across):
    # An OFD producer's text objects on one baseline read as one line: a page written
    # line by line across both columns put the halves of two articles side by side.
    spec = importlib.util.spec_from_file_location("typeset_office", FIXTURES / "typeset_office.py")
    typeset_office = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(typeset_office)
    (tmp_path / "gazette.pdf").write_bytes(two_column_gazette(across))
    typeset_office.to_ofd(tmp_path / "gazette.pdf", tmp_path / "gazette.ofd")
    document = _only((tmp_path / "gazette.ofd").read_bytes()).document
    assert (document.title, document.doc_number) == ("江川市行政执法监督办法", "江川市人民政府令第12号")
    # (The reader gives the gap after 第一条 as a space, where the text has 　.)
    assert [clause.text.split() for clause in document.clauses] == [article.split() for article in GAZETTE_ARTICLES]


def test_a_table_grid_drawn_as_one_path_gives_its_rows():
    # Some producers draw the whole grid as one PathObject: M/L segments, C to close.
    grid = ('<ofd:PathObject ID="7" Boundary="20 40 170 30"><ofd:AbbreviatedData>'
            "M 0 0 L 170 0 M 0 10 L 170 10 M 0 20 L 170 20 M 0 30 L 170 30 "
            "M 0 0 L 0 30 M 20 0 L 20 30 M 100 0 L 100 30 M 170 0 L 170 30"
            "</ofd:AbbreviatedData></ofd:PathObject>")
    cells = [_text_object(22, 47, "序号"), _text_object(40, 47, "惩戒措施"), _text_object(120, 47, "依据"),
             _text_object(22, 57, "1"), _text_object(40, 57, "限制参与政府采购"), _text_object(120, 57, "《政府采购法》"),
             _text_object(22, 67, "2"), _text_object(40, 67, "取消评优评先资格"), _text_object(120, 67, "《某省社会信用条例》")]
    body = _page(["关于公布失信惩戒措施清单的通知", "一、各部门按下表执行。"], top=20)
    clauses = _only(make_ofd([body + [grid] + cells])).document.clauses
    assert [c.text for c in clauses][-2:] == ["1\t限制参与政府采购\t《政府采购法》", "2\t取消评优评先资格\t《某省社会信用条例》"]


def _scanned_ofd(picture: bytes, media: str = "page.png") -> bytes:
    """One page that is a picture, its file listed in DocumentRes under Res/."""
    image = '<ofd:ImageObject ID="5" ResourceID="7" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/>'
    return make_ofd([[image]], common="<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>", extra={
        "Doc_0/DocumentRes.xml": f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:MultiMedias>'
                                 f'<ofd:MultiMedia ID="7" Type="Image"><ofd:MediaFile>{media}</ofd:MediaFile>'
                                 '</ofd:MultiMedia></ofd:MultiMedias></ofd:Res>',
        f"Doc_0/Res/{media}": picture,
    })


def test_a_scanned_ofd_is_read_by_ocr_when_it_is_installed(monkeypatch):
    import pypdfium2 as pdfium

    from extractor.backends import ocr

    page = pdfium.PdfDocument((FIXTURES / "office_C05.pdf").read_bytes())[0].render(scale=150 / 72).to_pil()
    picture = io.BytesIO()
    page.convert("RGB").save(picture, "PNG")
    data = _scanned_ofd(picture.getvalue())
    if ocr.available():
        document = _only(data).document
        assert (document.format, document.ocr_pages) == ("ofd", 1)
        assert document.title == "青石市城市公共交通乘客失信行为信用管理实施方案"
        assert document.doc_number == "青交发〔2025〕27号"
        assert any(c.text.startswith("（一）乘客在乘车过程中有强占他人座位") for c in document.clauses)
    # A picture in a format the reader cannot decode, or no OCR: no text layer, as before.
    assert _only(_scanned_ofd(b"\x97JB2\r\n\x1a\n" + b"\x00" * 64, "page.jb2")).error.code == "no_text_layer"
    monkeypatch.setattr(ocr, "available", lambda: False)
    assert _only(data).error.code == "no_text_layer"
