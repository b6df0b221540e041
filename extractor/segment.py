"""Turn a backend's ordered paragraphs into clauses.

Article-structured texts (办法、条例、规定) get one clause per 第X条 with all its
paragraphs and items; chapter/section headings are dropped. Notice-style texts get
one clause per numbered section (一、 / （一） / 1. / （1）), or per paragraph when
nothing is numbered. Metadata lines of the head and tail (title, 文号, addressee,
signature, date) are not clauses.
"""
from __future__ import annotations

import re

from .metadata import is_metadata_line
from .model import Clause

_NUM = r"[一二三四五六七八九十百千零〇两\d]+"
ARTICLE_RE = re.compile(rf"^第({_NUM})条(之{_NUM})?(?=[\s　]|$|[^\s款项])")
HEADING_RE = re.compile(rf"^(#+\s*|第{_NUM}(编|分编|章|节)([\s　]|$)|目\s*录$)")
# Notice-style numbering, outermost first. 1. must not swallow decimals like 1.5倍.
LEVELS = [
    re.compile(rf"^({_NUM})[、]"),
    re.compile(rf"^[（(]({_NUM})[）)]"),
    re.compile(r"^(\d{1,2})(?:[.．](?!\d)|、)"),
    re.compile(r"^[（(](\d{1,2})[）)]"),
]
_SENTENCE_END = re.compile(r"[。；;：:！？!?]")


def _numbering(paragraph: str) -> tuple[int, str] | None:
    for level, pattern in enumerate(LEVELS):
        m = pattern.match(paragraph)
        if m:
            return level, m.group(0)
    return None


def _is_section_heading(paragraph: str, marker: str) -> bool:
    """A numbered line with no sentence in it, e.g. 一、深刻认识重要意义."""
    body = paragraph[len(marker):]
    return len(body) <= 30 and not _SENTENCE_END.search(body.rstrip("。"))


def _clean(paragraphs: list[str]) -> list[str]:
    return [p.strip() for p in paragraphs if p and p.strip()]


def segment(paragraphs: list[str]) -> list[Clause]:
    paras = _clean(paragraphs)
    articles = [i for i, p in enumerate(paras) if ARTICLE_RE.match(p)]
    if len(articles) >= 2 or (articles and ARTICLE_RE.match(paras[articles[0]]).group(1) in ("一", "1")):
        chunks = _by_article(paras, articles[0])
    else:
        chunks = _by_numbering(paras)
    return [Clause(id=f"c{i}", location=loc, text="\n".join(body)) for i, (loc, body) in enumerate(chunks, 1)]


def _body_paragraphs(paras: list[str], start: int, end: int) -> list[tuple[int, str]]:
    n = len(paras)
    return [(i, p) for i, p in enumerate(paras[start:end], start) if not is_metadata_line(p, i, n)]


def _by_article(paras: list[str], first: int) -> list[tuple[str, list[str]]]:
    chunks: list[tuple[str, list[str]]] = []
    preamble = [p for _, p in _body_paragraphs(paras, 0, first) if not HEADING_RE.match(p)]
    if preamble:
        chunks.append(("前言", preamble))
    current: tuple[str, list[str]] | None = None
    for i, p in _body_paragraphs(paras, first, len(paras)):
        m = ARTICLE_RE.match(p)
        if m:
            current = (m.group(0), [p])
            chunks.append(current)
        elif HEADING_RE.match(p):
            current = None
        elif current is not None:
            current[1].append(p)
        else:
            # Text between a heading and the next article (rare) stays visible.
            current = (f"第{i + 1}段", [p])
            chunks.append(current)
    return chunks


def _by_numbering(paras: list[str]) -> list[tuple[str, list[str]]]:
    chunks: list[tuple[str, list[str]]] = []
    path: list[str | None] = [None] * len(LEVELS)
    current: tuple[str, list[str]] | None = None
    paragraph_no = under_heading = 0
    for _, p in _body_paragraphs(paras, 0, len(paras)):
        if HEADING_RE.match(p) and p.startswith("#"):
            current = None
            continue
        paragraph_no += 1
        numbered = _numbering(p)
        if numbered:
            level, marker = numbered
            path[level] = marker
            for deeper in range(level + 1, len(LEVELS)):
                path[deeper] = None
            location = "".join(m for m in path[: level + 1] if m)
            if _is_section_heading(p, marker):
                current = None
                under_heading = 0
                continue
            current = (location, [p])
            chunks.append(current)
        elif current is not None:
            current[1].append(p)
        elif any(path):
            # Unnumbered paragraphs under a section heading: one clause each.
            under_heading += 1
            chunks.append(("".join(m for m in path if m) + f"第{under_heading}段", [p]))
        else:
            chunks.append((f"第{paragraph_no}段", [p]))
    return chunks
