"""Title, 文号, issuer and date from the head and tail of a document.

Each is `None` when the text does not state it: a clerk must be able to trust
what is filled in, so nothing is guessed.
"""
from __future__ import annotations

import re

from . import info_fields
from .docnumber import ORDER_NUMBER, standalone
from .docnumber import normalise as normalise_number

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGITS.update({"零": 0, "○": 0, "O": 0, "０": 0})

_YEAR = r"((?:19|20)\d{2}|[一二〇○零O０][〇○零一二三四五六七八九O０]{3})"
_MONTH = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])"
_DAY = r"(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
DATE_RE = re.compile(rf"{_YEAR}\s*年\s*{_MONTH}\s*月\s*{_DAY}\s*日")
DATE_LINE_RE = re.compile(rf"^[（(]?\s*{_YEAR}\s*年\s*{_MONTH}\s*月\s*{_DAY}\s*日\s*[）)]?$")
# The colophon (版记) under a notice, and its publication mark: 抄送：… / 某市人民政府办公室
# 2022年5月10日印发 / （此件公开发布）; under minutes, who attended and who kept them
# (出席：… / 列席：… / 记录：周洁).
COLOPHON_RE = re.compile(
    rf"^(抄送|抄报|分送|主题词)[：:]|^.{{0,40}}{_YEAR}\s*年\s*{_MONTH}\s*月\s*{_DAY}\s*日\s*印发$|^[（(]此件[^（）()]{{1,12}}[）)]$"
    r"|^[（(]联系人[：:][^（）()]{1,60}[）)]$"
    r"|^(出席|列席|缺席|请假|出席人员|列席人员|参加会议人员|参会人员|参会单位)[：:]|^记录(人)?[：:][^，。；]{1,20}$"
)
# The formula that ends a notice or a reply on a line of its own (特此通知。 / 此复。): it says
# only what kind of document this is.
_FORMULA_RE = re.compile(r"^(特此(通知|函复|批复|复函|函告|公告|通告|通报|报告|决定)|此[复函批])[。.！!]?$")
_ISSUED_DATE_RE = re.compile(rf"^{_YEAR}\s*年\s*{_MONTH}\s*月\s*{_DAY}\s*日\s*印发$")
INFO_LINE_RE = re.compile(rf"^[（(]?{_YEAR}\s*年.{{0,12}}日[^，。；]*(通过|公布|发布|印发|施行|修正|修订|批准|废止)")
# A title ends with its kind of document, maybe followed by （试行） or （2021年修订）.
TITLE_SUFFIX_RE = re.compile(
    r"(通知|办法|规定|条例|细则|意见|方案|决定|规则|公告|通告|批复|函|制度|规程|章程|纲要|规划|计划|指引|指南|守则|准则|措施|标准|决议|命令|报告|清单|解释|答复|纪要|备忘录|公约|民约|规约|要点|解读|公示|通报)"
    r"》?(?:[（(][^（）()]{1,12}[）)])?$"
)
ORG_SUFFIX = r"(人民政府办公厅|人民政府办公室|人民政府|人民代表大会常务委员会|人民代表大会|委员会|管理局|办公厅|办公室|国务院|政府|局|厅|委|部|署|院|中心|银行|支行|分行|总局|协会|联合会|工会|红十字会|海关|支队|大队|总队|领导小组|指挥部|工作专班|办)"
ISSUER_LINE_RE = re.compile(rf"^[\u4e00-\u9fa5（）()]{{2,40}}{ORG_SUFFIX}$")
# A company co-signs with public bodies (国网某供电公司, 某机场有限公司); alone it issues nothing
# a department lists, so it counts only beside a body.
_COMPANY_RE = re.compile(r"^[\u4e00-\u9fa5（）()]{2,40}(?:有限责任公司|股份有限公司|有限公司|集团公司|公司)$")
_NAME_PIECE = re.compile(r"[\u4e00-\u9fa5（）()]+")
# 某市司法局规范性文件, 某市人民政府行政规范性文件: the kind of document, not the body's name.
_RED_HEADER_END = r"(?:行政)?(?:规范性)?文\s*件$"
# A joint header may name half a dozen bodies on one line (S11: 60 characters).
RED_HEADER_RE = re.compile(rf"^([\u4e00-\u9fa5]{{2,120}}?){_RED_HEADER_END}")
ADDRESSEE_RE = re.compile(r"^[^。；]{2,120}[：:]$")
# A notice's opening sentence also ends in a colon (…现就有关事项通知如下：) but is
# content: it cites the basis (根据《…》) and may state the measure itself.
_PREAMBLE_RE = re.compile(r"如下[：:]$|根据|按照|依据|为了|^为|现将|现就|特制定|经.{0,12}同意")
# Between the bodies of a joint signature: two or more spaces (often full-width) or a tab.
_SIGNATURE_GAP = re.compile(r"[ 　\t]{2,}|\t")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fa5])[ 　]+(?=[\u4e00-\u9fa5])")
# In a joint title the gap after a body's name parts two bodies (某市教育局　某市市场监督管理局关于…);
# a letter-spaced title (通　知) has one character before each gap.
_BODIES_GAP = re.compile(rf"(?:^|(?<=[ 　]))([\u4e00-\u9fa5]{{3,}}{ORG_SUFFIX})[ 　]+(?=[\u4e00-\u9fa5])")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
# One space between a Chinese character and a Latin letter or digit (对 C 类企业, 49 号,
# 2022 年): a PDF writer's gap between fonts, or Word's habit; the text means none.
# (Written to open with the space: the regex engine then jumps from space to space.)
# So is one after a number and before Chinese punctuation (不高于3% ，: an OFD's gap).
_CJK_LATIN_GAP = re.compile(
    r" (?:(?<=[\u4e00-\u9fff] )(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%] )(?=[\u4e00-\u9fff、。，；：）》]))")
