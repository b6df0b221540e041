"""Build the reference list of national and local authorities from lawrefbook.

Writes taizhang/basis/data/authorities.json.gz: every title in
../shared/corpora/lawrefbook with its level (by the folder it sits in) and, for
national laws, administrative regulations and department rules, the wording of
each article (latest version of each title), so a citation 《X》第十条 can show
what it says. Local regulations are listed by title only: they are cited mostly
in their own province, and five provinces' texts would double the file; the
exception is the local credit regulations (社会信用条例, 公共信用信息管理条例 …), the
usual basis a department's list of measures cites.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractor.backends.text import paragraphs  # noqa: E402
from extractor.segment import segment  # noqa: E402

SOURCE = ROOT.parent / "shared" / "corpora" / "lawrefbook"
OUT = ROOT / "taizhang" / "basis" / "data" / "authorities.json.gz"
LAW_FOLDERS = {"宪法", "宪法相关法", "民法典", "民法商法", "行政法", "经济法", "社会法", "刑法", "诉讼与非诉讼程序法"}
LEVEL_BY_FOLDER = {**{f: "law" for f in LAW_FOLDERS}, "行政法规": "administrative_regulation", "部门规章": "department_rule",
                   "DLC": "local_regulation"}
WITH_TEXT = {"law", "administrative_regulation", "department_rule"}
_DATE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)$")
_ARTICLE = re.compile(r"^(第[一二三四五六七八九十百千零〇]+条(之[一二三四五六七八九十]+)?)[\s　]*")


def main() -> None:
    latest: dict[str, tuple[str, Path, str]] = {}
    for path in sorted(SOURCE.rglob("*.md")):
        level = LEVEL_BY_FOLDER.get(path.relative_to(SOURCE).parts[0])
        if level is None:
            continue
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        title = first.lstrip("# ").strip()
        m = _DATE.search(path.stem)
        version = m.group(1) if m else "0000-00-00"
        if title not in latest or version > latest[title][0]:
            latest[title] = (version, path, level)
    authorities = []
    for title, (version, path, level) in sorted(latest.items()):
        entry = {"title": title, "level": level, "version": version, "source": f"lawrefbook/{path.relative_to(SOURCE)}"}
        if level in WITH_TEXT or (level == "local_regulation" and re.search("信用|诚信", title)):
            articles = {}
            for clause in segment(paragraphs(path.read_bytes(), markdown=True)):
                m = _ARTICLE.match(clause.text)
                if m:
                    articles.setdefault(m.group(1), clause.text[m.end():].replace("\n", ""))
            entry["articles"] = articles
        authorities.append(entry)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    payload = {"source": "LawRefBook/Laws snapshot 2025-04, via shared/corpora/lawrefbook", "authorities": authorities}
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(payload, fh, ensure_ascii=False, separators=(",", ":"))
    counts = {}
    for a in authorities:
        counts[a["level"]] = counts.get(a["level"], 0) + 1
    print(len(authorities), counts, f"{OUT.stat().st_size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
