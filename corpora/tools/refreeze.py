"""Re-cut the documents whose frozen segmentation the extractor no longer produces.

The segmentation frozen for labelling (merge_labels.py --freeze) came from an early
segmenter that, in an article whose lead-in ends with "：" before its items, dropped
the lead-in and hung the items on the previous clause (d0389 lost "第一条 …人民法院应当
将其纳入失信被执行人名单" that way). The scanner has long cut these correctly, so the
model trained on text it never sees at scan time, and a few clauses were labelled on
text that was not the law's.

    python corpora/tools/refreeze.py prepare   # work/refreeze.jsonl: changed clauses to read
    python corpora/tools/refreeze.py apply     # after work/refreeze.labels.jsonl is written

`prepare` cuts every document again, exactly as freezing did; a document whose clauses
differ is re-cut. Clauses whose text is unchanged keep their labels, reading and note;
changed clauses with a trigger term (make_batches.TRIGGER) are written out to be read
and labelled blind under labels.md; changed clauses without one are unread negatives,
as everywhere in the corpus. `apply` writes the new clauses into labels.jsonl (clause
ids of a re-cut document are renumbered) and re-keys audit.jsonl by text.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from extractor.backends.text import paragraphs  # noqa: E402
from extractor.segment import segment  # noqa: E402
from make_batches import TRIGGER  # noqa: E402

CORPUS = ROOT / "corpora"
WORK = CORPUS / "work"
NOTE = "重新切分（旧切分丢失了条文引语）后重读标注"


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def _write(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def recut() -> dict[str, list[dict]]:
    """New rows (labels still pending where they must be read) for every document that changed."""
    frozen: dict[str, list[dict]] = {}
    for row in _rows(CORPUS / "labels.jsonl"):
        frozen.setdefault(row["doc"], []).append(row)
    out = {}
    for doc in _rows(CORPUS / "manifest.jsonl"):
        path = CORPUS / doc["file"]
        clauses = segment(paragraphs(path.read_bytes(), markdown=path.suffix == ".md"))
        old = frozen[doc["id"]]
        if [c.text for c in clauses] == [r["text"] for r in old]:
            continue
        by_text = {r["text"]: r for r in old}
        rows = []
        for c in clauses:
            row = {"doc": doc["id"], "clause": c.id, "location": c.location, "text": c.text}
            kept = by_text.get(c.text)
            if kept:
                row.update(labels=kept["labels"], read=kept["read"], note=kept["note"])
            elif TRIGGER.search(c.text):
                row.update(labels=None, read=True, note=NOTE)
            else:
                row.update(labels=[], read=False, note="")
            rows.append(row)
        out[doc["id"]] = rows
    return out


def prepare() -> None:
    titles = {d["id"]: Path(d["source"]).stem for d in _rows(CORPUS / "manifest.jsonl")}
    changed = recut()
    pending = [
        {"key": f"{r['doc']}:{r['clause']}", "title": titles[r["doc"]], "text": r["text"]}
        for rows in changed.values() for r in rows if r["labels"] is None
    ]
    _write(WORK / "refreeze.jsonl", pending)
    print(f"{len(changed)} documents re-cut; {len(pending)} changed clauses to read → {WORK / 'refreeze.jsonl'}")


def apply() -> None:
    changed = recut()
    read = {r["key"]: r for r in _rows(WORK / "refreeze.labels.jsonl")}
    for rows in changed.values():
        for r in rows:
            if r["labels"] is None:
                r["labels"] = sorted(read[f"{r['doc']}:{r['clause']}"]["labels"])
    out, done = [], set()
    for row in _rows(CORPUS / "labels.jsonl"):
        if row["doc"] not in changed:
            out.append(row)
        elif row["doc"] not in done:
            out.extend(changed[row["doc"]])
            done.add(row["doc"])
    old_ids = {(r["doc"], r["clause"]): r["text"] for r in _rows(CORPUS / "labels.jsonl")}
    new_ids = {(r["doc"], r["text"]): r["clause"] for r in out}
    audit = _rows(CORPUS / "audit.jsonl")
    for entry in audit:
        text = old_ids.get((entry["doc"], entry["clause"]))
        if text is None:  # already marked re-cut
            continue
        if (entry["doc"], text) in new_ids:
            entry["clause"] = new_ids[(entry["doc"], text)]
        else:  # its text was re-cut; the new clause was read anew
            entry["clause"], entry["recut"] = None, True
    _write(CORPUS / "labels.jsonl", out)
    _write(CORPUS / "audit.jsonl", audit)
    print(f"{len(changed)} documents re-cut, {sum(r['note'] == NOTE for r in out)} clauses read anew")


if __name__ == "__main__":
    {"prepare": prepare, "apply": apply}[sys.argv[1]]()
