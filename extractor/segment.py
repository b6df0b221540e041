"""Turn a backend's ordered paragraphs into clauses.

Article-structured texts (办法、条例、规定) get one clause per 第X条 with all its
paragraphs and items; chapter/section headings are dropped. Notice-style texts get
one clause per numbered section (一、 / （一） / 1. / （1）), or per paragraph when
nothing is numbered. Metadata lines of the head and tail (title, 文号, addressee,
signature, date) are not clauses. Attachments (from a 附件1 line after the main
text) are segmented on their own, their locations prefixed with 附件1.
"""
from __future__ import annotations

import re

from .metadata import ATTACHMENT_RE, clean, is_metadata_line, main_body_end, signature_lines, title_spans
from .model import Clause

_CN_NUM = r"[一二三四五六七八九十百千零〇两]+"
_NUM = rf"(?:{_CN_NUM}|\d+)"
ARTICLE_RE = re.compile(rf"^第({_NUM})条(之{_NUM})?(?=[\s　]|$|[^\s款项])")
HEADING_RE = re.compile(rf"^(#+\s*|第{_NUM}(编|分编|章|节)([\s　]|$)|目\s*录$)")
# Notice-style numbering, outermost first. 1. must not swallow decimals like 1.5倍;
# 1、 and （1） are the third and fourth levels, not 一、 and （一）.
LEVELS = [
    re.compile(rf"^({_CN_NUM})[、]"),
    re.compile(rf"^[（(]({_CN_NUM})[）)]"),
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
    """A numbered line with no sentence in it, e.g. 一、深刻认识重要意义.

    Headings are dropped (they only name the location), so a line ending in 。 is
    never one: 1. 各部门要建立台账。 is a whole item.
    """
    body = paragraph[len(marker):]
    return len(body) <= 30 and not _SENTENCE_END.search(body)


def segment(paragraphs: list[str]) -> list[Clause]:
    paras = clean(paragraphs)
    end = main_body_end(paras)
    chunks = _segment_part(paras[:end])
    for label, part in _attachments(paras[end:]):
        chunks += [(f"{label} {location}", body) for location, body in _segment_part(part)]
    return [Clause(id=f"c{i}", location=loc, text="\n".join(body)) for i, (loc, body) in enumerate(chunks, 1)]


def _attachments(paras: list[str]) -> list[tuple[str, list[str]]]:
    parts: list[tuple[str, list[str]]] = []
    for p in paras:
        if ATTACHMENT_RE.match(p):
            parts.append((re.sub(r"\s", "", p), []))
        else:
            parts[-1][1].append(p)
    return parts


def _segment_part(paras: list[str]) -> list[tuple[str, list[str]]]:
    # Every line of a title wrapped over several lines is metadata, not only the one that looks like a title.
    skip = {i for start, end in title_spans(paras) for i in range(start, end + 1)} | signature_lines(paras)
    articles = [i for i, p in enumerate(paras) if ARTICLE_RE.match(p)]
    if len(articles) >= 2 or (articles and ARTICLE_RE.match(paras[articles[0]]).group(1) in ("一", "1")):
        return _by_article(paras, articles[0], skip)
    return _by_numbering(paras, skip)


def _body_paragraphs(paras: list[str], start: int, end: int, skip: set[int], body_start: int) -> list[tuple[int, str]]:
    n = len(paras)
    return [
        (i, p)
        for i, p in enumerate(paras[start:end], start)
        if i not in skip and not is_metadata_line(p, i, n, body_start)
    ]


def _by_article(paras: list[str], first: int, skip: set[int]) -> list[tuple[str, list[str]]]:
    chunks: list[tuple[str, list[str]]] = []
    preamble = [p for _, p in _body_paragraphs(paras, 0, first, skip, first) if not HEADING_RE.match(p)]
    if preamble:
        chunks.append(("前言", preamble))
    current: tuple[str, list[str]] | None = None
    for i, p in _body_paragraphs(paras, first, len(paras), skip, first):
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


def _by_numbering(paras: list[str], skip: set[int]) -> list[tuple[str, list[str]]]:
    chunks: list[tuple[str, list[str]]] = []
    path: list[str | None] = [None] * len(LEVELS)
    current: tuple[str, list[str]] | None = None
    paragraph_no = under_heading = 0
    first_numbered = next((i for i, p in enumerate(paras) if _numbering(p)), len(paras))
    for _, p in _body_paragraphs(paras, 0, len(paras), skip, first_numbered):
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
