"""Train the clause model from corpora/ and evaluate it: `taizhang train` / `taizhang eval`.

Thresholds are set for recall first on held-out predictions: the train and dev
documents, and the check sets' normative documents, are cut into five folds (a law by
document, a check set whole, since one hand wrote it); each fold is scored by a model
fitted on the other four, and each label's threshold is the highest that keeps
TARGET_RECALL of the out-of-fold positives of the laws and, apart, of the normative
documents: the lower of the two. The cut is drawn REPEATS times and the thresholds are
chosen on the draws' scores pooled: one draw alone moved them by the luck of which
check sets fell together (the punishment document threshold 0.013–0.021 over four
draws of the same data). Laws alone had set thresholds that kept 0.93 of the
normative documents' sharing clauses, and those documents are what a ledger lists.
With a few hundred positives, one dev split alone gave thresholds that did not hold
on new documents. A document involves a label only when its best clause reaches a
document threshold, chosen the same way to keep DOCUMENT_TARGET_RECALL of the involved
documents (never below the clause threshold). The shipped model is then fitted on
all of them together. The test split never feeds back into any choice.
"""
from __future__ import annotations

import hashlib
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import sklearn
from joblib import Parallel, delayed
from scipy import sparse
from sklearn.base import clone
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline

from . import __version__
from .corpus import CORPUS_DIR, LABELS, LabelledClause, data_hash, label_matrix, load
from .gate import passes
from .metrics import average_precision, clause_metrics, document_accuracy, document_recall, recall_first_threshold
from .model import DEFAULT_MODEL, MODEL_NAME, ClauseModel, build_pipeline

PACKAGE = Path(__file__).parent
CONFIG_FILES = [PACKAGE / name for name in ("model.py", "cues.py", "gate.py", "tokenize.py", "train.py", "data/userdict.txt")]
TARGET_RECALL = 0.95
# A document the ledger misses is the costly error (应纳未纳), so documents keep more
# recall than clauses.
DOCUMENT_TARGET_RECALL = 0.98
# Below this a label flags clauses by the hundred in a document (out of fold, 0.005
# flags 1,800 clauses for punishment against 830 at 0.01). Document thresholds keep
# uninvolved documents clean, so the floor only bounds flags inside involved ones.
THRESHOLD_FLOOR = 0.01
FOLDS = 5
REPEATS = 3
# The check sets' clauses (helper-written normative documents) count this many times in
# fitting. Left out one set at a time, each set was scored by a model trained on the
# corpus and the other five: twice beat once and never at all on clause recall and
# precision pooled over the six (README, "Learning from normative documents").
CHECK_WEIGHT = 2


def _predict(docs: list[str], scores: np.ndarray, model: ClauseModel) -> np.ndarray:
    """Clause flags as a scan makes them: document by document."""
    pred = np.zeros(scores.shape, dtype=int)
    for rows in _by_document(docs).values():
        flags = model.flags(scores[rows])
        pred[rows] = [[int(label in f) for label in LABELS] for f in flags]
    return pred


def _by_document(docs: list[str]) -> dict[str, list[int]]:
    rows: dict[str, list[int]] = defaultdict(list)
    for i, doc in enumerate(docs):
        rows[doc].append(i)
    return rows


def _document(clause: LabelledClause) -> str:
    """The document a clause belongs to (a check clause's is named in its id)."""
    return clause.clause.split("#")[0] if clause.check_set else clause.doc


def _fold_group(clause: LabelledClause) -> str:
    """What a fold keeps whole: a law, or a whole check set (one hand wrote it, so its
    documents share wording a per-document cut would leak)."""
    return f"check set {clause.check_set}" if clause.check_set else clause.doc


def clause_thresholds(populations: list[np.ndarray], gold: np.ndarray, scores: np.ndarray) -> dict[str, float]:
    """Per label, the highest threshold that keeps TARGET_RECALL of the positives in each
    population (boolean masks over the clauses): the lowest of their thresholds."""
    return {
        label: min(recall_first_threshold(gold[rows, j], scores[rows, j], TARGET_RECALL, THRESHOLD_FLOOR)
                   for rows in populations)
        for j, label in enumerate(LABELS)
    }


