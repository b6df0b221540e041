"""Read never-read clauses that a new scanner term admits: make the batches, then apply them.

The first labelling pass read every clause holding one of make_batches.py's trigger terms;
the rest are negatives without being read (corpora/README.md, step 5). When the scanner's
gate (classifier/gate.py) learns a term that list lacked, the never-read clauses holding it
are read too, in every split (the choice is by term, never by a model), each by one
labeller under labels.md and the conventions:

    python corpora/tools/read_unread.py batches NAME REGEX N   # corpora/work/NAME_k.jsonl, k = 1..N
    python corpora/tools/read_unread.py apply NAME             # reads corpora/work/NAME_k.labels.jsonl
    python corpora/tools/read_unread.py second NAME            # NAME.second.jsonl, NAME.adjudicated.jsonl
    python corpora/tools/read_unread.py sample NAME N SEED     # corpora/work/NAME_1.jsonl

`sample` draws N never-read clauses (15 characters or more) that the gate admits, at random,
to check that what the first pass never read is negative.

`apply` marks each clause read, sets its labels and note, and appends one entry per clause
to audit.jsonl (round NAME); a round is applied once. `second` records a blind second reading
of the clauses the first reader explained (every positive and every doubt), and where the two
differ, an adjudicator's choice between them shown in random order, which then stands.
"""
from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "corpora" / "work"
LABELS_FILE = ROOT / "corpora" / "labels.jsonl"
AUDIT_FILE = ROOT / "corpora" / "audit.jsonl"
MANIFEST = ROOT / "corpora" / "manifest.jsonl"


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def write_rows(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def _title(doc: dict) -> str:
    with open(ROOT / "corpora" / doc["file"], encoding="utf-8") as fh:
        return fh.readline().strip().lstrip("# ").strip()


def batches(name: str, pattern: str, n: int) -> None:
    """Never-read clauses matching `pattern`, whole documents per batch, batches of
    about equal length; labellers see title, location and text only (no split)."""
    titles = {d["id"]: _title(d) for d in read_rows(MANIFEST)}
    term = re.compile(pattern)
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for r in read_rows(LABELS_FILE):
        if not r["read"] and term.search(r["text"]):
            by_doc[r["doc"]].append({k: r[k] for k in ("doc", "clause", "location", "text")} | {"title": titles[r["doc"]]})
    out: list[list[dict]] = [[] for _ in range(n)]
    size = [0] * n
    for doc, rows in sorted(by_doc.items(), key=lambda kv: (-sum(len(r["text"]) for r in kv[1]), kv[0])):
        k = size.index(min(size))
        out[k] += rows
        size[k] += sum(len(r["text"]) for r in rows)
    WORK.mkdir(exist_ok=True)
    for k, rows in enumerate(out, 1):
        write_rows(WORK / f"{name}_{k}.jsonl", rows)
    print(f"{sum(map(len, out))} clauses in {n} batches", file=sys.stderr)


def sample(name: str, n: int, seed: int) -> None:
    sys.path.insert(0, str(ROOT))
    from classifier.gate import passes

    titles = {d["id"]: _title(d) for d in read_rows(MANIFEST)}
    never_read = [r for r in read_rows(LABELS_FILE) if not r["read"] and len(r["text"]) >= 15 and passes(r["text"])]
    random.seed(seed)
    picked = random.sample(never_read, n)
    WORK.mkdir(exist_ok=True)
    write_rows(WORK / f"{name}_1.jsonl", [{"doc": r["doc"], "clause": r["clause"], "title": titles[r["doc"]],
                                           "location": r["location"], "text": r["text"]} for r in picked])
    print(f"{n} of {len(never_read)} never-read clauses the gate admits", file=sys.stderr)


def apply(name: str) -> None:
    log = read_rows(AUDIT_FILE)
    if any(entry.get("round") == name for entry in log):
        raise SystemExit(f"round {name} is already in {AUDIT_FILE.name}")
    asked = {(r["doc"], r["clause"]) for p in WORK.glob(f"{name}_[0-9]*.jsonl") if ".labels." not in p.name
             for r in read_rows(p)}
    read = {(r["doc"], r["clause"]): r for p in sorted(WORK.glob(f"{name}_[0-9]*.labels.jsonl")) for r in read_rows(p)}
    assert set(read) == asked, "every clause of the batches needs its reading, and nothing else"
    rows = read_rows(LABELS_FILE)
    for r in rows:
        reading = read.get((r["doc"], r["clause"]))
        if reading is None:
            continue
        assert not r["read"], f"{r['doc']} {r['clause']} was read already"
        labels = sorted(reading["labels"])
        log.append({"round": name, "doc": r["doc"], "clause": r["clause"], "why": [f"gate:{name}"],
                    "before": r["labels"], "reread": labels, "reread_reason": reading.get("note", ""),
                    "after": labels, "adjudication": ""})
        r["read"], r["labels"] = True, labels
        if labels:
            r["note"] = f"read in round {name}: {reading.get('note', '')}".strip()
    write_rows(LABELS_FILE, rows)
    write_rows(AUDIT_FILE, log)
    print(f"{len(read)} clauses read, {sum(bool(r['labels']) for r in read.values())} labelled", file=sys.stderr)


def second(name: str) -> None:
    reading = {(r["doc"], r["clause"]): r for r in read_rows(WORK / f"{name}.second.jsonl")}
    decided = {(r["doc"], r["clause"]): r for r in read_rows(WORK / f"{name}.adjudicated.jsonl")}
    log = read_rows(AUDIT_FILE)
    entries = {(e["doc"], e["clause"]): e for e in log if e.get("round") == name}
    assert set(reading) <= set(entries) and set(decided) <= set(reading)
    for key, r in reading.items():
        entry = entries[key]
        entry["second"], entry["second_reason"] = sorted(r["labels"]), r.get("note", "")
        if sorted(r["labels"]) != entry["reread"]:
            assert key in decided, f"{key}: the readings differ and nobody decided"
            entry["after"], entry["adjudication"] = sorted(decided[key]["labels"]), decided[key]["reason"]
    final = {key: e["after"] for key, e in entries.items()}
    rows = read_rows(LABELS_FILE)
    for r in rows:
        if (r["doc"], r["clause"]) in final:
            r["labels"] = final[(r["doc"], r["clause"])]
    write_rows(LABELS_FILE, rows)
    write_rows(AUDIT_FILE, log)
    changed = sum(e["after"] != e["reread"] for e in entries.values())
    print(f"{len(reading)} read twice, {len(decided)} adjudicated, {changed} labels changed", file=sys.stderr)


if __name__ == "__main__":
    {"batches": lambda: batches(sys.argv[2], sys.argv[3], int(sys.argv[4])),
     "apply": lambda: apply(sys.argv[2]), "second": lambda: second(sys.argv[2]),
     "sample": lambda: sample(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))}[sys.argv[1]]()
