"""Find the authorities a clause cites: 《title》 with articles, 文号, 令 numbers, and
plain references such as 依照有关法律、行政法规 (recorded as unspecific)."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from .authorities import article_text
from .levels import level_of

_NUM = r"[一二三四五六七八九十百千零〇两\d]+"
_ARTICLE = rf"第{_NUM}条(?:之{_NUM})?(?:第{_NUM}款)?(?:第{_NUM}项)?"
_BRACKETS = r"[〔\[［(（【]"
_CLOSE = r"[〕\]］)）】]"
# 文号: issuer abbreviation, bracketed year, number. The abbreviation is CJK only.
DOC_NUMBER = re.compile(rf"([\u4e00-\u9fa5]{{1,16}})\s*{_BRACKETS}\s*((?:19|20)\d{{2}})\s*{_CLOSE}\s*第?\s*(\d{{1,5}})\s*号")
# 令 numbers: 国务院令第706号, 公安部令第1号, 国家发展改革委令2023年第58号, 省人民政府令第12号
ORDER_NUMBER = re.compile(r"([\u4e00-\u9fa5]{2,24}?令)\s*(?:((?:19|20)\d{2})年)?\s*第\s*(\d{1,5})\s*号")
# A title, then perhaps its number in round brackets: 《…》（国发〔2016〕33号）
TITLE = re.compile(r"《([^《》]{2,100})》(\s*[（(【]([^()（）【】]{2,40}?号)[）)】])?")
ARTICLES = re.compile(rf"\s*(?:的)?({_ARTICLE}(?:\s*(?:、|和|及|以及|或者|至)\s*{_ARTICLE})*)")
ONE_ARTICLE = re.compile(_ARTICLE)
UNSPECIFIC = re.compile(
    r"(?:依照|依据|按照|根据|依|遵照)(?:国家|国家和省|国家和本省|国家、省|省|本省|本市|上级)?(?:的)?(?:有关|相关)"
    r"(?:法律|行政法规|法规|规章|规定|政策)(?:[、和及或与](?:法律|行政法规|法规|规章|规定|政策))*(?:的规定)?"
)
# Words a sentence puts before a 文号 that are not part of the issuer's abbreviation.
_LEAD = re.compile(r"^.*?(根据|依据|依照|按照|参照|贯彻落实|贯彻|落实|印发|转发|执行|关于|见|和|及|与|以及|即|或)")
SELF = ("本法", "本条例", "本办法", "本规定", "本细则", "本决定", "本意见", "本通知", "本方案")


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


def normalise_doc_number(text: str) -> str | None:
    m = ORDER_NUMBER.search(text)
    if m:
        issuer, year, number = m.groups()
        return f"{issuer}{year + '年' if year else ''}第{number}号"
    m = DOC_NUMBER.search(text)
    if m:
        prefix, year, number = m.groups()
        lead = _LEAD.match(prefix)
        if lead and lead.end() < len(prefix):
            prefix = prefix[lead.end():]
        return f"{prefix}〔{year}〕{number}号"
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


def extract(text: str, own_title: str | None = None) -> list[Citation]:
    """Citations in reading order. References to the text itself (本办法…) and, when
    `own_title` is given, to the document's own title (现将《X办法》印发给你们) are left out."""
    flat = text.replace("\n", "")
    # Most clauses cite nothing: every citation form needs 《, 号 or 有关/相关.
    if "《" not in flat and "号" not in flat and "有关" not in flat and "相关" not in flat:
        return []
    found: list[tuple[int, Citation]] = []
    taken: list[tuple[int, int]] = []
    for m in TITLE.finditer(flat):
        title = m.group(1).strip()
        bracket_number = normalise_doc_number(m.group(3)) if m.group(3) else None
        end = m.end()
        # A 文号 written just before the title: 国发〔2016〕33号《…》 / （国发〔2016〕33号）《…》
        before = flat[max(0, m.start() - 24): m.start()]
        lead_number = None
        if not bracket_number:
            prior = list(DOC_NUMBER.finditer(before)) + list(ORDER_NUMBER.finditer(before))
            if prior and before[max(p.end() for p in prior):].strip("（）() 、") == "":
                lead_number = normalise_doc_number(max(prior, key=lambda p: p.end()).group(0))
                taken.append((m.start() - len(before) + min(p.start() for p in prior), m.start()))
        articles = ARTICLES.match(flat, end)
        numbers = bracket_number or lead_number
        if articles:
            for a in ONE_ARTICLE.finditer(articles.group(1)):
                found.append((m.start(), _make(f"《{title}》{a.group(0)}", title, a.group(0), numbers)))
            end = articles.end()
        else:
            found.append((m.start(), _make(f"《{title}》" + (f"（{numbers}）" if numbers else ""), title, None, numbers)))
        taken.append((m.start(), end))
    for pattern in (ORDER_NUMBER, DOC_NUMBER):
        for m in pattern.finditer(flat):
            if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
                continue
            number = normalise_doc_number(m.group(0))
            taken.append((m.start(), m.end()))
            found.append((m.start(), _make(number, None, None, number)))
    for m in UNSPECIFIC.finditer(flat):
        if any(s <= m.start() < e for s, e in taken):
            continue
        found.append((m.start(), Citation(m.group(0), None, None, None, "unknown", None, specific=False)))
    return [
        c for _, c in sorted(found, key=lambda pair: pair[0])
        if not (c.title and (c.title.startswith(SELF) or (own_title and c.title in own_title)))
    ]