_PUNCTUATION = re.compile(r"[。；，,：:！？]")
# Minutes' form name over the issue number (会议纪要, 专题会议纪要), and a 公告's number under
# its form name (公　告 / 2024年第7号).
_MINUTES_FORM = r"[\u4e00-\u9fa5]{0,6}会议纪要"
_ANNOUNCEMENT_NUMBER = rf"{_YEAR}\s*年\s*第\s*\d{{1,4}}\s*号"
# Minutes' issue number written with its year (2022年第9期), under the form's name.
_ISSUE_NUMBER = rf"{_YEAR}\s*年\s*第\s*\d{{1,4}}\s*期"
# A number without an issuer's abbreviation: a 公告's or minutes' own (〔2024〕第2号, 〔2025〕19号),
# or an issue's (〔2024〕第6期, 〔2024〕3期), which is no 文号.
_BARE_NUMBER = r"[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*(第?\s*\d{1,5})\s*([号期])"
_BARE_NUMBER_RE = re.compile(f"^{_BARE_NUMBER}$")
_ISSUE_NUMBER_RE = re.compile(f"^{_ISSUE_NUMBER}$")
# Chapter, article and list markers, and a table's header row (序号 措施 依据): lines that
# start the body, never part of a title.
_NUMBERED = re.compile(r"^(第[一二三四五六七八九十百千零〇\d]+[编章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|目\s*录$"
                       r"|序\s*号)")
# Above the title: copy number (份号), secrecy and urgency marks, the form's name set
# under the issuer (澜江县人民政府 / 通　告), and the province's
# registration number of a normative document (ZJSP01-2021-0012, SDPR-2021-0010001,
# HNPR-2021-01001; 登记号：…).
_MARKING_RE = re.compile(r"^(\d+|(特急|特提|加急|平急|急件|绝密|机密|秘密|内部|主动公开|依申请公开|不予公开)\S{0,8}"
                         r"|[通公]\s*告|通\s*报|命\s*令"
                         # a stacked joint red header's last line (甲局 / 乙局 / 文件); minutes' form name and issue number
                         rf"|文\s*件|{_MINUTES_FORM}|{_BARE_NUMBER}|{_ANNOUNCEMENT_NUMBER}|{_ISSUE_NUMBER}"
                         # a fixed-layout file may space its Latin letters apart (Q CJR01— 2023— 0007)
                         r"|((统一|登记)?编号|登记号)?[：:]?\s*(?:[A-Z]\s?){2,6}(?:\d\s?){0,2}[-—–－]{1,2}\s*\d{4}\s*[-—–－]{1,2}\s*\d{3,8})$")
