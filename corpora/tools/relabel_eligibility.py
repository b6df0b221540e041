"""Convention 3 as revised in the fifteenth session: an eligibility condition on credit is `sharing` too.

labels.md counts using credit information in a decision (licensing, bidding, subsidies,
hiring) as `sharing`, and `punishment` as well when the clause states an adverse
consequence. The corpus's convention 3 had read a credit condition among an application's or
an appointment's conditions (申请人未被列入严重失信主体名单; 有下列情形之一的，不得担任…：被纳入失信
被执行人名单的) as `punishment` only; every blind check set's writers read it as both.

    python corpora/tools/relabel_eligibility.py candidates   # corpora/work/eligibility_k.jsonl
    python corpora/tools/relabel_eligibility.py apply        # reads corpora/work/eligibility.answers.jsonl

Candidates are chosen by wording only, never by a model: every clause labelled `punishment`
and not `sharing` (corpus, marked synthetic clauses, the check sets learnt from) that names a
credit record or list and has the form of conditions or disqualifying circumstances. Each
was read by one reader, asked whether the clause sets the conditions a decision on an
application, qualification, appointment, subsidy, award or admission checks, one of them
credit (yes), or imposes measures on subjects already listed or found dishonest (no,
convention 1). A yes adds `sharing`; in the corpus it is logged in audit.jsonl (round
"eligibility"), in the check sets both training.jsonl and gold.jsonl change.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from read_unread import read_rows, write_rows  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT / "corpora"
WORK = CORPORA / "work"
FILES = {
    "corpus": CORPORA / "labels.jsonl",
    "synthetic": CORPORA / "synthetic.jsonl",
    "check": CORPORA / "checks" / "normative" / "training.jsonl",
}
GOLD = CORPORA / "checks" / "normative" / "gold.jsonl"
CREDIT = re.compile(r"名单|名录|失信|信用记录|不良记录|不良信用|信用状况|信用等级|诚信记录|信用评价|信用报告|违法记录|"
                    r"不良行为记录|黑名单|诚信档案|信用档案")
CONDITION = re.compile(
    r"(具备|符合|满足)下列条件|下列情形之一的?[，,]?(不得|不予)|条件[:：]|"
    r"不得(担任|申请|申报|参加|参与|举办|成为|推荐|被|作为|认定|享受|获得|入选|评为|聘)|"
    r"不予(受理|批准|许可|登记|备案|认定|推荐|办理|安排|支持|核准|发放|注册|聘)|"
    r"申报|申请人|资格|准入|评选|评优|推荐|任职|录用|聘用|招聘")


def _key(source: str, row: dict) -> tuple[str, str]:
    if source == "corpus":
        return row["doc"], row["clause"]
    if source == "synthetic":
        return "synthetic", row["id"]
    return row["doc"], row["location"]


def _ordered(labels: set[str]) -> list[str]:
    """The check sets' order (sharing, blacklist, punishment)."""
    return [label for label in ("sharing", "blacklist", "punishment") if label in labels]


def _with_sharing(labels: list[str], order) -> list[str]:
    return order(set(labels) | {"sharing"})


def _candidate(row: dict) -> bool:
    labels = set(row["labels"])
    return ("punishment" in labels and "sharing" not in labels
            and CREDIT.search(row["text"]) is not None and CONDITION.search(row["text"]) is not None)


def candidates() -> None:
    WORK.mkdir(exist_ok=True)
    write_rows(WORK / "eligibility.jsonl", [
        {"src": source, "doc": _key(source, row)[0], "clause": _key(source, row)[1], "text": row["text"]}
        for source, path in FILES.items() for row in read_rows(path) if _candidate(row)])


def apply() -> None:
    answers = {(a["src"], a["doc"], a["clause"]): a for a in read_rows(WORK / "eligibility.answers.jsonl")}
    audit = read_rows(CORPORA / "audit.jsonl")
    if any(e.get("round") == "eligibility" for e in audit):
        raise SystemExit("round eligibility is already in audit.jsonl")
    changed_checks = set()
    for source, path in FILES.items():
        rows = read_rows(path)
        for row in rows:
            answer = answers.pop((source, *_key(source, row)), None)
            if answer is None:
                continue
            assert _candidate(row), f"{source} {_key(source, row)} is not a candidate"
            if source == "corpus":
                audit.append({"round": "eligibility", "doc": row["doc"], "clause": row["clause"],
                              "why": ["convention 3 revised"], "before": row["labels"],
                              "reread": answer["answer"], "reread_reason": answer["reason"],
                              "after": _with_sharing(row["labels"], sorted) if answer["answer"] == "yes"
                              else row["labels"], "adjudication": ""})
            if answer["answer"] != "yes":
                continue
            row["labels"] = _with_sharing(row["labels"], sorted if source != "check" else _ordered)
            if source != "check":
                row["note"] = (row.get("note", "") + " | convention 3 revised: a credit condition in a decision, "
                               f"sharing too ({answer['reason']})").lstrip(" |")
            else:
                changed_checks.add((row["doc"], row["location"]))
        write_rows(path, rows)
    assert not answers, f"answers for clauses not found: {sorted(answers)[:3]}"
    gold = read_rows(GOLD)
    for row in gold:
        if (row["doc"], row["location"]) in changed_checks:
            row["labels"] = _with_sharing(row["labels"], _ordered)
            row["note"] = (row.get("note", "") + " | corpus convention 3 revised (fifteenth session): sharing added").lstrip(" |")
            changed_checks.discard((row["doc"], row["location"]))
    assert not changed_checks, f"gold rows not found: {changed_checks}"
    write_rows(GOLD, gold)
    write_rows(CORPORA / "audit.jsonl", audit)


if __name__ == "__main__":
    {"candidates": candidates, "apply": apply}[sys.argv[1]]()
