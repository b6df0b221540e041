"""Merge labellers' batch outputs into corpora/labels.jsonl.

One line per clause of every corpus document, in document order:
{"doc", "clause", "location", "text", "labels", "read", "note"}.
`read` is true for clauses a labeller read (all trigger-term candidates) and false
for clauses with no trigger term, which are negative by construction.
Segmentation is frozen in corpora/work/segmented.jsonl (written once by
`--freeze`, which appends documents not frozen yet) so that later extractor changes cannot shift clause ids under labels.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

WORK = ROOT / "corpora" / "work"
FROZEN = WORK / "segmented.jsonl"
VALID = {"sharing", "blacklist", "punishment"}


def freeze() -> None:
    from extractor.backends.text import paragraphs
    from extractor.segment import segment

    done = {json.loads(line)["doc"] for line in open(FROZEN, encoding="utf-8")} if FROZEN.exists() else set()
    with open(FROZEN, "a", encoding="utf-8") as out:
        for line in open(ROOT / "corpora" / "manifest.jsonl", encoding="utf-8"):
            row = json.loads(line)
            if row["id"] in done:
                continue
            path = ROOT / "corpora" / row["file"]
            for c in segment(paragraphs(path.read_bytes(), markdown=path.suffix == ".md")):
                out.write(json.dumps({"doc": row["id"], "clause": c.id, "location": c.location, "text": c.text},
                                     ensure_ascii=False) + "\n")


def merge(allow_partial: bool) -> None:
    if (ROOT / "corpora" / "audit.jsonl").exists():
        # labels.jsonl has been edited in place since (apply_audit.py, refreeze.py).
        raise SystemExit("labels.jsonl now holds the third-pass audit and the re-cut; merging the first two "
                         "passes again would undo them. See corpora/README.md.")
    candidates, decided = set(), {}
    for batch in sorted(WORK.glob("batch_*.jsonl")):
        if batch.name.endswith(".labels.jsonl"):
            for line in open(batch, encoding="utf-8"):
                row = json.loads(line)
                labels = set(row["labels"])
                if not labels <= VALID:
                    raise SystemExit(f"{batch.name}: unknown labels {labels - VALID} at {row['doc']} {row['clause']}")
                decided[(row["doc"], row["clause"])] = (sorted(labels), row.get("note", ""))
        else:
            for line in open(batch, encoding="utf-8"):
                row = json.loads(line)
                if "clause" in row:
                    candidates.add((row["doc"], row["clause"]))
    # The second pass (make_review_batches.py) re-read the clauses that matter most;
    # its decisions replace the first pass's.
    for review in sorted(WORK.glob("review_*.labels.jsonl")):
        for line in open(review, encoding="utf-8"):
            row = json.loads(line)
            labels = set(row["labels"])
            if not labels <= VALID:
                raise SystemExit(f"{review.name}: unknown labels {labels - VALID} at {row['doc']} {row['clause']}")
            key = (row["doc"], row["clause"])
            decided[key] = (sorted(labels), row.get("note") or decided.get(key, ([], ""))[1])
    missing = candidates - decided.keys()
    if missing and not allow_partial:
        raise SystemExit(f"{len(missing)} candidate clauses have no label yet, e.g. {sorted(missing)[:5]}")
    written = 0
    with open(ROOT / "corpora" / "labels.jsonl", "w", encoding="utf-8") as out:
        for line in open(FROZEN, encoding="utf-8"):
            row = json.loads(line)
            key = (row["doc"], row["clause"])
            if key in missing:
                continue
            labels, note = decided.get(key, ([], ""))
            row.update(labels=labels, read=key in candidates, note=note)
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += 1
    print(f"{written} clauses written, {len(missing)} candidates still unlabelled")


if __name__ == "__main__":
    if "--freeze" in sys.argv:
        freeze()
    else:
        merge(allow_partial="--partial" in sys.argv)
