"""Retraining on the corpus plus reviewers' corrections, behind a promotion gate.

The candidate and the active model are both evaluated on two held-out populations:
the corpus's fixed test split of laws (never trained on: corrected clauses whose text
is in that split are left out), and the normative check sets that training never learns
from, scanned end to end as a clerk's batch is (`taizhang eval --normative`). Those are
the documents a ledger lists; the laws alone once judged every retrain. On each
population and label the candidate may find at most one clause fewer (or 1 % of the
label's clauses, where that is more), and the mean macro-F1 of the two may fall by at
most MAX_F1_DROP. A single blacklist clause at the threshold floor flips with the
smallest change in training, so a rule that counts clauses, not rates, judges what
changed rather than that noise. A candidate that fails is kept, inactive, as a rejected
candidate with the reason.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from classifier import train as training
from classifier.corpus import CORPUS_DIR, LABELS, REVIEWED_PREFIX, LabelledClause, load
from classifier.model import ClauseModel
from taizhang import normative_check
from taizhang.normative_check import CHECK_DIR, TRAINING_FILE, every_set, trained_sets

from ..config import Settings
from ..db import Database
from ..models import Clause, Document, Job, ModelVersion, User, utcnow
from ..principal import Principal
from . import audit
from .registry import ModelHolder, make_active

log = logging.getLogger(__name__)

# Of a label's clauses on one population, the share the candidate may stop finding (at
# least one clause); and how far the mean macro-F1 may fall.
MAX_RECALL_DROP = 0.01
MAX_F1_DROP = 0.01
LABEL_NAMES = {"sharing": "信用信息共享公开", "blacklist": "“黑名单”认定", "punishment": "失信惩戒措施"}

# (corpus dir, output path, extra labelled clauses) -> the trained model, saved at the output path.
Trainer = Callable[[Path, Path, list[LabelledClause]], ClauseModel]
# (model, corpus dir) -> evaluate's report: the test split's, with the held-out normative
# documents' under "normative".
Evaluator = Callable[[ClauseModel, Path], dict]


class _LogWriter:
    """classifier.train prints its progress to a stream; send it to the service log instead."""

    def write(self, text: str) -> None:
        if text.strip():
            log.info("retrain: %s", text.strip())

    def flush(self) -> None:
        pass


def default_trainer(corpus_dir: Path, out: Path, extra: list[LabelledClause]) -> ClauseModel:
    return training.train(corpus_dir, out, log=_LogWriter(), extra=extra)


def held_out_normative(model: ClauseModel, corpus_dir: Path) -> dict | None:
    """The check sets training never learnt from, scanned end to end; None when there are none."""
    directory = corpus_dir / CHECK_DIR.relative_to(CORPUS_DIR)
    held_out = every_set(directory) - trained_sets(directory / TRAINING_FILE.name)
    if not held_out:
        return None
    report = normative_check.check(directory, model, held_out)
    return {"sets": sorted(held_out), "documents": report.n_documents,
            "clauses": {label: {"precision": round(c.precision, 4), "recall": round(c.recall, 4),
                                "f1": round(c.f1, 4), "support": c.tp + c.fn}
                        for label, c in report.clauses.items()}}


def evaluate(model: ClauseModel, corpus_dir: Path) -> dict:
    report = training.evaluate(model, load(corpus_dir), "test")
    report["normative"] = held_out_normative(model, corpus_dir)
    return report


def macro_f1(report: dict) -> float:
    return sum(report["clauses"][label]["f1"] for label in LABELS) / len(LABELS)


def _found(report: dict, label: str) -> tuple[int, int]:
    """(clauses found, clauses) of one label."""
    counts = report["clauses"][label]
    return round(counts["recall"] * counts["support"]), counts["support"]


def gate(active: dict, candidate: dict) -> tuple[bool, str]:
    """(promote?, why) from the two models' evaluate reports."""
    populations = [("测试集法规", active, candidate)]
    if active.get("normative") and candidate.get("normative"):
        populations.append(("留出的规范性文件", active["normative"], candidate["normative"]))
    problems = []
    for name, before_report, after_report in populations:
        for label in LABELS:
            (before, support), (after, _) = _found(before_report, label), _found(after_report, label)
            allowed = max(1, int(MAX_RECALL_DROP * support))
            if before - after > allowed:
                problems.append(f"{name}中{LABEL_NAMES[label]}条款找到 {before} 条降至 {after} 条"
                                f"（共 {support} 条，至多可少找到 {allowed} 条）")
    before = sum(macro_f1(b) for _, b, _ in populations) / len(populations)
    after = sum(macro_f1(a) for _, _, a in populations) / len(populations)
    judged = "、".join(name for name, _, _ in populations)
    if after < before - MAX_F1_DROP - 1e-9:
        problems.append(f"{judged}的宏平均 F1 由 {before:.3f} 降至 {after:.3f}（降幅超过 {MAX_F1_DROP}）")
    if problems:
        return False, "；".join(problems)
    return True, f"{judged}：各标签少找到的条款均在允许范围内，宏平均 F1 {before:.3f} → {after:.3f}"


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
            latest[(sha256, clause.key)] = LabelledClause(f"{REVIEWED_PREFIX}{sha256[:16]}", clause.key, clause.in_context,
                                                          frozenset(clause.labels), "train")
        return list(latest.values())


class RetrainRunner:
    """One retrain at a time, on its own thread; queued and interrupted jobs run at start-up."""

    def __init__(self, db: Database, settings: Settings, holder: ModelHolder,
                 trainer: Trainer = default_trainer, evaluator: Evaluator = evaluate):
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
        candidate_report = self.evaluator(candidate, self.settings.corpus_dir)
        active = self.holder.scanner().model
        promote, reason = gate(self.evaluator(active, self.settings.corpus_dir), candidate_report)

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
