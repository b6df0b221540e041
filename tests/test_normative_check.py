"""The normative-style check: clause and document counts against hand labels."""
from __future__ import annotations

import json

from classifier.model import ClauseModel
from taizhang.cli import main
from taizhang.normative_check import CHECK_DIR, TRAINING_FILE, check, find_clause, trained_sets


def test_counts_follow_the_gold_labels(tmp_path, held_back_model):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(
        "某市信用管理办法\n第一条 为了规范管理，制定本办法。\n"
        "第二条 将违法信息记入信用档案，对失信主体依法实施联合惩戒，限制其参加政府采购和评优评先。\n第三条 本办法自公布之日起施行。\n", encoding="utf-8")
    (tmp_path / "docs" / "b.txt").write_text("某市值班制度\n一、值班人员应当按时到岗。\n二、值班记录应当保存。\n", encoding="utf-8")
    gold = [
        {"set": "X", "doc": "a.txt", "location": "第一条", "text_start": "第一条为了规范管理", "labels": []},
        {"set": "X", "doc": "a.txt", "location": "第二条", "text_start": "第二条将违法信息", "labels": ["sharing", "punishment"]},
        # A location that no longer matches is found again by the clause's first characters.
        {"set": "X", "doc": "a.txt", "location": "第9条", "text_start": "第三条本办法自公布", "labels": ["blacklist"]},
        {"set": "Y", "doc": "b.txt", "location": "一、", "text_start": "一、值班人员", "labels": []},
        {"set": "Y", "doc": "b.txt", "location": "三、", "text_start": "三、不存在", "labels": []},
    ]
    (tmp_path / "gold.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")
    report = check(tmp_path)
    assert report.n_documents == 2 and report.unmatched == [("b.txt", "三、")]
    assert (report.clauses["sharing"].tp, report.clauses["punishment"].tp) == (1, 1)
    assert report.clauses["blacklist"].fn == 1  # 第三条, labelled blacklist here on purpose
    assert report.documents["blacklist"].fn == 1 and report.document_accuracy("blacklist") == 0.5
    assert report.document_accuracy("sharing") == 1.0
    assert any(line.startswith("missed blacklist a.txt 第三条") for line in report.errors)
    # a.txt rightly involves sharing and punishment, with firm scores: neither is weak.
    assert report.weak_right == [0, 2] and report.weak_wrong == [0, 0]
    # Columns left out: a.txt's blacklist wrongly, b.txt's three rightly.
    assert report.near_missed[1] == 1 and report.near_right[1] == 3
    # With document thresholds no clause reaches, a.txt's two columns are left out, and
    # pointed out as near: 第二条 passed both clause thresholds.
    held = check(tmp_path, model=ClauseModel.load(held_back_model))
    assert held.documents["sharing"].fn == 1 and held.near_missed == [2, 3]
    only_y = check(tmp_path, sets={"Y"})
    assert only_y.n_documents == 1 and only_y.unmatched == [("b.txt", "三、")]
    assert sum(c.tp + c.fn for c in only_y.clauses.values()) == 0


def test_training_learns_from_some_check_sets_and_holds_the_rest_out():
    from classifier.corpus import CORPUS_DIR, load

    gold = {}
    for line in open(CHECK_DIR / "gold.jsonl", encoding="utf-8"):
        row = json.loads(line)
        gold[(row["doc"], row["location"])] = row
    learnt = trained_sets()
    assert learnt and learnt < {row["set"] for row in gold.values()}  # at least one set held out
    rows = [json.loads(line) for line in open(TRAINING_FILE, encoding="utf-8")]
    for row in rows:  # frozen text, the gold's labels
        assert sorted(gold[(row["doc"], row["location"])]["labels"]) == sorted(row["labels"])
        assert row["text"]
    assert len(rows) == sum(row["set"] in learnt for row in gold.values())
    checks = [c for c in load(CORPUS_DIR) if c.doc == "check"]
    assert len(checks) == len(rows) and {c.split for c in checks} == {"train"}


