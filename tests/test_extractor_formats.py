"""Text, Markdown and HTML backends, format sniffing, limits and the batch API."""
from __future__ import annotations

import hashlib
import io
import os
import struct
import zipfile

import docx
import olefile
import pytest

from extractor import Extracted, Limits, extract_bytes, extract_file, iter_paths

from check_docs import FIXTURES, assert_reads_as_text

NOTICE = "关于加强信用监管的通知\n各区市场监管局：\n一、建立台账。各单位要建立台账。\n二、开展自查。各单位要开展自查。\n某某市市场监督管理局\n2021年3月5日\n"


def _only(data: bytes, name: str, limits: Limits = Limits()) -> Extracted:
    [result] = list(extract_bytes(data, name, limits))
    return result


def _texts(result: Extracted) -> list[str]:
    assert result.error is None, result.error
    return [c.text for c in result.document.clauses]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_text_encodings(encoding):
    result = _only(NOTICE.encode(encoding), "notice.txt")
    assert _texts(result) == ["一、建立台账。各单位要建立台账。", "二、开展自查。各单位要开展自查。"]
    assert result.document.format == "txt"
    assert (result.document.title, result.document.issuer, result.document.date) == (
        "关于加强信用监管的通知", "某某市市场监督管理局", "2021-03-05")
    assert result.sha256 == hashlib.sha256(NOTICE.encode(encoding)).hexdigest()


def test_text_that_is_not_text_is_undecodable():
    binary = bytes(range(256)) * 8
    result = _only(binary, "notes.txt")
    assert result.error.code == "undecodable"
    assert "UTF-8" in result.error.message
    # Valid UTF-8 full of control characters is no text either.
    assert _only(b"\x01\x02\x03\x04abc\x05\x06" * 50, "notes.txt").error.code == "undecodable"


def test_markdown_drops_comments_and_keeps_the_title():
    md = "# 某某市信用管理办法\n\n<!-- INFO END -->\n\n第一条 为了规范管理，制定本办法。\n\n第二条 本办法自公布之日起施行。\n"
    result = _only(md.encode(), "rules.md")
    assert result.document.format == "md"
    assert result.document.title == "某某市信用管理办法"
    assert _texts(result) == ["第一条 为了规范管理，制定本办法。", "第二条 本办法自公布之日起施行。"]


