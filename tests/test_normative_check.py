"""The normative-style check: clause and document counts against hand labels."""
from __future__ import annotations

import json

from taizhang.cli import main
from taizhang.normative_check import CHECK_DIR, check


def test_counts_follow_the_gold_labels(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(
        "某市信用管理办法\n第一条 为了规范管理，制定本办法。\n"
        "第二条 将违法信息记入信用档案，并依法实施联合惩戒。\n第三条 本办法自公布之日起施行。\n", encoding="utf-8")
    (tmp_path / "docs" / "b.txt").write_text("某市值班制度\n一、值班人员应当按时到岗。\n二、值班记录应当保存。\n", encoding="utf-8")
    gold = [
        {"doc": "a.txt", "location": "第一条", "text_start": "第一条为了规范管理", "labels": []},
        {"doc": "a.txt", "location": "第二条", "text_start": "第二条将违法信息", "labels": ["sharing", "punishment"]},
        # A location that no longer matches is found again by the clause's first characters.
        {"doc": "a.txt", "location": "第9条", "text_start": "第三条本办法自公布", "labels": ["blacklist"]},
        {"doc": "b.txt", "location": "一、", "text_start": "一、值班人员", "labels": []},
        {"doc": "b.txt", "location": "三、", "text_start": "三、不存在", "labels": []},
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


def test_the_shipped_check_set_runs_from_the_command_line(capsys):
    assert (CHECK_DIR / "gold.jsonl").exists() and len(list((CHECK_DIR / "docs").glob("*.txt"))) == 114
    assert main(["eval", "--normative"]) == 0
    out = capsys.readouterr().out
    assert "on 114 normative-style documents" in out
    assert all(label in out for label in ("sharing", "blacklist", "punishment"))
    assert "found no scanned clause" not in out  # every gold clause still lines up with a scanned one
    assert "pointed out as weak (ledger weak_flags)" in out
