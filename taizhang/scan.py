"""Scan files into scan-contract records (shared/spec/scan-output.md).

Records stream out in input order; with several workers each process loads the
model once and scans whole files, so memory stays flat however long the batch.
"""
from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from pathlib import Path

from classifier.corpus import LABELS
from classifier.model import DEFAULT_MODEL, ClauseModel
from classifier.tokenize import clear_cache
from extractor import Extracted, extract_file

from .basis import citations
from .ledger_row import build_ledger_row


class Scanner:
    def __init__(self, model: ClauseModel):
        self.model = model

    def record(self, item: Extracted) -> dict:
        record = {
            "file": item.file,
            "sha256": item.sha256,
            "error": item.error.as_dict() if item.error else None,
            "document": None,
            "clauses": None,
            "ledger_row": None,
            "model": {"name": self.model.metadata.get("name"), "version": self.model.version},
        }
        if item.document is None:
            return record
        doc = item.document
        scores = self.model.scores([c.in_context for c in doc.clauses])
        clauses = []
        for clause, row, labels, held in zip(doc.clauses, scores, self.model.flags(scores), self.model.held_back(scores)):
            clauses.append(
                {
                    "id": clause.id,
                    "location": clause.location,
                    "text": clause.text,
                    "heading": clause.heading,
                    "labels": labels,
                    "held_back": held,
                    "scores": {label: round(float(s), 4) for label, s in zip(LABELS, row)},
                    "evidence": self.model.evidence(clause.in_context, labels),
                    "basis": [c.as_dict() for c in citations.extract(clause.text, doc.title)],
                }
            )
        record["document"] = doc.metadata()
        record["clauses"] = clauses
        record["ledger_row"] = build_ledger_row(record["document"], clauses, item.file)
        # The token caches serve one document's features and evidence; kept across a batch
        # they would grow with it (a 580-file scan peaked at 528 MiB against 319 for 50).
        clear_cache()
        return record

    def warm_up(self) -> None:
        """Load jieba's dictionary and the reference list now (both load lazily)."""
        self.model.scores(["纳入信用记录"])
        citations.extract("《中华人民共和国行政许可法》第十二条")

    def scan(self, path: str | Path) -> list[dict]:
        return [self.record(item) for item in extract_file(Path(path), display=str(path))]


# Set in the parent before the pool forks, so workers share the loaded model and
# jieba dictionary instead of each loading its own (seconds per worker).
_worker: Scanner | None = None


def _scan_in_worker(path: str) -> list[dict]:
    return _worker.scan(path)


def scan_paths(paths: Iterable[str | Path], model_path: Path = DEFAULT_MODEL, workers: int = 1) -> Iterator[list[dict]]:
    """Yields, per input file and in input order, the records it produced (a zip gives several)."""
    global _worker
    paths = [str(p) for p in paths]
    scanner = Scanner(ClauseModel.load(model_path))
    if workers <= 1 or len(paths) <= 1 or "fork" not in mp.get_all_start_methods():
        for path in paths:
            yield scanner.scan(path)
        return
    scanner.warm_up()
    _worker = scanner
    with mp.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_scan_in_worker, paths, chunksize=1)
