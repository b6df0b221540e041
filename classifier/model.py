"""The clause classifier: one scikit-learn pipeline, multi-label, with thresholds.

Features: jieba word uni/bigrams (with the domain user dictionary), character
2–3-grams and same-sentence trigger-word pairs (tokenize.trigger_pairs), each TF-IDF
weighted, plus binary domain cues (cues.py); one
class-balanced linear SVM per label (positives are rare), whose margins are
sigmoid-calibrated on held-out folds so that a score reads as a probability in
[0, 1]. Per-label thresholds are chosen for recall first (classifier/train.py).
"""
from __future__ import annotations

import json
import re
import zipfile
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.special import expit
from scipy import sparse
import skops.io as sio
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import LinearSVC
from sklearn.utils import murmurhash3_32

from .corpus import LABELS
from .cues import CUES, cue_features
from .cues import matches as cue_matches
from .gate import passes
from .tokenize import normalise, trigger_pairs, words

MODEL_NAME = "taizhang-clauses"
DEFAULT_MODEL = Path(__file__).resolve().parents[1] / "models" / "clauses.skops"
# Only these types may be loaded from a model file; anything else is refused.
TRUSTED_TYPES = [
    "classifier.cues.cue_features",
    "classifier.tokenize.normalise",
    "classifier.tokenize.trigger_pairs",
    "classifier.tokenize.words",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
]


def build_pipeline(C: float = 0.5, n_features: int = 2**16, n_pair_features: int = 2**17) -> Pipeline:
    """Hashed features keep the model file small (no vocabulary to store) and fast to load."""

    def block(size: int = n_features, **vectorizer) -> Pipeline:
        return Pipeline(
            [
                ("hash", HashingVectorizer(n_features=size, alternate_sign=False, norm=None, **vectorizer)),
                ("tfidf", TfidfTransformer(sublinear_tf=True)),
            ]
        )

    features = FeatureUnion(
        [
            ("words", block(analyzer=words)),
            ("chars", block(analyzer="char", ngram_range=(2, 3), preprocessor=normalise)),
            ("cues", FunctionTransformer(cue_features, accept_sparse=True)),
            ("pairs", block(n_pair_features, analyzer=trigger_pairs)),
        ]
    )
    # A linear SVM ranked clauses better than logistic regression on out-of-fold scores
    # (average precision, train+dev, 5 folds by document); calibration makes its
    # margins probabilities.
    base = LinearSVC(C=C, class_weight="balanced", max_iter=5000, random_state=0)
    clf = OneVsRestClassifier(CalibratedClassifierCV(base, method="sigmoid", cv=3, ensemble=False))
    return Pipeline([("features", features), ("clf", clf)])


# A cue's matched text is shown as evidence only when it is a phrase, not a sentence.
EVIDENCE_SPAN = 16
_CLAUSE_PUNCTUATION = re.compile(r"[，。；：、,;:“”\"‘’（）()]")


# Words too common in legal text to tell a reviewer anything.
_PLAIN = frozenset("应当 或者 以及 有关 相关 部门 单位 可以 其他 进行 按照 根据 规定 本市 依法 负责 人民政府 主管部门 "
                   "行政 管理 工作 建立 实施 情况 开展 加强 组织 个人 企业".split())


@lru_cache(maxsize=65536)
def _telling(term: str) -> bool:
    """A word, or a trigger pair, whose words have two characters or more and are not plain."""
    parts = term.split("|")
    return all(len(p) >= 2 for p in parts) and not any(p in _PLAIN for p in parts)


def _shown(term: str, text: str) -> str:
    """A word as it is; a trigger pair as "first…second" in reading order."""
    if "|" not in term:
        return term
    a, b = term.split("|")
    return f"{a}…{b}" if text.find(a) <= text.find(b) else f"{b}…{a}"


