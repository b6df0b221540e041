from datetime import date

from openpyxl import load_workbook

from taizhang.ledger_file import NEAR_SHEET, NOTE_HEADING, NOTES_SHEET, write_csv, write_xlsx
from taizhang.ledger_row import COLUMNS, _cut, build_ledger_row, document_name, involves_any, key_excerpt

DOC = {"title": "平顶山市某某管理办法", "doc_number": "平政〔2020〕12号", "issuer": "平顶山市人民政府"}


def clause(cid, location, text, labels, evidence):
    return {"id": cid, "location": location, "text": text, "labels": labels, "evidence": evidence, "basis": []}


def test_document_name_forms():
    assert document_name("某市管理办法", "某政〔2020〕1号", "a.docx") == "《某市管理办法》(某政〔2020〕1号)"
    assert document_name("某市管理办法", None, "a.docx") == "《某市管理办法》"
    assert document_name(None, None, "docs/archive.zip!sub/某文件.docx") == "《某文件》"
    issued = document_name("某市人民政府关于印发某市垃圾分类管理办法的通知", "某政〔2020〕12号", "x.txt")
    assert issued == "《某市垃圾分类管理办法》(某政〔2020〕12号)"
    assert document_name("关于印发《某市信用管理办法》的通知", None, "x") == "《某市信用管理办法》"
    # A measure whose title names no place takes its issuer's name, as its own heading does:
    # every unit has a 2021年社会信用体系建设工作要点.
    assert document_name("宁川市交通运输局关于印发2021年社会信用体系建设工作要点的通知", "宁交〔2021〕8号", "x") == \
        "《宁川市交通运输局2021年社会信用体系建设工作要点》(宁交〔2021〕8号)"


def test_row_flags_summary_and_unknown_fields():
    clauses = [
        clause("c1", "第一条", "第一条 为了规范管理，制定本办法。", [], []),
        clause("c6", "第六条", "第六条 城市管理部门应当依法履职。将受到行政处罚的企业纳入公共信用信息平台，记入信用记录。",
               ["sharing"], ["纳入公共信用信息平台", "信用记录"]),
        clause("c7", "第七条", "第七条 对列入黑名单的企业，依法实施联合惩戒。", ["blacklist", "punishment"], ["黑名单", "联合惩戒"]),
    ]
    row = build_ledger_row(DOC, clauses, "x.docx")
    assert row["document_name"] == "《平顶山市某某管理办法》(平政〔2020〕12号)"
    assert (row["involves_sharing"], row["involves_blacklist"], row["involves_punishment"]) == ("是", "是", "是")
    # Only the flagged clauses, each with its location and the sentence holding the evidence.
    assert row["summary"] == "第六条：将受到行政处罚的企业纳入公共信用信息平台，记入信用记录。\n第七条：对列入黑名单的企业，依法实施联合惩戒。"
    assert row["responsible_unit"] == "平顶山市人民政府"
    # Nothing cited anywhere: no basis, and a suggestion (never a silent default).
    assert (row["has_national_basis"], row["has_local_basis"], row["basis_detail"]) == ("否", "否", "无")
    # A 管理办法 about something else: the unbased measures are struck (修订), it is not repealed.
    assert row["disposal"] == "修订" and row["disposal_reason"].startswith("系统建议")
    credit = build_ledger_row(dict(DOC, title="平顶山市某某信用管理办法"), clauses, "x.docx")
    assert credit["disposal"] == "废止"
    for key in ("due", "measures_taken", "progress", "responsible_person", "phone"):
        assert row[key] is None
    assert set(row) == ({key for key, _ in COLUMNS} - {"seq"}) | {"basis_source", "disposal_reason", "risks",
                                                                 "disposal_suggested", "weak_flags", "near_flags", "document_notes"}
    assert row["disposal_suggested"] is True
    assert involves_any(row)


def test_row_without_flags():
    row = build_ledger_row({"title": None, "doc_number": None, "issuer": None}, [clause("c1", "第1段", "正文", [], [])], "a/b.txt")
    assert row["summary"] is None and not involves_any(row)
    assert row["involves_sharing"] == "否" and row["document_name"] == "《b》"


def test_a_table_rows_excerpt_reads_without_its_number_and_tabs():
    row = "1\t限制参与政府采购活动\t《中华人民共和国政府采购法》第七十七条\t市财政局"
    # The cell holding the evidence; the basis goes to 依据的具体内容.
    assert key_excerpt(row, ["限制…政府采购"]) == "限制参与政府采购活动；"
    assert key_excerpt(row, ["无关"]) == "限制参与政府采购活动；"


