"""Train the clause model from corpora/ and evaluate it: `taizhang train` / `taizhang eval`.

Fit on the train split; choose each label's threshold on dev for recall first;
report dev and test. The test split never feeds back into any choice.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import sklearn

from . import __version__
from .corpus import CORPUS_DIR, LABELS, data_hash, label_matrix, load
from .metrics import clause_metrics, document_accuracy, recall_first_threshold
from .model import DEFAULT_MODEL, MODEL_NAME, ClauseModel, build_pipeline

TARGET_RECALL = 0.95
# Below this a label would flag most clauses of a document; chosen on dev.
THRESHOLD_FLOOR = 0.02


def _split(clauses, name):
    part = [c for c in clauses if c.split == name]
    return part, [c.text for c in part], np.array(label_matrix(part))


def evaluate(model: ClauseModel, clauses, split: str) -> dict:
    part, texts, gold = _split(clauses, split)
    scores = model.scores(texts)
    pred = np.array([[int(s >= model.thresholds[l]) for l, s in zip(LABELS, row)] for row in scores])
    return {
        "clauses": clause_metrics(gold, pred),
        "documents": document_accuracy([c.doc for c in part], gold, pred),
        "n_clauses": len(part),
    }


def train(corpus_dir: Path = CORPUS_DIR, out: Path = DEFAULT_MODEL, log=sys.stderr) -> ClauseModel:
    clauses = load(corpus_dir)
    _, train_texts, train_y = _split(clauses, "train")
    _, dev_texts, dev_y = _split(clauses, "dev")
    print(f"training on {len(train_texts)} clauses …", file=log)
    pipeline = build_pipeline().fit(train_texts, train_y)
    dev_scores = ClauseModel(pipeline, {}).scores(dev_texts)
    thresholds = {
        label: recall_first_threshold(dev_y[:, j], dev_scores[:, j], TARGET_RECALL, THRESHOLD_FLOOR) for j, label in enumerate(LABELS)
    }
    digest = data_hash(clauses)
    model = ClauseModel(
        pipeline=pipeline,
        thresholds=thresholds,
        metadata={
            "name": MODEL_NAME,
            "version": f"{__version__}+{digest[:8]}",
            "data_hash": digest,
            "training_clauses": len(train_texts),
            "training_documents": len({c.doc for c in clauses if c.split == "train"}),
            "target_recall_on_dev": TARGET_RECALL,
            "scikit_learn": sklearn.__version__,
        },
    )
    model.metadata["dev"] = evaluate(model, clauses, "dev")
    model.metadata["test"] = evaluate(model, clauses, "test")
    model.save(out)
    print(f"saved {out} ({model.version})", file=log)
    return model
