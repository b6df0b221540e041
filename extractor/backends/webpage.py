"""Where the document is on a saved web page, and what the page says about it.

Readers of government sites keep the document's sentences in one element (div.article,
div#zoom, td.bt_content …) and everything else around it. Each block with a sentence
in it (。；！？, text outside links) counts toward its ancestors; the document is the
deepest element holding nearly all of that text. Menus, breadcrumbs, footers, share
and print buttons and link lists hold no sentences, so they stay outside.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag

from .. import info_fields
from ..metadata import signature_line

_SENTENCE = re.compile(r"[。；;！？]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TEXT_BLOCKS = ["p", "li", "td", "th", "dd", "dt", "div", "section", "article", "blockquote", "pre",
                "h1", "h2", "h3", "h4", "h5", "h6", "span", "font", "center"]
# The document's text: this share of all sentence text on the page must lie inside it.
_COVERAGE = 0.97
# Elements the search descends into; a paragraph is never the whole document.
_CONTAINERS = {"div", "section", "article", "main", "td", "table", "tbody", "tr", "center", "font", "form"}
# Site furniture beside the document, by its words.
CHROME = re.compile(r"当前位置|您的位置|您现在的位置|分享到|打印本页|关闭窗口|【打印】|【关闭】|主办单位|承办单位|欢迎访问|欢迎光临|欢迎您|"
                     r"ICP备|公网安备|网站标识码|版权所有|Copyright|浏览次数|来源[：:]|发布时间[：:]|字体[：:]")
_FURNITURE_ATTR = re.compile(r"nav|menu|head|foot|crumb|position|location|share|print|related|link|banner|logo|"
                             r"search|tool", re.I)
# A line kept beside the document when no chrome is in it: title, 文号, addressee, signature, date.
_EDGE_LINE_CHARS = 60
# Less sentence text than this on the whole page: no document here.
_MIN_SENTENCE_CHARS = 30
# A document whose own text is shorter than this, beside images or a file link, is in them.
_SHORT_COVER = 150
_FILE_LINK = re.compile(r"\.(pdf|docx?|wps|ofd|zip|rar)(\?|$)", re.I)
_SITE_SUFFIX = re.compile(r"[_|｜\-–—]")


@dataclass
class Page:
    content: Tag | None  # the element holding the document; None when there is none
    metadata: dict = field(default_factory=dict)
    images: int = 0
    links: int = 0


def read(soup: BeautifulSoup) -> Page:
    body = soup.body or soup
    metadata = _metadata(soup)
    content, chars = _content(body)
    if content is not None and chars < _SHORT_COVER and (content.find("img") or content.find("a", href=_FILE_LINK)):
        # 现将《…细则》印发给你们 over scanned pages or a link to the PDF: the document is elsewhere.
        return Page(None, metadata, images=1)
    if content is None:
        titled_links = [a for a in body.find_all("a") if len(_CJK.findall(a.get_text())) >= 4]
        return Page(None, metadata, images=len(body.find_all("img")), links=len(titled_links))
    return Page(content, metadata)


def _own_text(tag: Tag) -> str:
    """Text directly in this block, not in nested blocks and not in links."""
    parts = []
    for child in tag.children:
        if isinstance(child, NavigableString):
            parts.append(str(child))
        elif isinstance(child, Tag) and child.name not in _TEXT_BLOCKS and child.name != "a":
            parts.append(child.get_text())
    return "".join(parts)


def _content(body: Tag) -> tuple[Tag | None, int]:
    """The element holding the document and how much sentence text it holds."""
    weight: Counter = Counter()
    total = 0
    for block in [body, *body.find_all([*_TEXT_BLOCKS, "tr"])]:
        own = block.get_text(" ") if block.name == "tr" else _own_text(block)
        chars = len(_CJK.findall(own))
        if not (_data_row(block) if block.name == "tr" else _sentence(own, chars)):
            continue
        total += chars
        for holder in [block, *block.parents]:
            weight[id(holder)] += chars
    if total < _MIN_SENTENCE_CHARS:
        return None, total
    # Deepest element with nearly all sentence text: descend while one child still has it.
    node = body
    while True:
        inner = next((child for child in node.find_all(recursive=False)
                      if child.name in _CONTAINERS and weight[id(child)] >= _COVERAGE * total), None)
        if inner is None:
            _trim(node, weight)
            return node, weight[id(node)]
        node = inner


def _sentence(text: str, chars: int) -> bool:
    # …现就有关事项通知如下： is a sentence too; 主办单位：某某 and 浏览次数： are not.
    if CHROME.search(text):
        return False
    return bool(_SENTENCE.search(text)) or (chars >= 15 and text.rstrip().endswith(("：", ":")))


def _data_row(row: Tag) -> bool:
    """A numbered row of a table of measures (1 | 经营异常名录企业 | 限制…): document text
    without a full stop."""
    cells = [c.get_text(" ", strip=True) for c in row.find_all(["td", "th"], recursive=False)]
    cells = [c for c in cells if c]
    return len(cells) >= 2 and bool(re.fullmatch(r"\d{1,3}", cells[0]))


def _trim(node: Tag, weight: Counter) -> None:
    """Within the element found, drop what stands before the document's first sentence
    and after its last unless it is a short plain line (title, 文号, addressee above;
    signature and date below); after the last sentence, the first piece of site
    furniture ends the document."""
    children = node.find_all(recursive=False)
    holding = [i for i, child in enumerate(children) if weight[id(child)]]
    if not holding:
        return
    first, last = holding[0], holding[-1]
    for child in children[:first]:
        if not _plain_line(child):
            child.decompose()
    ended = False
    for child in children[last + 1:]:
        ended = ended or _furniture(child)
        if ended or not (_plain_line(child) or _attached_table(child)):
            child.decompose()


def _furniture(tag: Tag) -> bool:
    """Links, site words (分享到, 主办单位 …) or a nav/footer element: the site, not the document."""
    return (
        tag.name in ("nav", "header", "footer", "aside", "form")
        or tag.find(["a", "nav", "header", "footer", "aside", "form"]) is not None
        or bool(_FURNITURE_ATTR.search(" ".join([*tag.get("class", []), tag.get("id", "")])))
        or bool(CHROME.search(tag.get_text(" ", strip=True)))
    )


def _attached_table(tag: Tag) -> bool:
    """A table after the last sentence that is the document's (an attachment's 岗位表 or
    清单, rows of cells without links), not the site's 信息公开 table."""
    table = tag if tag.name == "table" else tag.find("table")
    if table is None or _furniture(tag):
        return False
    rows = [[c for c in row.find_all(["td", "th"]) if c.get_text(strip=True)] for row in table.find_all("tr")]
    return (sum(len(cells) >= 2 for cells in rows) >= 2
            and not any(info_fields.LABEL.match(c.get_text(strip=True)) for cells in rows for c in cells))