def test_an_excerpt_keeps_each_labels_sentence_and_the_conduct_it_leans_on():
    # Publication in one sentence, heavier supervision in the next: both are the measure.
    text = ("第十八条　市供水主管部门应当建立供水企业服务质量信用评价制度，每年对供水企业的供水水质、水压、服务质量等进行考核评价，"
            "评价结果向社会公布，并作为特许经营考核的依据。对评价结果为较差的供水企业，列为重点监管对象，增加监督检查频次。")
    excerpt = key_excerpt(text, ["信用评价", "重点监管"])
    assert "信用评价" in excerpt and excerpt.endswith("列为重点监管对象，增加监督检查频次。") and len(excerpt) <= 81
    # 情节严重的，… leans on the conduct the clause opened with.
    text = ("第二十二条　违反本办法第十五条规定，盗用或者擅自转供城市公共供水的，由市供水主管部门责令限期改正，可处以一千元以上一万元以下罚款；"
            "情节严重的，将其违法行为信息记入信用档案，并通过“信用越州”网站向社会公布。")
    assert key_excerpt(text, ["记入信用档案"]) == "盗用或者擅自转供城市公共供水的，情节严重的，将其违法行为信息记入信用档案，并通过“信用越州”网站向社会公布。"


def test_measures_carrying_their_own_risk_are_excerpted_first():
    # Sixteen measures cannot all be excerpted: those asking banks or associations to
    # punish are what a reviewer must see, ahead of stronger plain ones.
    plain = [clause(f"c{i}", f"第{i}段", f"将第{i}类失信信息记入信用档案并共享。", ["sharing", "punishment"], ["信用档案"])
             for i in range(1, 9)]
    for c in plain:
        c["scores"] = {"sharing": 0.99, "blacklist": 0.0, "punishment": 0.99}
    bank = clause("c9", "第9段", "引导金融机构对失信企业提高贷款利率。", ["punishment"], ["金融机构…提高"])
    bank["scores"] = {"sharing": 0.0, "blacklist": 0.0, "punishment": 0.9}
    lines = build_ledger_row(DOC, [*plain, bank], "x")["summary"].split("\n")
    assert any(line.startswith("第9段") for line in lines[:6])
    # In a list too long to name every item, such a measure is named.
    items = [dict(c, location=f"二、（{i}）", text=f"（{i}）" + c["text"]) for i, c in enumerate([*plain, *plain], 1)]
    items = [dict(c, id=f"c{i}") for i, c in enumerate(items, 1)]
    bank = dict(bank, id="c17", location="二、（十七）", text="（十七）" + bank["text"])
    [line] = build_ledger_row(DOC, [*items, bank], "x")["summary"].split("\n")
    assert line.startswith("二、（1）等17项：") and "引导金融机构对失信企业提高贷款利率" in line and line.endswith("；等。")


def test_a_notices_opening_sentence_yields_to_the_measures():
    opening = clause("c0", "第1段", "为规范管理，现就建立失信“黑名单”制度通知如下：", ["blacklist"], ["黑名单"])
    opening["scores"] = {"sharing": 0.0, "blacklist": 0.99, "punishment": 0.0}
    measures = [clause(f"c{i}", f"第{i + 1}条", f"第{i + 1}条 对第{i}类失信主体限制参加政府采购。", ["punishment"], ["限制"])
                for i in range(1, 7)]
    for c in measures:
        c["scores"] = {"sharing": 0.0, "blacklist": 0.0, "punishment": 0.6}
    lines = build_ledger_row(DOC, [opening, *measures], "x")["summary"].split("\n")
    assert lines[-1] == "另有1条：第1段"


def test_the_clauses_that_put_subjects_on_a_list_outrank_those_that_take_them_off():
    put = clause("c6", "第六条", "第六条 有下列情形之一的，列入严重违法失信名单。", ["blacklist"], ["列入"])
    put["scores"] = {"sharing": 0.0, "blacklist": 0.6, "punishment": 0.0}
    off = [clause(f"c{i}", f"第{i}条", f"第{i}条 期满的，移出严重违法失信名单并停止公示。", ["blacklist", "sharing"], ["移出"])
           for i in range(10, 16)]
    for c in off:
        c["scores"] = {"sharing": 0.9, "blacklist": 0.99, "punishment": 0.0}
    summary = build_ledger_row(DOC, [put, *off], "x")["summary"]
    assert summary.startswith("第六条：") and summary.endswith("另有1条：第15条")


