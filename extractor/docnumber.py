"""文号 and 令 numbers: finding them and writing them one way.

豫发改财金〔2021〕44号 is also written with [], (), （） or 【】, and 令 numbers come as
国务院令第706号, 国家发展改革委令2023年第58号 or 国务院第654号令. The extractor uses
this for a document's own 文号, the basis analysis for the ones it cites.
"""
from __future__ import annotations

import re

_OPEN = r"[〔\[［(（【]"
_CLOSE = r"[〕\]］)）】]"
# Issuer abbreviation (CJK only), bracketed year, number.
DOC_NUMBER = re.compile(rf"([\u4e00-\u9fa5]{{1,16}})\s*{_OPEN}\s*((?:19|20)\d{{2}})\s*{_CLOSE}\s*第?\s*(\d{{1,5}})\s*号")
ORDER_NUMBER = re.compile(r"([\u4e00-\u9fa5]{2,24}?令)\s*[（(]?\s*(?:((?:19|20)\d{2})年)?\s*第\s*(\d{1,5})\s*号[）)]?")
# A body's announcement numbered by year: 国家税务总局公告2014年第40号.
ANNOUNCEMENT_NUMBER = re.compile(r"([\u4e00-\u9fa5]{2,24}?公告)\s*((?:19|20)\d{2})\s*年\s*第\s*(\d{1,5})\s*号")
ORDER_NUMBER_INVERTED = re.compile(r"([\u4e00-\u9fa5]{2,24}?)\s*第\s*(\d{1,5})\s*号令")
# Words a sentence puts before a 文号 that are not part of the issuer's abbreviation.
_LEAD = re.compile(r"^.*(根据|依据|依照|按照|参照|对照|遵照|结合|贯彻落实|贯彻|落实|印发|转发|执行|关于|见|和|及|与|以及|即|或|要|按|依|照)")
_CENTRAL = re.compile(r"(中发|中办发|国发|国办发|国函|国办函|国务院令)")


def issuer_abbreviation(prefix: str) -> str:
    """The issuer part of what precedes the bracketed year: 根据国办发 → 国办发."""
    # 中华人民共和国 holds 和, a lead word; 原 marks a renamed issuer.
    prefix = prefix.split("中华人民共和国")[-1].removeprefix("原")
    central = _CENTRAL.search(prefix)
    if central:
        return prefix[central.start():]
    lead = _LEAD.match(prefix)
    return prefix[lead.end():] if lead and lead.end() < len(prefix) else prefix


def normalise(text: str) -> str | None:
    """The first 文号 or 令 number in `text`, written with 〔〕 (国发〔2016〕33号, 国务院令第706号)."""
    m = ORDER_NUMBER.search(text)
    if m:
        issuer, year, number = m.groups()
        return f"{issuer_abbreviation(issuer)}{year + '年' if year else ''}第{number}号"
    m = ORDER_NUMBER_INVERTED.search(text)
    if m:
        issuer, number = m.groups()
        return f"{issuer_abbreviation(issuer)}令第{number}号"
    m = DOC_NUMBER.search(text)
    if m:
        prefix, year, number = m.groups()
        return f"{issuer_abbreviation(prefix)}〔{year}〕{number}号"
    m = ANNOUNCEMENT_NUMBER.search(text)
    if m:
        issuer, year, number = m.groups()
        return f"{issuer_abbreviation(issuer)}{year}年第{number}号"
    return None


def standalone(line: str) -> str | None:
    """The 文号 of a line that holds little else: a document's own number in its head."""
    for pattern in (DOC_NUMBER, ORDER_NUMBER, ORDER_NUMBER_INVERTED, ANNOUNCEMENT_NUMBER):
        m = pattern.search(line)
        if m and len(line) - len(m.group(0)) <= 4:
            return normalise(m.group(0))
    return None
