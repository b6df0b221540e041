"""Second pass: one consistent re-read of every clause whose label matters most.

Selected without any model: every clause labelled positive in the first pass, and
every read clause labelled negative that names credit, lists, punishment or
publication (STRONG). Reviewers re-read them under labels.md plus the written
conventions in corpora/README.md, so that eight first-pass labellers' borderline
calls converge. Documents stay whole within a batch.
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG = re.compile(r"信用|失信|诚信|名单|名录|惩戒|公示|公布|曝光|不良记录|不良行为|违法记录|档案|通报")


def main(n_batches: int) -> None:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for line in open(ROOT / "corpora" / "labels.jsonl", encoding="utf-8"):
        row = json.loads(line)
        if row["labels"] or (row["read"] and STRONG.search(row["text"])):
            by_doc[row["doc"]].append(
                {k: row[k] for k in ("doc", "clause", "location", "text", "labels")}
            )
    batches: list[list[dict]] = [[] for _ in range(n_batches)]
    sizes = [0] * n_batches
    for doc in sorted(by_doc, key=lambda d: -sum(len(r["text"]) for r in by_doc[d])):
        k = sizes.index(min(sizes))
        batches[k].extend(by_doc[doc])
        sizes[k] += sum(len(r["text"]) for r in by_doc[doc])
    for k, rows in enumerate(batches, 1):
        with open(ROOT / "corpora" / "work" / f"review_{k}.jsonl", "w", encoding="utf-8") as fh:
            for row in sorted(rows, key=lambda r: (r["doc"], int(r["clause"][1:]))):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print("clauses", sum(map(len, batches)), "chars per batch", sizes)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