def _plain_line(tag: Tag) -> bool:
    text = tag.get_text(" ", strip=True)
    return (
        not _furniture(tag)
        and tag.name not in ("table", "ul", "ol")
        and tag.find(["table", "ul", "ol"]) is None
        # A memorandum's signature names a dozen bodies and more on one line.
        and (len(text) <= _EDGE_LINE_CHARS or signature_line(text))
    )


def _metadata(soup: BeautifulSoup) -> dict:
    found: dict = {}
    # Label cells hold one short string (发&nbsp;文&nbsp;字&nbsp;号：); looking at strings,
    # not at every element's whole text, keeps this linear in the page.
    for string in soup.find_all(string=True):
        key = info_fields.FIELDS.get(re.sub(r"[\s\u3000\u00a0:：]", "", string)) if len(string) <= 20 else None
        cell = string.find_parent(["td", "th", "span", "li", "div", "p"]) if key else None
        if cell is None or key in found or info_fields.FIELDS.get(re.sub(r"[\s\u3000\u00a0:：]", "", cell.get_text())) != key:
            continue
        value_cell = cell.find_next_sibling(["td", "th", "span", "div", "p"])
        value = value_cell.get_text(" ", strip=True) if value_cell else ""
        if value:
            found[key] = value
    title = found.get("title") or _meta_content(soup, "ArticleTitle") or _heading(soup) or _page_title(soup)
    return info_fields.metadata({**found, "title": title} if title else found)


def _meta_content(soup: BeautifulSoup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"name": name})
    value = tag.get("content", "").strip() if tag else ""
    return value or None


def _heading(soup: BeautifulSoup) -> str | None:
    for tag in soup.find_all(["h1", "h2"]):
        text = tag.get_text("", strip=True)
        if _CJK.search(text) and len(text) <= 100:
            return text
    return None


def _page_title(soup: BeautifulSoup) -> str | None:
    """<title>江川市公共信用信息管理办法_政策文件_江川市人民政府</title>: the first part."""
    if soup.title is None:
        return None
    first = _SITE_SUFFIX.split(soup.title.get_text(strip=True))[0].strip()
    return first if len(_CJK.findall(first)) >= 6 else None


def join_table_cells(root: Tag) -> None:
    """A data table's cell written as several <p> (as Word and site editors do) reads as
    one cell, so the row stays one line. Cells of layout tables, which hold whole
    paragraphs of the document, keep their paragraphs."""
    for row in root.find_all("tr"):
        cells = [c for c in row.find_all(["td", "th"], recursive=False) if c.get_text(strip=True)]
        if len(cells) < 2 or any(len(c.get_text(strip=True)) > 120 for c in cells):
            continue
        for cell in cells:
            for block in reversed(cell.find_all(["p", "div", "span", "br"])):
                if block.name == "br":
                    block.replace_with(" ")
                else:
                    block.insert_before(" ")
                    block.unwrap()
