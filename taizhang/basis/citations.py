"""Find the authorities a clause cites: 《title》 with articles, 文号, 令 numbers, and
plain references such as 依照有关法律、行政法规 (recorded as unspecific)."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace

from extractor.docnumber import ANNOUNCEMENT_NUMBER, DOC_NUMBER, ORDER_NUMBER, ORDER_NUMBER_INVERTED, issuer_abbreviation, normalise

from .authorities import article_text
from .levels import level_of

_NUM = r"[一二三四五六七八九十百千零〇两\d]+"
_ARTICLE = rf"第{_NUM}条(?:之{_NUM})?(?:第{_NUM}款)?(?:第{_NUM}项)?"
_PART = rf"第{_NUM}(?:款|项)(?:第{_NUM}项)?"
TITLE = re.compile(r"《([^《》]{2,100})》")
# After a title: its articles, 第十条、第十二条 or 第四十四条第四项、第五项 (parts inherit the article).
ARTICLES = re.compile(rf"\s*(?:的)?({_ARTICLE}(?:\s*(?:、|和|及|以及|或者|至)\s*(?:{_ARTICLE}|{_PART}))*)")
ONE_ARTICLE = re.compile(rf"{_ARTICLE}|{_PART}")
_KIND = r"(?:法律|行政法规|地方性法规|法规|规章|规定|政策)"
_LAWS = rf"(?:法律|行政法规|地方性法规|法规)(?:[、和及或与]{_KIND})*"
# 依照有关法律、行政法规 / 依据法律、行政法规的规定 / 按照辅警管理相关规定 /
# 依据法律、法规、规章以及国家和省有关规定 (one reference) — never 本办法有关规定.
UNSPECIFIC = re.compile(
    rf"(?:依照|依据|按照|根据|遵照|和|及|以及|或者|或)"
    rf"(?:{_LAWS}(?:的规定|有关规定|相关规定)?(?:(?:以及|和|及|、)[\u4e00-\u9fa5]{{0,8}}?(?:有关|相关)[\u4e00-\u9fa5]{{0,4}}?{_KIND})?"
    rf"|(?:(?!本)[\u4e00-\u9fa5]){{0,10}}?(?:有关|相关)[\u4e00-\u9fa5]{{0,4}}?{_KIND}(?:[、和及或与]?{_KIND})*(?:的规定)?)"
)
ALIAS = re.compile(r"(?:以下简称|下称|简称)\s*[“\"]?《([^《》]{1,30})》")
# 《…》 naming the subject of work rather than an authority relied on: 特制定《X》, 修订《X》,
# 完成《X》等文件的修订工作, 《X》同时废止.
_SUBJECT_OF_WORK = re.compile(r"(制定|修订|修改|编制|起草|出台|废止|清理)[了出]?$")
_WORK_AFTER = re.compile(
    r"^(等[\u4e00-\u9fa5]{0,4})?的?(修订|修改|制定|起草|清理)|^(同时)?(废止|停止执行|不再执行)|^(作|作出|进行)(如下)?(修改|修订)"
)
# Between a number and the title it belongs to: 国务院令第711号公布的《…》.
_NUMBER_TO_TITLE = re.compile(r"^[（）()、\s]*(?:(?:发布|公布|印发|颁布)(?:的|施行的)?)?[（）()、\s]*$")
_CENTRAL_ISSUERS = re.compile(r"(中共中央|国务院)(办公厅)?(、(中共中央|国务院)(办公厅)?)*(印发的?|发布的?)?$")
# Names of certificates and forms, not authorities: 《营业执照》, 《执行通知书》, 《登记表》.
_NOT_AUTHORITY = re.compile(r"(证|证书|执照|书|表|单|卡|牌|册|证明|回执)$")
SELF = ("本法", "本条例", "本办法", "本规定", "本细则", "本决定", "本意见", "本通知", "本方案", "本措施", "本规则", "本指引")


@dataclass(frozen=True)
class Citation:
    citation: str
    title: str | None
    article: str | None
    doc_number: str | None
    level: str
    text: str | None
    specific: bool = True

    def as_dict(self) -> dict:
        return asdict(self)


def _bracket_after(text: str, pos: int) -> tuple[str, int] | None:
    """The parenthesised note right after a title, nesting allowed: （附件1，国发（2016）33号，以下简称《通知》）."""
    if pos >= len(text) or text[pos] not in "（(【":
        return None
    depth = 0
    for i in range(pos, min(len(text), pos + 80)):
        if text[i] in "（(【":
            depth += 1
        elif text[i] in "）)】":
            depth -= 1
            if depth == 0:
                return text[pos + 1:i], i + 1
    return None


def _make(citation: str, title: str | None, article: str | None, doc_number: str | None) -> Citation:
    return Citation(
        citation=citation,
        title=title,
        article=article,
        doc_number=doc_number,
        level=level_of(title, doc_number),
        text=article_text(title, article),
    )


def _articles(listing: str) -> list[str]:
    """第四十四条第四项、第五项 → 第四十四条第四项, 第四十四条第五项; an item listed
    after 第二十六条第一款第七项 keeps the 款: 第二十六条第一款第八项."""
    out, article, paragraph = [], "", ""
    for m in ONE_ARTICLE.finditer(listing):
        part = m.group(0)
        if "条" in part:
            article = part.split("条")[0] + "条"
            rest = part[len(article):]
            paragraph = rest.split("款")[0] + "款" if "款" in rest else ""
            out.append(part)
        elif "款" in part:
            paragraph = part.split("款")[0] + "款"
            out.append(article + part)
        else:
            out.append(article + paragraph + part)
    return out


# 某局关于印发《X》的通知: the notice and X are the document itself.
ISSUING_NOTICE = re.compile(r"^(.*?)关于(?:印发|转发|发布)《?(.+?)》?的(?:通知|决定)$")


def _is_own(title: str, own_title: str) -> bool:
    """The document's own title, or the measure its notice issues, with or without the
    issuing body's name in front (宁川市交通运输局2021年…工作要点)."""
    if title in own_title:
        return True
    issued = ISSUING_NOTICE.match(own_title)
    return bool(issued) and title in (issued.group(2), issued.group(1) + issued.group(2))