def _transform(step, texts: list[str]) -> sparse.csr_matrix:
    """One feature block's transform, done directly for the hashed TF-IDF blocks."""
    if not isinstance(step, Pipeline):
        return step.transform(texts)
    vectorizer: HashingVectorizer = step.named_steps["hash"]
    tfidf: TfidfTransformer = step.named_steps["tfidf"]
    analyze = vectorizer.build_analyzer()
    x = _term_hasher(vectorizer.n_features).transform(analyze(t) for t in texts).tocsr()
    x.data = np.log(x.data) + 1.0  # sublinear_tf
    x.data *= tfidf.idf_[x.indices]
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    x.data /= np.repeat(norms, np.diff(x.indptr))
    return x


@lru_cache(maxsize=4)
def _term_hasher(n_features: int) -> FeatureHasher:
    """Hashes terms exactly as HashingVectorizer does (alternate_sign=False)."""
    return FeatureHasher(n_features, input_type="string", alternate_sign=False)


@lru_cache(maxsize=131072)
def _term_index(term: str, n_features: int) -> int:
    """The column HashingVectorizer gives one term: FeatureHasher's rule
    (sklearn/feature_extraction/_hashing_fast.pyx), cached because terms recur."""
    h = murmurhash3_32(term, seed=0)
    if h == -2147483648:
        return (2147483647 - (n_features - 1)) % n_features
    return abs(h) % n_features


def _linear(calibrated: CalibratedClassifierCV) -> LinearSVC:
    """The single linear model under one label's calibration (ensemble=False)."""
    return calibrated.calibrated_classifiers_[0].estimator