def test_the_items_of_a_list_of_measures_are_named_in_one_excerpt():
    measures = ["两年内不得录用为公务员", "不予办理出境手续", "在评先评优中实行一票否决", "记入本人诚信档案"]
    items = [clause(f"c{i}", f"三、（{n}）", f"（{n}）{m}。实施单位：市人力资源社会保障局。", ["punishment"], [m[-4:]])
             for i, (n, m) in enumerate(zip("一二三四", measures), 1)]
    for c in items:
        c["scores"] = {"sharing": 0.0, "blacklist": 0.0, "punishment": 0.9}
    [line] = build_ledger_row(DOC, items, "x")["summary"].split("\n")
    assert line == "三、（一）等4项：" + "；".join(measures) + "。"


def test_a_flag_resting_only_on_weak_clauses_is_pointed_out_not_dropped():
    weak = clause("c3", "第十条", "第十条 企业对信用评价等级有异议的，可以申请复核。", ["blacklist"], ["异议"])
    weak["scores"] = {"sharing": 0.01, "blacklist": 0.02, "punishment": 0.0}
    firm = clause("c4", "第十一条", "第十一条 将评价结果记入信用档案。", ["sharing"], ["信用档案"])
    firm["scores"] = {"sharing": 0.97, "blacklist": 0.0, "punishment": 0.0}
    row = build_ledger_row(DOC, [weak, firm], "x")
    assert row["involves_blacklist"] == "是"  # recall first: the column stays
    note = "第十条：是否涉及“黑名单”认定判为“是”把握不大（最高得分0.02），请先核实是否确有该类措施；如没有，改为“否”，基于这些条款的风险提示和处置建议随之不成立。"
    assert row["weak_flags"] == [{"column": "involves_blacklist", "heading": "是否涉及“黑名单”认定", "score": 0.02,
                                  "locations": ["第十条"], "reason": "low_score", "note": note}]
    from taizhang.ledger_file import weak_flag_notes
    assert weak_flag_notes(row) == [note]
    # A reviewer's label is firm, whatever the score was.
    assert build_ledger_row(DOC, [dict(weak, reviewed=True), firm], "x")["weak_flags"] == []


def test_a_column_the_document_threshold_held_back_is_pointed_out_and_stays_否():
    near = clause("c5", "第五条", "第五条 对拒不整改的单位，三年内不得申报专项资金。", [], [])
    near.update(held_back=["punishment"], scores={"sharing": 0.0, "blacklist": 0.0, "punishment": 0.019})
    other = clause("c6", "第六条", "第六条 对拒不整改的单位予以通报。", [], [])
    other.update(held_back=["punishment"], scores={"sharing": 0.0, "blacklist": 0.0, "punishment": 0.015})
    row = build_ledger_row(DOC, [near, other], "x")
    assert row["involves_punishment"] == "否" and not involves_any(row)
    note = ("第五条；第六条：是否涉及失信惩戒措施判为“否”，但这些条款的得分接近判定门槛（最高得分0.02），"
            "请核实是否设定了此类措施；如有，改为“是”并列入台账。")
    assert row["near_flags"] == [{"column": "involves_punishment", "heading": "是否涉及失信惩戒措施", "score": 0.019,
                                  "locations": ["第五条", "第六条"], "note": note}]
    # A clause a reviewer has judged has been looked at; a flagged column is no longer near.
    assert build_ledger_row(DOC, [dict(near, reviewed=True), dict(other, reviewed=True)], "x")["near_flags"] == []
    flagged = dict(other, labels=["punishment"], evidence=["通报"])
    assert build_ledger_row(DOC, [near, flagged], "x")["near_flags"] == []
    # Rows scanned before clauses kept held_back have none.
    assert build_ledger_row(DOC, [clause("c1", "第一条", "第一条 为了规范管理。", [], [])], "x")["near_flags"] == []