def test_the_shipped_check_set_runs_from_the_command_line(capsys):
    assert (CHECK_DIR / "gold.jsonl").exists() and len(list((CHECK_DIR / "docs").glob("*.txt"))) == 614
    assert main(["eval", "--normative"]) == 0
    out = capsys.readouterr().out
    assert "on 614 normative-style documents" in out
    assert "held out (never learnt from): sets L, N, O, P, Q, R, S, T, U, V, W, X, Y, Z, AB, AC, AD, 340 documents" in out
    assert "learnt from (in-sample" in out and "sets A, B, C, D, E, F, G, H, I, J, K, M, AA, AE, 274 documents" in out
    assert all(label in out for label in ("sharing", "blacklist", "punishment"))
    assert "found no scanned clause" not in out  # every gold clause still lines up with a scanned one
    assert "pointed out as weak (ledger weak_flags)" in out and "pointed out as near (ledger near_flags)" in out


def test_freezing_a_set_keeps_each_gold_clause_with_the_text_the_classifier_reads():
    import importlib.util

    spec = importlib.util.spec_from_file_location("freeze_checks", CHECK_DIR.parents[1] / "tools" / "freeze_checks.py")
    freeze_checks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(freeze_checks)
    rows = freeze_checks.freeze(["G"])
    gold = [json.loads(line) for line in open(CHECK_DIR / "gold.jsonl", encoding="utf-8")]
    gold = [g for g in gold if g["set"] == "G"]
    assert [(r["doc"], r["location"], r["labels"]) for r in rows] == [(g["doc"], g["location"], g["labels"]) for g in gold]
    # An item under a heading is read with it, as a scan reads it.
    headed = next(r for r in rows if r["doc"].startswith("G17") and r["location"] == "一、（二）")
    assert headed["text"].startswith("编制本单位公共信用信息目录：（二）目录编制要严格把握边界")


def test_leaving_a_set_out_keeps_the_corpus_and_the_other_sets(tmp_path):
    import importlib.util

    from classifier.corpus import load

    spec = importlib.util.spec_from_file_location("loso", CHECK_DIR.parents[1] / "tools" / "leave_one_set_out.py")
    loso = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loso)
    (tmp_path / "without_f").mkdir()
    (tmp_path / "corpus_only").mkdir()
    without_f = load(loso.corpus_without("F", tmp_path / "without_f"))
    corpus_only = load(loso.corpus_without(None, tmp_path / "corpus_only"))
    checks = [c for c in without_f if c.doc == "check"]
    assert checks and not any(c.check_set == "F" for c in checks)
    assert {c.check_set for c in checks} == trained_sets() - {"F"}
    assert [c for c in without_f if c.doc != "check"] == corpus_only
    assert not any(c.doc == "check" for c in corpus_only)


def test_a_gold_row_is_found_by_location_only_when_its_first_characters_agree():
    scanned = [{"location": "附件1 第1段", "text": "申报项目类别：□境外展会补助"},
               {"location": "附件1 第2段", "text": "是否被列入严重失信主体名单：□是　□否"},
               {"location": "附件1 第3段", "text": "县级商务主管部门初审意见：（盖章）"}]
    # The labeller counted one paragraph the scanner drops: 第3段 to them is 第2段 here.
    counted_off = {"location": "附件1 第3段", "text_start": "是否被列入严重失信主体名单："}
    assert find_clause(scanned, counted_off)["location"] == "附件1 第2段"
    # A location alone still names a clause whose opening the scanner reads differently.
    renamed_start = {"location": "附件1 第1段", "text_start": "（一）申报项目类别"}
    assert find_clause(scanned, renamed_start)["location"] == "附件1 第1段"
    assert find_clause(scanned, {"location": "附件2 第1段", "text_start": "法定代表人（签字）"}) is None