def extract(text: str, own_title: str | None = None) -> list[Citation]:
    """Citations in reading order. Left out: references to the text itself (本办法…),
    to `own_title` (现将《X办法》印发给你们), short names it defines (以下简称《通知》)
    and later uses of them, titles named as work to do (制定《X》), and forms."""
    flat = text.replace("\n", "")
    # Most clauses cite nothing: every citation form needs 《, 号 or 有关/相关.
    if "《" not in flat and "号" not in flat and "有关" not in flat and "相关" not in flat:
        return []
    aliases = {m.group(1) for m in ALIAS.finditer(flat)}
    found: list[tuple[int, Citation]] = []
    taken: list[tuple[int, int]] = []
    for m in TITLE.finditer(flat):
        if any(s <= m.start() < e for s, e in taken):
            continue
        title = m.group(1).strip()
        end = m.end()
        note = _bracket_after(flat, end)
        number = normalise(note[0]) if note else None
        if note:
            end = note[1]
        # A number written just before the title: 国发〔2016〕33号《…》 / 国务院令第711号《…》
        before = flat[max(0, m.start() - 36): m.start()]
        offset = m.start() - len(before)
        prior = [p for p in (*DOC_NUMBER.finditer(before), *ORDER_NUMBER.finditer(before),
                             *ORDER_NUMBER_INVERTED.finditer(before))
                 if _NUMBER_TO_TITLE.match(before[p.end():])
                 and not any(s <= offset + p.end() - 1 < e for s, e in taken)]
        start = m.start()
        if prior and not number:
            number = normalise(prior[0].group(0))
            start = offset + min(p.start() for p in prior)
        taken.append((start, end))
        articles = ARTICLES.match(flat, end)
        skip = (
            title.startswith(SELF)
            # A short name it defines (以下简称《通知》) is the same authority again,
            # unless it now names an article: 《个保法》第十三条.
            or (title in aliases and not articles)
            or (own_title and _is_own(title, own_title))
            or _NOT_AUTHORITY.search(title)
            or _SUBJECT_OF_WORK.search(flat[max(0, m.start() - 4): m.start()])
        )
        skip = skip or _WORK_AFTER.search(flat[articles.end() if articles else end:][:10])
        if articles:
            taken.append((end, articles.end()))
        if skip:
            continue
        # 中共中央办公厅、国务院办公厅《关于…的意见》: the issuers named just before the title.
        central = not number and _CENTRAL_ISSUERS.search(flat[max(0, m.start() - 24):m.start()])
        made = ([_make(f"《{title}》{article}", title, article, number) for article in _articles(articles.group(1))]
                if articles else [_make(f"《{title}》" + (f"（{number}）" if number else ""), title, None, number)])
        for citation in made:
            if central and citation.level == "unknown":
                citation = replace(citation, level="central_policy")
            found.append((m.start(), citation))
    # Every number form ends in 号; its patterns backtrack over runs of characters, so
    # scanning a clause without one costs time for nothing.
    for pattern in (ORDER_NUMBER, ORDER_NUMBER_INVERTED, DOC_NUMBER, ANNOUNCEMENT_NUMBER) if "号" in flat else ():
        for m in pattern.finditer(flat):
            # The issuer pattern may have swallowed words before it (第二十七条和豫政办…).
            start = m.start() + len(m.group(1)) - len(issuer_abbreviation(m.group(1)))
            if any(s <= start < e or s < m.end() <= e for s, e in taken):
                continue
            number = normalise(m.group(0))
            taken.append((start, m.end()))
            found.append((start, _make(number, None, None, number)))
    for m in UNSPECIFIC.finditer(flat):
        if any(s <= m.start() < e for s, e in taken):
            continue
        found.append((m.start(), Citation(m.group(0), None, None, None, "unknown", None, specific=False)))
    return [c for _, c in sorted(found, key=lambda pair: pair[0])]