def test_a_flag_resting_only_on_clauses_that_restrain_measures_is_pointed_out():
    # The clean-up notice itself: its clauses name lists and punishments only to clear
    # them away, however sure the model is. They raise no risks of setting a measure.
    scope = clause("c1", "一、（二）", "（二）清理标准。凡没有法律、法规依据，擅自将不属于公共信用信息的事项纳入信用记录、"
                   "扩大严重失信主体名单认定范围、增设失信惩戒措施的，一律列入清理事项。", ["blacklist", "punishment"], ["失信惩戒"])
    halt = clause("c2", "三、", "三、本局印发的《某市客运驾驶员“黑名单”管理办法》设定的失信约束措施缺乏法律、法规依据，"
                  "自本通知印发之日起停止执行。", ["punishment"], ["失信约束措施"])
    record = clause("c3", "四、", "四、归集公共信用信息应当严格按照目录执行；公开涉及个人的信用信息，应当依法进行脱敏处理。",
                    ["sharing"], ["信用信息"])
    for c in (scope, halt, record):
        c["scores"] = {"sharing": 0.9, "blacklist": 0.99, "punishment": 0.97}
    row = build_ledger_row(DOC, [scope, halt, record], "x")
    assert row["involves_blacklist"] == row["involves_punishment"] == "是"  # recall first: the columns stay
    weak = {w["column"]: w for w in row["weak_flags"]}
    assert set(weak) == {"involves_blacklist", "involves_punishment"}  # 四、 publishes: sharing is firm
    assert weak["involves_punishment"]["reason"] == "restrains"
    assert weak["involves_punishment"]["note"].startswith("一、（二）；三、：是否涉及失信惩戒措施判为“是”，但这些条款只是清理")
    assert {r["clause_id"] for r in row["risks"]} == {"c3"}


def test_a_subjects_own_unauthorised_conduct_is_no_restraint():
    from taizhang.basis.assess import restrains_only
    assert not restrains_only("第十条 经营者擅自停业、歇业的，列入经营异常名录。")
    assert not restrains_only("各部门依照清单实施惩戒，不得超出清单范围；对严重失信主体限制参与政府采购。")
    assert restrains_only("自即日起，各单位不得新出台与《指导意见》要求不符的失信约束措施。")
    assert not restrains_only("第一条 为了规范管理，制定本办法。")  # names no measure at all
    # The clean-up's results: the table of repealed documents, a measure struck out.
    assert restrains_only("1\t临渊市失信联合惩戒对象名单管理暂行办法\t临政发〔2017〕31号\t废止")
    assert restrains_only("10\t临渊市公共信用信息管理办法\t临政发〔2020〕14号\t修改：删去第二十三条中“限制其子女就读民办学校”的规定")
    assert not restrains_only("1\t列入严重失信主体名单\t限制参与政府采购\t市财政局")


def test_key_excerpt_is_short():
    text = "第九条 " + "很长的句子，" * 40 + "纳入信用记录。"
    excerpt = key_excerpt(text, ["信用记录"])
    # The stretch around the evidence, not the sentence's opening.
    assert excerpt.startswith("…") and excerpt.endswith("纳入信用记录。") and len(excerpt) <= 80
    assert key_excerpt("第二条 甲。乙。", ["无关"]) == "甲。"
    # Notice-style numbering is the location already; the excerpt does not repeat it.
    assert key_excerpt("二、（三）将其纳入信用记录。", ["信用记录"]) == "将其纳入信用记录。"
    assert key_excerpt("1.对失信主体实施联合惩戒。", ["联合惩戒"]) == "对失信主体实施联合惩戒。"
    # An item's label is no measure; a cut never splits a title or a number.
    text = "（三）惩戒措施。对列入黑名单的机构，三年内不予受理其举办者新的办学申请，并列为重点监管对象。"
    assert key_excerpt(text, ["惩戒", "不予受理"]).startswith("对列入黑名单的机构")
    assert _cut("考核扣减10分", 5) == "考核扣减" and _cut("依照《医疗保障基金》第", 5) == "依照"
    # …nor starts inside one: a 文号 in brackets is skipped whole.
    text = ("三、本局印发的《某市客运驾驶员管理暂行办法》（某交〔2018〕40号）和《关于对超限超载运输当事人实施惩戒的通知》"
            "（某交〔2019〕22号）设定的失信约束措施缺乏法律、法规依据，自本通知印发之日起停止执行，由局政策法规科按程序提请废止。")
    assert key_excerpt(text, ["失信约束措施"]).startswith("…设定的失信约束措施")
    # Items left out between two kept ones are marked.
    assert key_excerpt("第九条 有下列情形之一的：（一）记入信用档案；（二）依法限制参加政府采购；（三）向社会公布。",
                       ["信用档案", "向社会公布"]) == "有下列情形之一的：（一）记入信用档案；…（三）向社会公布。"
    # A trigger pair picks the sentence that holds both of its words.
    assert key_excerpt("第三条 建立档案。将违法信息记入信用档案。记入台账。", ["记入…信用档案"]) == "将违法信息记入信用档案。"


