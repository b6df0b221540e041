"""Title, 文号, issuer and date from the head and tail of a document.

Each is `None` when the text does not state it: a clerk must be able to trust
what is filled in, so nothing is guessed.
"""
from __future__ import annotations

import re

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGITS.update({"零": 0, "○": 0, "O": 0, "０": 0})

# 豫发改财金〔2021〕44号 / [2021] / (2021) / 【2021】 / 令第12号
DOC_NUMBER_RE = re.compile(
    r"([\u4e00-\u9fa5]{1,14})\s*[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*第?\s*(\d{1,5})\s*号"
)
ORDER_NUMBER_RE = re.compile(r"([\u4e00-\u9fa5]{2,20}令)\s*[（(]?\s*第\s*(\d{1,5})\s*号[）)]?")
_YEAR = r"((?:19|20)\d{2}|[一二〇○零O０][〇○零一二三四五六七八九O０]{3})"
_MONTH = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])"
_DAY = r"(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
DATE_RE = re.compile(rf"{_YEAR}\s*年\s*{_MONTH}\s*月\s*{_DAY}\s*日")
DATE_LINE_RE = re.compile(rf"^[（(]?\s*{_YEAR}\s*年\s*{_MONTH}\s*月\s*{_DAY}\s*日\s*[）)]?$")
INFO_LINE_RE = re.compile(rf"^{_YEAR}\s*年.{{0,12}}日.*(通过|公布|发布|印发|施行|修正|修订|批准|废止)")
TITLE_SUFFIX_RE = re.compile(
    r"(通知|办法|规定|条例|细则|意见|方案|决定|规则|公告|通告|批复|函|制度|规程|章程|纲要|规划|计划|指引|指南|守则|准则|措施|标准|决议|命令|报告)$"
)
ORG_SUFFIX = r"(人民政府办公厅|人民政府办公室|人民政府|人民代表大会常务委员会|人民代表大会|委员会|管理局|办公厅|办公室|国务院|政府|局|厅|委|部|署|院|中心|银行|总局|协会|联合会)"
ISSUER_LINE_RE = re.compile(rf"^[\u4e00-\u9fa5（）()]{{2,40}}{ORG_SUFFIX}$")
RED_HEADER_RE = re.compile(r"^([\u4e00-\u9fa5]{2,40})(文件|文\s*件)$")
ADDRESSEE_RE = re.compile(r"^[^。；]{2,120}[：:]$")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fa5])[ 　]+(?=[\u4e00-\u9fa5])")

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


def normalise_doc_number(match: re.Match) -> str:
    prefix, year, number = match.groups()
    return f"{prefix}〔{year}〕{number}号"


def _standalone_doc_number(p: str) -> str | None:
    m = DOC_NUMBER_RE.search(p)
    if m and len(p) - len(m.group(0)) <= 4:
        return normalise_doc_number(m)
    m = ORDER_NUMBER_RE.search(p)
    if m and len(p) - len(m.group(0)) <= 4:
        return f"{m.group(1)}第{m.group(2)}号"
    return None


def _is_date_line(p: str) -> bool:
    return bool(DATE_LINE_RE.match(p))


def is_metadata_line(p: str, index: int, count: int) -> bool:
    """Lines that carry metadata, not content: never clauses."""
    if index < HEAD:
        if p.startswith("# ") or RED_HEADER_RE.match(p) or _standalone_doc_number(p) or INFO_LINE_RE.match(p):
            return True
        if ADDRESSEE_RE.match(p) and index < HEAD // 2 + 3:
            return True
        if _looks_like_title(p):
            return True
    if _is_date_line(p) and (index < HEAD or index >= count - TAIL):
        return True
    if index >= count - TAIL and ISSUER_LINE_RE.match(p):
        return True
    return p.startswith("<!--")


def _looks_like_title(p: str) -> bool:
    p = _CJK_GAP.sub("", p)
    return 4 <= len(p) <= 80 and not re.search(r"[。；，,：:]", p) and (
        bool(TITLE_SUFFIX_RE.search(p)) or p.startswith("关于")
    )


def extract_title(paras: list[str]) -> str | None:
    for p in paras[:HEAD]:
        if p.startswith("# "):
            return p[2:].strip() or None
    head = paras[:HEAD]
    for i, p in enumerate(head):
        text = _CJK_GAP.sub("", p)
        if not _looks_like_title(text) or not TITLE_SUFFIX_RE.search(text):
            continue
        if RED_HEADER_RE.match(text) or _standalone_doc_number(text):
            continue
        # A title wrapped over two lines: 关于开展…\n…工作的通知
        if i > 0:
            prev = _CJK_GAP.sub("", head[i - 1])
            if (
                _looks_like_title(prev) is False
                and len(prev) < 40
                and not re.search(r"[。；，,：:]", prev)
                and not RED_HEADER_RE.match(prev)
                and not _standalone_doc_number(prev)
                and not _is_date_line(prev)
                and not ISSUER_LINE_RE.match(prev)
            ):
                text = prev + text
            elif prev.startswith("关于") and not TITLE_SUFFIX_RE.search(prev):
                text = prev + text
        return text.strip("《》 ")
    return None


def extract_doc_number(paras: list[str]) -> str | None:
    for p in paras[:HEAD]:
        found = _standalone_doc_number(p)
        if found:
            return found
    return None


def extract_issuer(paras: list[str], title: str | None) -> str | None:
    for p in paras[:HEAD]:
        m = RED_HEADER_RE.match(_CJK_GAP.sub("", p))
        if m:
            return m.group(1)
    tail = paras[-TAIL:]
    for i in range(len(tail) - 1, -1, -1):
        if _is_date_line(tail[i]) and i > 0 and ISSUER_LINE_RE.match(_CJK_GAP.sub("", tail[i - 1])):
            return _CJK_GAP.sub("", tail[i - 1])
    if title and "关于" in title:
        m = re.match(rf"^(.{{2,40}}?{ORG_SUFFIX})(?:[、和与]\S+?)?关于", title)
        if m:
            return m.group(1)
    for p in paras[:HEAD]:
        if INFO_LINE_RE.match(p):
            m = re.search(r"(国务院|[\u4e00-\u9fa5]{0,12}人民代表大会常务委员会|[\u4e00-\u9fa5]{0,12}人民政府)", p)
            if m and "通过" in p or m and ("公布" in p or "发布" in p):
                return re.sub(r"^(中华人民共和国|第[一二三四五六七八九十]+届)", "", m.group(1)) or m.group(1)
    return None


def extract_date(paras: list[str]) -> str | None:
    for p in reversed(paras[-TAIL:]):
        if _is_date_line(p):
            return _iso(DATE_RE.search(p))
    head_dates = []
    for p in paras[:HEAD]:
        if _is_date_line(p):
            return _iso(DATE_RE.search(p))
        if INFO_LINE_RE.match(p) and not re.search(r"施行$", p.strip()):
            m = DATE_RE.search(p)
            if m:
                head_dates.append(_iso(m))
    dates = [d for d in head_dates if d]
    return max(dates) if dates else None


def extract_metadata(paras: list[str]) -> dict:
    paras = [p.strip() for p in paras if p and p.strip()]
    title = extract_title(paras)
    return {
        "title": title,
        "doc_number": extract_doc_number(paras),
        "issuer": extract_issuer(paras, title),
        "date": extract_date(paras),
    }
