"""Freeze the normative check sets that training learns from.

    python corpora/tools/freeze_checks.py A B C D E F

The check sets (corpora/checks/normative/) are helper-written normative documents
labelled clause by clause. The sets named here become marked synthetic training
clauses: each gold clause is found in the extractor's reading of its document (by
location, else by its first characters, as `taizhang eval --normative` finds it) and
written to `training.jsonl` with the text the classifier reads (heading：text). Like
labels.jsonl, the text is frozen, so training never depends on the extractor of the
day. Sets not named stay held out: scanned and compared, never learnt from.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractor import extract_file  # noqa: E402
from taizhang.normative_check import CHECK_DIR, TRAINING_FILE, find_clause  # noqa: E402


def freeze(sets: list[str]) -> list[dict]:
    gold = defaultdict(list)
    with open(CHECK_DIR / "gold.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["set"] in sets:
                gold[row["doc"]].append(row)
    frozen = []
    for doc, rows in sorted(gold.items()):
        [item] = extract_file(CHECK_DIR / "docs" / doc)
        clauses = [{"location": c.location, "text": c.text, "in_context": c.in_context} for c in item.document.clauses]
        for row in rows:
            clause = find_clause(clauses, row)
            if clause is None:
                raise SystemExit(f"{doc} {row['location']}: no scanned clause; fix the gold's location first")
            frozen.append({"set": row["set"], "doc": doc, "location": row["location"],
                           "text": clause["in_context"], "labels": row["labels"]})
    return frozen


if __name__ == "__main__":
    sets = sys.argv[1:]
    if not sets:
        raise SystemExit(__doc__)
    rows = freeze(sets)
    with open(TRAINING_FILE, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} clauses of sets {''.join(sets)} → {TRAINING_FILE}")