_MINUTES_FORM_RE = re.compile(f"^{_MINUTES_FORM}$")
# … and the form's name after the body's (琨阳市人民政府专题会议纪要), a red header of its own.
# (镇长办公会议纪要 is the meeting's name: 办 there is no body.)
_BODY_MINUTES_FORM_RE = re.compile(rf"^(?!关于)([\u4e00-\u9fa5]{{2,40}}?{ORG_SUFFIX})(?!公){_MINUTES_FORM}$")
_ANNOUNCEMENT_NUMBER_RE = re.compile(f"^{_ANNOUNCEMENT_NUMBER}$")
# 上行文 put the signer beside the 文号: 江发改财金〔2021〕12号　签发人：张三.
_SIGNER_AFTER = re.compile(r"\s*签\s*发\s*人\s*[：:].*$")
# A 令 number over two lines: 江川市人民政府令 / 第35号.
_ORDER_LINE_RE = re.compile(r"^([\u4e00-\u9fa5]{2,24}令|[（(]?第\s*\d{1,5}\s*号[）)]?)$")
# Who signs a 令 above its date: 市长　李明.
_SIGNER_RE = re.compile(r"^(总理|主席|省长|市长|州长|县长|区长|主任|局长|厅长|部长|署长|行长|委员长)[ 　]*[\u4e00-\u9fa5]{2,4}$")
_COPY_TO_RE = re.compile(r"^(抄送|抄报|分送)[：:]")
# The list of attachments: 附件：1.企业信用风险分类指标, then 2.…清单 on the next lines.
_ATTACHMENT_LIST_RE = re.compile(r"^附\s*件\s*[：:]")
_ATTACHMENT_ITEM_RE = re.compile(r"^\d{1,2}\s*[.．、]\s*[^。；，,]{2,60}$")
# The first line of an attachment: 附件 / 附件1 / 附件 2 (the list of attachments is "附件：…"),
# of an appended table (附表 / 附表1: a 方案's 任务分工表 after its last section), or of an
# appendix after the articles (附录 / 附录1: a glossary, a table).
ATTACHMENT_RE = re.compile(r"^附\s*[件录表]\s*[0-9０-９一二三四五六七八九十]*$")
# … or its name on the list line with the table straight under it (附件：申报材料清单, then 序号 …).
_NAMED_ATTACHMENT_RE = re.compile(r"^(附\s*件\s*[0-9０-９一二三四五六七八九十]*)\s*[：:][^。；]{2,60}$")
# A table's header row as the backends give it: cells joined by tabs.
TABLE_HEADER_RE = re.compile(r"^序\s*号\t")


def attachment_label(paras: list[str], i: int) -> str | None:
    """附件 / 附件2 when an attachment starts at line i, else None."""
    line = paras[i].strip()
    if ATTACHMENT_RE.match(line):
        return re.sub(r"\s", "", line)
    named = _NAMED_ATTACHMENT_RE.match(line)
    if named and i + 1 < len(paras) and TABLE_HEADER_RE.match(paras[i + 1].strip()):
        return re.sub(r"\s", "", named.group(1))
    return None

# A page number on a line of its own: — 3 —, - 2 -, －3－, ·5·, 第 4 页, 第4页共10页. A bare
# number is left alone (it may be a table cell or an item of a list).
_PAGE_LINE_RE = re.compile(
    r"^[\s\-—–－―~·•]+\d{1,4}[\s\-—–－―~·•]+$|^第\s*\d{1,4}\s*页(\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?$"
)

HEAD = 12
TAIL = 8


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in text))


def _iso(match: re.Match) -> str | None:
    year_text, month_text, day_text = match.groups()
    year = int(year_text) if year_text.isdigit() else int("".join(str(_CN_DIGITS.get(c, 0)) for c in year_text))
    month, day = _cn_number(month_text), _cn_number(day_text)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _is_date_line(p: str) -> bool:
    return bool(DATE_LINE_RE.match(p))


def is_metadata_line(p: str, index: int, count: int, body_start: int = HEAD) -> bool:
    """Lines that carry metadata, not content: never clauses.

    `body_start` is where the numbered body begins: from there on a line ending in
    a colon is content (本办法所称信息包括：), not the addressee.
    """
    if index < min(HEAD, body_start):
        if (p.startswith("# ") or RED_HEADER_RE.match(_CJK_GAP.sub("", p)) or standalone(_SIGNER_AFTER.sub("", p))
                or INFO_LINE_RE.match(p) or info_fields.is_field_line(p)):
            return True
        # Copy number, secrecy and urgency marks; the issuing body's name over its 文号.
        if _MARKING_RE.match(p) or _org_names(p) or _ORDER_LINE_RE.match(p) or _issued_line(p):
            return True
        if ADDRESSEE_RE.match(p) and not _PREAMBLE_RE.search(p) and index < HEAD // 2 + 3:
            return True
        if _looks_like_title(p):
            return True
    if _is_date_line(p) and (index < min(HEAD, body_start) or index >= count - TAIL):
        return True
    if index >= count - TAIL and _orgs(p):
        return True
    return p.startswith("<!--") or bool(COLOPHON_RE.match(p) or _FORMULA_RE.match(p.strip()))


def _issued_line(p: str) -> bool:
    """Minutes put the issuing office and the date on one line under the issue number:
    某市住房和城乡建设局办公室　　　　2024年4月15日."""
    date = DATE_RE.search(p)
    # An OFD may keep no gap between the two.
    return bool(date and date.start() > 0 and ISSUER_LINE_RE.match(p[:date.start()].strip())
                and _is_date_line(p[date.start():].strip()))


