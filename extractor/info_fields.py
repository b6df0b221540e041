"""The 信息公开 fields government sites show above a document (标题, 发文字号, 发文机关,
成文日期 …): a saved page's table (backends/webpage.py), a printed page's lines
(backends/printed_page.py), or those lines pasted into a Word or text file. Also a
form's header (填报单位（公章）：… 填报时间：…) above a list published as a spreadsheet.
"""
from __future__ import annotations

import re

from .docnumber import normalise as normalise_doc_number

# Labels, spaces and colons removed, and the metadata key each gives.
FIELDS = {
    "标题": "title", "名称": "title", "文件名称": "title",
    "发文字号": "doc_number", "文号": "doc_number",
    "发文机关": "issuer", "发布机构": "issuer", "发文单位": "issuer",
    "成文日期": "date", "发文日期": "date",
    # A 失信惩戒措施清单 published as a form names the unit that keeps it and when.
    "填报单位": "issuer", "制表单位": "issuer", "填报时间": "date", "填报日期": "date", "填表日期": "date",
}
_NAMES = sorted(FIELDS, key=len, reverse=True)  # 发文字号 before 文号
# 填报单位（公章）：
_SEAL = r"(?:[（(](?:公章|盖章)[)）])?"
# Any field of the table, also those that give nothing here (索引号, 主题分类, a form's
# 联系人 …).
LABEL = re.compile(rf"(?:索引号|主题分类|发布日期|生效日期|联系人(?:及联系方式)?|联系电话|联系方式|填表人|审核人|{'|'.join(_NAMES)})"
                   rf"\s*{_SEAL}\s*[：:]")
# One field and its value, up to the next label on the line: 发文字号： 江发改〔2026〕7号 成文日期： …
FIELD = re.compile(rf"({'|'.join(_NAMES)})\s*{_SEAL}\s*[：:]\s*(.+?)(?=\s+[\u4e00-\u9fff]{{2,5}}\s*{_SEAL}\s*[：:]|$)")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})")


def is_field_line(text: str) -> bool:
    """A line made of 信息公开 fields (索引号：… 发布机构：…), not a sentence using one."""
    return bool(LABEL.match(text.strip())) and not re.search(r"[。；]", text)


def fields_in(lines: list[str]) -> dict[str, str]:
    """Each metadata key's first value on these lines."""
    found: dict[str, str] = {}
    for line in lines:
        for name, value in FIELD.findall(line):
            found.setdefault(FIELDS[name], value.strip())
    return found


def metadata(found: dict[str, str]) -> dict:
    """Title, 文号, issuer and date from the fields' values (FIELDS' keys)."""
    meta = {}
    if found.get("title"):
        meta["title"] = tidy(found["title"])
    if found.get("doc_number"):
        meta["doc_number"] = normalise_doc_number(found["doc_number"])
    issuer = re.sub(r"[（(](盖章|公章|签章)[)）]\s*$", "", found.get("issuer", "")).strip()
    if issuer and len(issuer) <= 40:
        meta["issuer"] = tidy(issuer)  # 填报单位：某局（盖章）: the seal goes on paper
    date = _DATE.search(found.get("date", ""))
    if date:
        year, month, day = (int(g) for g in date.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            meta["date"] = f"{year:04d}-{month:02d}-{day:02d}"
    return meta


def tidy(text: str) -> str:
    """One line: a heading wrapped in the page source (关于加强信用监管的\\n通知) joins up."""
    text = re.sub(r"(?<=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef])\s+(?=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef])", "", text)
    return re.sub(r"\s+", " ", text).strip()
