"""Retraining on the corpus plus reviewers' corrections, behind a promotion gate.

The candidate and the active model are both evaluated on the corpus's fixed
test split (never trained on: corrected clauses whose text is in that split are
left out). The candidate goes live only if no label's recall drops by more than
MAX_RECALL_DROP and macro-F1 does not drop; otherwise it is kept, inactive, as a
rejected candidate with the reason.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from classifier import train as training
from classifier.corpus import LABELS, LabelledClause, load
from classifier.model import ClauseModel

from ..config import Settings
from ..db import Database
from ..models import Clause, Document, Job, ModelVersion, User, utcnow
from ..principal import Principal
from . import audit
from .registry import ModelHolder, make_active

log = logging.getLogger(__name__)

MAX_RECALL_DROP = 0.01
LABEL_NAMES = {"sharing": "信用信息共享公开", "blacklist": "“黑名单”认定", "punishment": "失信惩戒措施"}

# (corpus dir, output path, extra labelled clauses) -> the trained model, saved at the output path.
Trainer = Callable[[Path, Path, list[LabelledClause]], ClauseModel]
# (model, corpus clauses, split) -> classifier.train.evaluate's report.
Evaluator = Callable[[ClauseModel, list[LabelledClause], str], dict]


class _LogWriter:
    """classifier.train prints its progress to a stream; send it to the service log instead."""

    def write(self, text: str) -> None:
        if text.strip():
            log.info("retrain: %s", text.strip())

    def flush(self) -> None:
        pass


def default_trainer(corpus_dir: Path, out: Path, extra: list[LabelledClause]) -> ClauseModel:
    return training.train(corpus_dir, out, log=_LogWriter(), extra=extra)


def macro_f1(report: dict) -> float:
    return sum(report["clauses"][label]["f1"] for label in LABELS) / len(LABELS)


def gate(active: dict, candidate: dict) -> tuple[bool, str]:
    """(promote?, why) from the two test-split reports."""
    problems = []
    for label in LABELS:
        before, after = active["clauses"][label]["recall"], candidate["clauses"][label]["recall"]
        if before - after > MAX_RECALL_DROP + 1e-9:
            problems.append(f"{LABEL_NAMES[label]}召回率由 {before:.3f} 降至 {after:.3f}（降幅超过 {MAX_RECALL_DROP}）")
    before, after = macro_f1(active), macro_f1(candidate)
    if after < before - 1e-9:
        problems.append(f"宏平均 F1 由 {before:.3f} 降至 {after:.3f}")
    if problems:
        return False, "；".join(problems)
    return True, f"各标签召回率降幅均不超过 {MAX_RECALL_DROP}，宏平均 F1 {before:.3f} → {after:.3f}"


def _normalised(text: str) -> str:
    return "".join(text.split())


def corrections_as_training(db: Database, test_texts: set[str]) -> list[LabelledClause]:
    """Every reviewed clause with its current labels, one per (file content, clause)."""
    with db.session() as session:
        rows = session.execute(
            select(Clause, Document.sha256).join(Document, Clause.document_id == Document.id)
            .where(Clause.reviewed.is_(True)).order_by(Clause.id)
        ).all()
        latest: dict[tuple[str, str], LabelledClause] = {}
        for clause, sha256 in rows:
            if _normalised(clause.text) in test_texts:
                continue
            # The same file reviewed in two units: the later review wins.
            # Trained on what the model reads at scan time: the heading above the clause too.
            latest[(sha256, clause.key)] = LabelledClause(f"review-{sha256[:16]}", clause.key, clause.in_context,
                                                          frozenset(clause.labels), "train")
        return list(latest.values())


class RetrainRunner:
    """One retrain at a time, on its own thread; queued and interrupted jobs run at start-up."""

    def __init__(self, db: Database, settings: Settings, holder: ModelHolder,
                 trainer: Trainer = default_trainer, evaluator: Evaluator = training.evaluate):
        self.db, self.settings, self.holder = db, settings, holder
        self.trainer, self.evaluator = trainer, evaluator
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        with self.db.transaction() as session:
            for job in session.scalars(select(Job).where(Job.kind == "retrain", Job.status == "running")):
                job.status = "queued"
        self._thread = threading.Thread(target=self._loop, name="retrain", daemon=True)
        self._thread.start()
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)

    def request(self, who: Principal) -> dict:
        with self.db.transaction() as session:
            job = Job(kind="retrain", status="queued", created_by=who.id)
            session.add(job)
            session.flush()
            audit.record(session, who, "model.retrain", f"job:{job.id}")
            job_id = job.id
        self._wake.set()
        return {"job_id": job_id}

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._wake.wait(5.0)
            self._wake.clear()
            while not self._stopping.is_set() and (job_id := self._claim()) is not None:
                try:
                    self._run(job_id)
                except Exception as exc:
                    log.exception("retrain job %s failed", job_id)
                    self._finish(job_id, "failed", {"error": {"code": "retrain_failed",
                                                              "message": f"重新训练失败：{exc}"}})

    def _claim(self) -> int | None:
        with self.db.transaction() as session:
            job = session.scalars(select(Job).where(Job.kind == "retrain", Job.status == "queued")
                                  .order_by(Job.id).limit(1).with_for_update(skip_locked=True)).first()
            if job is None:
                return None
            job.status, job.started_at = "running", utcnow()
            return job.id

    def _finish(self, job_id: int, status: str, result: dict) -> None:
        with self.db.transaction() as session:
            job = session.get(Job, job_id)
            job.status, job.finished_at, job.result = status, utcnow(), result

    def _run(self, job_id: int) -> None:
        corpus = load(self.settings.corpus_dir)
        test_texts = {_normalised(c.text) for c in corpus if c.split == "test"}
        extra = corrections_as_training(self.db, test_texts)
        work = self.settings.model_dir / f"job-{job_id}.skops"
        candidate = self.trainer(self.settings.corpus_dir, work, extra)
        candidate_report = self.evaluator(candidate, corpus, "test")
        active = self.holder.scanner().model
        promote, reason = gate(self.evaluator(active, corpus, "test"), candidate_report)

        with self.db.session() as session:
            taken = session.scalars(select(ModelVersion.version)).all()
        version = candidate.version if candidate.version not in taken else f"{candidate.version}.r{job_id}"
        candidate.metadata["version"] = version
        final = self.settings.model_dir / f"{version}.skops"
        candidate.save(final)  # rewritten so the file's metadata carries the registry's version
        for leftover in (work, work.with_suffix(".json")):
            if leftover != final and leftover.exists():
                leftover.unlink()

        with self.holder.switching(final if promote else None), self.db.transaction() as session:
            job = session.get(Job, job_id)
            creator = session.get(User, job.created_by) if job.created_by else None
            who = Principal.of(creator) if creator else None
            entry = ModelVersion(version=version, path=str(final.resolve()),
                                 state="promoted" if promote else "rejected", active=False, metrics=candidate_report,
                                 corrections=len(extra), reason=reason, job_id=job_id,
                                 training_clauses=candidate.metadata.get("training_clauses"))
            session.add(entry)
            previous = make_active(session, entry) if promote else None
            audit.record(session, who, "model.promote" if promote else "model.reject", f"model:{version}",
                         job_id=job_id, reason=reason, previous=previous, corrections=len(extra))
            job.status, job.finished_at = "done", utcnow()
            job.result = {"version": version, "promoted": promote, "reason": reason}
