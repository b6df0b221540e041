"""Assign train/dev/test by document, stratified by each document's label profile.

Rare labels (blacklist) sit in few documents; a plain random split left dev with
five blacklist clauses, too few to set a threshold on. Stratifying by the
(blacklist, punishment, sharing) profile of the whole document keeps every split
representative while documents stay whole. Order within a profile is a hash of the
document id, so the split is deterministic and independent of any model.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1]
SHARES = (("train", 0.70), ("dev", 0.15), ("test", 0.15))


def main() -> None:
    manifest = [json.loads(line) for line in open(CORPUS / "manifest.jsonl", encoding="utf-8")]
    profile: dict[str, set] = defaultdict(set)
    for line in open(CORPUS / "labels.jsonl", encoding="utf-8"):
        row = json.loads(line)
        profile[row["doc"]].update(row["labels"])
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in manifest:
        labels = profile[row["id"]]
        groups[tuple(label in labels for label in ("blacklist", "punishment", "sharing"))].append(row)
    for rows in groups.values():
        rows.sort(key=lambda r: hashlib.sha256(r["id"].encode()).hexdigest())
        # Largest-remainder allocation so that small groups still reach dev and test.
        n = len(rows)
        counts = {name: int(share * n) for name, share in SHARES}
        for name, _ in sorted(SHARES, key=lambda s: -(s[1] * n - int(s[1] * n)))[: n - sum(counts.values())]:
            counts[name] += 1
        i = 0
        for name, _ in SHARES:
            for row in rows[i : i + counts[name]]:
                row["split"] = name
            i += counts[name]
    with open(CORPUS / "manifest.jsonl", "w", encoding="utf-8") as fh:
        for row in manifest:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    for name, _ in SHARES:
        print(name, sum(1 for r in manifest if r["split"] == name), "documents")


if __name__ == "__main__":
    main()