def _orgs(p: str) -> list[str]:
    """The issuing bodies a signature line names: 某市财政局 → [某市财政局]; a joint
    signature 某市发展和改革委员会　　某市统计局 → both. Empty for any other line."""
    parts = [part for part in _SIGNATURE_GAP.split(p.strip()) if part]
    if len(parts) > 1 and _bodies_and_companies(parts):
        return _unglued(parts)
    # A PDF keeps one space of the gap: 某市教育局 某市市场监督管理局.
    single = p.split()
    if len(single) > 1 and _bodies_and_companies(single):
        return _unglued(single)
    whole = _CJK_GAP.sub("", p.strip())
    if ISSUER_LINE_RE.match(whole) and len(parts) == 1:
        return _glued_bodies(whole)
    return _unglued(_rejoined(single)) if len(single) > 2 else []


def _bodies_and_companies(names: list[str]) -> bool:
    """Names that are all bodies, or bodies and the companies co-signing with them."""
    return (all(ISSUER_LINE_RE.match(n) or _COMPANY_RE.match(n) for n in names)
            and any(ISSUER_LINE_RE.match(n) for n in names))


def _org_names(p: str) -> list[str]:
    """The bodies a line names, or the company it names alone: one line of a stacked
    joint header or signature, which counts only in a stack holding a body."""
    return _orgs(p) or ([p.strip()] if _COMPANY_RE.match(p.strip()) else [])


def signature_line(line: str) -> bool:
    """A line that names only issuing bodies (a signature, however many bodies it holds)."""
    return bool(_orgs(line))


def _unglued(bodies: list[str]) -> list[str]:
    """Two names a wrapped line ran together (某市财政局某市人力资源和社会保障局) come apart."""
    return [part for body in bodies for part in _glued_bodies(body)]


def _rejoined(pieces: list[str]) -> list[str]:
    """A long joint signature set as one paragraph and wrapped by the page: a PDF cuts
    names at the line's end and pads the cut with the justified line's spaces
    (某市交通运输局 中 　 　 共某市委宣传部 某市…办公 　 　 室). The pieces go back together
    into as many names as they can make, each of at most three pieces; empty when they
    do not all make names."""
    if not all(_NAME_PIECE.fullmatch(piece) for piece in pieces):
        return []  # a digit or a stop: ordinary text, a table row
    best: list[list[str] | None] = [[]] + [None] * len(pieces)
    for end in range(1, len(pieces) + 1):
        for size in (1, 2, 3):
            before = best[end - size] if end >= size else None
            name = "".join(pieces[end - size:end])
            if before is not None and ISSUER_LINE_RE.match(name) and (
                    best[end] is None or len(before) + 1 > len(best[end])):
                best[end] = before + [name]
    return best[-1] if best[-1] and len(best[-1]) > 1 else []


_PLACE_AFTER = ("中共", "国家税务总局", "中国人民银行")


def _glued_bodies(name: str) -> list[str]:
    """A joint signature an OFD set without its gap (某市卫生健康委员会某市市场监督管理局):
    split where a second body's name repeats the first one's place (某市). One body's name
    never repeats its own place, so it stays whole."""
    # A party committee's or a vertically led body's name puts its place after 中共 or
    # the parent's (中共溯宁市委…办公室溯宁市总工会).
    lead = next((len(p) for p in _PLACE_AFTER if name.startswith(p)), 0)
    for place in (name[lead:lead + 3], name[lead:lead + 2], *([name[:lead]] if lead else [])):
        k = name.find(place, lead + len(place) + 1)
        while k > 0:
            head, rest = name[:k], name[k:]
            if ISSUER_LINE_RE.match(head) and ISSUER_LINE_RE.match(rest):
                return [head, *_glued_bodies(rest)]
            k = name.find(place, k + 1)
    return [name]


def _signature_bodies(paras: list[str]) -> list[str]:
    """The bodies signed above a date line among the last TAIL lines of the body (the
    signature itself may reach higher); a joint signature's lead comes first (a 令 is
    signed by a person: none)."""
    body = paras[: main_body_end(paras)]
    return _bodies_above_a_date(body, range(len(body) - 1, max(len(body) - TAIL, 0) - 1, -1))


