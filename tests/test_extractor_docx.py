"""Word backends: .docx in reading order; .doc/.wps/.rtf through LibreOffice when it is there."""
from __future__ import annotations

import io
import os
import shutil
import sys
import textwrap
import time

import docx
import pytest
from docx.oxml import parse_xml

from extractor import Limits, extract_bytes
from extractor.backends import legacy
from extractor.backends.numbering import render

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _only(data: bytes, name: str):
    [result] = list(extract_bytes(data, name))
    return result


def make_notice() -> bytes:
    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "页眉：内部资料注意保存"
    section.footer.paragraphs[0].text = "第 1 页"
    d.add_paragraph("某某市发展和改革委员会文件")
    d.add_paragraph("某发改〔2021〕7号")
    d.add_paragraph("关于开展失信约束措施")
    d.add_paragraph("清理规范工作的通知")
    d.add_paragraph("")
    d.add_paragraph("各县（市、区）发展改革委：")
    d.add_paragraph("一、建立工作台账。各部门要按照统一格式建立台账。")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "序号", "措施名称"
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "纳入失信名单"
    d.add_paragraph("二、开展自查自纠。各部门要对照台账开展自查。")
    layout = d.add_table(rows=1, cols=1)
    layout.cell(0, 0).text = "三、加强督导。市发展改革委将定期通报。"
    layout.cell(0, 0).add_paragraph("对工作不力的单位进行约谈。")
    d.add_paragraph("某某市发展和改革委员会")
    d.add_paragraph("2021年1月21日")
    return _bytes(d)


def test_body_and_tables_in_reading_order_without_header_footer():
    result = _only(make_notice(), "notice.docx")
    doc = result.document
    assert result.error is None and doc.format == "docx" and doc.pages is None
    assert (doc.title, doc.doc_number, doc.issuer, doc.date) == (
        "关于开展失信约束措施清理规范工作的通知",
        "某发改〔2021〕7号",
        "某某市发展和改革委员会",
        "2021-01-21",
    )
    assert [(c.location, c.text) for c in doc.clauses] == [
        # A numbered table row is a clause of its own, located by its 序号.
        ("一、", "一、建立工作台账。各部门要按照统一格式建立台账。\n序号\t措施名称"),
        ("一、序号1", "1\t纳入失信名单"),
        ("二、", "二、开展自查自纠。各部门要对照台账开展自查。"),
        ("三、", "三、加强督导。市发展改革委将定期通报。\n对工作不力的单位进行约谈。"),
    ]
    everything = "\n".join(c.text for c in doc.clauses)
    assert "页眉" not in everything and "第 1 页" not in everything


def _paragraph_with(d, inner_xml: str):
    p = d.add_paragraph("甲")
    p._p.append(parse_xml(f'<w:holder xmlns:w="{W_NS}" xmlns:mc="{MC_NS}">{inner_xml}</w:holder>')[0])
    return p


def test_tracked_changes_line_breaks_and_text_boxes():
    d = docx.Document()
    _paragraph_with(d, "<w:ins><w:r><w:t>新增</w:t></w:r></w:ins>")
    _paragraph_with(d, "<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>")
    _paragraph_with(d, "<w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom>")
    broken = d.add_paragraph("第一行")
    broken.runs[0].add_break()
    broken.add_run("第二行")
    box = "<w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent>"
    _paragraph_with(
        d,
        f"<w:r><mc:AlternateContent><mc:Choice Requires='wps'>{box}</mc:Choice>"
        f"<mc:Fallback>{box}</mc:Fallback></mc:AlternateContent><w:t>乙</w:t></w:r>",
    )
    result = _only(_bytes(d), "x.docx")
    assert [c.text for c in result.document.clauses] == ["甲新增", "甲", "甲", "第一行", "第二行", "甲乙", "框内文字"]


NUMBERING = f"""<w:numbering xmlns:w="{W_NS}">
  <w:abstractNum w:abstractNumId="90">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="space"/>
      <w:lvlText w:val="第%1条"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:suff w:val="nothing"/>
      <w:lvlText w:val="（%2）"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="91">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>
  <w:num w:numId="91"><w:abstractNumId w:val="91"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>
</w:numbering>"""


