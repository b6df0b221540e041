import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from taizhang.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "某市城市生活垃圾分类管理办法.txt"
CONTRACT_KEYS = {"file", "sha256", "error", "document", "clauses", "ledger_row", "model"}


def scan(capsys, *args):
    code = main(["scan", "--jsonl", *map(str, args)])
    lines = capsys.readouterr().out.splitlines()
    return code, [json.loads(line) for line in lines]


def test_scan_example_follows_the_contract(capsys):
    code, records = scan(capsys, EXAMPLE, "--workers", "1")
    assert code == 0 and len(records) == 1
    record = records[0]
    assert CONTRACT_KEYS <= set(record) and record["error"] is None
    assert record["document"]["doc_number"] == "某政〔2020〕12号"
    assert record["document"]["format"] == "txt" and record["document"]["date"] == "2020-05-08"
    by_location = {c["location"]: c for c in record["clauses"]}
    assert set(by_location["第六条"]["labels"]) >= {"sharing"}
    assert by_location["第八条"]["labels"] == []  # a plain fine
    for c in record["clauses"]:
        assert set(c) >= {"id", "location", "text", "labels", "scores", "evidence", "basis"}
        assert set(c["scores"]) == {"sharing", "blacklist", "punishment"}
    row = record["ledger_row"]
    assert row["document_name"] == "《某市城市生活垃圾分类管理办法》(某政〔2020〕12号)"
    assert row["involves_sharing"] == "是" and "第六条：" in row["summary"]
    assert row["responsible_unit"] == "某市人民政府"
    # 第一条 cites a national law as the document's basis; the clauses themselves cite nothing.
    assert by_location["第一条"]["basis"][0]["level"] == "law"
    assert (row["has_national_basis"], row["has_local_basis"], row["basis_source"]) == ("是", "否", "document")
    assert row["disposal"] == "修订" and row["disposal_reason"].startswith("系统建议")
    risky = {(r["code"], r["clause_id"]) for r in row["risks"]}
    assert ("blacklist_without_procedure", by_location["第七条"]["id"]) in risky or (
        "blacklist_without_procedure", by_location["第六条"]["id"]) in risky
    assert all(r["provision"].startswith("国办发〔2020〕49号（") for r in row["risks"])
    assert record["model"]["name"] == "taizhang-clauses" and record["model"]["version"]


def test_bad_file_gets_its_line_and_the_batch_goes_on(tmp_path, capsys):
    bad = tmp_path / "a_empty.docx"
    bad.write_bytes(b"")
    good = tmp_path / "b.txt"
    shutil.copy(EXAMPLE, good)
    code, records = scan(capsys, bad, good, "--workers", "1")
    assert code == 1
    assert [Path(r["file"]).name for r in records] == ["a_empty.docx", "b.txt"]
    assert records[0]["error"]["code"] == "corrupt" and records[0]["clauses"] is None
    assert records[1]["error"] is None and records[1]["clauses"]


def test_two_workers_give_the_same_output_in_input_order(tmp_path, capsys):
    for i in range(4):
        shutil.copy(EXAMPLE, tmp_path / f"doc{i}.txt")
    (tmp_path / "doc2.txt").write_text("第一条 本办法自公布之日起施行。\n第二条 处以罚款。", encoding="gb18030")
    _, one = scan(capsys, tmp_path, "--workers", "1")
    _, two = scan(capsys, tmp_path, "--workers", "2")
    assert one == two and [Path(r["file"]).name for r in one] == [f"doc{i}.txt" for i in range(4)]


def test_ledger_writes_the_template(tmp_path, capsys):
    negative = tmp_path / "plain.txt"
    negative.write_text("第一条 为了规范会议管理，制定本办法。\n第二条 本办法自公布之日起施行。", encoding="utf-8")
    out = tmp_path / "ledger.xlsx"
    code = main(["ledger", str(EXAMPLE), str(negative), "-o", str(out), "--unit", "某市城管局", "--workers", "1"])
    assert code == 0
    ws = load_workbook(out).active
    assert ws["A2"].value == "填报单位(公章)：某市城管局"
    assert ws.cell(5, 2).value == "规章、规范性文件或其他文件名称(含文号)"
    # Only documents that involve a flag get a row.
    assert ws.cell(6, 2).value == "《某市城市生活垃圾分类管理办法》(某政〔2020〕12号)"
    assert ws.cell(7, 2).value is None
    assert "1 行" in capsys.readouterr().err


def test_a_document_held_back_by_the_document_thresholds_is_named_for_checking(tmp_path, capsys, held_back_model):
    # The example's flags all pass their clause thresholds; held back by the document
    # thresholds, the document is left out of the ledger, and on the sheet of those to check.
    out = tmp_path / "ledger.xlsx"
    assert main(["ledger", str(EXAMPLE), "-o", str(out), "--workers", "1", "--model", str(held_back_model)]) == 0
    assert "0 行" in (err := capsys.readouterr().err) and "另有 1 个文件未列入但有条款接近判定门槛" in err
    workbook = load_workbook(out)
    assert workbook.active.cell(6, 2).value is None
    sheet = workbook["待核实的文件"]
    assert sheet.cell(4, 2).value == "《某市城市生活垃圾分类管理办法》(某政〔2020〕12号)"
    assert "判为“否”，但这些条款的得分接近判定门槛" in sheet.cell(4, 3).value
    csv_out = tmp_path / "ledger.csv"
    assert main(["ledger", str(EXAMPLE), "-o", str(csv_out), "--workers", "1", "--model", str(held_back_model)]) == 0
    assert "待核实：《某市城市生活垃圾分类管理办法》" in capsys.readouterr().err


