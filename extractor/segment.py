"""Turn a backend's ordered paragraphs into clauses.

Article-structured texts (办法、条例、规定) get one clause per 第X条 with all its
paragraphs and items; chapter/section headings are dropped. Notice-style texts get
one clause per numbered section (一、 / （一） / 1. / （1）), or per paragraph when
nothing is numbered. Metadata lines of the head and tail (title, 文号, addressee,
signature, date) are not clauses. Attachments (from a 附件1 line after the main
text) are segmented on their own, their locations prefixed with 附件1.
"""
from __future__ import annotations

import re
import unicodedata

from .metadata import (
    TABLE_HEADER_RE,
    attachment_label,
    clean,
    is_metadata_line,
    issued_title_lines,
    listed_apart_lines,
    main_body_end,
    signature_lines,
    title_spans,
)
from .model import Clause

_CN_NUM = r"[一二三四五六七八九十百千零〇两]+"
_NUM = rf"(?:{_CN_NUM}|\d+)"
# 第五条 starts an article; 第五条规定… / 第五条第二款 / 第五条、第六条 at a line start
# (a wrapped PDF line, a paragraph citing an earlier article) do not.
ARTICLE_RE = re.compile(rf"^第({_NUM})条(之{_NUM})?(?=[\s　]|$|[^\s款项规的所中第、和至及或])")
HEADING_RE = re.compile(rf"^(#+\s*|第{_NUM}(编|分编|章|节)([\s　]|$)|目\s*录$)")
# Notice-style numbering, outermost first. 1. must not swallow decimals like 1.5倍;
# 1、 and （1） are the third and fourth levels, not 一、 and （一）.
LEVELS = [
    # Not 一、二级的企业 (a range of grades wrapped to a line start) …
    re.compile(rf"^({_CN_NUM})[、](?!{_CN_NUM}[级类等档星])"),
    # … nor （三）项的规定 (a reference to an item), but （二）目标任务, （二）目录编制… and
    # （二）项目法人… are items.
    re.compile(rf"^[（(]({_CN_NUM})[）)](?!项(?!目)|款|目(?:规定|所列|中|之|的规定|[，、]))"),
    re.compile(r"^(\d{1,2})(?:[.．](?!\d)|、)"),
    re.compile(r"^[（(](\d{1,2})[）)]"),
]
# A paragraph cut mid-sentence ends in a character a sentence goes on from.
_RUNS_ON = re.compile(r"[\u4e00-\u9fff0-9、，,（(《“]$")
_LEAD_IN = re.compile(r"以下|下列|如下")
_CITED_TITLE = re.compile(r"《[^《》]{2,80}》")
_TOPIC = re.compile(r"关于.{4,60}(?:问题|事项|工作|情况|案件|意见|议题|建议|申请|请示)")
# A closing sentence about the whole document (本通知自印发之日起施行), not the item above it.
_KINDS = (r"决定|通知|意见|方案|办法|规定|细则|规则|措施|若干措施|实施意见|实施方案|实施细则|工作要点|要点|纪要|批复|复函|函|"
          r"计划|安排|公告|通告|指引|村规民约|居民公约|公约|规约|章程|守则")
_CLOSING = re.compile(rf"^本(?:{_KINDS})(自|由|经|所称|未尽)")
# After the last item, words to the addressees about the whole document (各单位要对照本要点…,
# 请你局据此修改…, 以上意见供参考) close it; they are not the last item's second paragraph. (The
# formula alone, 特此通知, is no clause at all: metadata.py.)
_CLOSING_REMARK = re.compile(
    rf"^(?:以上(?:意见|报告|请示)|[请望].{{0,20}}(?:据此|遵照|认真|结合实际|贯彻)"
    rf"|各.{{0,40}}(?:要|须|务必|应当|应).{{0,20}}本(?:{_KINDS}))")
# Rows of a table as the backends give them: cells joined by tabs.
_TABLE_ROW = re.compile(r"^(\d{1,3})\t")
_SENTENCE_END = re.compile(r"[。；;：:！？!?]")
# (location, the clause's lines, the section headings above it)
Chunk = tuple[str, list[str], str]


