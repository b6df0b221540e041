"""The reference list of national laws, regulations and rules (built from
lawrefbook by corpora/tools/build_authorities.py), with article wording."""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "authorities.json.gz"
PRC = "中华人民共和国"


@dataclass(frozen=True)
class Authority:
    title: str
    level: str
    source: str
    articles: dict


@lru_cache(maxsize=1)
def _index() -> dict[str, Authority]:
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        payload = json.load(fh)
    index: dict[str, Authority] = {}
    for row in payload["authorities"]:
        authority = Authority(row["title"], row["level"], row["source"], row.get("articles", {}))
        index[row["title"]] = authority
        # Laws are often cited without the country name: 《行政处罚法》.
        if row["title"].startswith(PRC):
            index.setdefault(row["title"][len(PRC):], authority)
    return index


def find(title: str | None) -> Authority | None:
    if not title:
        return None
    title = title.strip()
    return _index().get(title) or _index().get(title.removeprefix(PRC))


def article_text(title: str | None, article: str | None) -> str | None:
    """The wording of 《title》第X条 when the reference list has it (第Y款 narrows nothing)."""
    authority = find(title)
    if authority is None or not article:
        return None
    head = article.split("条")[0] + "条"
    return authority.articles.get(head)