def test_a_copy_of_a_file_gives_one_row_and_csv_is_never_written_as_xlsx(tmp_path, capsys):
    copy = tmp_path / "某市城市生活垃圾分类管理办法 - 副本.txt"
    shutil.copy(EXAMPLE, copy)
    out = tmp_path / "ledger.csv"
    assert main(["ledger", str(EXAMPLE), str(copy), "-o", str(out), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "内容完全相同" in err and "1 行" in err
    assert out.read_text(encoding="utf-8-sig").count("某市城市生活垃圾分类管理办法") == 1
    with pytest.raises(SystemExit) as exc:
        main(["ledger", str(EXAMPLE), "-o", str(tmp_path / "台账.xlsx"), "--csv"])
    assert ".csv" in str(exc.value) and not (tmp_path / "台账.xlsx").exists()


def test_files_not_read_are_listed_in_the_workbook_and_a_missing_output_folder_stops_first(tmp_path, capsys):
    broken = tmp_path / "广告监测工作方案.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)  # a truncated Word file
    out = tmp_path / "台账.xlsx"
    assert main(["ledger", str(EXAMPLE), str(broken), "-o", str(out), "--workers", "1"]) == 1
    assert "未能读取的文件" in capsys.readouterr().err
    sheet = load_workbook(out)["未能读取的文件"]
    assert sheet.cell(4, 2).value.endswith("广告监测工作方案.docx") and sheet.cell(4, 3).value == "corrupt"
    assert "重新获取原文件" in sheet.cell(4, 4).value
    with pytest.raises(SystemExit) as exc:
        main(["ledger", str(EXAMPLE), "-o", str(tmp_path / "no" / "such" / "台账.xlsx")])
    assert "输出文件夹不存在" in str(exc.value)


def test_missing_path_is_reported(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["scan", "--jsonl", "no/such/file.docx"])
    assert "找不到" in str(exc.value)


def test_eval_reports_every_label_on_the_test_split_and_flags_in_sample_splits(capsys):
    assert main(["eval"]) == 0
    out = capsys.readouterr().out
    assert "test split" in out and "doc recall" in out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[2:5]}
    assert set(rows) == {"sharing", "blacklist", "punishment"}
    assert all(0.0 <= float(v) <= 1.0 for values in rows.values() for v in values[:3])
    assert "in-sample" not in out
    assert main(["eval", "--split", "dev"]) == 0
    assert "in-sample" in capsys.readouterr().out


def test_bench_prints_every_case_against_its_baseline(capsys):
    # Timings are machine-dependent, so only the report's shape is checked here;
    # the README carries the measured numbers from a full run.
    code = main(["bench", "--files", "4", "--repeat", "2"])
    out = capsys.readouterr()
    rows = {line.split()[0]: line for line in out.out.splitlines()[1:]}
    # The typeset PDFs do not embed their font: without a Chinese font pdfium is not what
    # reads them, and the benchmark says so instead of timing it.
    from extractor.backends.pdf import chinese_font_installed

    if chinese_font_installed():
        assert set(rows) == {"txt", "pdf", "workers", "memory"}
    else:
        assert set(rows) == {"txt", "workers", "memory"} and "no pdf case" in out.err
    for line in rows.values():
        assert line.split()[1].endswith("×") and ("pass" in line or "FAIL" in line)
    assert code == (0 if all("pass" in line for line in rows.values()) else 1)
    assert "fastest of 2 rounds" in out.err


def test_an_item_is_scored_with_the_heading_above_it(tmp_path, capsys):
    # 1. 暂停安排其各类环保专项资金补助 says nothing of credit alone; under 对环保不良企业
    # in a section on using credit evaluation results it is a sanction.
    doc = tmp_path / "方案.txt"
    doc.write_text("某市企业环境信用评价实施方案\n一、评价结果应用\n（一）对环保不良企业\n"
                   "1. 暂停安排其各类环保专项资金补助。\n二、组织实施。各单位要认真落实。\n", encoding="utf-8")
    code, records = scan(capsys, doc, "--workers", "1")
    item = records[0]["clauses"][0]
    assert code == 0 and item["location"] == "一、（一）1."
    assert item["heading"] == "评价结果应用 对环保不良企业" and item["text"] == "1. 暂停安排其各类环保专项资金补助。"
    from classifier.model import ClauseModel
    model = ClauseModel.load()
    alone, in_context = model.scores([item["text"], f"{item['heading']}：{item['text']}"])
    assert [item["scores"][label] for label in ("sharing", "blacklist", "punishment")] == \
        [round(float(s), 4) for s in in_context]
    assert in_context[2] > alone[2] and "punishment" in item["labels"]
    assert records[0]["clauses"][1]["heading"] is None