def document_thresholds(docs: list[str], gold: np.ndarray, scores: np.ndarray,
                        clause_thresholds: dict[str, float]) -> dict[str, float]:
    """Per label, the highest threshold on a document's best clause score that keeps
    DOCUMENT_TARGET_RECALL of the documents involving the label, never below the
    clause threshold."""
    rows = list(_by_document(docs).values())
    best = np.array([scores[r].max(axis=0) for r in rows])
    involved = np.array([gold[r].max(axis=0) for r in rows])
    return {
        label: recall_first_threshold(involved[:, j], best[:, j], DOCUMENT_TARGET_RECALL, clause_thresholds[label])
        for j, label in enumerate(LABELS)
    }


def _report(docs: list[str], gold: np.ndarray, pred: np.ndarray, scores: np.ndarray) -> dict:
    return {
        "clauses": clause_metrics(gold, pred),
        # Threshold-free ranking quality: steadier than precision at one recall point.
        "average_precision": average_precision(gold, scores),
        "documents": document_accuracy(docs, gold, pred),
        "document_recall": document_recall(docs, gold, pred),
        "n_clauses": len(docs),
    }


def evaluate(model: ClauseModel, clauses, split: str) -> dict:
    part = [c for c in clauses if c.split == split]
    docs = [c.doc for c in part]
    scores = model.scores([c.text for c in part])
    return _report(docs, np.array(label_matrix(part)), _predict(docs, scores, model), scores)


class _FoldFeatures:
    """The pipeline's features for every clause, hashed once: hashing reads no data, so
    only the TF-IDF weights (fitted on each fold's fitting rows) differ between folds.
    `fold` gives the fitting and held-out rows exactly as the pipeline fitted on the
    fitting rows would transform them."""

    def __init__(self, texts: list[str]):
        self.template = build_pipeline()
        self.blocks = []
        for _, step in self.template.named_steps["features"].transformer_list:
            if isinstance(step, Pipeline):  # hashing, then TF-IDF fitted per fold
                self.blocks.append((step.named_steps["tfidf"], step.named_steps["hash"].transform(texts).tocsr()))
            else:  # stateless (the cues)
                self.blocks.append((None, sparse.csr_matrix(step.transform(texts))))

    def fold(self, fit_rows: np.ndarray, held_rows: np.ndarray) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        fitted, held = [], []
        for tfidf, counts in self.blocks:
            if tfidf is None:
                fitted.append(counts[fit_rows])
                held.append(counts[held_rows])
            else:
                weights = clone(tfidf).fit(counts[fit_rows])
                fitted.append(weights.transform(counts[fit_rows]))
                held.append(weights.transform(counts[held_rows]))
        return sparse.hstack(fitted, format="csr"), sparse.hstack(held, format="csr")

    def classifier(self):
        return clone(self.template.named_steps["clf"])


def _fold_scores(features: _FoldFeatures, fit_rows: np.ndarray, held_rows: np.ndarray,
                 y_fit: np.ndarray) -> np.ndarray:
    x_fit, x_held = features.fold(fit_rows, held_rows)
    return features.classifier().fit(x_fit, y_fit).predict_proba(x_held)


def _out_of_fold_scores(scored: list[LabelledClause], synthetic: list[LabelledClause], log,
                        repeats: int = REPEATS) -> list[np.ndarray]:
    """One (n, 3) array of out-of-fold scores per draw of the folds; the folds are
    fitted in parallel, one process per core."""
    texts = [c.text for c in scored]
    y = np.array(label_matrix(scored))
    check = np.array([bool(c.check_set) for c in scored])
    extra_y = np.array(label_matrix(synthetic)).reshape(-1, len(LABELS))
    features = _FoldFeatures(texts + [c.text for c in synthetic])
    extra_rows = np.arange(len(scored), len(scored) + len(synthetic))
    groups = [_fold_group(c) for c in scored]
    folds = []
    for seed in range(repeats):
        for fit_idx, held_idx in GroupKFold(FOLDS, shuffle=True, random_state=seed).split(texts, y, groups):
            fit_idx = np.concatenate([fit_idx] + [fit_idx[check[fit_idx]]] * (CHECK_WEIGHT - 1))
            folds.append((seed, held_idx, np.concatenate([fit_idx, extra_rows]), np.vstack([y[fit_idx], extra_y])))
    results = Parallel(n_jobs=-1, return_as="generator")(
        delayed(_fold_scores)(features, fit_rows, held_idx, y_fit) for _, held_idx, fit_rows, y_fit in folds)
    draws = [np.zeros(y.shape) for _ in range(repeats)]
    for k, ((seed, held_idx, _, _), scores) in enumerate(zip(folds, results), 1):
        print(f"  fold {k}/{len(folds)} (draw {seed + 1} of {repeats}) …", file=log)
        draws[seed][held_idx] = scores
    # As ClauseModel.scores: a clause the gate stops scores 0.
    gated = np.array([passes(t) for t in texts], dtype=bool)
    return [scores * gated[:, None] for scores in draws]


