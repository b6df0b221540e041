"""Convention 11 (eighteenth session): clauses that restrain, forbid or refuse a credit measure.

labels.md labels what a clause provides; it says nothing of clauses that limit measures,
which the documents written since the 2021 clean-up are full of (不得擅自增设失信惩戒措施,
不宜设立"黑名单", 不同意纳入信用记录). corpora/README.md states the convention. This script
records how the labels already made were brought under it.

    python corpora/tools/relabel_restraint.py candidates   # prints the clauses to read
    python corpora/tools/relabel_restraint.py apply

Candidates are chosen by wording only, never by a model or its scores: every clause of the
corpus, the marked synthetic clauses and every check set (learnt from and held out) that
names credit, a list or punishment and has restraining wording (RESTRAINT). Each was read
against the convention; CORPUS and CHECK are the labels that changed, each with its reason. Most
candidates already agreed: the check sets' writers had labelled refusals and bare
prohibitions as nothing, and mandates to apply measures within bounds as `punishment`.
In the corpus a change is logged in audit.jsonl (round "restraint"); for a check set
learnt from, training.jsonl and gold.jsonl change together; for a held-out set, gold.jsonl.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from read_unread import read_rows, write_rows  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT / "corpora"
CHECKS = CORPORA / "checks" / "normative"
CREDIT = re.compile(r"信用|失信|名单|惩戒|黑名单|诚信")
RESTRAINT = re.compile(
    r"不得(擅自|随意|自行|另行)|不得(增设|扩大|设立|设列|超出|在.{0,15}之外)|不宜|泛化|过惩相当|审慎适度|不同意|"
    r"(没有|无|缺乏)(法律|上位法)?(法律、法规)?依据|清理|台账|严禁.{0,10}(增设|扩大)|不作为.{0,6}(失信|信用)|"
    r"不纳入|不予纳入|不列入|不得(将|把)?.{0,30}(列入|纳入|记入)")

# (document, clause id) in labels.jsonl
CORPUS = {
    ("d0361", "c24"): (["punishment"], "the same 建立健全长效机制 text as c7: a mandate to keep applying the "
                                       "measures that have a basis (conventions 8, 11)"),
    ("d0361", "c8"): (["sharing"], "the same text as c25: 考核结果纳入政务诚信监测 records government credit "
                                   "(convention 10)"),
}
# (document prefix, location) in the check sets
CHECK = {
    ("G02", "四、（二）"): (["punishment"], "各部门实施联合惩戒，应当严格依照…规定的措施执行: sets the terms on which "
                                        "measures are applied, as G17 四、（二） and M07 五、 (convention 11)"),
    ("K15", "一、第1段"): ([], "a reply that refuses: 不宜记入个人公共信用记录，也不宜…公开 (convention 11)"),
    ("S11", "三、（五）"): (["punishment"], "各单位应当严格按照本通知和附件所列措施实施惩戒: directs that the notice's "
                                        "own measures be applied, however bounded (convention 11)"),
    ("W01", "第5段"): (["punishment"], "实施失信联合惩戒，应当以《清单》为依据: sets the terms on which measures are "
                                    "applied (convention 11)"),
    ("W10", "七、（三）"): (["blacklist"], "严格按照本通知规定的条件和程序认定名单: directs designating under the "
                                       "notice's criteria, as A02 二、6． (convention 11)"),
}


def _credit_restraint(text: str) -> bool:
    return CREDIT.search(text) is not None and RESTRAINT.search(text) is not None


def candidates() -> None:
    for row in read_rows(CORPORA / "labels.jsonl"):
        if _credit_restraint(row["text"]):
            print("corpus", row["doc"], row["clause"], row["location"], row["labels"], row["text"][:200])
    for row in read_rows(CORPORA / "synthetic.jsonl"):
        if _credit_restraint(row["text"]):
            print("synthetic", row["id"], row["labels"], row["text"][:200])
    for row in read_rows(CHECKS / "training.jsonl"):
        if _credit_restraint(row["text"]):
            print("learnt", row["doc"][:3], row["location"], row["labels"], row["text"][:200])
    print("held-out sets: their clause texts come from the scanner's segmentation "
          "(normative_check.find_clause), read the same way")


def _ordered(labels: list[str]) -> list[str]:
    """The check sets' order (sharing, blacklist, punishment)."""
    return [label for label in ("sharing", "blacklist", "punishment") if label in labels]


def _check_key(row: dict) -> tuple[str, str]:
    return row["doc"].split("_")[0], row["location"]


def apply() -> None:
    audit = read_rows(CORPORA / "audit.jsonl")
    if any(e.get("round") == "restraint" for e in audit):
        raise SystemExit("round restraint is already in audit.jsonl")
    corpus, left = read_rows(CORPORA / "labels.jsonl"), dict(CORPUS)
    for row in corpus:
        decision = left.pop((row["doc"], row["clause"]), None)
        if decision is None:
            continue
        labels, reason = decision
        audit.append({"round": "restraint", "doc": row["doc"], "clause": row["clause"], "why": ["convention 11"],
                      "before": row["labels"], "reread": labels, "reread_reason": reason, "after": labels,
                      "adjudication": ""})
        row["labels"] = sorted(labels)
        row["note"] = (row.get("note", "") + f" | convention 11 (eighteenth session): {reason}").lstrip(" |")
    assert not left, f"corpus clauses not found: {left}"
    for path in (CHECKS / "training.jsonl", CHECKS / "gold.jsonl"):
        rows, found = read_rows(path), set()
        for row in rows:
            decision = CHECK.get(_check_key(row))
            if decision is None:
                continue
            found.add(_check_key(row))
            row["labels"] = _ordered(decision[0])
            if path.name == "gold.jsonl":
                row["note"] = (row.get("note", "") + f" | convention 11 (eighteenth session): {decision[1]}").lstrip(" |")
        if path.name == "gold.jsonl":
            assert found == set(CHECK), f"gold rows not found: {set(CHECK) - found}"
        write_rows(path, rows)
    write_rows(CORPORA / "labels.jsonl", corpus)
    write_rows(CORPORA / "audit.jsonl", audit)


if __name__ == "__main__":
    {"candidates": candidates, "apply": apply}[sys.argv[1]]()