@dataclass
class ClauseModel:
    """`thresholds` flag clauses; `document_thresholds` (never below them) decide whether
    a document involves a label at all: its best clause must reach them. One weak clause
    then no longer marks a whole document 涉及 (classifier/train.py chooses both)."""

    pipeline: Pipeline
    thresholds: dict[str, float]
    metadata: dict = field(default_factory=dict)
    document_thresholds: dict[str, float] = field(default_factory=dict)
    _recent: tuple = field(default=({}, None), init=False, repr=False, compare=False)

    @property
    def version(self) -> str:
        return self.metadata.get("version", "unversioned")

    def scores(self, texts: list[str]) -> np.ndarray:
        """(n, 3) probabilities, columns in LABELS order."""
        out = np.zeros((len(texts), len(LABELS)))
        gated = [i for i, text in enumerate(texts) if passes(text)]
        if gated:
            out[gated] = self._probabilities([texts[i] for i in gated])
        return out

    def _features(self, texts: list[str]) -> sparse.csr_matrix:
        return sparse.hstack(
            [_transform(step, texts) for _, step in self.pipeline.named_steps["features"].transformer_list],
            format="csr",
        )

    def _probabilities(self, texts: list[str]) -> np.ndarray:
        """pipeline.predict_proba, minus sklearn's per-call validation and dispatch
        (FeatureUnion, OneVsRest, input checks), which on one document costs more than
        the arithmetic. tests/test_classifier.py holds it equal to the pipeline."""
        x = self._features(texts)
        # The last batch's feature rows, for evidence on the clauses just scored; one
        # tuple, replaced whole, so a concurrent reader never pairs rows with other texts.
        self._recent = ({t: i for i, t in enumerate(texts)}, x)
        columns = []
        for calibrated in self.pipeline.named_steps["clf"].estimators_:
            member = calibrated.calibrated_classifiers_[0]
            decision = np.asarray(x @ member.estimator.coef_.T).ravel() + member.estimator.intercept_[0]
            sigmoid = member.calibrators[0]
            columns.append(expit(-(sigmoid.a_ * decision + sigmoid.b_)))
        return np.column_stack(columns)

    def flags(self, scores: np.ndarray) -> list[list[str]]:
        """Each clause's labels, given the (n, 3) scores of one whole document."""
        return self._passing(scores, self._involved(scores))

    def held_back(self, scores: np.ndarray) -> list[list[str]]:
        """Each clause's labels that passed the clause threshold in a document whose best
        clause fell short of the document threshold: not flagged, but a column the
        reviewer is pointed to (a document missed is the costly error)."""
        return self._passing(scores, [not involved for involved in self._involved(scores)])

    def _involved(self, scores: np.ndarray) -> list[bool]:
        """Per label, whether the document's best clause reaches the document threshold."""
        return [
            len(scores) > 0 and scores[:, j].max() >= self.document_thresholds.get(label, self.thresholds[label])
            for j, label in enumerate(LABELS)
        ]

    def _passing(self, scores: np.ndarray, labels: list[bool]) -> list[list[str]]:
        """Each clause's labels among `labels` (per label) that pass the clause threshold."""
        return [
            [label for j, label in enumerate(LABELS) if labels[j] and row[j] >= self.thresholds[label]]
            for row in scores
        ]

    def evidence(self, text: str, labels: list[str], top: int = 4) -> list[str]:
        """What pushed this clause's flagged labels up the most, in the clause's own words.

        Each flagged label's strongest term comes first (the evidence answers for every
        flag); then each feature's contribution (its value × the summed weight of the
        flagged labels) ranks: words (纳入, 信用记录), trigger pairs shown as "记入…信用档案", and
        the text a cue matched when it is short. Character n-grams also carry weight
        but mean nothing to a reviewer, so they are left out. Features are hashed, so
        the clause's own terms are hashed again to find them.
        """
        if not labels:
            return []
        rows, x = self._recent
        if text not in rows:
            rows, x = {text: 0}, self._features([text])
        start, end = x.indptr[rows[text]], x.indptr[rows[text] + 1]
        value = dict(zip(x.indices[start:end].tolist(), x.data[start:end].tolist()))
        found: list[tuple[int, str]] = []  # (column, term or matched text)
        offset = 0
        for name, step in self.pipeline.named_steps["features"].transformer_list:
            width = len(CUES) if name == "cues" else step.named_steps["hash"].n_features
            if name == "cues":
                found += [(offset + k, span) for k, span in cue_matches(text).items()
                          if len(span) <= EVIDENCE_SPAN and not _CLAUSE_PUNCTUATION.search(span)]
            elif name in ("words", "pairs"):
                # Single words and pairs: a word bigram mostly repeats what its words show.
                terms = sorted(t for t in set(words(text) if name == "words" else trigger_pairs(text))
                               if " " not in t and _telling(t))
                found += [(i, t) for i, t in zip([offset + _term_index(t, width) for t in terms], terms)]
            offset += width
        found = [(i, t) for i, t in found if i in value]
        if not found:
            return []
        columns = np.array([i for i, _ in found])
        values = np.array([value[i] for i in columns])
        estimators = self.pipeline.named_steps["clf"].estimators_
        per_label = [_linear(estimators[LABELS.index(label)]).coef_.ravel()[columns] * values for label in labels]
        chosen: list[str] = []

        def take(k: int) -> None:
            shown = _shown(found[k][1], text)
            parts = shown.split("…")
            # One word per item: a pair repeats no word already shown.
            if not any(p in c for p in parts for c in chosen):
                chosen[:] = [c for c in chosen if c not in shown] + [shown]

        # Each flagged label's own strongest term first, so that a clause flagged for
        # sharing and punishment shows why for both; then the strongest overall.
        if len(labels) > 1:
            for weight in per_label:
                k = int(np.argmax(weight))
                if weight[k] > 0:
                    take(k)
        weight = sum(per_label)
        for k in np.argsort(-weight, kind="stable"):  # ties keep the terms' sorted order
            if weight[k] <= 0 or len(chosen) >= top:
                break
            take(k)
        return chosen[:top]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        sio.dump(self.pipeline, path, compression=zipfile.ZIP_DEFLATED)
        meta = dict(self.metadata, thresholds=self.thresholds, document_thresholds=self.document_thresholds)
        path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = DEFAULT_MODEL) -> "ClauseModel":
        path = Path(path)
        if not path.exists():
            raise FileNotFoundError(f"模型文件不存在：{path}。请先运行 `taizhang train` 生成模型。")
        untrusted = set(sio.get_untrusted_types(file=path)) - set(TRUSTED_TYPES)
        if untrusted:
            raise ValueError(f"模型文件含有不受信任的类型，拒绝加载：{sorted(untrusted)}")
        pipeline = sio.load(path, trusted=TRUSTED_TYPES)
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        return cls(pipeline=pipeline, thresholds=meta["thresholds"], metadata=meta,
                   document_thresholds=meta.get("document_thresholds", {}))
