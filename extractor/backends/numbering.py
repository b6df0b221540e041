"""Word's automatic numbering, rendered as the reader sees it (第一条, 一、, （一）, 1.).

Regulations are often numbered by Word itself: the 第X条 on the page is not in the
paragraph's text, and without it the segmenter would find no articles at all.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from docx.opc.constants import RELATIONSHIP_TYPE as RT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_LEGAL = str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰")
_STEMS = "甲乙丙丁戊己庚辛壬癸"


class _Level(NamedTuple):
    start: int
    fmt: str
    text: str  # e.g. 第%1条, %1、, （%1）, %1.%2
    separator: str  # what Word puts between the number and the text
    # w:lvlRestart: restart after an item at a level above this one-based level (0: never,
    # as for 第%2条 numbered on through chapters); None: after any higher level.
    restart: int | None = None


def _val(element, path: str, default: str | None = None) -> str | None:
    found = element.find(path)
    return found.get(W + "val", default) if found is not None else default


def _level(lvl) -> _Level:
    suffix = _val(lvl, W + "suff", "tab")
    return _Level(
        start=int(_val(lvl, W + "start", "1")),
        fmt=_val(lvl, W + "numFmt", "decimal"),
        text=_val(lvl, W + "lvlText", ""),
        separator="" if suffix == "nothing" else " ",
        restart=int(_val(lvl, W + "lvlRestart")) if _val(lvl, W + "lvlRestart") is not None else None,
    )


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五, 110 → 一百一十."""
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        if rest == 0:
            tail = ""
        elif rest < 10:
            tail = "零" + _DIGITS[rest]
        else:
            tail = ("一" if rest < 20 else "") + chinese(rest)  # 一百一十, not 一百十
        return _DIGITS[hundreds] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        count, n = divmod(n, value)
        out += letters * count
    return out


def render(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting"):
        return chinese(n)
    if fmt == "chineseLegalSimplified":
        return chinese(n).translate(_LEGAL)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _STEMS[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if fmt in ("lowerLetter", "upperLetter") and n >= 1:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and n >= 1:
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    return str(n)


def _lists(definitions) -> dict[str, dict[int, _Level]]:
    """numId → level → how that level is numbered, with the list's overrides applied."""
    abstract = {
        a.get(W + "abstractNumId"): {int(lvl.get(W + "ilvl")): _level(lvl) for lvl in a.iterchildren(W + "lvl")}
        for a in definitions.iterchildren(W + "abstractNum")
    }
    lists = {}
    for num in definitions.iterchildren(W + "num"):
        levels = dict(abstract.get(_val(num, W + "abstractNumId"), {}))
        for override in num.iterchildren(W + "lvlOverride"):
            ilvl = int(override.get(W + "ilvl"))
            lvl, start = override.find(W + "lvl"), _val(override, W + "startOverride")
            if lvl is not None:
                levels[ilvl] = _level(lvl)
            elif start is not None and ilvl in levels:
                levels[ilvl] = levels[ilvl]._replace(start=int(start))
        lists[num.get(W + "numId")] = levels
    return lists


class Numbering:
    """Counts numbered paragraphs in reading order and renders each one's label."""

    def __init__(self, document):
        try:
            definitions = document.part.part_related_by(RT.NUMBERING).element
        except KeyError:  # a document without any list
            definitions = None
        self._lists = _lists(definitions) if definitions is not None else {}
        self._styles = {s.get(W + "styleId"): s for s in document.styles.element.iterchildren(W + "style")}
        self._counters: dict[str, dict[int, int]] = {}

    def _num_pr(self, p) -> tuple[str | None, int]:
        """The paragraph's list and level, its own or inherited from its style."""
        num_pr = p.find(f"{W}pPr/{W}numPr")
        style_id = _val(p, f"{W}pPr/{W}pStyle")
        seen = set()
        while num_pr is None and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            style = self._styles[style_id]
            num_pr = style.find(f"{W}pPr/{W}numPr")
            style_id = _val(style, W + "basedOn")
        if num_pr is None:
            return None, 0
        return _val(num_pr, W + "numId"), int(_val(num_pr, W + "ilvl", "0"))

    def label(self, p) -> str:
        num_id, ilvl = self._num_pr(p)
        levels = self._lists.get(num_id or "", {})
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or ilvl < restart:
                del counters[deeper]  # a new item restarts the levels below it
        level = levels[ilvl]
        if level.fmt in ("bullet", "none") or not level.text:
            return ""

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            outer = levels.get(k)
            return render(counters.get(k, outer.start if outer else 1), outer.fmt if outer else "decimal")

        return re.sub(r"%([1-9])", number, level.text) + level.separator
