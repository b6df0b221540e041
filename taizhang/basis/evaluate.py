"""`taizhang eval --basis`: citation extraction, citation levels, basis columns and
risks, measured on the hand-labelled set in corpora/basis/ (see its README)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .assess import RISK_CODES, DocumentContext, ledger_fields, making_basis
from .citations import extract

GOLD = Path(__file__).resolve().parents[2] / "corpora" / "basis"


def _key(title, article, doc_number, specific) -> tuple:
    return (title or None, article or None, doc_number or None, bool(specific))


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "support": tp + fn}


def citation_report(rows: list[dict]) -> dict:
    tp = fp = fn = level_right = 0
    misses, levels_wrong = [], []
    for row in rows:
        gold = Counter()
        gold_level = {}
        for c in row["citations"]:
            key = _key(c.get("title"), c.get("article"), c.get("doc_number"), c.get("specific", True))
            gold[key] += 1
            gold_level[key] = c["level"]
        for c in extract(row["text"]):
            key = _key(c.title, c.article, c.doc_number, c.specific)
            if gold[key] > 0:
                gold[key] -= 1
                tp += 1
                if c.level == gold_level[key]:
                    level_right += 1
                else:
                    levels_wrong.append((row["id"], c.citation, c.level, gold_level[key]))
            else:
                fp += 1
                misses.append((row["id"], "extra", c.citation))
        for key, n in gold.items():
            fn += n
            misses.extend([(row["id"], "missed", key)] * n)
    return {
        "passages": len(rows),
        "extraction": _prf(tp, fp, fn),
        "level_accuracy": round(level_right / tp, 4) if tp else None,
        "errors": misses,
        "level_errors": levels_wrong,
    }


def clause_report(rows: list[dict]) -> dict:
    right = Counter()
    risk_counts = {code: Counter() for code in RISK_CODES}
    errors = []
    for row in rows:
        doc, clause, expected = row["document"], row["clause"], row["expected"]
        mentions = row.get("document_text_mentions", {})
        context = DocumentContext(
            title=doc.get("title"),
            doc_number=doc.get("doc_number"),
            basis=making_basis([doc.get("preamble") or ""], doc.get("title")),
            has_procedure=bool(mentions.get("objection_or_removal")),
            has_credit_repair=bool(mentions.get("credit_repair")),
        )
        own = extract(clause["text"], doc.get("title"))
        fields = ledger_fields([{"id": row["id"], "location": clause.get("location"), "text": clause["text"],
                                 "labels": clause["labels"], "basis": own}], context)
        for column in ("has_national_basis", "has_local_basis", "basis_source"):
            if fields[column] == expected[column]:
                right[column] += 1
            else:
                errors.append((row["id"], column, fields[column], expected[column]))
        found = {r["code"] for r in fields["risks"]}
        wanted = set(expected["risks"])
        right["risks_exact"] += found == wanted
        for code in RISK_CODES:
            risk_counts[code]["tp"] += code in found and code in wanted
            risk_counts[code]["fp"] += code in found and code not in wanted
            risk_counts[code]["fn"] += code not in found and code in wanted
        for code in found ^ wanted:
            errors.append((row["id"], "risk", code, "expected" if code in wanted else "not expected"))
    n = len(rows)
    return {
        "clauses": n,
        "accuracy": {k: round(right[k] / n, 4) if n else None
                     for k in ("has_national_basis", "has_local_basis", "basis_source", "risks_exact")},
        "risks": {code: _prf(c["tp"], c["fp"], c["fn"]) for code, c in risk_counts.items()},
        "errors": errors,
    }


def _load(name: str, gold_dir: Path) -> list[dict]:
    with open(gold_dir / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run(gold_dir: Path = GOLD, show_errors: bool = False) -> int:
    errors: list[tuple] = []
    # The *_heldout files were written separately, after the rules, by other readers.
    for name in ("citations.jsonl", "citations_heldout.jsonl"):
        if not (gold_dir / name).exists():
            continue
        citations = citation_report(_load(name, gold_dir))
        e = citations["extraction"]
        print(f"{name}: {citations['passages']} passages, {e['support']} citations")
        print(f"  extraction  precision {e['precision']:.3f}  recall {e['recall']:.3f}  F1 {e['f1']:.3f}")
        print(f"  level accuracy (on extracted citations) {citations['level_accuracy']:.3f}")
        errors += [(name, *err) for err in citations["errors"] + citations["level_errors"]]
    for name in ("clauses.jsonl", "clauses_heldout.jsonl"):
        if not (gold_dir / name).exists():
            continue
        clauses = clause_report(_load(name, gold_dir))
        print(f"{name}: {clauses['clauses']} flagged clauses")
        for column, value in clauses["accuracy"].items():
            print(f"  {column:<20} accuracy {value:.3f}")
        print(f"  {'risk':<30}{'precision':>10}{'recall':>8}{'support':>9}")
        for code, m in clauses["risks"].items():
            print(f"  {code:<30}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['support']:>9}")
        errors += [(name, *err) for err in clauses["errors"]]
    if show_errors:
        for err in errors:
            print("  ", *err)
    return 0