def _rows():
    return [build_ledger_row(DOC, [clause("c7", "第七条", "第七条 列入黑名单。", ["blacklist"], ["黑名单"])], "x")]


def test_xlsx_template(tmp_path):
    out = tmp_path / "ledger.xlsx"
    write_xlsx(_rows(), out, unit="某市交通运输局", contact="张三 0375-1234567", filled_on=date(2026, 11, 27))
    ws = load_workbook(out).active
    assert ws["A1"].value == "失信约束措施清理规范工作台账"
    assert ws["A2"].value == "填报单位(公章)：某市交通运输局"
    assert ws["A3"].value == "联系人及联系方式：张三 0375-1234567"
    assert ws["A4"].value == "填报时间：2026年11月27日"
    headings = [ws.cell(5, j).value for j in range(1, 17)]
    assert headings == [h for _, h in COLUMNS]
    assert headings[3] == "是否涉及“黑名单”认定"
    assert [ws.cell(6, j).value for j in (1, 2, 4, 6)] == [1, "《平顶山市某某管理办法》(平政〔2020〕12号)", "是", "第七条：列入黑名单。"]
    assert ws.cell(6, 6).alignment.wrap_text
    assert ws.column_dimensions["F"].width >= 40
    # Exactly the template's 16 columns; 处置方式 holds one of its four values, a
    # suggestion marked by a comment, and takes no other value.
    assert ws.max_column == 16
    assert ws.cell(6, 10).value == "修订" and "系统建议" in ws.cell(6, 10).comment.text
    [rule] = ws.data_validations.dataValidation
    assert rule.formula1 == '"保留,修订,立法,废止"' and "J6" in str(rule.sqref)
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$5:$5"
    confirmed = dict(_rows()[0], disposal="废止", disposal_suggested=False)
    ws2 = load_workbook(write_xlsx([confirmed], tmp_path / "c.xlsx") and tmp_path / "c.xlsx").active
    assert ws2.cell(6, 10).value == "废止" and ws2.cell(6, 10).comment is None  # a reviewer's decision
    # The clause carries no score (as a reviewer's labels): its 是 is firm, no comment.
    assert ws.cell(6, 4).comment is None
    weak = [build_ledger_row(DOC, [dict(clause("c7", "第七条", "第七条 列入名录。", ["blacklist"], ["名录"]),
                                        scores={"sharing": 0.0, "blacklist": 0.02, "punishment": 0.0})], "x")]
    ws3 = load_workbook(write_xlsx(weak, tmp_path / "w.xlsx") and tmp_path / "w.xlsx").active
    assert ws3.cell(6, 4).value == "是" and "把握不大" in ws3.cell(6, 4).comment.text  # marked where it is read
    # A 否 that clauses came close to is marked in the ledger where it is read; a document
    # left out of the ledger for it is named on a sheet of its own.
    held = dict(clause("c8", "第八条", "第八条 不得申报。", [], []), held_back=["punishment"],
                scores={"sharing": 0.0, "blacklist": 0.0, "punishment": 0.016})
    listed = build_ledger_row(DOC, [dict(clause("c7", "第七条", "第七条 列入名录。", ["blacklist"], ["名录"]),
                                       scores={"sharing": 0.0, "blacklist": 0.9, "punishment": 0.0}), held], "x")
    left_out = build_ledger_row(dict(DOC, title="平顶山市某某实施细则"), [held], "y")
    wb4 = load_workbook(write_xlsx([listed], tmp_path / "n.xlsx", near=[left_out]) and tmp_path / "n.xlsx")
    assert wb4.active.cell(6, 5).value == "否" and "接近判定门槛" in wb4.active.cell(6, 5).comment.text
    assert "接近判定门槛" in wb4[NOTES_SHEET].cell(4, 4).value
    sheet = wb4[NEAR_SHEET]
    assert [sheet.cell(4, j).value for j in (1, 2)] == [1, "《平顶山市某某实施细则》(平政〔2020〕12号)"]
    assert sheet.cell(4, 3).value.startswith("第八条：是否涉及失信惩戒措施判为“否”")
    assert NEAR_SHEET not in load_workbook(out).sheetnames  # none to check, no sheet
    # Risks and the disposal's reasons go on the companion sheet, never reported upward.
    notes = load_workbook(out)[NOTES_SHEET]
    assert [notes.cell(3, j).value for j in (1, 2)] == ["序号", "规章、规范性文件或其他文件名称(含文号)"]
    assert notes.cell(4, 1).value == 1 and notes.cell(4, 2).value == "《平顶山市某某管理办法》(平政〔2020〕12号)"
    assert "系统建议" in notes.cell(4, 3).value
    assert "第七条：" in notes.cell(4, 4).value and "国办发〔2020〕49号（八）" in notes.cell(4, 4).value


