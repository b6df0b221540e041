"""Apply the third-pass audit (tools/make_audit_batches.py) to corpora/labels.jsonl.

Inputs in corpora/work/: audit_key.jsonl (what was picked and why, the labels then),
audit_N.labels.jsonl (the blind re-reads) and adjudicate.labels.jsonl (the
adjudicator's decision wherever the re-read disagreed with the label). Where the
two readings agreed the label stands; otherwise the adjudicator's labels replace
it and the clause's note records the change. corpora/audit.jsonl keeps every
audited clause with all three readings, as provenance.
"""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "corpora" / "work"
LABELS_FILE = ROOT / "corpora" / "labels.jsonl"


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def main() -> None:
    key = {r["key"]: r for r in _rows(WORK / "audit_key.jsonl")}
    reread = {r["key"]: r for p in sorted(WORK.glob("audit_[0-9]*.labels.jsonl")) for r in _rows(p)}
    adjudicated = {r["key"]: r for r in _rows(WORK / "adjudicate.labels.jsonl")}
    assert set(reread) == set(key), "every audited clause needs its re-read"
    final: dict[tuple[str, str], tuple[list[str], str]] = {}
    with open(ROOT / "corpora" / "audit.jsonl", "w", encoding="utf-8") as log:
        for k in sorted(key):
            r = key[k]
            before, again = sorted(r["gold"]), sorted(reread[k]["labels"])
            if before == again:
                after, reason = before, ""
            else:
                after, reason = sorted(adjudicated[k]["labels"]), adjudicated[k]["reason"]
            log.write(json.dumps({
                "doc": r["doc"], "clause": r["clause"], "why": r["why"], "before": before,
                "reread": again, "reread_reason": reread[k]["reason"], "after": after, "adjudication": reason,
            }, ensure_ascii=False) + "\n")
            if after != before:
                final[(r["doc"], r["clause"])] = (after, f"第三轮复核：原标注 {before}，改为 {after}（{reason}）")
    rows = _rows(LABELS_FILE)
    changed = 0
    for row in rows:
        change = final.get((row["doc"], row["clause"]))
        if change:
            row["labels"], note = change
            row["note"] = f"{row['note']}；{note}" if row["note"] else note
            changed += 1
    with open(LABELS_FILE, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(key)} audited, {changed} labels changed")


if __name__ == "__main__":
    main()
