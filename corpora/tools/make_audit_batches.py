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

Run again with a round number (`make_audit_batches.py 5 --round 2`) after the model
has changed: clauses audited in an earlier round (corpora/audit.jsonl) are not picked
again, and the round's files are named audit_r2_*.

Re-readers see the document title, the clause location and its text, in shuffled
order, never the existing labels or the scores. Disagreements are then settled by an
adjudicator who sees both readings (tools/apply_audit.py applies the outcome).
"""
from __future__ import annotations

import argparse
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


def prefix(round_: int) -> str:
    return "audit" if round_ == 1 else f"audit_r{round_}"


def main(n_batches: int, round_: int = 1) -> None:
    done = set()
    if round_ > 1:
        done = {(r["doc"], r["clause"]) for r in map(json.loads, open(ROOT / "corpora" / "audit.jsonl", encoding="utf-8"))}
    clauses = load()
    real = [c for c in clauses if c.split in ("train", "dev") and c.doc != "synthetic"]
    synthetic = [c for c in clauses if c.doc == "synthetic"]
    oof = _out_of_fold_scores(real, synthetic, sys.stderr, repeats=1)[0]
    gold = np.array(label_matrix(real))
    picked: dict[int, list[str]] = {}
    fresh = np.array([(c.doc, c.clause) not in done for c in real])
    for j, label in enumerate(LABELS):
        for i in np.where(fresh & (gold[:, j] == 0) & (oof[:, j] >= FP_SCORE))[0]:
            picked.setdefault(int(i), []).append(f"fp:{label}")
        for i in np.where(fresh & (gold[:, j] == 1) & (oof[:, j] < FN_SCORE))[0]:
            picked.setdefault(int(i), []).append(f"fn:{label}")
    read = {(json.loads(line)["doc"], json.loads(line)["clause"]): json.loads(line)["read"]
            for line in open(ROOT / "corpora" / "labels.jsonl", encoding="utf-8")}
    rng = random.Random(20261127)
    pool = [i for i, c in enumerate(real)
            if i not in picked and fresh[i] and read[(c.doc, c.clause)] and STRONG.search(c.text)]
    for i in rng.sample(pool, CONTROL if round_ == 1 else CONTROL // 3):
        picked[i] = ["control"]
    names = titles()
    order = list(picked)
    rng.shuffle(order)
    WORK.mkdir(parents=True, exist_ok=True)
    stem, letter = prefix(round_), "a" if round_ == 1 else f"r{round_}-"
    with open(WORK / f"{stem}_key.jsonl", "w", encoding="utf-8") as key:
        for n, i in enumerate(order):
            c = real[i]
            key.write(json.dumps({
                "key": f"{letter}{n:04d}", "doc": c.doc, "clause": c.clause, "gold": sorted(c.labels),
                "scores": {label: round(float(s), 3) for label, s in zip(LABELS, oof[i])}, "why": picked[i],
            }, ensure_ascii=False) + "\n")
    for k in range(n_batches):
        with open(WORK / f"{stem}_{k + 1}.jsonl", "w", encoding="utf-8") as fh:
            for n, i in enumerate(order):
                if n % n_batches == k:
                    c = real[i]
                    fh.write(json.dumps({"key": f"{letter}{n:04d}", "title": names[c.doc], "text": c.text},
                                        ensure_ascii=False) + "\n")
    print(f"{len(order)} clauses in {n_batches} batches ({stem}_*.jsonl)", file=sys.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batches", type=int, nargs="?", default=5)
    parser.add_argument("--round", type=int, default=1, dest="round_")
    args = parser.parse_args()
    main(args.batches, args.round_)