def test_a_risk_shared_by_many_clauses_is_one_line_naming_them_all():
    from taizhang.ledger_file import grouped_risks

    risk = {"code": "punishment_without_basis", "provision": "国办发〔2020〕49号（九）", "message": "未援引依据。"}
    row = {"risks": [dict(risk, clause_id="c2", location="第二条"), dict(risk, clause_id="c3", location="二、（三）"),
                     dict(risk, clause_id="c3", location="二、（三）"),
                     {"code": "x", "provision": "国办发〔2020〕49号（八）", "message": "无程序。", "clause_id": "c3",
                      "location": "二、（三）"}]}
    assert grouped_risks(row) == ["第二条；二、（三）：未援引依据。（国办发〔2020〕49号（九））",
                                  "二、（三）：无程序。（国办发〔2020〕49号（八））"]


def test_csv_template(tmp_path):
    out = tmp_path / "ledger.csv"
    write_csv(_rows(), out, unit="某局", filled_on=date(2026, 1, 2))
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "填报单位(公章)：某局" and lines[2] == "填报时间：2026年1月2日"
    assert lines[3].split(",")[:2] == ["序号", "规章、规范性文件或其他文件名称(含文号)"]
    assert lines[3].split(",")[-1] == NOTE_HEADING
    assert lines[4].startswith("1,《平顶山市某某管理办法》")


def test_a_long_summary_excerpts_the_strongest_clauses_and_names_the_rest():
    weak = [clause(f"c{i}", f"第{i}条", f"第{i}条 建立信用档案。", ["sharing"], ["信用档案"]) for i in range(1, 11)]
    for i, c in enumerate(weak):
        c["scores"] = {"sharing": 0.2 + i / 100, "blacklist": 0.0, "punishment": 0.0}
    strong = clause("c11", "第11条", "第11条 对列入黑名单的企业实施联合惩戒。", ["blacklist", "punishment"], ["黑名单"])
    strong["scores"] = {"sharing": 0.0, "blacklist": 0.3, "punishment": 0.2}
    # Two weak labels on a duties clause count for less than one sure label.
    duties = clause("c12", "第12条", "第12条 市发展改革委负责信用评价工作。", ["sharing", "punishment"], ["信用评价"])
    duties["scores"] = {"sharing": 0.05, "blacklist": 0.0, "punishment": 0.02}
    row = build_ledger_row(DOC, [*weak, strong, duties], "x.docx")
    lines = row["summary"].split("\n")
    assert len(lines) == 7  # 6 excerpts, then every other flagged clause by location
    # Reading order is kept; the strongest clauses by summed score are excerpted.
    excerpted = [line.split("：")[0] for line in lines[:6]]
    assert excerpted == ["第6条", "第7条", "第8条", "第9条", "第10条", "第11条"]
    assert lines[6] == "另有6条：第1条；第2条；第3条；第4条；第5条；第12条"


def test_an_item_is_excerpted_with_its_subject_and_a_long_sentence_around_its_evidence():
    item = clause("c9", "四、（三）2.", "2. 从严审查其环保行政许可申请，不予受理其环保专项资金申请。", ["punishment"], ["不予受理"])
    item["heading"] = "评价结果应用 对环保不良企业"
    long = clause("c10", "三、", "三、" + "市生态环境局会同有关部门，" * 6 + "通报有关部门，由有关部门在评优评先、政府采购、银行信贷等方面依法予以限制。",
                  ["punishment"], ["依法予以限制", "评优评先"])
    summary = build_ledger_row(DOC, [item, long], "x")["summary"].split("\n")
    # Locations read as the document writes them: 四、（三）2. and 三、 need no colon, 第五条 does.
    assert summary[0] == "四、（三）2.（对环保不良企业）从严审查其环保行政许可申请，不予受理其环保专项资金申请。"
    assert summary[1].startswith("三、…") and summary[1].endswith("依法予以限制。")