def _numbered(d, text: str, num_id: int, ilvl: int = 0):
    p = d.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def test_automatic_numbering_is_rendered():
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering[:] = list(parse_xml(NUMBERING))
    style = d.styles.add_style("条款", 1)  # a paragraph style numbered by the article list
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:numId w:val="90"/></w:numPr>'))
    d.add_paragraph("某某市公共信用信息管理办法")
    for n in range(1, 13):
        _numbered(d, f"第{n}个条文的内容。", 90)
        if n in (2, 3):
            _numbered(d, "分项一；", 90, ilvl=1)
            _numbered(d, "分项二。", 90, ilvl=1)
    d.add_paragraph("由样式编号的条文。", style="条款")
    _numbered(d, "从七开始的列表项。", 91)
    clauses = _only(_bytes(d), "rules.docx").document.clauses
    assert [c.location for c in clauses] == [f"第{n}条" for n in
        ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"]]
    assert clauses[2].text == "第三条 第3个条文的内容。\n（一）分项一；\n（二）分项二。"  # sub-items restart
    assert clauses[11].text == "第十二条 第12个条文的内容。"
    assert clauses[12].text == "第十三条 由样式编号的条文。\n7. 从七开始的列表项。"


@pytest.mark.parametrize("n, fmt, shown", [
    (10, "chineseCounting", "十"), (21, "chineseCountingThousand", "二十一"), (105, "chineseCounting", "一百零五"),
    (110, "chineseCounting", "一百一十"), (12, "chineseLegalSimplified", "拾贰"), (3, "ideographTraditional", "丙"),
    (3, "decimalEnclosedCircle", "③"), (12, "decimalFullWidth", "１２"), (28, "lowerLetter", "bb"),
    (14, "upperRoman", "XIV"), (7, "decimal", "7"),
])
def test_number_formats(n, fmt, shown):
    assert render(n, fmt) == shown


def test_corrupt_docx():
    data = make_notice()
    assert _only(data[: len(data) // 2], "notice.docx").error.code == "corrupt"
    assert _only(b"PK\x03\x04" + b"\x00" * 200, "broken.docx").error.code == "corrupt"


def test_docx_inflating_past_the_archive_limit_is_too_large():
    [result] = extract_bytes(make_notice(), "notice.docx", Limits(max_archive_bytes=1000))
    assert result.error.code == "too_large"


LEGACY = OLE2 + b"\x00" * 64 + "WordDocument".encode("utf-16-le") + b"\x00" * 64


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch):
    """A stand-in for LibreOffice: records its arguments and writes a .docx into --outdir."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "soffice-args.txt"
    script = bin_dir / "soffice"
    script.write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import os, sys, time, docx
        args = sys.argv[1:]
        open({str(log)!r}, "w").write("\\n".join(args))
        mode = os.environ.get("FAKE_SOFFICE", "ok")
        if mode == "hang":
            time.sleep(60)
        if mode == "ok":
            outdir = args[args.index("--outdir") + 1]
            stem = os.path.splitext(os.path.basename(args[-1]))[0]
            os.makedirs(outdir, exist_ok=True)
            d = docx.Document()
            d.add_paragraph("某某市信用管理办法")
            d.add_paragraph("第一条 为了规范信用管理，制定本办法。")
            d.add_paragraph("第二条 本办法自发布之日起施行。")
            d.save(os.path.join(outdir, stem + ".docx"))
        """))
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return log


@pytest.mark.parametrize("data, name, fmt", [
    (LEGACY, "old.doc", "doc"),
    (LEGACY, "old.wps", "wps"),
    (rb"{\rtf1\ansi \'c4\'b3}", "saved-as-rtf.doc", "rtf"),
])
def test_legacy_word_converted_by_libreoffice(fake_soffice, data, name, fmt):
    result = _only(data, name)
    assert result.error is None
    assert result.document.format == fmt
    assert result.document.title == "某某市信用管理办法"
    assert [c.location for c in result.document.clauses] == ["第一条", "第二条"]
    args = fake_soffice.read_text().splitlines()
    assert args[:2] == ["--headless", "--norestore"] and "--convert-to" in args and "docx" in args
    source = args[-1]
    assert os.path.basename(source) == f"input.{fmt}"  # never the upload's own name
    assert not os.path.exists(os.path.dirname(source))  # the temp dir is cleaned up


def test_legacy_word_that_fails_to_convert_is_corrupt(fake_soffice, monkeypatch):
    monkeypatch.setenv("FAKE_SOFFICE", "fail")
    result = _only(LEGACY, "old.doc")
    assert result.error.code == "corrupt"
    assert ".docx" in result.error.message


def test_hung_converter_is_killed(fake_soffice, monkeypatch):
    monkeypatch.setenv("FAKE_SOFFICE", "hang")
    monkeypatch.setattr(legacy, "CONVERT_TIMEOUT", 1)
    started = time.monotonic()
    result = _only(LEGACY, "old.doc")
    assert result.error.code == "corrupt"
    assert time.monotonic() - started < 10