def _issued_signature(paras: list[str]) -> tuple[list[str], str | None]:
    """Minutes signed by the office that issued them, dated the day it did, with no plain
    date line under the text: 某委办公室 / 2019年5月17日印发. The bodies and the ISO date."""
    body = paras[: main_body_end(paras)]
    for i in range(len(body) - 1, max(len(body) - TAIL, 1) - 1, -1):
        if _ISSUED_DATE_RE.match(body[i]) and _orgs(body[i - 1]):
            return _orgs(body[i - 1]), _iso(DATE_RE.search(body[i]))
    return [], None


def _closing_signature_bodies(paras: list[str]) -> list[str]:
    """The bodies signed above a date among the document's last TAIL lines, after its
    attachments: a text copy may put the signature there, at the very end."""
    return _bodies_above_a_date(paras, range(len(paras) - 1, max(len(paras) - TAIL, 0) - 1, -1))


def _cover_signature_bodies(paras: list[str]) -> list[str]:
    """The bodies signing a cover notice (关于印发…的通知) above its date, before the measure
    it issues: a joint notice may name under one body's red header every body that signed."""
    return _bodies_above_a_date(paras, range(1, min(HEAD, len(paras))))


def _bodies_above_a_date(paras: list[str], lines: range) -> list[str]:
    """The bodies signed above the first date line met among `lines` that has any."""
    for i in lines:
        if i and _is_date_line(paras[i]):
            bodies = [org for j in _signature_above(paras, i) for org in _org_names(paras[j])]
            if bodies:
                return list(dict.fromkeys(bodies))
    return []


def _signature_above(paras: list[str], date_index: int) -> range:
    """The lines of issuing bodies directly above a date line (several for a joint signature)."""
    def walk(names) -> int:
        start = date_index
        # A memorandum's signatures run to a dozen lines and more.
        while start > 0 and date_index - start < 20 and (names(paras[start - 1]) or _SIGNER_RE.match(paras[start - 1])):
            start -= 1
        return start

    start = walk(_org_names)
    if not any(_orgs(paras[j]) for j in range(start, date_index)):
        start = walk(_orgs)  # companies sign only beside a body
    return range(start, date_index)


def listed_apart_lines(paras: list[str]) -> set[int]:
    """The list of attachments under a notice's body (附件：1.X / 2.Y, an item possibly
    wrapped onto a second line) and a 抄送 list wrapped over lines: not content."""
    out: set[int] = set()
    for i, p in enumerate(paras):
        if _ATTACHMENT_LIST_RE.match(p):
            out.add(i)
            j = i + 1
            while j < len(paras) and (_ATTACHMENT_ITEM_RE.match(paras[j]) or _wrapped_item(paras[j], paras[j - 1])):
                out.add(j)
                j += 1
        elif _COPY_TO_RE.match(p) and not p.endswith("。"):
            # 抄送：市委各部门，市人大常委会办公室， / 市检察院，各民主党派市委。
            j = i + 1
            while j < len(paras) and j - i <= 3 and not _NUMBERED.match(paras[j]):
                out.add(j)
                if paras[j].endswith("。"):
                    break
                j += 1
    return out


def _wrapped_item(line: str, previous: str) -> bool:
    """The rest of an attachment's name wrapped to the next line (…信用修复 / 依据对照表):
    only after a line long enough to have been cut by the page's width."""
    return len(line) <= 30 and not _NUMBERED.match(line) and not _PUNCTUATION.search(line) \
        and not ATTACHMENT_RE.match(line) and not _is_date_line(line) and not _orgs(line) \
        and len(previous) >= 20 and bool(_ATTACHMENT_ITEM_RE.match(previous) or _ATTACHMENT_LIST_RE.match(previous))


def signature_lines(paras: list[str]) -> set[int]:
    """Issuing bodies with a date under them, anywhere: also the signature of a cover
    notice (关于印发…的通知) before the measure it issues, not only the last lines."""
    out: set[int] = set()
    for i, p in enumerate(paras):
        if i and _is_date_line(p):
            block = _signature_above(paras, i)
            if block:
                out.update(block)
                out.add(i)
    return out


def issued_title_lines(paras: list[str], signatures: set[int], over_articles: int | None = None) -> set[int]:
    """The title of the measure a cover notice issues, set under the notice's signature
    and date (关于印发《X方案》的通知 … 某局 / 2024年3月26日 / X方案): a heading, not a clause.
    It may wrap onto a second line. `signatures`: signature_lines(paras).

    A site's page shows the notice without its signature, the measure's title straight
    over its articles (line `over_articles`, the one above the first article and its
    chapter heading): it is that title when the notice's own words name it (关于印发X工作规程的通知)."""
    out: set[int] = set()
    if over_articles:
        line = _CJK_GAP.sub("", paras[over_articles].strip())
        if _looks_like_title(line) and any(line in _CJK_GAP.sub("", p) for p in paras[:over_articles]):
            out.add(over_articles)
    for i in sorted(signatures):
        if not _is_date_line(paras[i]) or i + 1 >= len(paras) or not _looks_like_title(paras[i + 1]):
            continue
        out.add(i + 1)
        if (not TITLE_SUFFIX_RE.search(paras[i + 1]) and i + 2 < len(paras) and _title_fragment(paras[i + 2])
                and TITLE_SUFFIX_RE.search(paras[i + 1] + paras[i + 2])):
            out.add(i + 2)
    return out


