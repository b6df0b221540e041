"""The labelled clause corpus in corpora/: loading, splits, and its content hash."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

LABELS = ("sharing", "blacklist", "punishment")
CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpora"
# Helper-written normative documents' clauses that training learns from (the check sets
# named when it was frozen: corpora/tools/freeze_checks.py); marked synthetic, train only.
CHECK_TRAINING = CORPUS_DIR / "checks" / "normative" / "training.jsonl"
# The `doc` of clauses that only train: never scored out of fold, never dev or test.
SYNTHETIC_DOCS = ("synthetic", "check")
# The `doc` of a reviewer's corrected clause starts with this (api/services/retrain.py).
REVIEWED_PREFIX = "review-"


@dataclass(frozen=True)
class LabelledClause:
    doc: str
    clause: str
    text: str
    labels: frozenset[str]
    split: str
    # A check-set clause's set (A, B, …): training holds a set out whole when it scores
    # the check sets out of fold. Empty for every other clause.
    check_set: str = ""

    @property
    def normative(self) -> bool:
        """A normative document's clause (a check set's, or a reviewer's correction): the
        kind of document a ledger lists, kept apart from the laws when thresholds are chosen."""
        return bool(self.check_set) or self.doc.startswith(REVIEWED_PREFIX)


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
    checks = corpus_dir / CHECK_TRAINING.relative_to(CORPUS_DIR)
    if checks.exists():
        with open(checks, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                clause = f"{row['doc']}#{row['location']}"
                clauses.append(LabelledClause("check", clause, row["text"], frozenset(row["labels"]), "train", row["set"]))
    return clauses


def data_hash(clauses: list[LabelledClause]) -> str:
    """sha256 over what training sees (text, labels, split), in a fixed order."""
    h = hashlib.sha256()
    for c in sorted(clauses, key=lambda c: (c.doc, c.clause)):
        h.update(json.dumps([c.doc, c.clause, c.text, sorted(c.labels), c.split], ensure_ascii=False).encode())
    return h.hexdigest()


def label_matrix(clauses: list[LabelledClause]) -> list[list[int]]:
    return [[int(label in c.labels) for label in LABELS] for c in clauses]