def em_count(text: str) -> float:
    """The width of a line in ems: a Chinese character is one, a Latin letter or digit half."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def _numbering(paragraph: str) -> tuple[int, str] | None:
    for level, pattern in enumerate(LEVELS):
        m = pattern.match(paragraph)
        if m:
            return level, m.group(0)
    return None


def _is_section_heading(paragraph: str, marker: str) -> bool:
    """A numbered line with no sentence in it, e.g. 一、深刻认识重要意义.

    Headings are dropped (they only name the location), so a line with 。 or ， is
    never one: 1. 各部门要建立台账。 is a whole item, and so is a sentence wrapped
    after its comma (一、各部门要…，对上年度评价结果为 / 一、二级的企业…).
    """
    body = paragraph[len(marker):]
    # 废止以下规范性文件（共3件） introduces its items and says what happens to them: content.
    # Headings are short (加强组织领导); a longer line without a stop is an item's first
    # line wrapped by the page, and dropping it would lose its words. Width, not characters,
    # tells the two apart: 关于县城2019—2020年度冬季供热工作 is 21 characters but 16.5 ems.
    # A title it cites is a name, not words of its own: 关于《某市城市道路井盖设施管理办法（修订
    # 草案送审稿）》的合法性审核意见 is a minutes' topic, measured as 关于《》的合法性审核意见.
    if _SENTENCE_END.search(body) or "，" in body or _LEAD_IN.search(body):
        return False
    # A topic line names what it is about, and may be long doing so (三、关于某公司不服市城市管理局列入
    # “违规企业名单”行政复议案件): 关于… ending in the kind of matter is a heading at any width.
    return em_count(_CITED_TITLE.sub("《》", body)) <= 20 or bool(_TOPIC.fullmatch(body))


def segment(paragraphs: list[str]) -> list[Clause]:
    paras = clean(paragraphs)
    end = main_body_end(paras)
    chunks = _segment_part(paras[:end])
    for label, part in _attachments(paras[end:]):
        if part and _is_attachment_title(part[0]):
            part = part[1:]  # 企业信用风险分类指标: names the attachment, as its location does
        chunks += [(f"{label} {location}", body, heading) for location, body, heading in _segment_part(part)]
    return [Clause(id=f"c{i}", location=loc, text="\n".join(body), heading=heading or None)
            for i, (loc, body, heading) in enumerate(chunks, 1)]


def _is_attachment_title(line: str) -> bool:
    return len(line) <= 40 and "\t" not in line and not _SENTENCE_END.search(line) and not _numbering(line) \
        and not ARTICLE_RE.match(line)


def _attachments(paras: list[str]) -> list[tuple[str, list[str]]]:
    """The attachments, each (label, lines): an attachment's own 附件：清单 over its table
    (a 办法 sent with a notice) starts one too."""
    parts: list[tuple[str, list[str]]] = []
    for i, p in enumerate(paras):
        label = attachment_label(paras, i)
        if label:
            parts.append((label, []))
        else:
            parts[-1][1].append(p)
    return parts


def _segment_part(paras: list[str]) -> list[Chunk]:
    # Every line of a title wrapped over several lines is metadata, not only the one that looks like a title.
    skip = {i for start, end in title_spans(paras) for i in range(start, end + 1)}
    signatures = signature_lines(paras)
    articles = [i for i, p in enumerate(paras) if ARTICLE_RE.match(p)]
    over = articles[0] - 1 if articles else None
    while over and HEADING_RE.match(paras[over]):
        over -= 1  # 第一章 总则
    issued = issued_title_lines(paras, signatures, over)
    skip |= signatures | listed_apart_lines(paras) | issued
    if len(articles) >= 2 or (articles and ARTICLE_RE.match(paras[articles[0]]).group(1) in ("一", "1")):
        return _by_article(paras, articles[0], skip, signed=any(i < articles[0] for i in signatures))
    return _by_numbering(paras, skip, issued)


def _body_paragraphs(paras: list[str], start: int, end: int, skip: set[int], body_start: int) -> list[tuple[int, str]]:
    n = len(paras)
    return [
        (i, p)
        for i, p in enumerate(paras[start:end], start)
        if i not in skip and not is_metadata_line(p, i, n, body_start)
    ]


# A cover notice's own words for sending the measure under it.
_SENDS = re.compile(r"(?:现|予以|现将.{0,80})[印转]发|[印转]发给你们")


def _by_article(paras: list[str], first: int, skip: set[int], signed: bool = False) -> list[Chunk]:
    """`signed`: a signature stands before the first article, so what precedes it is a
    notice of its own (a cover notice, signed and dated, over the 办法 it sends)."""
    chunks: list[Chunk] = []
    preamble = [p for _, p in _body_paragraphs(paras, 0, first, skip, first) if not HEADING_RE.match(p)]
    # A web page shows a cover notice without its signature; its wording still says it
    # sends. Only sentences count: a stray date or body line is no paragraph of its own.
    sentences = [p for p in preamble if _SENTENCE_END.search(p)]
    sends = len(sentences) > 1 and (signed or any(_SENDS.search(p) for p in sentences))
    if any(_numbering(p) for p in preamble) or sends:
        # A 批复 or a cover notice in sections (一、原则同意… 二、…) or in paragraphs over the
        # measure it sends: each section or paragraph is a clause, as in any notice, not
        # one preamble. The measure's chapter headings (第一章 总则) are no clauses.
        headings = {i for i in range(first) if HEADING_RE.match(paras[i])}
        chunks += _by_numbering(paras[:first], skip | headings)
    elif preamble:
        chunks.append(("前言", preamble, ""))
    current: Chunk | None = None
    number = 0
    for i, p in _body_paragraphs(paras, first, len(paras), skip, first):
        m = ARTICLE_RE.match(p)
        # Articles count up: a line opening with an earlier article's number continues
        # the current one (第二条 … / 第一条所列主体…), and so does a later one skipped to
        # from a sentence cut short (…依照本办法 / 第十条予以处理。).
        if m and (current is None or _next_article(_article_number(m), number, current)):
            number = _article_number(m)
            current = (m.group(0), [p], "")
            chunks.append(current)
        elif HEADING_RE.match(p):
            current = None
        elif current is not None:
            current[1].append(p)
        else:
            # Text between a heading and the next article (rare) stays visible.
            current = (f"第{i + 1}段", [p], "")
            chunks.append(current)
    return chunks


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_number(text: str) -> int:
    """一百二十三 / 二十 / 十五 / 一〇五 / 105 → int."""
    if text.isdigit():
        return int(text)
    if not any(u in text for u in _CN_UNITS):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total = digit = 0
    for c in text:
        if c in _CN_UNITS:
            total += (digit or 1) * _CN_UNITS[c]
            digit = 0
        else:
            digit = _CN_DIGITS[c]
    return total + digit


def _next_article(candidate: float, number: float, current: Chunk) -> bool:
    if candidate <= number:
        return False
    if candidate < number + 1.5:
        return True
    # A jump ahead is a new article unless an article's long last paragraph was cut off.
    previous = current[1][-1]
    return not (ARTICLE_RE.match(current[0]) and len(previous) > 30 and _RUNS_ON.search(previous))


def _article_number(m: re.Match) -> float:
    """第十七条之一 comes after 第十七条 and before 第十八条."""
    return cn_number(m.group(1)) + (0.001 * cn_number(m.group(2)[1:]) if m.group(2) else 0)


def _by_numbering(paras: list[str], skip: set[int], issued: set[int] = frozenset()) -> list[Chunk]:
    """`issued`: the title lines of a measure the notice issues under its signature (a 批复
    over the 村规民约 it approves): the measure's sections are numbered afresh below it."""
    chunks: list[Chunk] = []
    path: list[str | None] = [None] * len(LEVELS)
    # The dropped section headings above the current line, by level (评价结果应用, 对环保不良企业).
    headings: list[str | None] = [None] * len(LEVELS)
    current: Chunk | None = None
    # The column names of the table being read (主体名称 统一社会信用代码 违规情形 列入日期): a
    # row of a published list says what it is only through them.
    columns: str | None = None
    paragraph_no = under_heading = 0
    first_numbered = next((i for i, p in enumerate(paras) if _numbering(p)), len(paras))
    last_numbered = max((i for i, p in enumerate(paras) if _numbering(p) or _TABLE_ROW.match(p)), default=-1)
    closing = False  # in the closing words after the last item: each paragraph a clause of its own
    previous = -1
    for i, p in _body_paragraphs(paras, 0, len(paras), skip, first_numbered):
        if any(previous < t < i for t in issued):
            path, headings = [None] * len(LEVELS), [None] * len(LEVELS)
            current, closing, under_heading = None, False, 0
        previous = i
        if HEADING_RE.match(p) and p.startswith("#"):
            current = None
            continue
        paragraph_no += 1
        if TABLE_HEADER_RE.match(p):
            # 序号\t措施\t依据: the columns' names stay with the clause that introduces the
            # table; alone (a table that opens an attachment) or repeated on a new page
            # they are no clause.
            if current is not None and "序号" not in current[0]:
                current[1].append(p)
            columns = " ".join(cell.strip() for cell in p.split("\t")[1:] if cell.strip())
            continue
        row = _TABLE_ROW.match(p)
        if row:
            # A numbered row of a table (a list of measures): one clause each, located by its 序号.
            current = None
            chunks.append(("".join(m for m in path if m) + f"序号{row.group(1)}", [p],
                           _joined(headings + [columns])))
            continue
        columns = None
        numbered = _numbering(p)
        if numbered:
            level, marker = numbered
            path[level] = marker
            for deeper in range(level + 1, len(LEVELS)):
                path[deeper] = None
            for deeper in range(level, len(LEVELS)):
                headings[deeper] = None
            location = "".join(m for m in path[: level + 1] if m)
            # Only 一、 and （一） head sections; a short 1. or （1） item is content (1.《某办法》).
            if level <= 1 and _is_section_heading(p, marker):
                headings[level] = p[len(marker):].strip().rstrip("：:")
                current = None
                under_heading = 0
                continue
            current = (location, [p], _joined(headings))
            chunks.append(current)
            if p.rstrip().endswith(("：", ":")):
                # A lead-in (对环保不良企业采取下列措施：) is the subject of the items under it.
                headings[level] = p[len(marker):].strip().rstrip("：:")
        elif closing or (current is not None and (_CLOSING.match(p) or (i > last_numbered and _CLOSING_REMARK.match(p)))):
            # 本决定自公布之日起施行。 after the last item speaks for the whole document, and so
            # does every paragraph after it.
            current, closing = None, i > last_numbered
            chunks.append((f"第{paragraph_no}段", [p], ""))
        elif current is not None:
            current[1].append(p)
        elif any(path):
            # Unnumbered paragraphs under a section heading: one clause each.
            under_heading += 1
            chunks.append(("".join(m for m in path if m) + f"第{under_heading}段", [p], _joined(headings)))
        else:
            chunks.append((f"第{paragraph_no}段", [p], ""))
    return chunks


def _joined(headings: list[str | None]) -> str:
    return " ".join(h for h in headings if h)