def signature_date(paras: list[str]) -> str | None:
    """The date under the first signature anywhere: a cover notice's, when the measure it
    issues ends without one."""
    for i in sorted(signature_lines(paras)):
        if _is_date_line(paras[i]):
            return _iso(DATE_RE.search(paras[i]))
    return None


# A table row whose cells lost their tabs (a web page's <p>, a PDF): 3在招标投标活动中依法予以限制
# 县发展和改革局 《…实施条例》 ends like a title but opens with its 序号.
_ROW_START = re.compile(r"^\d{1,3}(?=[\u4e00-\u9fff])(?![年月日号届次期])")


def _minutes_header(paras: list[str], i: int) -> str | None:
    """The body whose minutes these are, when line i is its name run into the form's
    (琨阳市人民政府专题会议纪要) over the minutes' number: a red header, not their title."""
    m = _BODY_MINUTES_FORM_RE.match(_CJK_GAP.sub("", paras[i].strip()))
    if m and i + 1 < len(paras):
        below = paras[i + 1].strip()
        if _minutes_number(below):
            return m.group(1)
    return paras[i].strip() if _stacked_minutes_header(paras, i) else None


def _stacked_minutes_header(paras: list[str], i: int) -> bool:
    """Line i the body's name over the form's, set apart, over the minutes' number
    (漴阳经济开发区管理委员会 / 会　议　纪　要 / 〔2024〕第6期): a red header of two lines."""
    if i + 2 >= len(paras) or not ISSUER_LINE_RE.match(paras[i].strip()):
        return False
    below = paras[i + 2].strip()
    return bool(_MINUTES_FORM_RE.match(re.sub(r"[\s\u3000]+", "", paras[i + 1]))
                and _minutes_number(below))


def _minutes_number(line: str) -> bool:
    """The line under minutes' header: their number (〔2024〕第6期, 2022年第9期) or a 文号."""
    return bool(_BARE_NUMBER_RE.match(line) or _ISSUE_NUMBER_RE.match(line) or standalone(line))


def _looks_like_title(p: str) -> bool:
    p = _CJK_GAP.sub("", p)
    return (4 <= len(p) <= 80 and "\t" not in p and not _PUNCTUATION.search(p) and not _ROW_START.match(p)
            and (bool(TITLE_SUFFIX_RE.search(p)) or p.startswith("关于")))


def _title_fragment(p: str) -> bool:
    """A line that can be one part of a title wrapped over several lines."""
    return (
        len(p) <= 40
        and "\t" not in p
        and not _PUNCTUATION.search(p)
        and not RED_HEADER_RE.match(p)
        and not standalone(p)
        and not DATE_RE.search(p)
        and not ISSUER_LINE_RE.match(p)
        and not _NUMBERED.match(p)
        and not _MARKING_RE.match(p)
        and not _ORDER_LINE_RE.match(p)
    )


def title_spans(paras: list[str]) -> list[tuple[int, int]]:
    """First and last index of each title in the head (a Markdown `# title` and the
    document's own title lines may both be there); a wrapped title spans up to four lines."""
    head = [_CJK_GAP.sub("", p.strip()) for p in paras[:HEAD]]
    spans: list[tuple[int, int]] = []
    for i, p in enumerate(head):
        # Titles stand before the body: a short notice's table row (1\t…\t《…条例》) is not one.
        if _NUMBERED.match(p):
            break
        if spans and i <= spans[-1][1]:
            continue
        if p.startswith("# "):
            spans.append((i, i))
            continue
        # 会议纪要 (专题会议纪要) over its issue number is the form's name, not the minutes' title.
        if (not _looks_like_title(p) or RED_HEADER_RE.match(p) or standalone(p) or _MINUTES_FORM_RE.match(p)
                or _minutes_header(head, i)):
            continue
        start = end = i
        # 国务院办公厅关于进一步完善失信约束制度 / 构建诚信建设长效机制的指导意见
        while start > 0 and end - start < 2:
            prev = head[start - 1]
            if not _title_fragment(prev) or _looks_like_title(prev):
                break
            start -= 1
        # 河南省发展和改革委员会 / 关于开展…的通知: the issuer's name opens the full title.
        if start > 0 and head[start].startswith("关于") and ISSUER_LINE_RE.match(head[start - 1]):
            start -= 1
        # 关于开展平顶山市失信约束措施 / 清理规范工作的通知: go on until the title's kind ends it.
        while (
            end + 1 < len(head)
            and end - start < 3
            and _title_fragment(head[end + 1])
            and (not TITLE_SUFFIX_RE.search("".join(head[start:end + 1])) or TITLE_SUFFIX_RE.search(head[end + 1]))
        ):
            end += 1
        if TITLE_SUFFIX_RE.search("".join(head[start:end + 1])):
            spans.append((max(start, spans[-1][1] + 1 if spans else 0), end))
    return spans


