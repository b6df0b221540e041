"""Does learning from the check sets help on a set written by another hand? Each set the
model learns from is left out in turn: a model is trained as `taizhang train` trains
(thresholds out of fold on the real corpus) on the corpus and the other sets, and the
left-out set is scanned and compared as `taizhang eval --normative` does. A model trained
on the corpus alone is the baseline. About half an hour on 2 cores (one training a set).

    python corpora/tools/leave_one_set_out.py [A B …]
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from classifier.corpus import CHECK_TRAINING, CORPUS_DIR, LABELS  # noqa: E402
from classifier.train import train  # noqa: E402
from taizhang.normative_check import Counts, Report, check, trained_sets  # noqa: E402


def corpus_without(held: str | None, into: Path) -> Path:
    """A corpus folder like corpora/, its check-set training clauses without set `held`
    (all of them left out when `held` is None)."""
    for name in ("manifest.jsonl", "labels.jsonl", "synthetic.jsonl"):
        (into / name).symlink_to(CORPUS_DIR / name)
    if held is not None:
        checks = into / CHECK_TRAINING.relative_to(CORPUS_DIR)
        checks.parent.mkdir(parents=True)
        with open(CHECK_TRAINING, encoding="utf-8") as fh, open(checks, "w", encoding="utf-8") as out:
            out.writelines(line for line in fh if json.loads(line)["set"] != held)
    return into


def scored(held: str | None, sets: list[str]) -> dict[str, Report]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = corpus_without(held, Path(tmp))
        model = train(corpus, Path(tmp) / "model.skops")  # its progress on stderr
        return {s: check(model=model, sets={s}) for s in ([held] if held else sets)}


def _line(name: str, reports: list[Report]) -> str:
    cells = []
    for label in LABELS:
        c = Counts(*(sum(getattr(r.clauses[label], k) for r in reports) for k in ("tp", "fn", "fp")))
        documents = sum(r.n_documents for r in reports)
        accuracy = sum(r.document_correct[label] for r in reports) / documents
        cells.append(f"{c.recall:.3f} / {c.precision:.3f} / {c.fp:>3} / {accuracy:.3f}")
    return f"{name:<18}" + " | ".join(cells)


def main(sets: list[str]) -> None:
    print(f"{'':<18}" + " | ".join(f"{label}: recall / precision / false flags / document accuracy" for label in LABELS))
    base = scored(None, sets)
    held_out = {}
    for s in sets:
        held_out.update(scored(s, sets))
        print(_line(f"{s} corpus only", [base[s]]))
        print(_line(f"{s} + the others", [held_out[s]]), flush=True)
    print(_line("pooled, corpus", list(base.values())))
    print(_line("pooled, + others", list(held_out.values())))


if __name__ == "__main__":
    main(sys.argv[1:] or sorted(trained_sets()))
