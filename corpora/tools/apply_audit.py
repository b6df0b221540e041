"""Apply the third-pass audit (tools/make_audit_batches.py) to corpora/labels.jsonl.

Inputs in corpora/work/: audit_key.jsonl (what was picked and why, the labels then),
audit_N.labels.jsonl (the blind re-reads) and adjudicate.labels.jsonl (the
adjudicator's decision wherever the re-read disagreed with the label); for a later
round (`--round 2`) the same files named audit_r2_* and adjudicate_r2.labels.jsonl.
A round is applied once; its entries are appended to audit.jsonl. Where the
two readings agreed the label stands; otherwise the adjudicator's labels replace
it and the clause's note records the change. corpora/audit.jsonl keeps every
audited clause with all three readings, as provenance.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from make_audit_batches import prefix  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "corpora" / "work"
LABELS_FILE = ROOT / "corpora" / "labels.jsonl"
AUDIT_FILE = ROOT / "corpora" / "audit.jsonl"


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def main(round_: int) -> None:
    stem = prefix(round_)
    adjudication = WORK / ("adjudicate.labels.jsonl" if round_ == 1 else f"adjudicate_r{round_}.labels.jsonl")
    log = _rows(AUDIT_FILE) if AUDIT_FILE.exists() else []
    if any(entry.get("round", 1) == round_ for entry in log):
        raise SystemExit(f"round {round_} is already in {AUDIT_FILE.name}")
    key = {r["key"]: r for r in _rows(WORK / f"{stem}_key.jsonl")}
    reread = {r["key"]: r for p in sorted(WORK.glob(f"{stem}_[0-9]*.labels.jsonl")) for r in _rows(p)}
    assert set(reread) == set(key), "every audited clause needs its re-read"
    disputed = [k for k in key if sorted(key[k]["gold"]) != sorted(reread[k]["labels"])]
    adjudicated = {r["key"]: r for r in _rows(adjudication)} if disputed else {}
    assert set(disputed) <= set(adjudicated), f"every disagreement needs its adjudication in {adjudication.name}"
    final: dict[tuple[str, str], tuple[list[str], str]] = {}
    for k in sorted(key):
        r = key[k]
        before, again = sorted(r["gold"]), sorted(reread[k]["labels"])
        after, reason = (before, "") if k not in disputed else (sorted(adjudicated[k]["labels"]), adjudicated[k]["reason"])
        log.append({
            "round": round_, "doc": r["doc"], "clause": r["clause"], "why": r["why"], "before": before,
            "reread": again, "reread_reason": reread[k]["reason"], "after": after, "adjudication": reason,
        })
        if after != before:
            final[(r["doc"], r["clause"])] = (after, f"复核（第{round_}轮）：原标注 {before}，改为 {after}（{reason}）")
    rows = _rows(LABELS_FILE)
    changed = 0
    for row in rows:
        change = final.get((row["doc"], row["clause"]))
        if change:
            row["labels"], note = change
            row["note"] = f"{row['note']}；{note}" if row["note"] else note
            changed += 1
    _write(LABELS_FILE, rows)
    _write(AUDIT_FILE, log)
    print(f"round {round_}: {len(key)} audited, {len(disputed)} disputed, {changed} labels changed")


def _write(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(int(sys.argv[sys.argv.index("--round") + 1]) if "--round" in sys.argv else 1)