def test_rtf_without_libreoffice(monkeypatch):
    # .doc and .wps are read natively then (tests/test_extractor_word97.py); RTF is not.
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = _only(rb"{\rtf1\ansi \'c4\'b3}", "saved-as-rtf.doc")
    assert result.error.code == "unsupported_format"
    assert "LibreOffice" in result.error.message and ".docx" in result.error.message


CHAPTERS = f"""<w:numbering xmlns:w="{W_NS}">
  <w:abstractNum w:abstractNumId="80">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="space"/>
      <w:lvlText w:val="第%1章"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="chineseCounting"/>
      <w:suff w:val="space"/><w:lvlText w:val="第%2条"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="80"><w:abstractNumId w:val="80"/></w:num>
</w:numbering>"""


def test_articles_numbered_on_through_chapters_and_deleted_articles_take_no_number():
    d = docx.Document()
    d.part.numbering_part.element[:] = list(parse_xml(CHAPTERS))
    d.add_paragraph("某某市公共信用信息管理办法")
    _numbered(d, "总则", 80)
    _numbered(d, "为了规范管理，制定本办法。", 80, ilvl=1)
    _numbered(d, "本办法适用于本市。", 80, ilvl=1)
    _numbered(d, "", 80, ilvl=1)  # an article deleted whole with tracked changes
    deleted = d.paragraphs[-1]._p
    deleted.get_or_add_pPr().append(parse_xml(f'<w:rPr xmlns:w="{W_NS}"><w:del w:id="9" w:author="a"/></w:rPr>'))
    deleted.append(parse_xml(f'<w:del xmlns:w="{W_NS}" w:id="8" w:author="a"><w:r><w:delText>删去的条文。</w:delText></w:r></w:del>'))
    _numbered(d, "信息使用", 80)
    _numbered(d, "对严重失信主体，限制其参加评优评先。", 80, ilvl=1)
    clauses = _only(_bytes(d), "rules.docx").document.clauses
    # lvlRestart 0: 条 numbers go on through the chapters, as Word shows them.
    assert [c.location for c in clauses] == ["第一条", "第二条", "第三条"]
    assert clauses[2].text == "第三条 对严重失信主体，限制其参加评优评先。"


def test_table_rows_with_merged_and_multi_paragraph_cells_read_as_one_line():
    d = docx.Document()
    d.add_paragraph("某某市失信惩戒措施清单")
    table = d.add_table(rows=3, cols=3)
    for i, (n, measure) in enumerate([("序号", "措施"), ("1", "在政府采购中予以限制"), ("2", "不予授予荣誉称号")]):
        table.cell(i, 0).text, table.cell(i, 1).text = n, measure
    table.cell(0, 2).text = "依据"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "《企业信息公示暂行条例》第十八条"
    table.cell(2, 1).add_paragraph("不得担任企业负责人。")
    clauses = _only(_bytes(d), "list.docx").document.clauses
    assert [(c.location, c.text) for c in clauses] == [
        ("序号1", "1\t在政府采购中予以限制\t《企业信息公示暂行条例》第十八条"),
        # The merged 依据 cell belongs to both rows; a two-paragraph cell stays in its row.
        ("序号2", "2\t不予授予荣誉称号 不得担任企业负责人。\t《企业信息公示暂行条例》第十八条"),
    ]


def test_a_footnote_follows_the_paragraph_that_refers_to_it():
    d = docx.Document()
    d.add_paragraph("某某市严重失信主体名单管理办法")
    d.add_paragraph("第一条 为规范名单管理，制定本办法。")
    p = d.add_paragraph("第二条 名单由市发展改革委认定。")
    p._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:footnoteReference w:id="1"/></w:r>'))
    data = _with_footnote(_bytes(d), "名单信息在网站公示三年。")
    clauses = _only(data, "notes.docx").document.clauses
    assert clauses[1].text == "第二条 名单由市发展改革委认定。\n名单信息在网站公示三年。"


def _with_footnote(data: bytes, text: str) -> bytes:
    """python-docx writes no footnotes part: add one (and its relationship) to the package."""
    import zipfile
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    notes = (f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>'
             f'<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>')
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                body = body.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdNotes" Target="footnotes.xml" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/footnotes"/></Relationships>'))
            if item.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", (
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.wordprocessingml.footnotes+xml"/></Types>'))
            target.writestr(item, body)
        target.writestr("word/footnotes.xml", notes)
    return out.getvalue()
