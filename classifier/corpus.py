"""The labelled clause corpus in corpora/: loading, splits, and its content hash."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

LABELS = ("sharing", "blacklist", "punishment")
CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpora"


@dataclass(frozen=True)
class LabelledClause:
    doc: str
    clause: str
    text: str
    labels: frozenset[str]
    split: str


def load(corpus_dir: Path = CORPUS_DIR) -> list[LabelledClause]:
    splits = {}
    with open(corpus_dir / "manifest.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            splits[row["id"]] = row["split"]
    clauses = []
    with open(corpus_dir / "labels.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            clauses.append(
                LabelledClause(row["doc"], row["clause"], row["text"], frozenset(row["labels"]), splits[row["doc"]])
            )
    synthetic = corpus_dir / "synthetic.jsonl"
    if synthetic.exists():
        # Marked synthetic clauses train only; dev and test stay real documents.
        with open(synthetic, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                clauses.append(LabelledClause("synthetic", row["id"], row["text"], frozenset(row["labels"]), "train"))
    return clauses


def data_hash(clauses: list[LabelledClause]) -> str:
    """sha256 over what training sees (text, labels, split), in a fixed order."""
    h = hashlib.sha256()
    for c in sorted(clauses, key=lambda c: (c.doc, c.clause)):
        h.update(json.dumps([c.doc, c.clause, c.text, sorted(c.labels), c.split], ensure_ascii=False).encode())
    return h.hexdigest()


def label_matrix(clauses: list[LabelledClause]) -> list[list[int]]:
    return [[int(label in c.labels) for label in LABELS] for c in clauses]