def test_an_item_is_excerpted_with_the_sentence_that_introduces_it():
    article = clause("c5", "第五条", "第五条 社会组织有下列情形之一的，列入严重违法失信名单：\n（一）弄虚作假办理登记的；\n"
                     "（五）三年内两次以上受到警告或者不予公告年度工作报告处罚的。", ["blacklist"], ["不予公告"])
    [line] = build_ledger_row(DOC, [article], "x")["summary"].split("\n")
    assert line == "第五条：社会组织有下列情形之一的，列入严重违法失信名单：（五）三年内两次以上受到警告或者不予公告年度工作报告处罚的。"


def test_a_long_item_keeps_its_lead_in_and_the_stretch_around_its_evidence():
    article = clause("c5", "第五条", "第五条 有下列情形之一的，列入严重违法失信名单：\n（一）弄虚作假的；\n（二）" + "多次" * 40
                     + "拒不履行义务的。", ["blacklist"], ["拒不履行"])
    line = build_ledger_row(DOC, [article], "x")["summary"]
    assert line.startswith("第五条：有下列情形之一的，列入严重违法失信名单：…") and "拒不履行" in line
    assert len(line) <= len("第五条：") + 80


def test_the_responsible_unit_of_a_joint_document_names_every_issuer():
    joint = dict(DOC, issuer="江川市发展和改革委员会", co_issuers=["江川市统计局"])
    row = build_ledger_row(joint, [clause("c7", "第七条", "第七条 列入黑名单。", ["blacklist"], ["黑名单"])], "x")
    assert row["responsible_unit"] == "江川市发展和改革委员会、江川市统计局"
    assert build_ledger_row(dict(DOC, co_issuers=[]), [], "x")["responsible_unit"] == DOC["issuer"]


def test_purpose_scope_and_duties_clauses_come_last_in_the_summary():
    frame = [clause("c1", "第一条", "第一条 为了完善失信约束制度，根据有关法律，制定本办法。", ["punishment"], ["失信约束"]),
             clause("c2", "第二条", "第二条 本规程适用于本市行政区域内的信用修复工作。", ["sharing"], ["信用修复"]),
             clause("c3", "第三条", "第三条 市发展改革委负责全市信用修复工作。", ["sharing"], ["信用修复"])]
    measures = [clause(f"c{i}", f"第{i}条", f"第{i}条 将违法信息记入信用档案。", ["sharing"], ["信用档案"]) for i in range(4, 10)]
    for c in frame:
        c["scores"] = {"sharing": 0.99, "blacklist": 0.0, "punishment": 0.99}
    for c in measures:
        c["scores"] = {"sharing": 0.5, "blacklist": 0.0, "punishment": 0.0}
    lines = build_ledger_row(DOC, [*frame, *measures], "x")["summary"].split("\n")
    assert [line.split("：")[0] for line in lines[:6]] == [f"第{i}条" for i in range(4, 10)]
    assert lines[6] == "另有3条：第一条；第二条；第三条"


def test_a_forwarded_document_is_listed_as_its_issuer_issued_it():
    doc = {"title": "某县市场监督管理局关于转发《某县人民政府办公室关于加强校园食品安全信用监管工作的通知》的通知",
           "doc_number": "某市监〔2023〕20号", "issuer": "某县市场监督管理局"}
    cover = clause("c1", "第1段", "现将《某县人民政府办公室关于加强校园食品安全信用监管工作的通知》（某政办〔2023〕12号）转发给你们。",
                   [], [])
    measure = clause("c2", "附件 一、", "一、将违法经营者记入食品安全信用档案。", ["sharing"], ["信用档案"])
    row = build_ledger_row(doc, [cover, measure], "x.docx")
    assert row["document_name"] == "《某县人民政府办公室关于加强校园食品安全信用监管工作的通知》(某政办〔2023〕12号)"
    assert row["responsible_unit"] == "某县人民政府办公室"
    assert "转发" in row["document_notes"][0]
    # Issued, not forwarded: the notice's own 文号 and issuer, as before.
    issued = dict(doc, title="某县市场监督管理局关于印发《某县食品安全信用监管办法》的通知")
    row = build_ledger_row(issued, [measure], "x.docx")
    assert (row["document_name"], row["responsible_unit"], row["document_notes"]) == (
        "《某县食品安全信用监管办法》(某市监〔2023〕20号)", "某县市场监督管理局", [])