HTML = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>网站标题</title><style>.x { color: red }</style><script>var secret = "脚本内容";</script></head>
<body><nav>首页 &gt; 政策文件</nav>
<div class="article"><h1>关于加强信用监管的
通知</h1>
<p>一、建立台账。各单位要<b>建立</b>台账。</p><p style="display:none">隐藏段落。</p>
<div>二、开展自查。各单位要开展自查。<br>对发现的问题及时整改。</div>
<!-- 注释 --><table><tr><td>序号</td><td>事项</td></tr></table>
<p>某某市市场监督管理局</p><p>2021年3月5日</p></div></body></html>"""


def test_html_visible_blocks_only():
    result = _only(HTML.encode("gbk"), "page.htm")
    assert result.document.format == "html"
    assert result.document.title == "关于加强信用监管的通知"
    assert _texts(result) == [
        "一、建立台账。各单位要建立台账。",
        # A table after the document's last sentence with no numbered row is site furniture.
        "二、开展自查。各单位要开展自查。\n对发现的问题及时整改。",
    ]
    assert (result.document.issuer, result.document.date) == ("某某市市场监督管理局", "2021-03-05")
    everything = str(result.document)
    for hidden in ("网站标题", "脚本内容", "color", "首页", "隐藏段落", "注释"):
        assert hidden not in everything


def test_html_with_a_wrong_charset_declaration_is_still_read():
    page = HTML.replace("gb2312", "utf-8").encode("gbk")
    assert _only(page, "page.html").document.title == "关于加强信用监管的通知"


def _docx_bytes() -> bytes:
    d = docx.Document()
    d.add_paragraph("某某市信用管理办法")
    d.add_paragraph("第一条 为了规范管理，制定本办法。")
    d.add_paragraph("第二条 本办法自公布之日起施行。")
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def test_lying_extensions_are_read_by_their_real_format():
    as_pdf = _only(_docx_bytes(), "rules.pdf")
    assert as_pdf.document.format == "docx"
    assert as_pdf.document.title == "某某市信用管理办法"
    assert _only(HTML.encode("gbk"), "exported.doc").document.format == "html"
    assert _only(NOTICE.encode(), "notice").document.format == "txt"


@pytest.mark.parametrize(
    "data, name, mentions",
    [
        (b"Rar!\x1a\x07\x00" + b"\x00" * 100, "docs.rar", "RAR"),
        (os.urandom(4096), "table.xlsx", ".xlsx"),
        (os.urandom(4096), "blob", "无扩展名"),
    ],
)
def test_unknown_and_unsupported_formats(data, name, mentions):
    result = _only(data, name)
    assert result.error.code == "unsupported_format"
    assert mentions in result.error.message


def test_a_list_of_measures_in_excel_reads_one_clause_per_row():
    # 失信惩戒措施清单 published as a workbook: title row (merged), the form's header
    # (填报单位, 联系人, 填报时间: metadata, not clauses), header, rows, a note; a hidden
    # sheet is not read.
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["江川市失信惩戒措施清单"])
    sheet.merge_cells("A1:D1")
    sheet.append(["填报单位：江川市发展和改革委员会（盖章）", None, "填报时间：2026年11月25日"])
    sheet.append(["联系人及联系方式：李明 0771-1234567"])
    sheet.append(["序号", "惩戒措施", "设定依据", "实施部门"])
    sheet.append([1.0, "限制参与政府采购活动", "《中华人民共和国政府采购法》第七十七条", "市财政局"])
    sheet.append([2, "限制取得政府供应土地\n（严重失信主体）", "国发〔2016〕33号", None, None])
    sheet.append([3, "限制高消费", None, "市发展改革委"])  # no basis given: 实施部门 stays the fourth cell
    sheet.append(["注：本清单自2026年12月1日起施行。", None, dt.date(2026, 11, 20)])
    hidden = book.create_sheet("草稿")
    hidden.append([1, "不应读取的草稿", "无"])
    hidden.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    result = _only(buffer.getvalue(), "清单.xlsx")
    assert result.error is None
    document = result.document
    assert (document.format, document.title) == ("xlsx", "江川市失信惩戒措施清单")
    assert (document.issuer, document.date) == ("江川市发展和改革委员会", "2026-11-25")
    assert [(c.location, c.text) for c in document.clauses] == [
        ("序号1", "1\t限制参与政府采购活动\t《中华人民共和国政府采购法》第七十七条\t市财政局"),
        ("序号2", "2\t限制取得政府供应土地 （严重失信主体）\t国发〔2016〕33号"),
        ("序号3", "3\t限制高消费\t\t市发展改革委"),
        ("第5段", "注：本清单自2026年12月1日起施行。\t\t2026年11月20日"),
    ]


def test_a_broken_workbook_is_corrupt():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    result = _only(buffer.getvalue(), "ledger.xlsx")
    assert result.error.code == "corrupt" and "Excel" in result.error.message


XLS = FIXTURES / "measures_list.xls"


@pytest.mark.parametrize("name", ["清单.xls", "清单.et", "清单.doc", "清单"])
def test_an_excel_97_list_reads_as_the_xlsx_one(name):
    # Sniffed by its Workbook stream whatever the name says (WPS 表格 saves .et alike).
    result = _only(XLS.read_bytes(), name)
    assert result.error is None
    document = result.document
    assert (document.format, document.title) == ("xls", "江川市失信惩戒措施清单")
    assert (document.issuer, document.date) == ("江川市发展和改革委员会", "2026-11-25")
    assert [(c.location, c.text) for c in document.clauses] == [
        ("序号1", "1\t限制参与政府采购活动\t《中华人民共和国政府采购法》第七十七条\t市财政局"),
        ("序号2", "2\t限制取得政府供应土地 （严重失信主体）\t国发〔2016〕33号"),
        ("序号3", "3\t限制高消费\t\t市发展改革委"),
        ("第5段", "注：本清单自2026年12月1日起施行。\t\t2026年11月20日"),  # a date cell, not a day number
    ]


def _xls_with_second_record(record_id: int) -> bytes:
    """The fixture with its second BIFF record (INTERFACEHDR, 2 bytes) given another id:
    0x2F is FILEPASS, which Excel writes there when a password protects the workbook."""
    ole = olefile.OleFileIO(XLS.read_bytes())
    stream = bytearray(ole.openstream("Workbook").read())
    first = 4 + struct.unpack_from("<H", stream, 2)[0]
    struct.pack_into("<H", stream, first, record_id)
    copy = io.BytesIO(XLS.read_bytes())
    writer = olefile.OleFileIO(copy, write_mode=True)
    writer.write_stream("Workbook", bytes(stream))
    writer.close()
    return copy.getvalue()


def test_a_password_protected_or_broken_xls():
    assert _only(_xls_with_second_record(0x2F), "清单.xls").error.code == "encrypted"
    result = _only(XLS.read_bytes()[:3000], "清单.xls")
    assert result.error.code == "corrupt" and "Excel" in result.error.message


def test_a_powerpoint_97_file_says_what_to_save_it_as():
    ppt = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "PowerPoint Document".encode("utf-16-le")
    result = _only(ppt, "汇报.ppt")
    assert result.error.code == "unsupported_format" and "PowerPoint" in result.error.message


def test_password_protected_office_file():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le")
    assert _only(ole, "secret.docx").error.code == "encrypted"


@pytest.mark.parametrize("data", [b"", b"   \r\n\t\n", "\ufeff".encode()])
def test_empty_files_are_corrupt(data):
    result = _only(data, "empty.txt")
    assert result.error.code == "corrupt"
    assert "文件为空或没有可读文字" in result.error.message


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(NOTICE.encode() * 100)
    [result] = extract_file(path, limits=Limits(max_file_bytes=1000))
    assert result.error.code == "too_large" and result.sha256 is None
    assert _only(NOTICE.encode() * 100, "big.txt", Limits(max_file_bytes=1000)).error.code == "too_large"
    [fits] = extract_file(path, limits=Limits(max_file_bytes=len(NOTICE.encode()) * 100))
    assert fits.error is None


def test_extract_file_display_name_and_missing_file(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    [result] = extract_file(path, display="uploads/通知.txt")
    assert result.file == result.document.file == "uploads/通知.txt"
    [missing] = extract_file(tmp_path / "gone.docx")
    assert missing.error.code == "unreadable" and missing.document is None


def test_one_bad_file_does_not_stop_the_batch(tmp_path):
    (tmp_path / "a.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.7 truncated")
    (tmp_path / "c.txt").write_text(NOTICE, encoding="utf-8")
    results = [r for p in iter_paths([str(tmp_path)]) for r in extract_file(p)]
    assert [(os.path.basename(r.file), r.error and r.error.code) for r in results] == [
        ("a.txt", None), ("b.pdf", "corrupt"), ("c.txt", None)]


def test_iter_paths_expands_folders_sorted_and_keeps_file_order(tmp_path):
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    for name in ("b.txt", "a.docx", "sub/c.pdf", ".DS_Store", "~$a.docx", ".hidden/x.txt"):
        (folder / name).write_text("x")
    second, first = tmp_path / "z.txt", tmp_path / "y.txt"
    second.write_text("x")
    first.write_text("x")
    paths = list(iter_paths([str(second), str(folder), str(first)]))
    assert paths == [second, folder / "a.docx", folder / "b.txt", folder / "sub" / "c.pdf", first]


SITE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>江川市公共信用信息管理办法_政策文件_江川市人民政府</title></head><body>
<div class="top"><div class="topbar"><a href="#">无障碍</a> | <a href="#">长者模式</a></div></div>
<div class="menu"><ul><li>首页</li><li>政务公开</li><li>政策文件</li></ul></div>
<div class="position">当前位置：首页 &gt; 政策文件 &gt; 正文</div>
<div class="main">
<table class="xxgk"><tr><td>索 引 号：</td><td>000014349/2021-00031</td><td>主题分类：</td><td>社会信用</td></tr>
<tr><td>发文机关：</td><td>江川市人民政府</td><td>成文日期：</td><td>2021年02月20日</td></tr>
<tr><td>标　　题：</td><td>江川市人民政府关于印发江川市公共信用信息管理办法的通知</td></tr>
<tr><td>发文字号：</td><td>江政〔2021〕3号</td><td>发布日期：</td><td>2021年03月08日</td></tr></table>
<h1>江川市人民政府关于印发江川市公共信用信息管理办法的通知</h1>
<div class="info">来源：江川市人民政府办公室　发布时间：2021-03-08　浏览次数：<span>1024</span></div>
<div class="article" id="zoom">
<p>各县（市、区）人民政府，市政府各部门：</p>
<p>为规范公共信用信息管理，根据《某省社会信用条例》，现将有关事项通知如下：</p>
<p>一、信息提供单位应当将行政处罚信息记入信用档案。</p>
<p>二、对严重失信主体，限制其参加评优评先。</p>
<table><tr><td><p>序号</p></td><td><p>措施</p></td></tr>
<tr><td><p>1</p></td><td><p>限制参加</p><p>政府采购</p></td></tr></table>
</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>
<div class="print">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div>
<div class="related"><div>相关链接</div><ul><li><a href="/x/0.html">江川市社会信用条例</a></li></ul></div>
</div>
<div class="footer"><p>主办单位：江川市人民政府办公室　承办单位：江川市大数据中心</p>
<p>网站标识码：4103000001　京ICP备05070218号。</p></div></body></html>"""