def train(corpus_dir: Path = CORPUS_DIR, out: Path = DEFAULT_MODEL, log=sys.stderr,
          extra: list[LabelledClause] = ()) -> ClauseModel:
    """`extra`: further labelled clauses (reviewers' corrections) to learn from. They
    join the fitting data; give them a `doc` of their own starting with REVIEWED_PREFIX
    (folds keep documents whole; thresholds count them with the normative documents),
    and split "train". The test split is never among them."""
    clauses = load(corpus_dir) + [c for c in extra if c.split != "test"]
    fitting = [c for c in clauses if c.split in ("train", "dev")]
    # Corpus documents (and reviewed ones) and check-set documents are scored out of
    # fold; marked synthetic clauses only ever train.
    scored = [c for c in fitting if c.doc != "synthetic"]
    synthetic = [c for c in fitting if c.doc == "synthetic"]
    print(f"choosing thresholds on {len(scored)} clauses, {REPEATS} draws of {FOLDS} folds "
          "(a law or a check set whole) …", file=log)
    draws = _out_of_fold_scores(scored, synthetic, log)
    # Every draw's scores pooled: each clause counts once per draw, and a document per
    # draw, so thresholds and the reports below are the draws' average.
    oof = np.vstack(draws)
    gold = np.tile(np.array(label_matrix(scored)), (len(draws), 1))
    check = np.array([bool(c.check_set) for c in scored])
    # Reviewers' corrections come from departments' own documents: they join the check
    # sets' population, not the laws'.
    normative = np.tile(np.array([c.normative for c in scored]), len(draws))
    populations = [rows for rows in (~normative, normative) if rows.any()]
    thresholds = clause_thresholds(populations, gold, oof)
    docs = [f"{_document(c)}@{k}" for k in range(len(draws)) for c in scored]
    each = [document_thresholds([d for d, r in zip(docs, rows) if r], gold[rows], oof[rows], thresholds)
            for rows in populations]
    doc_thresholds = {label: min(chosen[label] for chosen in each) for label in LABELS}
    n_fitting = len(fitting)
    fitting += [c for c in fitting if c.check_set] * (CHECK_WEIGHT - 1)
    print(f"fitting on {len(fitting)} clauses …", file=log)
    pipeline = build_pipeline().fit([c.text for c in fitting], np.array(label_matrix(fitting)))
    digest = data_hash(clauses)
    # The version names both the data and the model's configuration (features, cues,
    # user dictionary), so a change to either gives a new version.
    config = hashlib.sha256(b"".join(p.read_bytes() for p in CONFIG_FILES)).hexdigest()
    model = ClauseModel(pipeline, thresholds, document_thresholds=doc_thresholds)
    oof_pred = _predict(docs, oof, model)

    def report(rows: np.ndarray) -> dict:
        out = _report([d for d, r in zip(docs, rows) if r], gold[rows], oof_pred[rows], oof[rows])
        # Pooled draws count each clause once per draw.
        out["n_clauses"] //= len(draws)
        out["documents"]["documents"] //= len(draws)
        for label in LABELS:
            out["clauses"][label]["support"] //= len(draws)
        return out

    on_dev = np.tile(np.array([c.split == "dev" and not c.normative for c in scored]), len(draws))
    model.metadata = {
        "name": MODEL_NAME,
        "version": f"{__version__}+{digest[:8]}.{config[:6]}",
        "data_hash": digest,
        "training_clauses": n_fitting,
        "training_documents": len(set(_document(c) for c in scored if not c.check_set)),
        "synthetic_clauses": len(synthetic),
        "check_clauses": int(check.sum()),
        "check_weight": CHECK_WEIGHT,
        "threshold_draws": len(draws),
        "target_recall": TARGET_RECALL,
        "document_target_recall": DOCUMENT_TARGET_RECALL,
        "scikit_learn": sklearn.__version__,
        # Out-of-fold: every clause scored by a model that never saw its document (the
        # laws) or its check set (the normative documents).
        "cross_validated": report(~normative),
        "cross_validated_normative": report(normative) if normative.any() else None,
        "dev": report(on_dev),
    }
    model.metadata["test"] = evaluate(model, clauses, "test")
    model.save(out)
    print(f"saved {out} ({model.version})", file=log)
    return model
