"""Web pages (.html/.htm): the visible text, one paragraph per block element.

A document saved from a government website comes wrapped in the site: menus,
breadcrumbs, an 信息公开 table, share and print buttons, related links, a footer.
Only the element that holds the document's sentences is read (webpage.py); the
信息公开 table and the page's title give metadata the text itself may lack.
"""
from __future__ import annotations

import codecs
import re

from bs4 import BeautifulSoup, NavigableString

from .. import errors
from . import text, webpage
from .base import RawText

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
# Pages declare gb2312 but routinely use GBK characters; GB18030 reads both.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030"}
_INVISIBLE = ["head", "script", "style", "noscript", "template", "nav", "iframe", "object", "svg",
              "canvas", "button", "select", "input", "textarea"]
_LISTING_LINKS = 5
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BLOCKS = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "ul", "ol", "dl", "dt",
           "dd", "section", "article", "main", "header", "footer", "aside", "blockquote", "pre",
           "address", "center", "figure", "figcaption", "hr", "form", "fieldset", "caption", "body"]
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")
# A line break in the source between two Chinese characters is layout, not a space.
_CJK = "\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef"
_CJK_WRAP = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n\s*(?=[{_CJK}])")


class _Layout(NavigableString):
    """A line or cell break inserted by us, kept apart from the page's own text."""


def decode(data: bytes, charset: str | None = None) -> str:
    """By `charset` when the container states one (a web archive's part), else by the
    page's own <meta charset>, else detected."""
    declared = _CHARSET.search(data[:4096])
    charset = charset or (declared.group(1).decode("ascii") if declared else None)
    if charset and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            encoding = codecs.lookup(charset).name
            return data.decode(_SUPERSETS.get(encoding, encoding))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    return text.decode(data)


class HtmlBackend:
    format = "html"

    def read(self, data: bytes, name: str) -> RawText:
        soup = BeautifulSoup(decode(data), "lxml")
        for tag in soup.find_all(_INVISIBLE) + soup.find_all(_is_hidden):
            tag.decompose()
        page = webpage.read(soup)
        if page.content is None:
            # A page of links to documents is no document; one whose text is in images or a
            # linked file has none to read. Anything else (a very short page) is read whole.
            if page.links >= _LISTING_LINKS:
                raise errors.link_listing()
            if page.images:
                raise errors.text_in_images()
        root = page.content or soup
        webpage.join_table_cells(root)
        for pre in root.find_all("pre"):
            for node in pre.find_all(string=True):
                if type(node) is NavigableString:
                    first, *rest = str(node).split("\n")
                    node.replace_with(first, *[piece for line in rest for piece in (_Layout("\n"), line)])
        for br in root.find_all("br"):
            br.replace_with(_Layout("\n"))
        for cell in root.find_all(["td", "th"]):
            cell.append(_Layout("\t"))
        for block in root.find_all(_BLOCKS):
            block.insert_before(_Layout("\n"))
            block.append(_Layout("\n"))
        parts = []
        for node in root.descendants:
            if isinstance(node, _Layout):
                parts.append(str(node))
            elif type(node) is NavigableString:  # not comments, doctype or CDATA
                parts.append(_SPACE.sub(" ", _CJK_WRAP.sub("", str(node))))
        lines = (_clean(line) for line in "".join(parts).split("\n"))
        return RawText([line for line in lines if line], metadata=page.metadata)


def _is_hidden(tag) -> bool:
    return (
        tag.has_attr("hidden")
        or tag.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(tag.get("style", "")))
    )


def _clean(line: str) -> str:
    return re.sub(r"\s*\t\s*", "\t", line).strip(" \t\u3000")