def test_a_saved_government_web_page_reads_only_the_document():
    doc = _only(SITE_PAGE.encode(), "page.html").document
    # The 信息公开 table and the heading give what the text does not.
    assert (doc.title, doc.doc_number, doc.issuer, doc.date) == (
        "江川市人民政府关于印发江川市公共信用信息管理办法的通知", "江政〔2021〕3号", "江川市人民政府", "2021-02-20")
    assert [(c.location, c.text) for c in doc.clauses] == [
        ("第1段", "为规范公共信用信息管理，根据《某省社会信用条例》，现将有关事项通知如下："),
        ("一、", "一、信息提供单位应当将行政处罚信息记入信用档案。"),
        ("二、", "二、对严重失信主体，限制其参加评优评先。\n序号\t措施"),
        # A cell written as several <p> stays one cell of one row.
        ("二、序号1", "1\t限制参加 政府采购"),
    ]


def test_a_sites_greeting_bar_does_not_make_the_whole_page_the_document():
    # 欢迎访问…！ ends like a sentence; counted as one, it dragged the menus and the
    # 信息公开 table into the document.
    page = SITE_PAGE.replace('<div class="menu">', '<div class="top">欢迎访问江川市人民政府门户网站！</div><div class="menu">', 1)
    assert "欢迎访问" in page
    doc = _only(page.encode(), "page.html").document
    assert [c.location for c in doc.clauses] == ["第1段", "一、", "二、", "二、序号1"]


