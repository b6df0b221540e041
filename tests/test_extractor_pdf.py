"""PDF backend: layout undone (headers, page numbers, wrapped lines), failures named."""
from __future__ import annotations

import io
import re
import unicodedata

import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from check_docs import FIXTURES, GAZETTE_ARTICLES, assert_reads_as_text, two_column_gazette
from extractor import extract_bytes

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 72, WIDTH - 72, HEIGHT - 80, 70
SIZE = 14

BODY = "为了规范行政执法行为，保护公民、法人和其他组织的合法权益，根据有关法律法规的规定，结合本市实际，制定本办法。"
SENTENCES = [
    "行政执法机关应当建立健全执法监督制度，定期开展执法检查和案卷评查。",
    "监督机关发现行政执法行为违法或者不当的，应当责令限期改正，并将结果向社会公开。",
    "公民、法人或者其他组织认为行政执法行为侵犯其合法权益的，可以向监督机关投诉、举报。",
    "对拒不改正的，由监督机关依法提出处理建议，并抄送同级纪检监察机关。",
]
LATIN = "This clause quotes an English sentence that is long enough to wrap onto the next line of the page."


def _tokens(text: str) -> list[str]:
    """Break points of a line: after every Chinese character, after every Latin word."""
    return re.findall(r"[A-Za-z0-9.,()'-]+ ?|.", text)


def _wrap(text: str, first_indent: float) -> list[str]:
    lines, current, room = [], "", RIGHT - LEFT - first_indent
    for token in _tokens(text):
        if current and pdfmetrics.stringWidth(current + token.rstrip(), FONT, SIZE) > room:
            lines.append(current.rstrip())
            current, room = "", RIGHT - LEFT
        current += token
    return lines + [current.rstrip()]


def make_pdf(blocks, footer="— {n} —", header="某某市人民政府公报", encrypt=None) -> bytes:
    """blocks: ("center", text) | ("right", text) | ("para", text) wrapped, first line indented | ("flush", text)."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    lines = []
    for kind, text in blocks:
        wrapped = _wrap(text, 2 * SIZE if kind == "para" else 0) if kind in ("para", "flush") else [text]
        lines += [(kind, i, line) for i, line in enumerate(wrapped)]
    per_page = int((TOP - BOTTOM) // (SIZE * 1.6))
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)]
    for n, page in enumerate(pages, 1):
        c.setFont(FONT, 9)
        c.drawCentredString(WIDTH / 2, HEIGHT - 40, header)
        c.drawCentredString(WIDTH / 2, 30, footer.format(n=n, total=len(pages)))
        c.setFont(FONT, SIZE)
        y = TOP
        for kind, i, line in page:
            if kind == "center":
                c.drawCentredString(WIDTH / 2, y, line)
            elif kind == "right":
                c.drawRightString(RIGHT - 2 * SIZE, y, line)
            else:
                c.drawString(LEFT + (2 * SIZE if kind == "para" and i == 0 else 0), y, line)
            y -= SIZE * 1.6
        c.showPage()
    c.save()
    return buffer.getvalue()


NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六"]
ARTICLES = [f"第{n}条 " + "".join(SENTENCES[i % 4:] + SENTENCES[: i % 4]) for i, n in enumerate(NUMERALS)]
DOCUMENT = [
    ("center", "某某市人民政府办公厅关于印发某某市行政执法"),
    ("center", "监督办法的通知"),
    ("center", "某政办〔2021〕12号"),
    ("center", "第一章 总则"),
    *[("para", text) for text in ARTICLES[:8]],
    ("center", "第二章 附则"),
    *[("para", text) for text in ARTICLES[8:]],
    ("para", LATIN),
    ("right", "某某市人民政府办公厅"),
    ("right", "2021年3月5日"),
]


def _only(data: bytes, name: str = "doc.pdf"):
    [result] = list(extract_bytes(data, name))
    return result


@pytest.fixture(scope="module")
def document():
    result = _only(make_pdf(DOCUMENT))
    assert result.error is None
    return result.document


def test_pages_counted(document):
    assert document.pages >= 3  # the fixture must really span pages for the tests below to mean anything
    assert document.format == "pdf"


def test_wrapped_lines_rejoined_within_and_across_pages(document):
    texts = [clause.text for clause in document.clauses]
    assert texts[:15] == ARTICLES[:15]


def test_latin_words_rejoined_with_a_space(document):
    assert document.clauses[15].text == ARTICLES[15] + "\n" + LATIN  # an unnumbered paragraph stays in its article


def test_running_header_and_page_numbers_dropped(document):
    everything = "\n".join(clause.text for clause in document.clauses)
    assert "公报" not in everything
    assert "—" not in everything


def test_head_and_tail_give_metadata(document):
    assert document.title == "某某市人民政府办公厅关于印发某某市行政执法监督办法的通知"
    assert document.doc_number == "某政办〔2021〕12号"
    assert document.issuer == "某某市人民政府办公厅"
    assert document.date == "2021-03-05"
    assert [c.location for c in document.clauses] == [f"第{n}条" for n in NUMERALS]


@pytest.mark.parametrize("footer", ["— {n} —", "- {n} -", "第{n}页", "{n}", "第 {n} 页 共 {total} 页", "{n}/{total}"])
def test_page_number_forms_dropped(footer):
    result = _only(make_pdf([("para", text) for text in ARTICLES], footer=footer, header=""))
    assert [c.text for c in result.document.clauses] == ARTICLES


FULL_LINE = "信" * int((RIGHT - LEFT) // SIZE)  # fills a line to the margin, no punctuation


@pytest.mark.parametrize("blocks, paragraphs", [
    ([("flush", "某某单位信用工作小组"), ("flush", BODY * 2)], ["某某单位信用工作小组", BODY * 2]),  # short line
    ([("flush", FULL_LINE), ("para", BODY)], [FULL_LINE, BODY]),  # indented line
    ([("flush", FULL_LINE), ("flush", "（一）" + BODY)], [FULL_LINE, "（一）" + BODY]),  # numbered line
    ([("flush", FULL_LINE + BODY)], [FULL_LINE + BODY]),  # a full line runs on
])
def test_paragraph_breaks(blocks, paragraphs):
    result = _only(make_pdf(blocks, header=""))
    assert [c.text for c in result.document.clauses] == paragraphs


def test_encrypted():
    result = _only(make_pdf(DOCUMENT[:5], encrypt="secret"))
    assert result.error.code == "encrypted"
    assert "密码" in result.error.message
    assert result.document is None


def test_image_only_scan():
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    picture = io.BytesIO()
    Image.new("L", (200, 280), 255).save(picture, "PNG")
    for _ in range(2):
        c.drawImage(ImageReader(io.BytesIO(picture.getvalue())), 0, 0, WIDTH, HEIGHT)
        c.showPage()
    c.save()
    result = _only(buffer.getvalue())
    assert result.error.code == "no_text_layer"
    assert "文字识别" in result.error.message and "Word" in result.error.message


def test_corrupt():
    data = make_pdf(DOCUMENT[:5])
    result = _only(data[: len(data) // 3])
    assert result.error.code == "corrupt"
    assert result.sha256 is not None


def test_a_large_title_filling_the_line_is_not_joined_to_the_addressee():
    # An 18-pt title as wide as the text block: only its size tells it ends there.
    title = "某某市人民政府关于加强和规范信用信息归集应用工作的通知"
    size = (RIGHT - LEFT) / len(title)
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.setFont(FONT, size)
    c.drawString(LEFT, TOP, title)
    c.setFont(FONT, SIZE)
    for i, line in enumerate(["各区人民政府，市政府各部门：", "一、各部门要将行政处罚信息记入信用档案，并推送至市公共信用信息平台。"]):
        c.drawString(LEFT, TOP - (i + 2) * SIZE * 1.6, line)
    c.showPage()
    c.save()
    document = _only(buffer.getvalue()).document
    assert document.title == title
    assert [c.location for c in document.clauses] == ["一、"]


def _pages(pages: list[list[tuple[float, str]]], char_gap: float = 0.0) -> bytes:
    """Each page a list of (x, text) lines from the top; char_gap > 0 draws every
    character on its own, spread apart as justified text in Word's PDFs is."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    for page in pages:
        c.setFont(FONT, SIZE)
        for row, (x, text) in enumerate(page):
            y = TOP - row * SIZE * 1.6
            if char_gap:
                for k, ch in enumerate(text):
                    c.drawString(x + k * SIZE * (1 + char_gap), y, ch)
            else:
                c.drawString(x, y, text)
        c.showPage()
    c.save()
    return buffer.getvalue()


