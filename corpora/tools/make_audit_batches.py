"""Third pass: a blind re-read of the train/dev clauses the model most disagrees with.

Confident-learning style audit. Out-of-fold scores (5 folds by document, the same
procedure as `taizhang train`) pick, in train and dev only:
- clauses labelled negative that the model scores >= FP_SCORE for some label;
- clauses labelled positive that the model scores < FN_SCORE for that label;
- a random CONTROL sample of other read clauses naming credit, lists, punishment or
  publication, so that the re-readers' agreement with the existing labels can be
  measured on clauses the model did not pick.
The test split is never selected: a model-guided audit there would bend the test
labels towards the model.

Re-readers see the document title, the clause location and its text, in shuffled
order, never the existing labels or the scores. Disagreements are then settled by an
adjudicator who sees both readings (tools/apply_audit.py applies the outcome).
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from classifier.corpus import LABELS, label_matrix, load  # noqa: E402
from classifier.train import _out_of_fold_scores  # noqa: E402

WORK = ROOT / "corpora" / "work"
FP_SCORE = 0.2
FN_SCORE = 0.1
CONTROL = 150
STRONG = re.compile(r"信用|失信|诚信|名单|名录|惩戒|公示|公布|曝光|不良记录|不良行为|违法记录|档案|通报")


def titles() -> dict[str, str]:
    out = {}
    for line in open(ROOT / "corpora" / "manifest.jsonl", encoding="utf-8"):
        row = json.loads(line)
        out[row["id"]] = Path(row["source"]).stem
    return out


def main(n_batches: int) -> None:
    clauses = load()
    real = [c for c in clauses if c.split in ("train", "dev") and c.doc != "synthetic"]
    synthetic = [c for c in clauses if c.doc == "synthetic"]
    oof = _out_of_fold_scores(real, synthetic, sys.stderr)
    gold = np.array(label_matrix(real))
    picked: dict[int, list[str]] = {}
    for j, label in enumerate(LABELS):
        for i in np.where((gold[:, j] == 0) & (oof[:, j] >= FP_SCORE))[0]:
            picked.setdefault(int(i), []).append(f"fp:{label}")
        for i in np.where((gold[:, j] == 1) & (oof[:, j] < FN_SCORE))[0]:
            picked.setdefault(int(i), []).append(f"fn:{label}")
    read = {(json.loads(line)["doc"], json.loads(line)["clause"]): json.loads(line)["read"]
            for line in open(ROOT / "corpora" / "labels.jsonl", encoding="utf-8")}
    rng = random.Random(20261127)
    pool = [i for i, c in enumerate(real) if i not in picked and read[(c.doc, c.clause)] and STRONG.search(c.text)]
    for i in rng.sample(pool, CONTROL):
        picked[i] = ["control"]
    names = titles()
    order = list(picked)
    rng.shuffle(order)
    WORK.mkdir(parents=True, exist_ok=True)
    with open(WORK / "audit_key.jsonl", "w", encoding="utf-8") as key:
        for n, i in enumerate(order):
            c = real[i]
            key.write(json.dumps({
                "key": f"a{n:04d}", "doc": c.doc, "clause": c.clause, "gold": sorted(c.labels),
                "scores": {label: round(float(s), 3) for label, s in zip(LABELS, oof[i])}, "why": picked[i],
            }, ensure_ascii=False) + "\n")
    for k in range(n_batches):
        with open(WORK / f"audit_{k + 1}.jsonl", "w", encoding="utf-8") as fh:
            for n, i in enumerate(order):
                if n % n_batches == k:
                    c = real[i]
                    fh.write(json.dumps({"key": f"a{n:04d}", "title": names[c.doc], "text": c.text},
                                        ensure_ascii=False) + "\n")
    print(f"{len(order)} clauses ({CONTROL} control) in {n_batches} batches", file=sys.stderr)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