def test_an_attachments_table_after_the_last_sentence_is_kept():
    # 岗位表 rows hold no sentence and no 序号 (2401 …): still the document's, unlike the
    # site's share links and 信息公开 table around it.
    page = SITE_PAGE.replace(
        "</table>\n</div>",
        "</table>\n<p>附件：岗位表</p><p>附件</p><p>岗位表</p>"
        "<table><tr><td>岗位代码</td><td>学科</td><td>人数</td></tr><tr><td>2401</td><td>初中语文</td><td>8</td></tr>"
        "<tr><td>2402</td><td>初中数学</td><td>8</td></tr></table>\n</div>", 1)
    doc = _only(page.encode(), "page.html").document
    assert [(c.location, c.text) for c in doc.clauses][-3:] == [
        ("附件 第1段", "岗位代码\t学科\t人数"), ("附件 第2段", "2401\t初中语文\t8"), ("附件 第3段", "2402\t初中数学\t8")]
    assert not any("分享" in c.text or "索引号" in c.text for c in doc.clauses)


def test_a_memorandums_long_signature_after_the_last_sentence_is_kept():
    # Fourteen bodies on one line run past the short lines a page keeps after the
    # document's last sentence; the signature had been dropped as the site's.
    bodies = ["江川市发展和改革委员会", "中共江川市委宣传部", "江川市中级人民法院", "江川市教育局", "江川市公安局",
              "江川市财政局", "江川市人力资源和社会保障局", "江川市自然资源局", "江川市住房和城乡建设局", "江川市交通运输局",
              "江川市商务局", "江川市市场监督管理局", "国家税务总局江川市税务局", "中国人民银行江川市中心支行"]
    page = SITE_PAGE.replace("</table>\n</div>", f"</table>\n<p>{'　'.join(bodies)}</p><p>2021年2月20日</p>\n</div>", 1)
    doc = _only(page.encode(), "page.html").document
    assert (doc.issuer, doc.co_issuers) == (bodies[0], bodies[1:])
    assert not any("江川市公安局" in c.text for c in doc.clauses)


