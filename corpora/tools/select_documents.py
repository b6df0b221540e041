"""Choose the corpus documents from ../shared/corpora/lawrefbook and copy them in.

Deterministic (fixed seed, sorted input). Strata chosen by keyword only to *find*
documents; every clause label is then made by reading (see corpora/README.md):
- credit: text mentions credit records, lists or punishment (strong terms);
- hard_negative: uses 信用/名单/名录/公示/清单 in other senses and has no strong term;
- negative: neither;
- credit_supplement, credit_rest: later passes (see below), appended to the manifest.
Writes corpora/documents/<id>.md and corpora/manifest.jsonl (provenance, split).
"""
from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractor.backends.text import paragraphs  # noqa: E402
from extractor.segment import segment  # noqa: E402

SOURCE = ROOT.parent / "shared" / "corpora" / "lawrefbook"
REFERENCE = ROOT.parent / "shared" / "reference"
STRONG = re.compile(
    r"失信|信用记录|信用信息|黑名单|联合惩戒|信用档案|诚信档案|经营异常名录|严重违法|不良记录|不良信用|"
    r"信用评价|信用管理|信用监管|诚信记录|信用体系|信用等级|信用承诺|信用分类"
)
HARD = re.compile(r"信用证|信用卡|负面清单|名录|信用社|信用合作|商业信用|信用贷款|信用担保|信用保险|信用风险|名单|公示|清单")
QUOTAS = {"credit": 215, "hard_negative": 125, "negative": 20}
# Second pass, after the first labelling round showed too few list/punishment clauses:
# every remaining document that names a dishonesty list or credit punishment.
SUPPLEMENT = re.compile(r"黑名单|失信名单|严重失信|经营异常名录|失信被执行人|重点关注名单|严重违法失信|联合惩戒|失信惩戒")
SUPPLEMENT_MAX_CLAUSES = 160
# Third pass, once the first two were labelled: every remaining document with a strong
# credit term, up to REST_MAX_CLAUSES clauses, for more positive examples.
REST_MAX_CLAUSES = 400
MAX_CLAUSES = {"credit": 100, "hard_negative": 80, "negative": 60}
SPLIT = (("train", 0.70), ("dev", 0.15), ("test", 0.15))


def main() -> None:
    """Each pass runs once: a manifest that already holds a pass's stratum keeps it, so
    later segmenter changes can never swap documents under existing labels."""
    manifest_path = ROOT / "corpora" / "manifest.jsonl"
    existing = [json.loads(line) for line in open(manifest_path, encoding="utf-8")] if manifest_path.exists() else []
    done = {row["stratum"] for row in existing}
    chosen_sources = {row["source"] for row in existing}
    out_dir = ROOT / "corpora" / "documents"
    out_dir.mkdir(parents=True, exist_ok=True)
    new: list[dict] = []
    if not existing:
        new += _first_pass()
    for stratum, wanted in (("credit_supplement", _names_lists), ("credit_rest", _strong_and_not_too_long)):
        if stratum in done:
            continue
        taken = chosen_sources | {row["source"] for row in new}
        for path in sorted(SOURCE.rglob("*.md")):
            source = f"lawrefbook/{path.relative_to(SOURCE)}"
            if source not in taken and wanted(path):
                new.append(_copy(path, stratum, "train", source))
    for i, row in enumerate(new, len(existing) + 1):
        row["id"] = f"d{i:04d}"
        target = out_dir / f"{row['id']}{row.pop('suffix')}"
        shutil.copyfile(row.pop("_path"), target)
        row["file"] = f"documents/{target.name}"
    with open(manifest_path, "w", encoding="utf-8") as fh:
        for row in existing + new:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts: dict[str, int] = {}
    for row in existing + new:
        counts[row["stratum"]] = counts.get(row["stratum"], 0) + 1
    print(counts, f"{len(new)} new")


def _first_pass() -> list[dict]:
    strata: dict[str, list[Path]] = {k: [] for k in QUOTAS}
    for path in sorted(SOURCE.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        kind = "credit" if STRONG.search(text) else "hard_negative" if HARD.search(text) else "negative"
        n = len(segment(paragraphs(path.read_bytes(), markdown=True)))
        if 3 <= n <= MAX_CLAUSES[kind]:
            strata[kind].append(path)
    rng = random.Random(20261127)
    rows = []
    for kind, quota in QUOTAS.items():
        chosen = sorted(rng.sample(strata[kind], min(quota, len(strata[kind]))))
        rng.shuffle(chosen)
        for i, path in enumerate(chosen):
            rows.append(_copy(path, kind, _split(i, len(chosen)), f"lawrefbook/{path.relative_to(SOURCE)}"))
    # The Guiding Opinion itself and the notice around it: real normative documents.
    for path in sorted(REFERENCE.glob("*.txt")):
        rows.append(_copy(path, "credit", "train", f"reference/{path.name}"))
    return rows


def _names_lists(path: Path) -> bool:
    clauses = segment(paragraphs(path.read_bytes(), markdown=True))
    return len(clauses) <= SUPPLEMENT_MAX_CLAUSES and any(SUPPLEMENT.search(c.text) for c in clauses)


def _strong_and_not_too_long(path: Path) -> bool:
    return bool(STRONG.search(path.read_text(encoding="utf-8"))) and (
        len(segment(paragraphs(path.read_bytes(), markdown=True))) <= REST_MAX_CLAUSES
    )


def _split(i: int, n: int) -> str:
    edge = 0.0
    for name, share in SPLIT:
        edge += share
        if i < round(edge * n):
            return name
    return SPLIT[-1][0]


def _copy(path: Path, kind: str, split: str, source: str) -> dict:
    data = path.read_bytes()
    return {
        "id": None,
        "source": source,
        "sha256": hashlib.sha256(data).hexdigest(),
        "stratum": kind,
        "split": split,
        "suffix": path.suffix,
        "_path": path,
    }


if __name__ == "__main__":
    main()