def test_a_document_marked_repealed_is_pointed_out():
    head = clause("c0", "前言", "【已废止】本文件已由《某县市场监督管理局关于废止部分规范性文件的决定》宣布自2021年12月31日起废止。", [], [])
    listing = clause("c2", "第二条", "第二条 列入企业失信黑名单。", ["blacklist"], ["黑名单"])
    row = build_ledger_row(DOC, [head, listing], "x.docx")
    [note] = row["document_notes"]
    assert note.startswith("文件标注为已废止") and "2021年1…" not in note
    from taizhang.ledger_file import _review_notes
    assert _review_notes(row)[0] == note
    # A document that repeals another is not itself repealed.
    closing = clause("c9", "第九条", "第九条 本办法自公布之日起施行，原《某县信用管理办法》同时废止。", [], [])
    assert build_ledger_row(DOC, [listing, closing], "x.docx")["document_notes"] == []


def test_a_title_opening_with_关于_is_named_with_its_issuer():
    doc = {"title": "关于做好2023年度“双随机、一公开”监管工作的通知", "doc_number": "某市监〔2023〕11号", "issuer": "某县市场监督管理局"}
    row = build_ledger_row(doc, [clause("c1", "一、", "一、将抽查结果记入信用记录。", ["sharing"], ["信用记录"])], "x.txt")
    assert row["document_name"] == "《某县市场监督管理局关于做好2023年度“双随机、一公开”监管工作的通知》(某市监〔2023〕11号)"


def test_a_table_rows_gist_names_the_measure_not_the_conduct():
    rows = [clause(f"c{i}", f"序号{i}", f"{i}\t有不良信用记录的第{i}类经营者\t增加第{i}类监督检查频次\t《某法》\t县市场监督管理局",
                   ["punishment"], ["不良信用记录", "增加"]) for i in range(1, 4)]
    for c in rows:
        c["scores"] = {"sharing": 0.0, "blacklist": 0.0, "punishment": 0.8}
    [line] = build_ledger_row(DOC, rows, "x.xlsx")["summary"].split("\n")
    assert line == "序号1等3项：增加第1类监督检查频次；增加第2类监督检查频次；增加第3类监督检查频次。"


def test_a_duties_clause_of_two_bodies_yields_to_the_measures():
    duties = clause("c3", "第三条", "第三条 县市场监督管理局负责全县信用分级分类监管工作，各市场监管所负责辖区内的具体实施。",
                    ["sharing"], ["信用"])
    duties["scores"] = {"sharing": 0.9, "blacklist": 0.0, "punishment": 0.0}
    measures = [clause(f"c{i}", f"第{i}条", f"第{i}条 将第{i}类违法信息记入信用档案。", ["sharing"], ["信用档案"])
                for i in range(4, 10)]
    for c in measures:
        c["scores"] = {"sharing": 0.6, "blacklist": 0.0, "punishment": 0.0}
    assert build_ledger_row(DOC, [duties, *measures], "x")["summary"].endswith("另有1条：第三条")


def test_the_clause_stating_the_making_basis_does_not_count_as_a_measure_with_its_own():
    # 根据《价格法》…，决定建立价格诚信“红黑榜”制度 is flagged, but what it cites is the document's
    # 制定依据: the measures below are not thereby "partly based".
    opening = clause("c0", "第1段", "根据《中华人民共和国价格法》，决定建立价格诚信“黑榜”制度。", ["blacklist"], ["黑榜"])
    from taizhang.basis.citations import extract
    opening["basis"] = [b.as_dict() for b in extract("根据《中华人民共和国价格法》")]
    listing = clause("c1", "一、", "一、对列入“黑榜”的经营者，取消其三年内参加评优评先的资格。", ["punishment"], ["取消"])
    for c in (opening, listing):
        c["scores"] = {"sharing": 0.0, "blacklist": 0.9, "punishment": 0.9}
    row = build_ledger_row({"title": "某县价格诚信黑榜制度", "doc_number": None, "issuer": "某县市场监督管理局"},
                           [opening, listing], "x")
    assert (row["has_national_basis"], row["disposal"]) == ("否", "废止")

