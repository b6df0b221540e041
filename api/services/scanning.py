"""Background scanning: worker threads take queued documents from the database.

The database is the queue, so nothing is lost when the process stops: at
start-up, documents left `scanning` by a previous run go back to `queued` and
their jobs finish. A claim carries a lease; a worker writes its result only
while the lease is still its own, so a scan that outlives its claim (the
process was restarted under it) cannot write twice. Threads rather than
processes: a scan of one document takes tens of milliseconds, less than
handing the document to another process would cost.
"""
from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable

from sqlalchemy import select, update

from classifier.corpus import LABELS
from classifier.gate import passes
from extractor import Limits, extract_bytes
from extractor.model import in_context
from taizhang.ledger_row import build_ledger_row
from taizhang.scan import Scanner

from ..db import Database
from ..models import DOC_FAILED, DOC_QUEUED, DOC_SCANNED, DOC_SCANNING, DRAFT, Clause, Document, Draft, utcnow
from ..storage import BlobStore
from .registry import ModelHolder

log = logging.getLogger(__name__)

# A document that brought its worker down this many times is reported, not retried again.
MAX_ATTEMPTS = 3
IDLE_POLL_SECONDS = 2.0
SCAN_FAILED = ("scan_failed", "扫描该文件时出错。请重新上传；若仍失败，请把文件交给系统管理员检查。")

# (scanner, file bytes, display name, limits) -> scan contract records; tests may wrap it.
ScanFn = Callable[[Scanner, bytes, str, Limits], list[dict]]


def scan_bytes(scanner: Scanner, data: bytes, file: str, limits: Limits) -> list[dict]:
    return [scanner.record(item) for item in extract_bytes(data, file, limits)]


def margin(scores: dict, thresholds: dict, text: str) -> float | None:
    """How close the clause came to flipping a label; None when the gate never ran the model."""
    if not passes(text):
        return None
    return round(min(abs(scores[label] - thresholds[label]) for label in LABELS), 4)


class ScanPool:
    def __init__(self, db: Database, store: BlobStore, models: ModelHolder, workers: int, limits: Limits,
                 scan_fn: ScanFn = scan_bytes):
        self.db, self.store, self.models, self.limits = db, store, models, limits
        self.workers, self.scan_fn = workers, scan_fn
        # notify() bumps the generation; an idle worker sleeps only if nothing was queued since it
        # last looked, so no upload waits for the poll interval.
        self._changed = threading.Condition()
        self._generation = 0
        self._stopping = False
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        self.resume()
        for n in range(self.workers):
            thread = threading.Thread(target=self._run, name=f"scan-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def resume(self) -> int:
        """Re-queue what a previous run left half-scanned; returns how many."""
        with self.db.transaction() as session:
            result = session.execute(update(Document).where(Document.status == DOC_SCANNING)
                                     .values(status=DOC_QUEUED, lease=None))
            if result.rowcount:
                log.info("resuming %d unfinished scans", result.rowcount)
            return result.rowcount

    def notify(self) -> None:
        with self._changed:
            self._generation += 1
            self._changed.notify_all()

    def stop(self, timeout: float = 5.0) -> None:
        """Workers finish the document in hand; one that is stuck is left behind (its lease dies with it)."""
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()

    def _run(self) -> None:
        while not self._stopping:
            with self._changed:
                seen = self._generation
            try:
                claim = self._claim()
            except Exception:
                log.exception("could not claim a document")
                claim, seen = None, None  # back off for one poll interval
            if claim is not None:
                self._process(*claim)
                continue
            with self._changed:
                if not self._stopping and (seen is None or seen == self._generation):
                    self._changed.wait(IDLE_POLL_SECONDS)

    def _claim(self) -> tuple[int, str, str, str] | None:
        with self.db.transaction() as session:
            doc = session.scalars(select(Document).where(Document.status == DOC_QUEUED).order_by(Document.id)
                                  .limit(1).with_for_update(skip_locked=True)).first()
            if doc is None:
                return None
            if doc.attempts >= MAX_ATTEMPTS:
                doc.status, (doc.error_code, doc.error_message) = DOC_FAILED, SCAN_FAILED
                self.notify()  # settled; look for the next one straight away
                return None
            doc.status, doc.lease, doc.attempts = DOC_SCANNING, uuid.uuid4().hex, doc.attempts + 1
            return doc.id, doc.lease, doc.sha256, doc.file

    def _process(self, doc_id: int, lease: str, sha256: str, file: str) -> None:
        scanner = self.models.scanner()
        try:
            record = self._reused(sha256, file, scanner) or self._scan(sha256, file, scanner)
        except Exception:
            log.exception("scanning document %s (%s) failed", doc_id, file)
            code, message = SCAN_FAILED
            record = {"error": {"code": code, "message": message}}
        try:
            self._save(doc_id, lease, record, scanner.model.thresholds)
        except Exception:
            log.exception("could not save the scan of document %s", doc_id)

    def _scan(self, sha256: str, file: str, scanner: Scanner) -> dict:
        records = self.scan_fn(scanner, self.store.get(sha256), file, self.limits)
        # Zips were expanded at upload, so one stored file is one document.
        return records[0]

    def _reused(self, sha256: str, file: str, scanner: Scanner) -> dict | None:
        """The same bytes already scanned by the same model for another unit: copy, don't scan again."""
        with self.db.session() as session:
            source = session.scalars(select(Document).where(
                Document.sha256 == sha256, Document.status == DOC_SCANNED,
                Document.model["version"].as_string() == scanner.model.version).limit(1)).first()
            if source is None:
                return None
            rows = session.scalars(select(Clause).where(Clause.document_id == source.id).order_by(Clause.position))
            clauses = [{"id": c.key, "location": c.location, "text": c.text, "heading": c.heading,
                        "labels": list(c.model_labels), "held_back": list(c.held_back or []),
                        "scores": c.scores, "evidence": c.evidence, "basis": c.basis} for c in rows]
            return {"file": file, "sha256": sha256, "error": None, "document": source.document, "clauses": clauses,
                    "ledger_row": build_ledger_row(source.document, clauses, file), "model": source.model}

    def _save(self, doc_id: int, lease: str, record: dict, thresholds: dict) -> None:
        with self.db.transaction() as session:
            doc = session.get(Document, doc_id, with_for_update=True)
            if doc is None or doc.lease != lease or doc.status != DOC_SCANNING:
                log.info("document %s was re-queued while being scanned; dropping this result", doc_id)
                return
            doc.lease, doc.scanned_at = None, utcnow()
            if record.get("error"):
                doc.status = DOC_FAILED
                doc.error_code, doc.error_message = record["error"]["code"], record["error"]["message"]
                return
            doc.status, doc.document, doc.model = DOC_SCANNED, record["document"], record["model"]
            doc.error_code = doc.error_message = None
            for position, c in enumerate(record["clauses"]):
                session.add(Clause(document_id=doc.id, position=position, key=c["id"], location=c["location"],
                                   text=c["text"], heading=c.get("heading"), labels=list(c["labels"]),
                                   model_labels=list(c["labels"]), held_back=list(c.get("held_back") or []),
                                   scores=c["scores"], evidence=c["evidence"], basis=c["basis"],
                                   margin=margin(c["scores"], thresholds, in_context(c["text"], c.get("heading"))),
                                   reviewed=False))
            session.add(Draft(document_id=doc.id, unit=doc.unit, status=DRAFT, version=1,
                              row=record["ledger_row"], edited=[]))