def test_a_line_wrapped_before_a_bracket_goes_on_though_the_bracket_stands_in():
    # A full-width （ stands in the right of its em: in LibreOffice's PDF of set G's 免罚清单
    # the wrapped （2024年版） began an em in, and passed for an indented paragraph.
    per_line = int((RIGHT - LEFT) // SIZE)
    first = "二、各单位要严格按照《江川市市场监管领域轻微违法行为不予行政处罚清单"[: per_line - 2]
    one = "一、本清单所列事项，当事人首次违法、危害后果轻微并及时改正的依法不予行政处罚。"
    lines = [(LEFT + 2 * SIZE, one[: per_line - 2]), (LEFT, one[per_line - 2:]), (LEFT + 2 * SIZE, first),
             (LEFT + 0.6 * SIZE, "（2024年版）》执行。"), (LEFT + 2 * SIZE, "三、本通知自印发之日起施行。")]
    clauses = _only(_pages([lines])).document.clauses
    assert [c.location for c in clauses] == ["一、", "二、", "三、"]
    assert clauses[1].text == first + "（2024年版）》执行。"


def test_attachment_labels_at_the_same_place_on_each_page_are_kept():
    body = [(LEFT, "关于报送信用工作台账的通知"), (LEFT, "一、各单位要按附件格式报送台账。")]
    one = [(LEFT, "附件1"), (LEFT + 100, "台账填报说明"), (LEFT, "1.每个文件填写一行。")]
    two = [(LEFT, "附件2"), (LEFT + 100, "信用修复办理指南"), (LEFT, "申请人应当提交信用修复申请书。")]
    clauses = _only(_pages([body, one, two])).document.clauses
    assert [c.location for c in clauses] == ["一、", "附件1 1.", "附件2 第1段"]


def test_widely_spaced_justified_text_is_read_without_spaces():
    lines = [(LEFT, "第一条为加强信用管理，制定本办法。"), (LEFT, "第二条对失信主体依法实施惩戒。")]
    clauses = _only(_pages([lines], char_gap=0.3)).document.clauses
    assert [(c.location, c.text) for c in clauses] == [
        ("第一条", "第一条为加强信用管理，制定本办法。"), ("第二条", "第二条对失信主体依法实施惩戒。")]


def test_a_gazette_header_on_a_one_page_excerpt_is_not_the_title():
    page = [(LEFT, "江川市人民政府公报　2021年第3期"), (LEFT, "江川市人民政府办公室关于加强政务诚信建设的通知"),
            (LEFT, "一、各单位要将政务失信记录纳入信用档案。")]
    document = _only(_pages([page])).document
    assert document.title == "江川市人民政府办公室关于加强政务诚信建设的通知"


@pytest.mark.parametrize("across", [False, True])
def test_a_gazette_page_in_two_columns_is_read_column_by_column_its_lines_rejoined(across):
    """A 政府公报 sets a 规章 in two columns under a title across both: each column's
    wrapped lines are one paragraph again, and an article carried from the foot of the
    left column to the head of the right one is one article — also when the file writes
    the page line by line across both columns (pdfium then reads a printed line's halves
    as one line, a space between)."""
    document = _only(two_column_gazette(across)).document
    assert (document.title, document.doc_number) == ("江川市行政执法监督办法", "江川市人民政府令第12号")
    assert [clause.text for clause in document.clauses] == GAZETTE_ARTICLES


def test_a_scan_carrying_a_line_of_website_text_has_no_text_layer():
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    scan = io.BytesIO()
    Image.new("L", (200, 280), 200).save(scan, format="PNG")
    c.drawImage(ImageReader(io.BytesIO(scan.getvalue())), 0, 0, width=WIDTH, height=HEIGHT)
    c.setFont(FONT, 9)
    c.drawString(LEFT, 20, "江川市人民政府门户网站 www.example.gov.cn 下载时间：2021-03-08 10:21")
    c.showPage()
    c.save()
    assert _only(buffer.getvalue()).error.code == "no_text_layer"


def _ruled_table_pdf() -> bytes:
    """A two-column table of measures, ruled, each cell wrapping over two printed
    lines, going on over a page break that cuts row 2 (the header repeats)."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    col = LEFT + 3 * SIZE
    line_h = SIZE * 1.6

    def row(y, cells):  # cells: list of (first column, second column) printed lines
        top = y
        for first, second in cells:
            c.drawString(LEFT + 4, y - SIZE, first)
            c.drawString(col + 4, y - SIZE, second)
            y -= line_h
        for x in (LEFT, col, RIGHT):
            c.line(x, top, x, y)
        c.line(LEFT, y, RIGHT, y)
        return y

    c.setFont(FONT, SIZE)
    c.drawString(LEFT, TOP, "一、本部门实施的失信约束措施如下：")
    y = TOP - 2 * line_h
    c.line(LEFT, y, RIGHT, y)
    y = row(y, [("序号", "失信约束措施及设定依据")])
    y = row(y, [("1", "限制参加政府采购活动（依据：《中华人民共和国"), ("", "政府采购法》第二十二条）")])
    row(y, [("2", "在道路运输经营许可审批中从严审核")])
    c.showPage()
    c.setFont(FONT, SIZE)
    y = TOP
    c.line(LEFT, y, RIGHT, y)
    y = row(y, [("序号", "失信约束措施及设定依据")])
    y = row(y, [("", "（依据：《中华人民共和国道路运输条例》第八条）")])
    row(y, [("3", "列为重点监管对象，提高检查频次（依据：《江川"), ("", "市道路运输管理条例》第三十一条）")])
    c.drawString(LEFT + 2 * SIZE, y - 5 * line_h, "二、各单位要严格按照目录实施，不得擅自扩大适用范围。")
    c.showPage()
    c.save()
    return buffer.getvalue()


@pytest.mark.parametrize("closed", [False, True])
def test_a_header_row_cut_by_the_page_break_is_no_clause(closed):
    # Word lets a row break across pages: the header's first line at the foot of one page
    # (no rule under it yet, or LibreOffice's rules closing it there), the rest of its cell
    # (（区）) in the next page's first band.
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    col, line_h = LEFT + 3 * SIZE, SIZE * 1.6
    c.setFont(FONT, SIZE)
    c.drawString(LEFT + 2 * SIZE, TOP, "一、各县（区）人民政府要按照附件所列名录完成黑臭水体整治。")
    c.drawString(LEFT, TOP - 2 * line_h, "附件")
    c.drawString(LEFT, TOP - 4 * line_h, "江川市城市黑臭水体整治名录")
    c.line(LEFT, 80, RIGHT, 80)
    c.drawString(LEFT + 4, 80 - SIZE, "序号")
    c.drawString(col + 4, 80 - SIZE, "所在县")
    if closed:
        for x in (LEFT, col, RIGHT):
            c.line(x, 80, x, 80 - line_h)
        c.line(LEFT, 80 - line_h, RIGHT, 80 - line_h)
    c.showPage()
    c.setFont(FONT, SIZE)
    y = TOP
    for cells in (("", "（区）"), ("1", "渊城区清溪河"), ("2", "鹭汀区柳塘沟")):
        c.drawString(LEFT + 4, y - SIZE, cells[0])
        c.drawString(col + 4, y - SIZE, cells[1])
        for x in (LEFT, col, RIGHT):
            c.line(x, y, x, y - line_h)
        c.line(LEFT, y - line_h, RIGHT, y - line_h)
        y -= line_h
    c.line(LEFT, TOP, RIGHT, TOP)
    c.drawString(LEFT, y - 2 * line_h, "注：各县（区）人民政府应当按期完成整治任务，并定期公布整治进展情况。")
    c.showPage()
    c.save()
    clauses = _only(buffer.getvalue()).document.clauses
    assert [(c.location, c.text) for c in clauses][:3] == [
        ("一、", "一、各县（区）人民政府要按照附件所列名录完成黑臭水体整治。"),
        ("附件 序号1", "1\t渊城区清溪河"), ("附件 序号2", "2\t鹭汀区柳塘沟")]


@pytest.mark.parametrize("widths, rows", [
    # A browser sizes a table to its content: 序号 乡镇 河长 spans about a third of the page,
    ((3, 5, 6), (("序号", "乡镇", "河长"), ("1", "城关镇", "李卫东"), ("2", "白沙乡", "郑海涛"))),
    # and 序号 集体名称 a quarter (set K's 拟推荐对象 公示).
    ((3, 8), (("序号", "集体名称"), ("1", "供水公司抢修班"), ("2", "中医院儿科病区"))),
])
def test_a_narrow_ruled_table_as_a_web_page_sizes_it_is_read_by_rows(widths, rows):
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    columns = [LEFT]
    for width in widths:
        columns.append(columns[-1] + width * SIZE)
    assert 0.2 * WIDTH < columns[-1] - columns[0] < 0.4 * WIDTH
    line_h = SIZE * 1.6
    c.setFont(FONT, SIZE)
    c.drawString(LEFT + 2 * SIZE, TOP, "一、名单见附件。")
    c.drawString(LEFT, TOP - 2 * line_h, "附件")
    c.drawString(LEFT, TOP - 4 * line_h, "名单")
    y = TOP - 5 * line_h
    c.line(columns[0], y, columns[-1], y)
    for cells in rows:
        for x, cell in zip(columns, cells):
            c.drawString(x + 4, y - SIZE, cell)
        for x in columns:
            c.line(x, y, x, y - line_h)
        y -= line_h
        c.line(columns[0], y, columns[-1], y)
    c.showPage()
    c.save()
    clauses = _only(buffer.getvalue()).document.clauses
    assert [(c.location, c.text) for c in clauses] == [("一、", "一、名单见附件。")] + [
        (f"附件 序号{cells[0]}", "\t".join(cells)) for cells in rows[1:]]


def test_a_ruled_table_row_is_one_clause_across_wrapped_cells_and_a_page_break():
    clauses = _only(_ruled_table_pdf()).document.clauses
    assert [(c.location, c.text) for c in clauses] == [
        ("一、", "一、本部门实施的失信约束措施如下：\n序号\t失信约束措施及设定依据"),
        ("一、序号1", "1\t限制参加政府采购活动（依据：《中华人民共和国政府采购法》第二十二条）"),
        ("一、序号2", "2\t在道路运输经营许可审批中从严审核（依据：《中华人民共和国道路运输条例》第八条）"),
        ("一、序号3", "3\t列为重点监管对象，提高检查频次（依据：《江川市道路运输管理条例》第三十一条）"),
        ("二、", "二、各单位要严格按照目录实施，不得擅自扩大适用范围。"),
    ]


def _band(c, columns: list[float], y: float, cells: list[str], doubled: bool = False) -> float:
    """One ruled table row of one printed line at y (its top); returns its bottom.
    `doubled`: each cell's border drawn apart, a point from its neighbour's, as Chromium does."""
    line_h = SIZE * 1.6
    for x, text in zip(columns, cells):
        c.drawString(x + 4, y - SIZE, text)
    for x in columns:
        c.line(x, y, x, y - line_h)
        if doubled:
            c.line(x + 1, y, x + 1, y - line_h)
    c.line(LEFT, y - line_h, RIGHT, y - line_h)
    return y - line_h


@pytest.mark.parametrize("top, rest", [
    (["2", "市场主体未依", "《中华人民共"], ["", "照规定办理变更登记", "和国市场主体登记管理条例》"]),
    # Only one cell goes on (set G's published list): it still joins its own cell.
    (["2", "市场主体未依", "《市场主体登记管理条例》"], ["", "照规定办理变更登记", ""]),
    # An empty last column (备注, set L's 收费目录): the row above leaves it out, the rest not.
    (["2", "市场主体未依", "《市场主体登", ""], ["", "照规定办理变更登记", "记管理条例》", ""]),
])
def test_a_row_cut_by_a_page_break_joins_its_cells_cell_by_cell(top, rest):
    # Set G's 免罚清单: row 5's first printed line at the foot of a page, the rest of each
    # cell in the next page's first band, its 序号 cell empty there.
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    line_h = SIZE * 1.6
    columns = [LEFT, LEFT + 3 * SIZE, LEFT + 13 * SIZE, RIGHT] if len(top) == 3 else \
        [LEFT, LEFT + 3 * SIZE, LEFT + 13 * SIZE, RIGHT - 4 * SIZE, RIGHT]

    def band(y, cells):
        return _band(c, columns, y, cells)

    c.setFont(FONT, SIZE)
    c.drawString(LEFT + 2 * SIZE, TOP, "一、下列轻微违法行为不予行政处罚：")
    y = TOP - 2 * line_h
    c.line(LEFT, y, RIGHT, y)
    y = band(y, ["序号", "违法行为", "法律依据", "备注"][:len(top)])
    y = band(y, ["1", "未亮照经营", "《市场主体登记管理条例》", ""][:len(top)])
    c.line(LEFT, 100, RIGHT, 100)
    band(100, top)  # closed at the page's foot, as Word and LibreOffice draw it
    c.showPage()
    c.setFont(FONT, SIZE)
    c.line(LEFT, TOP, RIGHT, TOP)
    y = band(TOP, rest)
    band(y, ["3", "未明码标价", "《中华人民共和国价格法》", ""][:len(top)])
    c.showPage()
    c.save()
    clauses = _only(buffer.getvalue()).document.clauses
    joined = "\t".join(a + b for a, b in zip(top, rest) if a + b)
    assert [c.text for c in clauses if c.location == "一、序号2"] == [joined]


def test_a_row_cut_by_a_page_break_with_no_rule_at_the_page_edges_is_one_row():
    # Set G's published list printed from a browser (Chromium): row 3 cut by the page
    # break, no rule under its first part nor over its rest, only the column rules running
    # to the page's edge; its cells came out a paragraph per line.
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    line_h = SIZE * 1.6
    columns = [LEFT, LEFT + 3 * SIZE, LEFT + 19 * SIZE, RIGHT]

    def open_band(top, cells, rule_under):
        for x, text in zip(columns, cells):
            c.drawString(x + 4, top - SIZE, text)
        for x in columns:
            c.line(x, top, x, top - line_h)
            c.line(x + 1, top, x + 1, top - line_h)
        if rule_under:
            c.line(LEFT, top - line_h, RIGHT, top - line_h)
        return top - line_h

    c.setFont(FONT, SIZE)
    c.drawString(LEFT + 2 * SIZE, 2 * BOTTOM + 6 * line_h, "一、现将失信联合惩戒对象名单公布如下：")
    y = 2 * BOTTOM + 4 * line_h
    c.line(LEFT, y, RIGHT, y)
    for cells in (["序号", "单位名称", "失信行为"], ["1", "江川市恒屹建筑劳务有限公司", "拖欠农民工工资"],
                  ["2", "江川鸿灏装饰工程有限公司", "拖欠农民工工资"]):
        y = _band(c, columns, y, cells, doubled=True)
    open_band(y, ["3", "江川市泰禾源", "拖欠农民工"], rule_under=False)
    c.showPage()
    c.setFont(FONT, SIZE)
    y = open_band(TOP, ["", "砂石经营部", "工资"], rule_under=True)
    _band(c, columns, y, ["4", "江川市汇通物流有限公司", "拖欠农民工工资"], doubled=True)
    c.drawString(LEFT + 2 * SIZE, y - 3 * line_h, "二、举报电话：12333。")
    c.showPage()
    c.save()
    clauses = _only(buffer.getvalue()).document.clauses
    assert [(c.location, c.text) for c in clauses][2:] == [
        ("一、序号2", "2\t江川鸿灏装饰工程有限公司\t拖欠农民工工资"),
        ("一、序号3", "3\t江川市泰禾源砂石经营部\t拖欠农民工工资"),
        ("一、序号4", "4\t江川市汇通物流有限公司\t拖欠农民工工资"),
        ("二、", "二、举报电话：12333。"),
    ]


def test_a_tables_last_row_alone_on_a_new_page_is_a_row_and_a_framed_box_is_not():
    # Set G's published list printed from a browser: row 3 went over to the next page by
    # itself, two rules across, and came out a paragraph per cell line.
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    line_h = SIZE * 1.6
    columns = [LEFT, LEFT + 3 * SIZE, LEFT + 19 * SIZE, RIGHT]

    def band(y, cells):
        return _band(c, columns, y, cells, doubled=True)

    c.setFont(FONT, SIZE)
    c.drawString(LEFT + 2 * SIZE, TOP, "一、现将失信联合惩戒对象名单公布如下：")
    y = TOP - 2 * line_h
    c.line(LEFT, y, RIGHT, y)
    for cells in (["序号", "单位名称", "失信行为"], ["1", "江川市恒屹建筑劳务有限公司", "拖欠农民工工资"],
                  ["2", "江川鸿灏装饰工程有限公司", "拖欠农民工工资"]):
        y = band(y, cells)
    c.showPage()
    c.setFont(FONT, SIZE)
    c.line(LEFT, TOP, RIGHT, TOP)
    y = band(TOP, ["3", "江川市泰禾源砂石经营部", "拖欠农民工工资"])
    # A framed note: two rules across and two down, no column inside.
    top = y - 2 * line_h
    c.drawString(LEFT + 4, top - SIZE, "二、举报电话：12333。")
    c.rect(LEFT, top - line_h, RIGHT - LEFT, line_h)
    c.showPage()
    c.save()
    clauses = _only(buffer.getvalue()).document.clauses
    assert [(c.location, c.text) for c in clauses][1:] == [
        ("一、序号1", "1\t江川市恒屹建筑劳务有限公司\t拖欠农民工工资"),
        ("一、序号2", "2\t江川鸿灏装饰工程有限公司\t拖欠农民工工资"),
        ("一、序号3", "3\t江川市泰禾源砂石经营部\t拖欠农民工工资"),
        ("二、", "二、举报电话：12333。"),
    ]


def test_a_ruled_tables_cells_read_apart_by_tabs_however_they_wrap():
    # pdfium runs the cells of one baseline into one line (措施 部门 依据); the row reads
    # as Word's does: each cell whole, cells apart by tabs.
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    line_h = SIZE * 1.6
    columns = [LEFT, LEFT + 3 * SIZE, LEFT + 15 * SIZE, LEFT + 23 * SIZE, RIGHT]
    rows = [[["序号"], ["惩戒措施"], ["实施部门"], ["依据"]],
            [["1"], ["列为重点监管对象，", "提高抽查比例和频次"], ["县消防救援大队"], ["《中华人民共和国", "消防法》"]]]
    c.setFont(FONT, SIZE)
    c.drawString(LEFT, TOP, "附件")
    y = TOP - 2 * line_h
    c.line(LEFT, y, RIGHT, y)
    for cells in rows:
        top = y
        for k, lines in enumerate(cells):
            for n, text in enumerate(lines):
                c.drawString(columns[k] + 4, top - SIZE - n * line_h, text)
        y = top - line_h * max(len(lines) for lines in cells)
        for x in columns:
            c.line(x, top, x, y)
        c.line(LEFT, y, RIGHT, y)
    c.showPage()
    c.save()
    clauses = _only(buffer.getvalue()).document.clauses
    assert clauses[-1].text == "1\t列为重点监管对象，提高抽查比例和频次\t县消防救援大队\t《中华人民共和国消防法》"


def test_a_cell_centred_in_its_row_reads_its_wrapped_lines_top_down():
    # A LibreOffice task table (set J): cells centred in the row put a wrapped cell's lines
    # above and below the one-line cells, and the file may write the lower line first;
    # pdfium then gave 4\t验落实市场查.
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    line_h = SIZE * 1.6
    columns = [LEFT, LEFT + 3 * SIZE, LEFT + 10 * SIZE, RIGHT]
    c.setFont(FONT, SIZE)
    c.drawString(LEFT + 2 * SIZE, TOP, "一、各项任务的牵头部门见附件。")
    c.drawString(LEFT, TOP - 2 * line_h, "附件")
    top = TOP - 4 * line_h
    bottom = top - 2 * line_h
    middle = (top + bottom) / 2 - SIZE / 2
    c.drawString(columns[1] + 4, top - SIZE - line_h, "查验")  # the wrapped cell's second line, first
    c.drawString(columns[0] + 4, middle, "4")
    c.drawString(columns[2] + 4, middle, "市市场监督管理局")
    c.drawString(columns[1] + 4, top - SIZE, "落实“市场”，")  # a quote sits high, a comma low
    for y in (top, bottom):
        c.line(LEFT, y, RIGHT, y)
    for x in columns:
        c.line(x, top, x, bottom)
    c.showPage()
    c.save()
    assert _only(buffer.getvalue()).document.clauses[-1].text == "4\t落实“市场”，查验\t市市场监督管理局"


@pytest.mark.parametrize("lines, size, read", [
    # Chromium prints a page's text in a 16 pt font scaled down to 9 pt (pdfium reports 16):
    # lines 10.6 apart, the comma ending the first 3 below it. Stepping down through the
    # characters, the comma had bridged the two lines and they were read in turn (者进电未…).
    ([("电子商务平台经营者未公示平台内信用评价规则，或", 650.1), ("者未为消费者提供对平台内销售的", 639.5)],
     16.0, "电子商务平台经营者未公示平台内信用评价规则，或者未为消费者提供对平台内销售的"),
    # As pdfium read a LibreOffice PDF's cell (set M, 12 pt): codes 8.7–9.1 high with their
    # middles 4.7 above the pause marks' (2.4 high), lines 14 apart.
    ([("A1、A2、B2、", 225.2), ("C1、C2", 211.2)], 12.0, "A1、A2、B2、C1、C2"),
])
def test_a_cells_low_marks_stay_in_their_line(lines, size, read):
    from extractor.backends.pdf import _cell_reading_order

    drop = {"，": 3.1, "、": 4.7}
    chars = [(middle - drop.get(ch, 0.0), 2.4 if ch in drop else 8.4, 9.0 * k, ch)
             for text, middle in lines for k, ch in enumerate(text)]
    assert "".join(_cell_reading_order(chars, size=size)) == read


def test_a_cells_comma_and_quotes_stay_in_their_line():
    from extractor.backends.pdf import _cell_reading_order

    # Tight glyph boxes (a LibreOffice PDF, set K): a comma's middle sits a third of a
    # character below its line's, a quote's a third above; lines are 1.5 characters apart.
    def line(text, middle, left=0.0):
        offset = {"，": -0.33, "“": 0.3, "”": 0.3}
        return [(middle + offset.get(ch, 0.0), 0.95, left + k, ch) for k, ch in enumerate(text)]

    chars = line("费”小程序", -1.5) + line("制定流程，上线“黛屿消", 0.0)
    assert "".join(_cell_reading_order(chars)) == "制定流程，上线“黛屿消费”小程序"
    assert "".join(_cell_reading_order(chars, size=1.0)) == "制定流程，上线“黛屿消费”小程序"


def test_a_page_numbers_dashes_broken_off_it_are_dropped_with_it():
    from extractor.backends.layout import Line, _drop_running_lines

    page = [Line("一、各单位要按时报送。", 72, 500, 700, 16.0), Line("二、本通知自印发之日起施行。", 72, 500, 670, 16.0),
            Line("—", 270, 282, 40, 14.0), Line("5 —", 286, 310, 40, 14.0)]
    assert [line.text for line in _drop_running_lines([page])[0]] == ["一、各单位要按时报送。", "二、本通知自印发之日起施行。"]


def test_a_date_pdfium_breaks_into_pieces_is_one_line_again():
    # A clerk's LibreOffice PDF (QA pass, sixth session): the signature date alone on the
    # last page came out of pdfium as 2022 / 年 / 8 / 月 15 / 日, digits in a Western font a
    # point off the baseline; the digits passed for page numbers and the date was lost.
    from extractor.backends.layout import Line
    from extractor.backends.layout import same_baseline_joined

    pieces = [("2022", 388, 420, 721), ("年", 431, 447, 720), ("8", 451, 459, 720), ("月 15", 464, 496, 720),
              ("日", 508, 524, 720)]
    lines = [Line("某市民政局", 362, 522, 760, 16.0)] + [Line(t, a, b, y, 16.0) for t, a, b, y in pieces]
    assert [line.text for line in same_baseline_joined(lines)] == ["某市民政局", "2022年8月 15日"]
    # Only dates: two cells' words on one baseline stay apart.
    apart = [Line("序号", 72, 104, 700, 16.0), Line("措施", 110, 142, 700, 16.0)]
    assert len(same_baseline_joined(apart)) == 2


def test_a_signature_date_pushed_to_the_next_page_is_no_running_header():
    # The date alone at the top of the page, set apart from the attachment under it, as a
    # lone running header stands: it is the document's date.
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.setFont(FONT, SIZE)
    for row, text in enumerate(["某市工业和信息化局关于建立白名单制度的通知", "一、各县（区）要认真组织企业申报。",
                                "二、本通知自印发之日起施行。", "某市工业和信息化局"]):
        c.drawString(LEFT, TOP - row * SIZE * 1.6, text)
    c.showPage()
    c.setFont(FONT, SIZE)
    c.drawString(LEFT + 200, TOP, "2023年3月2日")
    for row, text in enumerate(["附件", "白名单企业申报表", "1\t某某新材料股份有限公司\t某某区"], start=4):
        c.drawString(LEFT, TOP - row * SIZE * 1.6, text)
    c.showPage()
    c.save()
    assert _only(buffer.getvalue()).document.date == "2023-03-02"


def test_a_line_opening_with_a_cited_article_number_continues_the_sentence():
    per_line = int((RIGHT - LEFT) // SIZE)
    cut = "第二条　报送信息不真实的，由市发展改革委责令改正；逾期不改正的，依照本办法"
    cut = cut[:4] + "相关单位" * ((per_line - len(cut)) // 4 + 1) + cut[4:]
    cut = cut[:4] + cut[4 + len(cut) - per_line:]  # exactly one full line
    lines = [(LEFT, "第一条　为规范信用管理，制定本办法。"), (LEFT, cut), (LEFT, "第十条予以处理。"),
             (LEFT, "第三条　本办法自印发之日起施行。")]
    clauses = _only(_pages([lines])).document.clauses
    assert [c.location for c in clauses] == ["第一条", "第二条", "第三条"]
    assert clauses[1].text == cut + "第十条予以处理。"


def test_a_running_header_that_does_not_repeat_stays_out_of_the_sentence_it_interrupts():
    # Two pages, odd and even headers differ: no repetition to detect, only the layout.
    per_line = int((RIGHT - LEFT) // SIZE)
    cut = ("一、" + "市发展改革委" * 10)[:per_line - 4] + "市委组织"  # a full line, cut mid-word
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    for header, lines in (("某某市人民政府公报", ["关于加强政务诚信建设的实施意见", cut]),
                          ("市政府文件", ["部、市司法局开展政务诚信评价。", "二、本意见自印发之日起施行。"])):
        c.setFont(FONT, 9)
        c.drawCentredString(WIDTH / 2, HEIGHT - 40, header)
        c.setFont(FONT, SIZE)
        for row, text in enumerate(lines):
            c.drawString(LEFT, TOP - 20 - row * SIZE * 1.6, text)
        c.showPage()
    c.save()
    clauses = _only(buffer.getvalue()).document.clauses
    assert [c.text for c in clauses] == [cut + "部、市司法局开展政务诚信评价。", "二、本意见自印发之日起施行。"]


def _out_of_order(c, x: float, y: float, text: str) -> None:
    """Draw a line as LibreOffice writes it: the quotes, set in a Western font, as objects
    of their own first, then the Chinese run in one piece with a space in each quote's
    place; pdfium then reads the quotes at the line's end."""
    run = text.replace("“", " ").replace("”", " ")
    c.setFont("Helvetica", SIZE)
    for k, ch in enumerate(text):
        if ch in "“”":
            c.drawString(x + pdfmetrics.stringWidth(run[:k], FONT, SIZE), y, ch)
    c.setFont(FONT, SIZE)
    c.drawString(x, y, run)


def test_quotes_written_after_their_line_are_read_in_place():
    per_line = int((RIGHT - LEFT) // SIZE)
    first = "第一条　按照“管行业必须管安全”的要求，有关部门应当将生产经营单位的" + "安全生产信用信息"
    first = first[:per_line - 1]  # a full line (the quotes are narrower than a character)
    rest = "记入信用档案。"
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    _out_of_order(c, LEFT, TOP, first)
    c.setFont(FONT, SIZE)
    c.drawString(LEFT, TOP - SIZE * 1.6, rest)
    c.drawString(LEFT, TOP - 2 * SIZE * 1.6, "第二条　本办法自印发之日起施行。")
    c.showPage()
    c.save()
    clauses = _only(buffer.getvalue()).document.clauses
    assert [c.text for c in clauses] == [first + rest, "第二条　本办法自印发之日起施行。"]


def test_roman_numerals_written_after_their_line_are_read_in_place():
    # LibreOffice sets Ⅳ级 as it sets a quote: the numeral on its own, a space left for it in
    # the Chinese run (set L's 有序用电方案: 蓝色（ⅣⅢ级）、黄色（级）). Ⅰ is narrow, mid-em.
    text = "（一）预警由低到高分为蓝色（Ⅳ级）、黄色（Ⅲ级）、橙色（Ⅱ级）、红色（Ⅰ级）四个等级。"
    run = "".join(" " if ch in "ⅠⅡⅢⅣ" else ch for ch in text)
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.setFont(FONT, SIZE)
    for k, ch in enumerate(text):
        if ch in "ⅠⅡⅢⅣ":
            c.drawString(LEFT + pdfmetrics.stringWidth(run[:k], FONT, SIZE), TOP, ch)
    c.drawString(LEFT, TOP, run)
    c.drawString(LEFT, TOP - 2 * SIZE * 1.6, "（二）本方案自印发之日起施行。")
    c.showPage()
    c.save()
    assert [c.text for c in _only(buffer.getvalue()).document.clauses] == [text, "（二）本方案自印发之日起施行。"]


def test_text_set_flush_left_continues_a_line_ended_short_mid_sentence():
    # Not justified: a line can end two characters early where the next must not open
    # a line (，) or a number does not fit; the sentence goes on.
    per_line = int((RIGHT - LEFT) // SIZE)
    full = ("有关部门应当将行政处罚信息" + "记入信用档案并推送至平台" * 4)[:per_line]
    short = full[:per_line - 2]
    lines = [(LEFT, "第一条　" + full[4:]), (LEFT, full), (LEFT, short), (LEFT, "信息，并向社会公布。"),
             (LEFT, "第二条　本办法自印发之日起施行。")]
    clauses = _only(_pages([lines])).document.clauses
    assert [c.text for c in clauses] == [
        "第一条　" + full[4:] + full + short + "信息，并向社会公布。", "第二条　本办法自印发之日起施行。"]


def test_where_paragraphs_open_indented_a_line_ending_a_sentence_at_the_margin_goes_on():
    # 公文 indent a paragraph's first line by two characters. A sentence that happens to
    # end a full line, and a phone number moved down whole (监督电话： / 6201234。), do not
    # end the paragraph when the next line is not indented.
    per_line = int((RIGHT - LEFT) // SIZE)
    fill = "各有关单位应当按照规定做好招聘考试组织工作并接受社会监督" * 3
    indent = LEFT + 2 * SIZE
    p1 = [fill[:per_line - 2], "报名材料审核。"]
    p2 = [fill[:per_line - 2], fill[:per_line - 1] + "。", "体检合格的确定为考察对象。"]
    p3 = [fill[:per_line - 6] + "监督电话：", "6201234。"]
    p4 = ["本公告由市教育局负责解释。"]
    lines = [(indent if k == 0 else LEFT, text) for para in (p1, p2, p3, p4) for k, text in enumerate(para)]
    clauses = _only(_pages([lines])).document.clauses
    assert [c.text for c in clauses] == ["".join(p) for p in (p1, p2, p3, p4)]


def test_a_line_left_short_before_a_character_and_its_closing_marks_goes_on():
    # …以下简称《办 / 法》），自…: 法》）， may not be parted, so the line above stops three or
    # four characters early; where paragraphs open indented this is no paragraph's end.
    per_line = int((RIGHT - LEFT) // SIZE)
    fill = "市人民政府印发了公共信用信息管理办法并自下月起施行各单位应当认真贯彻执行" * 3
    indent = LEFT + 2 * SIZE
    p1 = [fill[:per_line - 2], fill[:per_line - 6] + "《办", "法》），自2024年6月1日起施行。"]
    p2 = ["现将有关情况解读如下。"]
    lines = [(indent if k == 0 else LEFT, text) for para in (p1, p2) for k, text in enumerate(para)]
    clauses = _only(_pages([lines])).document.clauses
    assert [c.text for c in clauses] == ["".join(p) for p in (p1, p2)]


def test_a_quoted_number_held_to_the_character_before_it_leaves_no_paragraph_end():
    # AC03: …结合“5·12”防灾减灾日 / 和“9·18”防空警报试鸣: a quote holds 和 to “9·18”, so LibreOffice
    # moved the five ems down whole and the line above stopped four ems early.
    per_line = int((RIGHT - LEFT) // SIZE)
    fill = "会议要求指挥通信科要结合防灾减灾日组织开展人防知识进社区进学校进企业活动" * 3
    indent = LEFT + 2 * SIZE
    p1 = [fill[:per_line - 2], fill[:per_line - 4], "和“9·18”防空警报试鸣，组织开展宣传活动。"]
    p2 = ["会议要求各科室认真落实。"]
    lines = [(indent if k == 0 else LEFT, text) for para in (p1, p2) for k, text in enumerate(para)]
    clauses = _only(_pages([lines])).document.clauses
    assert [c.text for c in clauses] == ["".join(p) for p in (p1, p2)]


def test_a_run_of_wide_set_numbers_moved_down_whole_leaves_no_paragraph_end():
    # LibreOffice set the digits of 20%、15%、20%和 about 0.75 em wide and moved the run down
    # whole, leaving the line above 7.6 em short (here 8): at half an em a digit it would
    # have fitted, so the short line read as a paragraph's end.
    per_line = int((RIGHT - LEFT) // SIZE)
    fill = "全面摸清全市涉气企业底数应纳尽纳分类施策按期完成应急减排清单修订确保预警期间" * 3
    short = fill[:per_line - 10] + "达到"  # 8 em short
    run = "20%、15%、20%和15%以上，做到减排措施可操作、可核查。"
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.setFont(FONT, SIZE)
    paragraphs = [[fill[:per_line - 2], fill[2:per_line + 2], short, run]] + [
        [fill[k:k + per_line - 2], "各单位应当认真执行。"] for k in (3, 5, 7)]
    row = 0
    for para in paragraphs:
        for k, text in enumerate(para):
            x, y = LEFT + (2 * SIZE if k == 0 else 0), TOP - row * SIZE * 1.6
            for ch in text:
                wide = unicodedata.east_asian_width(ch) in "WF"
                glyph = c.beginText(x, y)
                glyph.setFont(FONT, SIZE)
                glyph.setHorizScale(100 if wide else 150)  # a font whose digits are 0.75 em
                glyph.textOut(ch)
                c.drawText(glyph)
                x += SIZE * (1 if wide else 0.75)
            row += 1
    c.showPage()
    c.save()
    clauses = _only(buffer.getvalue()).document.clauses
    assert [c.text for c in clauses][0] == "".join(paragraphs[0])
    assert len(clauses) == len(paragraphs)


def test_a_run_of_numbers_read_with_spaces_moved_down_whole_leaves_no_paragraph_end():
    # The OFD of the same page reads the gaps as spaces (20% 、15% 、20% 和15%): the run is
    # still one, 7.5 em long at the widths the next line is set in.
    from extractor.backends.layout import Line, _Layout, _starts_paragraph

    em = 10.0
    layout = _Layout(left=0, right=25 * em, em=em, size=em, indents=True)
    short = Line("物、颗粒物和挥发性有机物减排比例分别达到", 0, 17.5 * em, 700, em)
    run = Line("20% 、15% 、20% 和15% 以上，做到减排措施可操作、可监", 0, 24.7 * em, 680, em)
    assert not _starts_paragraph(short, run, layout)
    # A paragraph that opens with a short number after a line ended 7.5 em early is new.
    assert _starts_paragraph(short, Line("2024年起，各单位应当按期报送。", 2 * em, 17 * em, 680, em), layout)


def test_a_hyphen_that_ends_a_line_is_printed_and_the_line_ends_there():
    # pdfium marks it (\ufffe in its text, \x02 as a character) and runs the next line on.
    per_line = int((RIGHT - LEFT) // SIZE)
    first = ("第一条　本次出让地块的项目编号为" + "国有建设用地使用权挂牌出让" * 3)[:per_line - 5] + "XM2024-G-"
    lines = [(LEFT, first), (LEFT, "11，竞买人应当按时交纳保证金。")]
    [clause] = _only(_pages([lines])).document.clauses
    assert clause.text == first + "11，竞买人应当按时交纳保证金。"


def test_a_joint_signature_set_on_one_line_and_wrapped_stays_one_line():
    # 甲局　乙局　丙局 right-aligned on one line is too long: 局 wraps to the right margin alone.
    per_line = int((RIGHT - LEFT) // SIZE)
    bodies = "江川市市场监督管理局　江川市人力资源和社会保障局　江川市生态环境"[:per_line]
    lines = [(LEFT + 2 * SIZE, "第一条　本办法自印发之日起施行。"), (RIGHT - len(bodies) * SIZE, bodies),
             (RIGHT - SIZE, "局"), (RIGHT - 8 * SIZE, "2024年3月5日")]
    document = _only(_pages([lines])).document
    assert (document.issuer, document.co_issuers, document.date) == (
        "江川市市场监督管理局", ["江川市人力资源和社会保障局", "江川市生态环境局"], "2024-03-05")
    assert [c.text for c in document.clauses] == ["第一条　本办法自印发之日起施行。"]


def test_a_joint_signature_wrapped_between_two_bodies_keeps_them_apart():
    # Typed as a body paragraph (indented, spaces between the bodies): 甲局　乙局 fill the
    # line, 丙局 wraps whole to the margin, as LibreOffice set R19's cover notice.
    per_line = int((RIGHT - LEFT) // SIZE)
    two = "江川市市场监督管理局　江川市人力资源和社会保障局"
    lines = [(LEFT + 2 * SIZE, "第一条　本办法自印发之日起施行。"), (LEFT + 2 * SIZE, two + "　" * (per_line - 2 - len(two))),
             (LEFT, "江川市生态环境局"), (LEFT + 2 * SIZE, "2024年3月5日")]
    document = _only(_pages([lines])).document
    assert (document.issuer, document.co_issuers, document.date) == (
        "江川市市场监督管理局", ["江川市人力资源和社会保障局", "江川市生态环境局"], "2024-03-05")


def test_a_date_under_a_signature_that_fills_the_line_is_its_own_line():
    # Three bodies and the right-hand padding fill the line; the date sits at the right margin
    # under it, as a wrapped signature's rest would: it had run into the signature, which then
    # ran into the last item, and the date was lost (U14, LibreOffice's PDF; its measures here).
    from extractor.backends.layout import Line, _Layout, _starts_paragraph

    em = 16.0
    layout = _Layout(left=80, right=511.5, em=em, size=em, indents=True)
    signature = Line("澥宁县科学技术协会 澥宁县教育局 澥宁县科学技术局", 90.5, 520.5, 700, em)
    assert _starts_paragraph(signature, Line("2024 年 8 月 26 日", 387.7, 519.0, 680, em), layout)
    # A wrapped signature's rest at the right margin still goes on.
    assert not _starts_paragraph(signature, Line("澥宁县财政局", 420.0, 519.0, 680, em), layout)


def test_items_run_inline_stay_one_paragraph_where_the_layout_wraps_before_one():
    # …遴选：（一）…；（二）…；（三）… / （四）…: the item at the margin under a full line is
    # the same paragraph; an indented item opens one.
    per_line = int((RIGHT - LEFT) // SIZE)
    fill = "全市重点产业链链主企业和核心配套企业以及年主营业务收入较高的规模以上工业企业"
    indent = LEFT + 2 * SIZE
    p1 = ["本通知所称企业从以下企业中遴选：（一）" + fill[:per_line - 21], fill[:per_line - 5] + "企业；（三）",
          "（四）列入省、市重点项目的新投产工业企业。"]
    p2 = ["（五）其他企业。"]
    lines = [(LEFT + 2 * SIZE, p1[0]), (LEFT, p1[1]), (LEFT, p1[2]), (indent, p2[0]), (indent, "本通知自印发之日起施行。"),
             (indent, "各单位要按照要求认真组织实施。")]
    clauses = _only(_pages([lines])).document.clauses
    assert [c.text for c in clauses][:2] == ["".join(p1), "（五）其他企业。"]


@pytest.mark.parametrize("addressee", [
    "各县（市、区）民政局：",
    # Wrapped over a full line and a short one (set G's joint notice lost its title so).
    "各乡镇人民政府、街道办事处，县婚姻登记处，县人民法院各人民法庭，县公安局各派出所，县直有关单位，各村（社区）婚姻登记协办员：",
])
def test_a_title_in_the_body_size_is_not_joined_to_the_addressee(addressee):
    per_line = int((RIGHT - LEFT) // SIZE)
    title = "枫渡县民政局关于对婚姻登记严重失信当事人实施联合惩戒的通知"
    wrapped = [(LEFT, addressee[k:k + per_line]) for k in range(0, len(addressee), per_line)]
    lines = [(LEFT + (per_line - len(title)) * SIZE / 2, title), *wrapped,
             (LEFT + 2 * SIZE, "现就有关事项通知如下。"), (LEFT + 2 * SIZE, "一、严格执行收费标准。")]
    document = _only(_pages([lines])).document
    assert document.title == title
    assert [c.text for c in document.clauses] == ["现就有关事项通知如下。", "一、严格执行收费标准。"]


@pytest.mark.parametrize("first, rest", [
    ("青石市城市公共交通乘客失信行为信用管理实", "施方案"),
    ("叶县食品生产经营者食品安全信用档案管理办", "法"),  # 管理办 reads like a body's name (文明办)
])
def test_a_title_wrapped_over_centred_lines_is_one_title(first, rest):
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    big = 20
    c.setFont(FONT, big)
    c.drawCentredString(WIDTH / 2, TOP, first)
    c.drawCentredString(WIDTH / 2, TOP - big * 1.5, rest)
    c.setFont(FONT, SIZE)
    items = ["一、乘客逃票的，由运营单位记录为失信行为。", "二、失信行为信息报送市交通运输局。",
             "三、记录期限为一年。", "四、本方案自印发之日起施行。"]
    for row, item in enumerate(items):
        c.drawString(LEFT + 2 * SIZE, TOP - big * 3.5 - row * SIZE * 1.6, item)
    c.showPage()
    c.save()
    document = _only(buffer.getvalue()).document
    assert document.title == first + rest
    assert [c.location for c in document.clauses] == ["一、", "二、", "三、", "四、"]


@pytest.mark.parametrize("pdf, text", [
    ("office_C05.pdf", "C05_青石市城市公共交通乘客失信行为信用管理实施方案.txt"),  # joint red header, title over two lines
    ("office_A13.pdf", "A13_关于对失信被执行人实施联合惩戒的合作备忘录.txt"),  # signatories under the title
    ("office_A07_justified.pdf", "A07_某县人民政府办公室关于进一步加强安全生产工作的通知.txt"),
])
def test_a_libreoffice_pdf_reads_as_its_text(pdf, text):
    # Typeset from the check set's text by tests/fixtures/typeset_office.py (quotes in a
    # Western font written out of order, flush-left lines, 49 号 with a font gap).
    assert_reads_as_text(_only((FIXTURES / pdf).read_bytes()).document, text)


def test_a_web_page_printed_by_chromium_reads_as_its_text():
    # typeset_office.py --web: the site's menus, breadcrumb, 信息公开 table, share links
    # and footer around the document, and Chromium's date/title header and address footer.
    printed = _only((FIXTURES / "printed_page_A21.pdf").read_bytes()).document
    assert_reads_as_text(printed, "A21_某市养老服务机构管理办法.txt")


def _printed_page(lines: list[str]) -> bytes:
    """A browser's print of a site's page: its header and footer on the page's edges."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.setFont(FONT, 8)
    c.drawString(30, HEIGHT - 20, "2026/11/27 13:09 关于加强信用信息归集的通知_江川市人民政府门户网站")
    c.drawString(30, 15, "https://www.jc.gov.cn/art/2026/11/27/art_1.html 1/1")
    c.setFont(FONT, SIZE)
    for row, text in enumerate(lines):
        c.drawString(LEFT, TOP - row * SIZE * 1.6, text)
    c.showPage()
    c.save()
    return buffer.getvalue()


ITEMS = ["一、各部门要将行政处罚信息记入信用档案。", "二、本通知自印发之日起施行。"]


def test_a_printed_web_page_keeps_only_the_document():
    page = ["江川市人民政府门户网站", "首页 政务公开 政策文件 互动交流", "当前位置：首页 > 政务公开 > 政策文件",
            "索引号： 0001/2026-00012 发布机构： 江川市发展和改革委员会", "标题： 关于加强信用信息归集的通知",
            "发文字号： 江发改〔2026〕7号 成文日期： 2026年11月20日", "关于加强信用信息归集的通知",
            "发布时间：2026-11-21 来源：市发改委", *ITEMS, "2026年11月20日",
            "分享到：微信 微博 【打印本页】【关闭窗口】", "主办单位：江川市人民政府办公室 网站标识码：4104000001"]
    document = _only(_printed_page(page)).document
    assert [c.text for c in document.clauses] == ITEMS
    assert (document.title, document.doc_number, document.issuer, document.date) == (
        "关于加强信用信息归集的通知", "江发改〔2026〕7号", "江川市发展和改革委员会", "2026-11-20")


def test_a_title_and_a_label_wrapped_in_the_site_fields_are_the_sites():
    # A long title wraps in its cell (…的 / 通知), 发文字号 in a narrow one (发文字 / 号：…, set
    # Q's Q17 and N's N10): the pieces were read as the document's first paragraphs.
    title = "江川市发展和改革委员会关于印发《江川市公共信用信息归集和使用管理办法》的通知"
    page = ["江川市人民政府门户网站", "首页 政务公开 政策文件 互动交流", "当前位置：首页 > 政务公开 > 政策文件",
            "索引号： 0001/2026-00012 发布机构： 江川市发展和改革委员会", "标题： " + title[:-2], "通知", "发文字",
            "号： 江发改〔2026〕7号 成文日期： 2026年11月20日", title, *ITEMS, "2026年11月20日",
            "分享到：微信 微博 【打印本页】【关闭窗口】"]
    document = _only(_printed_page(page)).document
    assert [c.text for c in document.clauses] == ITEMS
    assert (document.title, document.doc_number, document.date) == (title, "江发改〔2026〕7号", "2026-11-20")


def test_a_contact_line_under_a_short_notice_is_no_field_of_the_sites_table():
    # AD04's page: 联系人：… under the cover notice's one paragraph, within the first 15 lines,
    # had stretched the table down to it and taken the title, addressee and paragraph with it.
    paragraph = "为规范涉企收费，现将《江川市涉企收费专项检查工作实施方案》印发给你们，请认真组织实施。"
    page = ["江川市人民政府门户网站", "当前位置：首页 > 政务公开 > 政策文件",
            "索引号： 0001/2026-00012 发布机构： 江川市民政局", "标题： 关于印发涉企收费专项检查工作实施方案的通知",
            "发文字号： 江民发〔2026〕7号 成文日期： 2026年11月20日", "关于印发涉企收费专项检查工作实施方案的通知",
            "各县（市、区）民政局：", paragraph, "联系人：市民政局社会组织管理科 周启明 0913-8265417",
            "江川市民政局", "2026年11月20日", *ITEMS]
    document = _only(_printed_page(page)).document
    assert [c.text for c in document.clauses] == [paragraph, *ITEMS]
    assert (document.title, document.doc_number) == ("关于印发涉企收费专项检查工作实施方案的通知", "江民发〔2026〕7号")


def test_a_title_above_the_site_fields_is_kept():
    page = ["关于加强信用信息归集的通知", "发文字号：江发改〔2026〕7号 成文日期：2026年11月20日", "发布机构：江川市发展和改革委员会",
            *ITEMS]
    document = _only(_pages([[(LEFT, line) for line in page]])).document
    assert (document.title, document.doc_number, document.date) == ("关于加强信用信息归集的通知", "江发改〔2026〕7号", "2026-11-20")
    assert [c.text for c in document.clauses] == ITEMS


def test_site_words_in_a_document_that_is_no_printed_page_stay():
    # An activity plan names its 主办单位 and 承办单位 at its end: no breadcrumb or
    # 信息公开 table above, so no printed page.
    page = ["关于开展诚信宣传月活动的通知", "一、活动时间为十二月。", "二、主办单位：江川市发展和改革委员会。",
            "三、承办单位：江川市信用协会。"]
    document = _only(_pages([[(LEFT, line) for line in page]])).document
    assert [c.text for c in document.clauses] == page[1:]


def test_a_ruled_table_wider_than_the_text_does_not_move_the_texts_right_margin():
    # A line kept short before 业” (a closing quote may not open a line, Latin spaced out)
    # goes on. The margins are the text's: the attachment's table reaching 5 points past
    # them had moved the right margin out, and the line read as a paragraph's end.
    from extractor.backends.layout import Line, _paragraphs

    em, left, right = 16.0, 80.0, 512.0
    fill = "为深入开展和谐劳动关系创建活动充分发挥先进典型的示范引领作用根据评选命名办法经企业自愿申报县区推荐实地核查"
    first = Line(fill[:25], left + 2 * em, right, 700, em)
    full = [Line(fill[k:k + 27], left, right, 680 - 20 * k, em) for k in range(12)]
    short = Line("司等家企业为年度榕岙市和谐劳动关系示范企两字", left, right - 2.8 * em, 440, em)
    rest = Line("业”（名单见附件），并授予证书和牌匾。", left, left + 19 * em, 420, em)
    after = [Line("一、激励措施", left, left + 6 * em, 400, em),
             Line(fill[:25], left + 2 * em, right, 380, em), Line("适当降低抽查比例。", left, left + 9 * em, 360, em)]
    rows = [Line(f"{k}\t榕岙市某某有限公司\t某某县", left - 6.5, right + 5, 300 - 20 * k, em, row=(1, k)) for k in range(1, 8)]
    paragraphs = _paragraphs([first, *full, short, rest, *after, *rows])
    assert paragraphs[0] == "".join(line.text for line in (first, *full, short, rest))
    assert paragraphs[1:4] == ["一、激励措施", after[1].text + after[2].text, "1\t榕岙市某某有限公司\t某某县"]


def test_the_probe_for_a_chinese_font_agrees_with_fontconfig():
    import shutil
    import subprocess

    from extractor.backends import pdf

    if not shutil.which("fc-list"):
        pytest.skip("fontconfig's fc-list is not installed")
    listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=True).stdout.strip()
    assert pdf.chinese_font_installed() == bool(listed)


@pytest.mark.parametrize("made", ["ruled table", "gazette", "LibreOffice"])
def test_without_a_chinese_font_pages_pdfium_cannot_place_are_read_by_pdfminer(monkeypatch, made):
    from extractor.backends import pdf

    if not pdf.chinese_font_installed():
        pytest.skip("pdfium's own reading, the reference here, needs a Chinese font")
    data = {
        "ruled table": _ruled_table_pdf,
        "gazette": lambda: make_pdf([("center", "江川市人民政府关于加强诚信建设的通知"), ("center", "江府发〔2024〕3号")]
                                    + [("para", f"{'一二三四'[k]}、{sentence * 2}") for k, sentence in enumerate(SENTENCES)]
                                    + [("right", "江川市人民政府"), ("right", "2024年3月5日")]),
        "LibreOffice": lambda: (FIXTURES / "office_C05.pdf").read_bytes(),
    }[made]()
    by_pdfium = _only(data).document
    # What a machine without a Chinese font does with every page of a file that does not
    # embed its own: pdfminer places the characters from the file's metrics.
    monkeypatch.setattr(pdf, "chinese_font_installed", lambda: False)
    monkeypatch.setattr(pdf, "unembedded_font_unplaced", lambda page: True)
    by_pdfminer = _only(data).document
    assert [(c.location, c.text) for c in by_pdfminer.clauses] == [(c.location, c.text) for c in by_pdfium.clauses]
    assert by_pdfminer.metadata() == by_pdfium.metadata()


def test_a_pdf_neither_pdfium_nor_pdfminer_can_place_is_missing_font_and_the_batch_goes_on(monkeypatch):
    import zipfile

    import pdfplumber

    from extractor.backends import pdf

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("unplaced.pdf", _ruled_table_pdf())
        z.writestr("notes.txt", "第一条　对失信主体依法实施惩戒。".encode())
    monkeypatch.setattr(pdf, "chinese_font_installed", lambda: False)
    monkeypatch.setattr(pdf, "unembedded_font_unplaced", lambda page: True)

    def refused(*args, **kwargs):
        raise pdfplumber.utils.exceptions.PdfminerException("broken font dictionary")

    monkeypatch.setattr(pdfplumber, "open", refused)
    first, second = extract_bytes(archive.getvalue(), "batch.zip")
    assert first.document is None and first.error.code == "missing_font"
    assert "安装中文字体" in first.error.message and "Word" in first.error.message
    assert second.error is None and second.document.clauses


def test_only_an_unembedded_font_without_a_box_needs_a_system_font():
    from extractor.backends import pdf

    # Text with no box, drawn at size 0 (what pdfium makes of an unembedded Chinese font with
    # no system font to stand in), in STSong (not embedded) and in Helvetica (pdfium's own).
    def page_with(font: str) -> bytes:
        buffer = io.BytesIO()
        c = canvas.Canvas(buffer, pagesize=A4)
        c.setFont(font, SIZE)
        c.drawString(LEFT, TOP, "第一条为加强信用管理，制定本办法。" if font == FONT else "Article 1 sets the aim.")
        text = c.beginText(LEFT, TOP - 2 * SIZE)
        text.setFont(font, 0)
        text.textOut("第二条" if font == FONT else "Article 2")
        c.drawText(text)
        c.save()
        return buffer.getvalue()

    def unplaced(data: bytes) -> bool:
        document = pdfium.PdfDocument(data)
        try:
            return pdf.unembedded_font_unplaced(document[0])
        finally:
            document.close()

    assert unplaced(page_with(FONT)) and not unplaced(page_with("Helvetica"))
    if pdf.chinese_font_installed():
        assert not unplaced(_ruled_table_pdf())
