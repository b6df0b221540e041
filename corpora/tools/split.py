"""Assign train/dev/test by document, stratified by each document's label profile.

Rare labels (blacklist) sit in few documents; a plain random split left dev with
five blacklist clauses, too few to set a threshold on. Stratifying by the
(blacklist, punishment, sharing) profile keeps every split representative while
documents stay whole. Versions of one law (关于…条例(2018-…) and (2021-…)) share
most of their text, so all versions of a title form one unit and land in the same
split. Order inside a profile is a hash of the title, so the split is deterministic
and independent of any model.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1]
SHARES = (("train", 0.70), ("dev", 0.15), ("test", 0.15))
_VERSION = re.compile(r"\(\d{4}-\d{2}-\d{2}\)$")


def title_key(source: str) -> str:
    return _VERSION.sub("", Path(source).stem)


def main() -> None:
    manifest = [json.loads(line) for line in open(CORPUS / "manifest.jsonl", encoding="utf-8")]
    labels_of: dict[str, set] = defaultdict(set)
    for line in open(CORPUS / "labels.jsonl", encoding="utf-8"):
        row = json.loads(line)
        labels_of[row["doc"]].update(row["labels"])
    units: dict[str, list[dict]] = defaultdict(list)
    for row in manifest:
        units[title_key(row["source"])].append(row)
    groups: dict[tuple, list[str]] = defaultdict(list)
    for key, rows in units.items():
        labels = set().union(*(labels_of[r["id"]] for r in rows))
        groups[tuple(label in labels for label in ("blacklist", "punishment", "sharing"))].append(key)
    for keys in groups.values():
        keys.sort(key=lambda k: hashlib.sha256(k.encode()).hexdigest())
        # Largest-remainder allocation so that small groups still reach dev and test.
        n = len(keys)
        counts = {name: int(share * n) for name, share in SHARES}
        for name, _ in sorted(SHARES, key=lambda s: -(s[1] * n - int(s[1] * n)))[: n - sum(counts.values())]:
            counts[name] += 1
        i = 0
        for name, _ in SHARES:
            for key in keys[i : i + counts[name]]:
                for row in units[key]:
                    row["split"] = name
            i += counts[name]
    with open(CORPUS / "manifest.jsonl", "w", encoding="utf-8") as fh:
        for row in manifest:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    for name, _ in SHARES:
        print(name, sum(1 for r in manifest if r["split"] == name), "documents")


if __name__ == "__main__":
    main()