def title_span(paras: list[str]) -> tuple[int, int] | None:
    """The title's lines: a Markdown `# title` wins, else the first title in the head."""
    spans = title_spans(paras)
    marked = [span for span in spans if paras[span[0]].startswith("# ")]
    if marked or spans:
        return (marked or spans)[0]
    # Minutes with no title of their own go by their header's name (both its lines when
    # the form's name is set under the body's).
    return next(((i, i + 1 if _stacked_minutes_header(paras, i) else i)
                 for i in range(min(HEAD, len(paras))) if _minutes_header(paras, i)), None)


def extract_title(paras: list[str]) -> str | None:
    span = title_span(paras)
    if span is None:
        return None
    start, end = span
    if paras[start].startswith("# "):
        return paras[start][2:].strip() or None
    return "".join(_CJK_GAP.sub("", _BODIES_GAP.sub(r"\1\0", p.strip())) for p in paras[start:end + 1]) \
        .replace("\0", " ").strip("《》 ")


def main_body_end(paras: list[str]) -> int:
    """Index where the attachments begin (the main text's signature and date sit just before).

    A 附件1 line above the title labels the document itself (an attachment uploaded alone).
    """
    span = title_span(paras)
    for i in range(span[1] + 1 if span else 1, len(paras)):
        if attachment_label(paras, i):
            return i
    return len(paras)


def extract_doc_number(paras: list[str]) -> str | None:
    head = paras[:HEAD]
    for i, p in enumerate(head):
        found = standalone(_SIGNER_AFTER.sub("", p))
        if found:
            return found
        bare = _BARE_NUMBER_RE.match(p.strip())
        if bare and bare.group(3) == "号":
            year, number, _ = bare.groups()
            return f"〔{year}〕{''.join(number.split())}号"
        date = DATE_RE.search(p) if INFO_LINE_RE.match(p) else None
        order = ORDER_NUMBER.search(p[date.end():]) if date else None
        if order:
            # （2021年3月5日江川市人民政府令第35号公布 自2021年5月1日起施行）
            return normalise_number(order.group(0))
        if i + 1 < len(head) and p.endswith("令") and _ORDER_LINE_RE.match(p) and _ORDER_LINE_RE.match(head[i + 1]):
            return standalone(p + head[i + 1])
        # Under the form name, or under the title on a web page that leaves the form name out.
        if _ANNOUNCEMENT_NUMBER_RE.match(p) and any(re.search(r"[通公]\s*告$", q.strip()) for q in head[:i + 2]):
            return re.sub(r"\s", "", p)
    return None


def _tail(paras: list[str]) -> list[str]:
    return paras[: main_body_end(paras)][-TAIL:]


def _owning_body(signer: str, title: str | None) -> str:
    """某局办公室 signing what the title names as 某局's own (某局2024年第7次局务会议纪要)
    signs for 某局, which a red header names (a site's page shows none)."""
    body = signer.removesuffix("办公室")
    if body != signer and title and title.startswith(body) and not title.startswith(signer):
        return body
    return signer


