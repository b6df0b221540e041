"""`taizhang eval --normative`: the scanner end to end on normative-style documents.

The corpus is laws and regulations; departments' ledgers are mostly normative
documents (通知、实施意见、工作要点、管理办法 with headings and items). The check set in
corpora/checks/normative/ holds such documents with every clause labelled before it
was ever scanned (its README says by whom and how). This scans them as a clerk's
batch would be scanned (extractor, headings, gate, model, document thresholds) and
compares clause by clause. The sets the model learns from (training.jsonl, frozen by
corpora/tools/freeze_checks.py) are reported apart from those held out: on the first it
is a check of the whole scanner, in-sample; only the second measures the model.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from classifier.corpus import CHECK_TRAINING as TRAINING_FILE
from classifier.corpus import CORPUS_DIR, LABELS
from classifier.model import ClauseModel

from .scan import Scanner

CHECK_DIR = CORPUS_DIR / "checks" / "normative"


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class Counts:
    tp: int = 0
    fn: int = 0
    fp: int = 0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    clauses: dict[str, Counts] = field(default_factory=lambda: {label: Counts() for label in LABELS})
    documents: dict[str, Counts] = field(default_factory=lambda: {label: Counts() for label in LABELS})
    n_documents: int = 0
    document_correct: dict[str, int] = field(default_factory=lambda: {label: 0 for label in LABELS})
    unmatched: list[tuple[str, str]] = field(default_factory=list)
    # Involved columns the ledger row points out as weak (weak_flags), among those the
    # document rightly and wrongly involves: [weak, all].
    weak_right: list[int] = field(default_factory=lambda: [0, 0])
    weak_wrong: list[int] = field(default_factory=lambda: [0, 0])
    # 否 columns the ledger row points out as near (near_flags), among those the document
    # wrongly and rightly leaves out: [near, all].
    near_missed: list[int] = field(default_factory=lambda: [0, 0])
    near_right: list[int] = field(default_factory=lambda: [0, 0])
    errors: list[str] = field(default_factory=list)  # one line per disagreement

    def document_accuracy(self, label: str) -> float:
        return self.document_correct[label] / self.n_documents if self.n_documents else 1.0


def find_clause(clauses: list[dict], gold: dict) -> dict | None:
    """The scanned clause a gold row names: by location and first characters, else by either.

    A location alone can name the wrong clause: a labeller's count of paragraphs (附件1 第6段)
    may be one off the scanner's, and another clause then holds that name."""
    by_location = [c for c in clauses if c["location"] == gold["location"]]
    start = gold["text_start"]
    by_text = [c for c in clauses if _norm(c["text"]).startswith(start)]
    if len(by_location) == 1 and by_location[0] in by_text:
        return by_location[0]
    if len(by_text) == 1:
        return by_text[0]
    return by_location[0] if len(by_location) == 1 else None


def trained_sets(path: Path = TRAINING_FILE) -> set[str]:
    """The check sets the model learns from (corpora/tools/freeze_checks.py)."""
    if not path.exists():
        return set()
    with open(path, encoding="utf-8") as fh:
        return {json.loads(line)["set"] for line in fh}


def every_set(directory: Path = CHECK_DIR) -> set[str]:
    """The check sets that have gold labels (empty when the folder has none)."""
    gold = directory / "gold.jsonl"
    if not gold.exists():
        return set()
    with open(gold, encoding="utf-8") as fh:
        return {json.loads(line)["set"] for line in fh}


def check(directory: Path = CHECK_DIR, model: ClauseModel | None = None, sets: set[str] | None = None) -> Report:
    """`sets`: only the documents of these check sets (all when None)."""
    scanner = Scanner(model or ClauseModel.load())
    gold_by_doc: dict[str, list[dict]] = defaultdict(list)
    with open(directory / "gold.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if sets is None or row.get("set") in sets:
                gold_by_doc[row["doc"]].append(row)
    report = Report()
    for doc, gold_rows in sorted(gold_by_doc.items()):
        [record] = scanner.scan(directory / "docs" / doc)
        if record["error"]:
            report.errors.append(f"{doc}: {record['error']['code']}")
            continue
        report.n_documents += 1
        involved, flagged = set(), {label for c in record["clauses"] for label in c["labels"]}
        for gold in gold_rows:
            clause = find_clause(record["clauses"], gold)
            if clause is None:
                report.unmatched.append((doc, gold["location"]))
                continue
            involved |= set(gold["labels"])
            for label in LABELS:
                expected, got = label in gold["labels"], label in clause["labels"]
                counts = report.clauses[label]
                if expected and got:
                    counts.tp += 1
                elif expected or got:
                    if expected:
                        counts.fn += 1
                    else:
                        counts.fp += 1
                    report.errors.append(
                        f"{'missed' if expected else 'false'} {label} {doc} {clause['location']} "
                        f"score {clause['scores'][label]:.3f}: {clause['text'][:60]}")
        weak = {w["column"] for w in record["ledger_row"].get("weak_flags") or []}
        near = {n["column"] for n in record["ledger_row"].get("near_flags") or []}
        for label in LABELS:
            counts = report.documents[label]
            expected, got = label in involved, label in flagged
            if got:
                tally = report.weak_right if expected else report.weak_wrong
                tally[0] += f"involves_{label}" in weak
                tally[1] += 1
            else:
                tally = report.near_missed if expected else report.near_right
                tally[0] += f"involves_{label}" in near
                tally[1] += 1
            counts.tp += expected and got
            counts.fn += expected and not got
            counts.fp += got and not expected
            report.document_correct[label] += expected == got
    return report


def _table(report: Report) -> None:
    print(f"{'label':<12}{'recall':>8}{'precision':>11}{'TP':>6}{'FN':>5}{'FP':>5}"
          f"{'doc recall':>12}{'doc acc':>9}")
    for label in LABELS:
        c, d = report.clauses[label], report.documents[label]
        print(f"{label:<12}{c.recall:>8.3f}{c.precision:>11.3f}{c.tp:>6}{c.fn:>5}{c.fp:>5}"
              f"{d.recall:>12.3f}{report.document_accuracy(label):>9.3f}")
    print(f"pointed out as weak (ledger weak_flags): {report.weak_wrong[0]} of {report.weak_wrong[1]} wrongly "
          f"involved columns, {report.weak_right[0]} of {report.weak_right[1]} rightly involved")
    print(f"pointed out as near (ledger near_flags): {report.near_missed[0]} of {report.near_missed[1]} wrongly "
          f"left-out columns, {report.near_right[0]} of {report.near_right[1]} rightly left out")


def run(show_errors: bool = False, model_path: Path | None = None) -> int:
    model = ClauseModel.load(model_path) if model_path else ClauseModel.load()
    every = every_set()
    learnt = trained_sets() & every
    groups = [("held out (never learnt from)", every - learnt),
              ("learnt from (in-sample: a check of the whole scanner, not a measure of the model)", learnt)]
    reports = [(title, sets, check(model=model, sets=sets)) for title, sets in groups if sets]
    total = sum(report.n_documents for _, _, report in reports)
    print(f"model {model.version} on {total} normative-style documents ({CHECK_DIR})")
    for title, sets, report in reports:
        names = sorted(sets, key=lambda name: (len(name), name))  # A … Z, then AA, AB …
        print(f"\n{title}: set{'s' if len(sets) > 1 else ''} {', '.join(names)}, {report.n_documents} documents")
        _table(report)
        if report.unmatched:
            print(f"{len(report.unmatched)} gold clauses found no scanned clause (segmentation changed?)")
        if show_errors:
            for line in report.errors:
                print(line)
    return 0
