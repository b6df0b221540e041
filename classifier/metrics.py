"""Clause-level P/R/F1 per label and document-level accuracy per ledger column."""
from __future__ import annotations

from collections import defaultdict

import numpy as np
from sklearn.metrics import average_precision_score

from .corpus import LABELS


def clause_metrics(gold: np.ndarray, pred: np.ndarray) -> dict[str, dict[str, float]]:
    out = {}
    for j, label in enumerate(LABELS):
        tp = int(((gold[:, j] == 1) & (pred[:, j] == 1)).sum())
        fp = int(((gold[:, j] == 0) & (pred[:, j] == 1)).sum())
        fn = int(((gold[:, j] == 1) & (pred[:, j] == 0)).sum())
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[label] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn}
    return out


def average_precision(gold: np.ndarray, scores: np.ndarray) -> dict[str, float]:
    """Per label, the mean precision over the ranks of the positives (sklearn's AP)."""
    return {
        label: round(float(average_precision_score(gold[:, j], scores[:, j])), 4) if gold[:, j].any() else 1.0
        for j, label in enumerate(LABELS)
    }


def _involvement(docs: list[str], gold: np.ndarray, pred: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A document involves a label when any of its clauses carries it (labels.md)."""
    by_doc_gold: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(len(LABELS), dtype=int))
    by_doc_pred: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(len(LABELS), dtype=int))
    for d, g, p in zip(docs, gold, pred):
        by_doc_gold[d] |= g
        by_doc_pred[d] |= p
    keys = sorted(by_doc_gold)
    return np.array([by_doc_gold[k] for k in keys]), np.array([by_doc_pred[k] for k in keys])


def document_accuracy(docs: list[str], gold: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    g, p = _involvement(docs, gold, pred)
    out = {label: round(float((g[:, j] == p[:, j]).mean()), 4) for j, label in enumerate(LABELS)}
    out["documents"] = len(g)
    return out


def document_recall(docs: list[str], gold: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    """Of the documents that involve a label, the share the ledger marks 是; a miss is 应纳未纳."""
    g, p = _involvement(docs, gold, pred)
    return {
        label: round(float(p[g[:, j] == 1, j].mean()), 4) if g[:, j].any() else 1.0
        for j, label in enumerate(LABELS)
    }


def recall_first_threshold(gold: np.ndarray, scores: np.ndarray, target_recall: float, floor: float = 0.05) -> float:
    """The highest threshold that still keeps `target_recall` of the positives."""
    positives = np.sort(scores[gold == 1])
    if positives.size == 0:
        return 0.5
    keep = int(np.ceil(target_recall * positives.size))
    threshold = positives[positives.size - keep]
    return float(max(floor, np.floor(threshold * 1000) / 1000))