def extract_issuers(paras: list[str], title: str | None) -> list[str]:
    """The issuing bodies, the lead first (a joint document names several); empty when
    the document does not say."""
    signed = (_signature_bodies(paras) or _cover_signature_bodies(paras) or _closing_signature_bodies(paras)
              or _issued_signature(paras)[0])
    for i, p in enumerate(paras[:HEAD]):
        m = RED_HEADER_RE.match(_CJK_GAP.sub("", p))
        alone = re.fullmatch(r"文\s*件", p.strip())
        minutes = _minutes_header(paras, i)
        if not (m or alone or minutes or (i > 1 and _orgs(paras[i - 2]) and standalone(p))):
            continue
        # A joint red header stacks the bodies, 文件 once beside the last (or under it, alone,
        # or left out above the 文号): the first is the lead.
        top = i
        while top > 0 and _org_names(paras[top - 1]):
            top -= 1
        # 文件 set beside two stacked bodies may come out between them, the second under it.
        bottom = i + 1
        while alone and bottom < min(HEAD, len(paras)) and _org_names(paras[bottom]):
            bottom += 1
        header = [org for q in paras[top:i] + paras[i + 1:bottom] for org in _org_names(q)]
        if m:
            header += _orgs(re.sub(_RED_HEADER_END, "", p.strip())) or ([] if header else [m.group(1)])
        if minutes:
            header.append(minutes)
        if header:
            # The signature confirms the header and may add the bodies that co-signed.
            return list(dict.fromkeys(header + signed)) if set(header) & set(signed) else header
    if signed:
        return [_owning_body(signed[0], title), *signed[1:]]
    for p in paras[:HEAD]:
        # 江川市人民政府令第35号: a 令 names the body that issued it.
        m = re.match(r"^([\u4e00-\u9fa5]{2,24})令", p)
        if m and (standalone(p) or _ORDER_LINE_RE.match(p)) and ISSUER_LINE_RE.match(m.group(1)):
            return [m.group(1)]
    if title and "关于" in title:
        m = re.match(rf"^([^\s]{{2,40}}?{ORG_SUFFIX})(?P<others>(?:[、和与\s]\S+?)*)关于", title)
        if m:
            # 某市教育局 某市市场监督管理局关于… / 某市发改委、某市财政局关于…
            # 和 may be inside a name (人力资源和社会保障局): split on it only after a body's name.
            others = [q for part in re.split(r"[、\s]", m.group("others"))
                      for q in re.split(r"^[和与]|(?<=[局委厅部办院会])[和与]", part) if q and ISSUER_LINE_RE.match(q)]
            return [m.group(1), *others]
    for k, p in enumerate(paras[:HEAD]):
        # The signatories listed under a memorandum's title, the lead first; or a cover
        # notice's joint signature where no red header names the bodies (a site's page),
        # both set over as many lines as they take.
        bodies = _orgs(p)
        if bodies and not _looks_like_title(p):
            for q in paras[k + 1:HEAD]:
                if not _org_names(q) or _looks_like_title(q):
                    break
                bodies += _org_names(q)
            return list(dict.fromkeys(bodies))
    for p in paras[:HEAD]:
        if INFO_LINE_RE.match(p) and re.search("通过|公布|发布", p):
            date = DATE_RE.search(p)
            after_date = p[date.end():] if date else p
            m = re.search(r"(国务院|[\u4e00-\u9fa5]{0,12}人民代表大会常务委员会|[\u4e00-\u9fa5]{0,12}人民政府)", after_date)
            if m:
                # The standing committee, not one term of it: 第十三届 / 七届 go.
                return [re.sub(r"^中华人民共和国|第?[一二三四五六七八九十]+届", "", m.group(1)) or m.group(1)]
    return []


def extract_date(paras: list[str]) -> str | None:
    for p in reversed(_tail(paras)):
        if _is_date_line(p):
            return _iso(DATE_RE.search(p))
    head_dates = []
    for p in paras[:HEAD]:
        if _is_date_line(p) or _issued_line(p):
            return _iso(DATE_RE.search(p))
        if INFO_LINE_RE.match(p) and not re.search(r"施行$", p.strip()):
            m = DATE_RE.search(p)
            if m:
                head_dates.append(_iso(m))
    dates = [d for d in head_dates if d]
    return max(dates) if dates else signature_date(paras) or _issued_signature(paras)[1]


def clean(paragraphs: list[str]) -> list[str]:
    """Paragraphs without edge whitespace, zero-width characters and spaces between
    Chinese and Latin; blank ones and page-number lines dropped (text copied out of a
    PDF keeps its — 3 — lines)."""
    stripped = (_CJK_LATIN_GAP.sub("", _ZERO_WIDTH.sub("", p)).strip() for p in paragraphs if p)
    return [p for p in stripped if p and not (len(p) <= 16 and _PAGE_LINE_RE.match(p))]


def extract_metadata(paras: list[str]) -> dict:
    paras = clean(paras)
    title = extract_title(paras)
    issuers = extract_issuers(paras, title)
    meta = {
        "title": title,
        "doc_number": extract_doc_number(paras),
        "issuer": issuers[0] if issuers else None,
        "co_issuers": issuers[1:],
        "date": extract_date(paras),
    }
    # 信息公开 fields pasted above the text (发文字号：… 成文日期：…) fill what it does not say.
    fields = info_fields.metadata(info_fields.fields_in([p for p in paras[:HEAD] if info_fields.is_field_line(p)]))
    return {**meta, **{key: value for key, value in fields.items() if meta[key] is None}}
