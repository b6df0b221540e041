"""A web page printed to PDF (the browser's 打印 → 另存为 PDF): what is not the document.

Clerks often save a policy from the government site this way. The browser prints the
date and the page's title at the top of every page and the address and page count at
the bottom; the site prints its name, menus, breadcrumbs (当前位置), the 信息公开
table, share and print links and its footer around the document. A PDF is taken for a
printed page only when its first lines hold a breadcrumb or two 信息公开 fields; then
that furniture is dropped and the table's fields give metadata, as for a saved page
(webpage.py).
"""
from __future__ import annotations

import re

from .. import info_fields
from ..metadata import TITLE_SUFFIX_RE
from .webpage import CHROME

# 11/27/26, 1:09 PM 标题_网站 / 2026/11/27 13:09 标题_网站
BROWSER_HEADER = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[,，]?\s*(上午|下午)?\s*\d{1,2}:\d{2}(\s?[AP]M)?(\s|$)")
# https://www.example.gov.cn/art/2023/6/12/art_1.html 1/3
BROWSER_FOOTER = re.compile(r"^(?:(?:https?|file)://\S+|about:blank)(?:\s+\d+\s*/\s*\d+)?$")
_BREADCRUMB = re.compile(r"当前位置|您的位置|您现在的位置")
# Where to look for the furniture: the first lines of the text, the last ones.
HEAD_LINES = 15
TAIL_LINES = 8


def is_browser_edge(text: str) -> bool:
    """The browser's own header or footer line (on a page's edge)."""
    return bool(BROWSER_HEADER.match(text) or BROWSER_FOOTER.match(text.strip()))


def furniture(texts: list[str]) -> tuple[set[int], dict]:
    """The indices of the lines that are the site's, not the document's, and the
    metadata its 信息公开 table gives; nothing when this is no printed page."""
    head = range(min(HEAD_LINES, len(texts)))
    crumbs = [i for i in head if _BREADCRUMB.search(texts[i])]
    # A label wrapped in a narrow cell (发文字 / 号： 淯环发〔2024〕58号 成文日期：…) reads
    # whole with the line above.
    field_text = {}
    for i in head:
        joined = texts[i - 1] + texts[i] if i and not info_fields.is_field_line(texts[i - 1]) else None
        for text in (texts[i], joined):
            if text and info_fields.is_field_line(text):
                field_text[i] = text
                break
    fields = sorted(field_text)
    if not crumbs and len(fields) < 2:
        return set(), {}
    # Above the first mark: the site's name and menus. Below it the page's heading (the
    # title) and the 文号 stay; the table and 发布时间/来源 lines go.
    first = min(crumbs + fields)
    # A title standing above the fields is the document's, not a menu.
    above = {i for i in range(first) if not (TITLE_SUFFIX_RE.search(texts[i]) and len(texts[i]) <= 80)}
    drop = above | {i for i in head if i >= first and (i in crumbs or i in fields or CHROME.search(texts[i]))}
    if fields:
        # Between its field lines all is the table's: a long title wraps in its cell (…的 /
        # 通知), and so does a label in a narrow one (发文字 / 号：…). The table is one block: a
        # field-like line further down (联系人：… under a short notice) is the document's, and
        # the title, addressee and first paragraph above it are too.
        table = [fields[0]]
        for i in fields[1:]:
            if i - table[-1] > 2:
                break
            table.append(i)
        drop |= set(range(table[0], table[-1] + 1))
    # After the signature and date: 分享到, 打印本页, 主办单位, ICP备 … to the end.
    for i in range(max(len(texts) - TAIL_LINES, max(drop) + 1), len(texts)):
        if CHROME.search(texts[i]):
            drop.update(range(i, len(texts)))
            break
    found = info_fields.fields_in([field_text[i] for i in fields])
    title_at = next((i for i in fields if info_fields.fields_in([field_text[i]]).get("title")), None)
    if title_at is not None and not TITLE_SUFFIX_RE.search(found["title"]) and title_at + 1 < len(texts):
        # The title wrapped in its cell: its end (通知) is the next line.
        longer = found["title"] + texts[title_at + 1].strip()
        if title_at + 1 not in field_text and TITLE_SUFFIX_RE.search(longer):
            found["title"] = longer
    return drop, info_fields.metadata(found)