def test_a_page_listing_links_is_not_a_document():
    links = "".join(f'<li><a href="/{i}.html">江川市关于加强信用建设的第{i}号通知</a><span>2021-03-0{i}</span></li>'
                    for i in range(1, 8))
    page = f"<html><body><div class='nav'><a href='/'>首页</a></div><ul>{links}</ul></body></html>"
    result = _only(page.encode(), "list.html")
    assert result.error.code == "unsupported_format"
    assert "列表" in result.error.message


def test_a_page_whose_text_is_in_images_says_so():
    page = ("<html><body><h1>江川市交通运输局关于印发信用管理实施细则的通知</h1><div class='article'>"
            "<p>现将《江川市道路运输领域信用管理实施细则》印发给你们，请认真贯彻执行。</p>"
            "<p><img src='/1.jpg'></p><p>附件下载：<a href='/x.pdf'>实施细则.pdf</a></p></div></body></html>")
    result = _only(page.encode(), "images.html")
    assert result.error.code == "no_text_layer"
    assert "图片" in result.error.message


def test_an_office_lock_file_says_what_it_is():
    result = _only(b"\x0b\x00zhang san" + b"\x00" * 150, "~$某市信用管理办法.docx")
    assert result.error.code == "unsupported_format" and "临时锁定文件" in result.error.message



def test_a_page_saved_by_chromium_as_a_single_file_reads_as_the_page():
    # Chromium's "网页，单个文件" (.mhtml) of the check set's A21 as a government site's
    # page (typeset_office.py --web): quoted-printable HTML beside its stylesheet.
    saved = _only((FIXTURES / "saved_page_A21.mhtml").read_bytes(), "养老服务机构管理办法.mhtml").document
    assert saved.format == "mhtml"
    assert_reads_as_text(saved, "A21_某市养老服务机构管理办法.txt")


def _web_archive(*parts: tuple[str, bytes, str | None]) -> bytes:
    """An IE-style .mht: MIME-Version first, base64 parts, the page's charset in its header."""
    from email.mime.base import MIMEBase
    from email.mime.multipart import MIMEMultipart
    from email import encoders

    archive = MIMEMultipart("related", type="text/html")
    for content_type, payload, charset in parts:
        part = MIMEBase(*content_type.split("/"), **({"charset": charset} if charset else {}))
        part.set_payload(payload)
        encoders.encode_base64(part)
        archive.attach(part)
    return archive.as_bytes()


def test_an_ie_web_archive_reads_the_frame_that_holds_the_document():
    menu = "<html><body><div>首页 政务公开 通知公告</div><iframe src='doc.html'></iframe></body></html>"
    document = ("<html><head><title>关于建立信用档案的通知</title></head><body>"
                "<p>关于建立信用档案的通知</p><p>一、各单位应当将行政处罚信息记入企业信用档案，并向社会公示。</p>"
                "<p>二、本通知自印发之日起施行。</p></body></html>")
    data = _web_archive(("text/html", menu.encode("gb18030"), "gb2312"),
                        ("image/png", b"\x89PNG\r\n\x1a\n", None),
                        ("text/html", document.encode("gb18030"), "gbk"))
    assert data.startswith(b"Content-Type: multipart/related") or b"MIME-Version" in data[:200]
    result = _only(data, "通知.mht")
    assert result.error is None and result.document.format == "mhtml"
    assert result.document.title == "关于建立信用档案的通知"
    assert [c.text for c in result.document.clauses][0].startswith("一、各单位应当将行政处罚信息记入企业信用档案")
    # Sniffed from the bytes too: a web archive saved without its extension.
    assert _only(data, "通知").document.format == "mhtml"


def test_a_web_archive_without_a_page_is_corrupt():
    result = _only(_web_archive(("image/png", b"\x89PNG\r\n\x1a\n", None)), "图片.mht")
    assert result.error.code == "corrupt" and "网页存档" in result.error.message
    assert _only(b"\x00\x01not a web archive", "broken.mhtml").error.code == "corrupt"
