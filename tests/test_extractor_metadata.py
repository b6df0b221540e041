"""Title, 文号, issuer and date: read from where documents put them, never guessed."""
from __future__ import annotations

import pytest

from extractor.metadata import clean, extract_metadata, extract_title
from extractor.segment import segment

BODY = ["各县（市、区）、市各有关部门：", "一、建立工作台账。各部门要建立台账。", "二、开展自查自纠。各部门要开展自查。"]


def test_red_header_notice_with_wrapped_title():
    paras = ["平顶山市发展和改革委员会文件", "平发改财金〔2021〕11号", "关于开展平顶山市失信约束措施",
             "清理规范工作的通知", *BODY, "平顶山市发展和改革委员会", "2021年1月21日"]
    assert extract_metadata(paras) == {
        "title": "关于开展平顶山市失信约束措施清理规范工作的通知",
        "doc_number": "平发改财金〔2021〕11号",
        "issuer": "平顶山市发展和改革委员会",
        "co_issuers": [],
        "date": "2021-01-21",
    }


@pytest.mark.parametrize("written", [
    "豫发改财金〔2021〕44号", "豫发改财金[2021]44号", "豫发改财金(2021)44号", "豫发改财金（2021）44号",
    "豫发改财金【2021】44号", "豫发改财金［2021］44号", "豫发改财金 〔2021〕 44 号",
])
def test_doc_number_brackets_are_normalised(written):
    assert extract_metadata(["河南省发展和改革委员会文件", written, "关于某事的通知", *BODY])["doc_number"] == "豫发改财金〔2021〕44号"


def test_title_spanning_lines_with_the_issuer_in_front():
    paras = ["国务院办公厅关于进一步完善失信约束制度", "构建诚信建设长效机制的指导意见", "国办发〔2020〕49号", *BODY]
    meta = extract_metadata(paras)
    assert meta["title"] == "国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见"
    assert meta["doc_number"] == "国办发〔2020〕49号"
    assert meta["issuer"] == "国务院办公厅"  # named in the title
    assert meta["date"] is None


def test_copy_number_and_urgency_marks_are_not_part_of_the_title():
    paras = ["000123", "特急", "某某市人民政府关于进一步加强", "信用监管的通知", *BODY]
    assert extract_metadata(paras)["title"] == "某某市人民政府关于进一步加强信用监管的通知"


@pytest.mark.parametrize("number", ["ZJSP01—2021—0012", "SDPR-2021-0010001", "登记号：HNPR-2021-01001",
                                    "Q CJR01— 2023— 0007"])  # an OFD may space letters apart
def test_a_normative_documents_registration_number_is_no_title_and_no_clause(number):
    paras = [number, "浙江省人民政府办公厅文件", "浙政办发〔2021〕12号", "浙江省人民政府办公厅关于进一步加强",
             "公共信用信息管理的通知", *BODY]
    meta = extract_metadata(paras)
    assert (meta["title"], meta["doc_number"]) == ("浙江省人民政府办公厅关于进一步加强公共信用信息管理的通知", "浙政办发〔2021〕12号")
    assert [c.location for c in segment(clean(paras))] == ["一、", "二、"]


def test_a_public_notices_form_name_under_its_issuer_is_no_clause():
    paras = ["澜江县人民政府", "通　告", "澜政通〔2024〕3号", "澜江县人民政府关于规范城镇供水供气秩序的通告",
             "为保障城镇供水供气安全，现就有关事项通告如下：", "一、用户应当按时交纳水费。", "二、本通告自发布之日起施行。"]
    meta = extract_metadata(paras)
    assert (meta["title"], meta["doc_number"], meta["issuer"]) == (
        "澜江县人民政府关于规范城镇供水供气秩序的通告", "澜政通〔2024〕3号", "澜江县人民政府")
    assert [c.location for c in segment(clean(paras))] == ["第1段", "一、", "二、"]


# 文件 alone under the stacked bodies; or between them, where it stood beside both lines.
@pytest.mark.parametrize("header", [["溆屏县市场监督管理局", "溆屏县商务局", "文件"],
                                    ["溆屏县市场监督管理局", "文件", "溆屏县商务局"]])
def test_a_stacked_joint_red_header_whose_文件_stands_alone(header):
    paras = [*header, "溆市监发〔2024〕33号", "关于开展诚信经营示范店创建活动的通知",
             "各乡镇人民政府，县直有关单位：", "为弘扬诚实守信的商业文化，决定开展创建活动。", "一、创建对象。本县经营户均可参加。"]
    meta = extract_metadata(paras)
    assert (meta["title"], meta["doc_number"], meta["issuer"], meta["co_issuers"]) == (
        "关于开展诚信经营示范店创建活动的通知", "溆市监发〔2024〕33号", "溆屏县市场监督管理局", ["溆屏县商务局"])
    assert [c.text[:6] for c in segment(clean(paras))] == ["为弘扬诚实守", "一、创建对象"]


def test_a_company_co_signing_with_public_bodies_is_an_issuer_not_a_clause():
    # A grid company or an airport co-issues with the departments (set Y's Y12, Y13): its
    # line of the stacked header and the joint signature were read as clauses.
    paras = ["泷岙市发展和改革委员会", "泷岙市公安局", "国网泷岙供电公司", "泷发改能源〔2024〕41号",
             "关于开展窃电违约用电专项整治行动的通知", "各县（市、区）发展改革局、公安局：",
             "为维护供用电秩序，现就专项整治通知如下：", "一、全面排查隐患。各地要开展排查。",
             "泷岙市发展和改革委员会　　泷岙市公安局　　国网泷岙供电公司", "2024年6月21日"]
    meta = extract_metadata(paras)
    assert (meta["issuer"], meta["co_issuers"], meta["date"]) == (
        "泷岙市发展和改革委员会", ["泷岙市公安局", "国网泷岙供电公司"], "2024-06-21")
    assert [c.text[:6] for c in segment(clean(paras))] == ["为维护供用电", "一、全面排查"]
    # Signed by a company alone, a line stays what it was: no issuer is made of it.
    alone = ["关于开展窃电违约用电专项整治行动的通知", "为维护供用电秩序，现就专项整治通知如下：",
             "一、全面排查隐患。各地要开展排查。", "国网泷岙供电公司", "2024年6月21日"]
    assert extract_metadata(alone)["issuer"] is None


def test_a_red_cross_society_co_issuing_is_a_body_of_the_red_header():
    # 红十字会 co-issues blood-donation notices with the health commission (set Q's Q12):
    # its line of the stacked header was read as the first paragraph.
    paras = ["渼川市卫生健康委员会", "渼川市红十字会", "文件", "渼卫发〔2024〕27号",
             "渼川市卫生健康委员会 渼川市红十字会关于做好2024年全市无偿献血工作的通知",
             "各区县卫生健康局、红十字会：", "为持续提升全市无偿献血水平，现就有关工作通知如下：", "一、各区县要完成采血任务。"]
    meta = extract_metadata(paras)
    assert (meta["issuer"], meta["co_issuers"]) == ("渼川市卫生健康委员会", ["渼川市红十字会"])
    assert [c.text[:6] for c in segment(clean(paras))] == ["为持续提升全", "一、各区县要"]


def test_a_joint_signature_after_the_attachments_names_every_body():
    # A text copy without its red header (a web page) may sign at the very end, after the
    # attachment's table (set Q's Q19): the co-issuer was lost.
    paras = ["关于印发《邶湖县2024年度普法责任清单》的通知", "邶司发〔2024〕6号", "县直各单位：",
             "现将《清单》印发给你们，请认真贯彻执行。", "附件：邶湖县2024年度普法责任清单", "附件",
             "邶湖县2024年度普法责任清单", "序号\t责任单位\t普法任务",
             *[f"{k}\t县{unit}局\t法律宣传" for k, unit in enumerate("司法 教育 民政 公安 财政 商务 水利 农业 林业 审计".split(), 1)],
             "中共邶湖县委全面依法治县委员会守法普法协调小组办公室　　邶湖县司法局", "2024年2月29日"]
    meta = extract_metadata(paras)
    assert (meta["issuer"], meta["co_issuers"], meta["date"]) == (
        "中共邶湖县委全面依法治县委员会守法普法协调小组办公室", ["邶湖县司法局"], "2024-02-29")


def test_a_public_notices_number_under_its_form_name_is_its_文号_not_part_of_the_title():
    paras = ["郗沅市交通运输局", "公　　告", "2024年第7号", "郗沅市交通运输局关于注销部分道路货物运输经营许可的公告",
             "根据《中华人民共和国行政许可法》第七十条，现将有关事项公告如下：", "一、注销下列业户的道路货物运输经营许可。",
             "郗沅市交通运输局", "2024年5月30日"]
    meta = extract_metadata(paras)
    assert (meta["title"], meta["doc_number"], meta["issuer"]) == (
        "郗沅市交通运输局关于注销部分道路货物运输经营许可的公告", "2024年第7号", "郗沅市交通运输局")
    assert [c.location for c in segment(clean(paras))] == ["第1段", "一、"]
    # A government site's page sets the number under the title and leaves the form name out.
    web = extract_metadata([paras[3], paras[2], *paras[4:]])
    assert (web["title"], web["doc_number"]) == (meta["title"], "2024年第7号")


@pytest.mark.parametrize("header", ["琅湄市司法局规范性文件", "琅湄市司法局行政规范性文件"])
def test_a_red_header_naming_the_kind_of_document_names_the_body_alone(header):
    paras = [header, "琅司规〔2023〕2号", "琅湄市司法局关于印发《琅湄市法律援助实施细则》的通知",
             "各区县司法局，市法律援助中心：", "现将《琅湄市法律援助实施细则》印发给你们，请遵照执行。"]
    meta = extract_metadata(paras)
    assert (meta["issuer"], meta["doc_number"]) == ("琅湄市司法局", "琅司规〔2023〕2号")
    assert [c.text[:4] for c in segment(clean(paras))] == ["现将《琅"]


COVER = ["关于印发《琮宁市城市养犬管理规定实施细则》的通知", "琮公规〔2023〕3号", "各县（区）公安分局，各街道办事处：",
         "现将《琮宁市城市养犬管理规定实施细则》印发给你们，请认真组织实施。",
         "琮宁市公安局　　琮宁市城市管理局", "琮宁市农业农村局　　琮宁市卫生健康委员会", "2023年11月2日",
         "琮宁市城市养犬管理规定实施细则", "第一条　为了规范养犬行为，制定本细则。",
         *[f"第{n}条　养犬人应当遵守本细则第{n}项规定。" for n in "二三四五六七八九十"], "第十一条　本细则自2024年1月1日起施行。"]


def test_a_cover_notices_joint_signature_over_two_lines_names_every_body():
    # A site's page shows no red header: the bodies are the cover notice's signature.
    meta = extract_metadata(COVER)
    assert (meta["issuer"], meta["co_issuers"]) == (
        "琮宁市公安局", ["琮宁市城市管理局", "琮宁市农业农村局", "琮宁市卫生健康委员会"])
    # Under one body's red header, the others that signed the cover notice co-issue it.
    meta = extract_metadata(["琮宁市公安局文件", *COVER[1:]])
    assert (meta["issuer"], meta["co_issuers"]) == (
        "琮宁市公安局", ["琮宁市城市管理局", "琮宁市农业农村局", "琮宁市卫生健康委员会"])


SIGNED = ["沅岙市残疾人联合会　　沅岙市人力资源和社会保障局", "沅岙市财政局　　国家税务总局沅岙市税务局", "2024年6月3日"]


# 文件 under the last body, the bodies signing too; or 文件 left out above the 文号, and no signature.
@pytest.mark.parametrize("last, signed", [(["文件"], SIGNED), ([], [])])
def test_a_red_header_stacking_four_bodies_names_every_one_the_first_leading(last, signed):
    bodies = ["沅岙市残疾人联合会", "沅岙市人力资源和社会保障局", "沅岙市财政局", "国家税务总局沅岙市税务局"]
    paras = [*bodies, *last, "沅残联发〔2024〕11号", "关于进一步促进残疾人按比例就业的实施意见", *BODY, *signed]
    meta = extract_metadata(paras)
    assert (meta["issuer"], meta["co_issuers"], meta["doc_number"]) == (bodies[0], bodies[1:], "沅残联发〔2024〕11号")
    assert [c.location for c in segment(clean(paras))] == ["一、", "二、"]


@pytest.mark.parametrize("bodies", [["蔺沙市公安局交通警察支队", "蔺沙市交通运输局"], ["岑埠市发展和改革委员会", "岑埠海关"]])
def test_a_police_detachment_and_a_customs_office_sign_as_issuing_bodies(bodies):
    paras = ["关于中心城区货车限制通行的通告", "为缓解交通拥堵，现就有关事项通告如下：", "一、限行区域为中心城区。",
             "二、本通告自2024年5月1日起施行。", "特此通告。", "　　".join(bodies), "2024年4月15日"]
    meta = extract_metadata(paras)
    assert (meta["issuer"], meta["co_issuers"]) == (bodies[0], bodies[1:])
    assert segment(clean(paras))[-1].text == "二、本通告自2024年5月1日起施行。"


def test_a_joint_signature_set_without_its_gap_names_both_bodies():
    # An OFD may keep no gap between two bodies' names; the second repeats the first's place.
    paras = ["关于加强托育机构监督管理工作的通知", *BODY, "翀阳市卫生健康委员会翀阳市市场监督管理局", "2024年8月2日"]
    meta = extract_metadata(paras)
    assert (meta["issuer"], meta["co_issuers"]) == ("翀阳市卫生健康委员会", ["翀阳市市场监督管理局"])
    # One body's name stays whole, however its words run.
    for one in ("翀阳市人民政府办公室", "国家税务总局翀阳市税务局", "中共翀阳市委组织部"):
        assert extract_metadata(["关于某事的通知", *BODY, one, "2024年8月2日"])["co_issuers"] == []


@pytest.mark.parametrize("title, bodies", [
    ("中共泷沅市委组织部 泷沅市人力资源和社会保障局关于印发《细则》的通知", ["中共泷沅市委组织部", "泷沅市人力资源和社会保障局"]),
    ("某市发展和改革委员会、某市财政局和某市税务局关于某事的通知", ["某市发展和改革委员会", "某市财政局", "某市税务局"]),
])
def test_a_joint_title_names_its_bodies_whole_however_和_is_used(title, bodies):
    # A government page gives the title alone (set H11): 和 inside 人力资源和社会保障局 parts no bodies.
    meta = extract_metadata([title, *BODY])
    assert [meta["issuer"], *meta["co_issuers"]] == bodies


def test_a_publicity_notice_of_a_trade_union_has_its_title_and_issuer():
    paras = ["嵘溪县总工会", "关于2024年嵘溪县五一劳动奖章和工人先锋号拟推荐对象的公示",
             "根据评选管理办法，经基层工会推荐，现将拟推荐对象予以公示。", "公示时间为2024年3月18日至2024年3月22日。",
             "嵘溪县总工会", "2024年3月18日"]
    meta = extract_metadata(paras)
    assert (meta["title"], meta["issuer"], meta["date"]) == (
        "嵘溪县总工会关于2024年嵘溪县五一劳动奖章和工人先锋号拟推荐对象的公示", "嵘溪县总工会", "2024-03-18")
    assert [c.text[:6] for c in segment(clean(paras))] == ["根据评选管理", "公示时间为2"]


@pytest.mark.parametrize("issued", ["沭岚市住房和城乡建设局办公室　　　　2024年4月15日",
                                    "沭岚市住房和城乡建设局办公室2024年4月15日"])  # an OFD keeps no gap
@pytest.mark.parametrize("form", ["会议纪要", "专题会议纪要"])
def test_minutes_form_name_issue_number_and_issued_line_are_metadata(issued, form):
    paras = ["沭岚市住房和城乡建设局", form, "〔2024〕第6期", issued,
             "城镇燃气安全专项整治工作推进会议纪要", "2024年4月11日下午，市住房和城乡建设局召开推进会。现将会议议定事项纪要如下：",
             "一、会议认为，整治工作取得阶段性成效。"]
    meta = extract_metadata(paras)
    assert (meta["title"], meta["issuer"], meta["date"]) == (
        "城镇燃气安全专项整治工作推进会议纪要", "沭岚市住房和城乡建设局", "2024-04-15")
    assert [c.location for c in segment(clean(paras))] == ["第1段", "一、"]


@pytest.mark.parametrize("number", ["〔2025〕19号", "〔2025〕第37期", "2025年第37期"])
def test_minutes_under_their_bodys_name_are_that_bodys_and_go_by_their_own_title(number):
    paras = ["琨阳市人民政府专题会议纪要", number, "琨阳市人民政府办公室　　　　2025年9月22日",
             "关于推进冬季清洁取暖改造工作的专题会议纪要", "2025年9月18日下午，副市长韩知远主持召开专题会议。现纪要如下：",
             "一、会议同意市住房和城乡建设局提出的改造计划。"]
    meta = extract_metadata(paras)
    # An issue's number (期) is no 文号; a bare one with 号 is the minutes' own.
    assert (meta["title"], meta["doc_number"], meta["issuer"], meta["date"]) == (
        "关于推进冬季清洁取暖改造工作的专题会议纪要", "〔2025〕19号" if number.endswith("号") else None,
        "琨阳市人民政府", "2025-09-22")
    assert [c.location for c in segment(clean(paras))] == ["第1段", "一、"]
    # Minutes without a title of their own go by their header's name; a meeting's name
    # (局长办公会议纪要) under the body's is no body.
    assert extract_metadata([*paras[:3], *paras[4:]])["title"] == "琨阳市人民政府专题会议纪要"
    stacked = extract_metadata(["鹭岑市退役军人事务局", "局长办公会议纪要", "〔2024〕第7期", *paras[4:]])
    assert (stacked["issuer"], stacked["co_issuers"]) == ("鹭岑市退役军人事务局", [])
    # …and it is their header, both lines their title when they have none of their own (N16).
    assert stacked["title"] == "鹭岑市退役军人事务局局长办公会议纪要"
    # The form's name may be set apart; an office signing the issued line changes nothing (U15).
    spaced = extract_metadata(["漴阳经济开发区管理委员会", "会　议　纪　要", "〔2024〕第6期", "漴阳经济开发区管委会2024年第六次主任办公会议纪要",
                               *paras[4:], "漴阳经济开发区管委会办公室", "2024年6月14日印发"])
    assert (spaced["issuer"], spaced["title"], spaced["date"]) == (
        "漴阳经济开发区管理委员会", "漴阳经济开发区管委会2024年第六次主任办公会议纪要", "2024-06-14")


def test_minutes_a_bodys_office_signs_are_the_bodys_where_the_title_names_it():
    # A site's page shows no red header: the signature (某局办公室) is all it names, and
    # the title says whose meeting it was (V14 read 硖川县应急管理局办公室 there, 硖川县应急管理局
    # from the red header of its text).
    body = ["2024年7月16日上午，县应急管理局局长主持召开局务会议。现将会议议定事项纪要如下：",
            "一、关于防汛物资储备工作。会议要求于7月25日前补齐物资缺口。", "硖川县应急管理局办公室", "2024年7月18日"]
    page = extract_metadata(["硖川县应急管理局2024年第7次局务会议纪要", *body])
    assert page["issuer"] == "硖川县应急管理局"
    # A title that does not name the body, or names the office itself, keeps the signer.
    assert extract_metadata(["关于防汛物资储备工作的专题会议纪要", *body])["issuer"] == "硖川县应急管理局办公室"
    assert extract_metadata(["硖川县应急管理局办公室关于印发值班制度的通知", *body])["issuer"] == "硖川县应急管理局办公室"


def test_minutes_issued_by_an_office_under_their_text_are_dated_the_day_it_issued_them():
    # W08: 某委办公室 / 2019年5月17日印发 is all the signature minutes carry; the text had no
    # date and, on a site's page without the header, the office for issuer.
    body = ["2019年5月16日上午，主任主持召开主任办公会议。现将会议议定事项纪要如下：",
            "一、关于重点项目前期工作。会议要求加快推进。", "二、关于安全生产工作。会议要求开展隐患排查。",
            "三、关于机关党建工作。会议要求认真落实。", "四、关于信访工作。会议要求及时化解。",
            "五、关于档案工作。会议要求规范管理。", "六、关于保密工作。会议要求加强教育。",
            "七、关于督查工作。会议要求按期办结。", "澜泾市发展和改革委员会办公室", "2019年5月17日印发"]
    headed = extract_metadata(["澜泾市发展和改革委员会", "主任办公会议纪要", "〔2019〕第5期",
                               "澜泾市发展和改革委员会2019年第5次主任办公会议纪要", *body])
    page = extract_metadata(["澜泾市发展和改革委员会2019年第5次主任办公会议纪要", "〔2019〕第5期", *body])
    assert (headed["issuer"], headed["date"]) == (page["issuer"], page["date"]) == ("澜泾市发展和改革委员会", "2019-05-17")
    # A notice's own date under its signature still wins over the colophon's 印发 date.
    notice = extract_metadata(["关于做好防汛工作的通知", "各乡镇：", "一、压实责任。", "某县人民政府", "2019年5月10日",
                               "某县人民政府办公室", "2019年5月12日印发"])
    assert (notice["issuer"], notice["date"]) == ("某县人民政府", "2019-05-10")


def test_a_public_notices_bare_number_is_its_文号_not_part_of_the_title():
    paras = ["蔺台县市场监督管理局", "公　　告", "〔2024〕第2号", "关于开展2023年度市场主体年度报告公示工作的公告",
             "根据《企业信息公示暂行条例》，现将有关事项公告如下：", "一、报送时间。2024年1月1日至6月30日。"]
    meta = extract_metadata(paras)
    assert (meta["title"], meta["doc_number"], meta["issuer"]) == (
        "关于开展2023年度市场主体年度报告公示工作的公告", "〔2024〕第2号", "蔺台县市场监督管理局")


def test_a_joint_red_header_of_six_bodies_on_one_line_is_no_clause():
    bodies = ["淼阳市公安局", "淼阳市发展和改革委员会", "中国人民银行淼阳市分行", "淼阳市通信发展管理办公室",
              "淼阳市市场监督管理局", "淼阳市教育局"]
    paras = ["　".join(bodies) + "文件", "淼公通〔2025〕27号", "淼阳市公安局等六部门关于对涉电信网络诈骗违法犯罪人员依法实施惩戒的通知",
             "各县（市、区）公安局：", "为依法惩戒涉电信网络诈骗违法犯罪人员，现就有关事项通知如下：", "一、总体要求。依法依规、过惩相当。"]
    meta = extract_metadata(paras)
    assert [meta["issuer"], *meta["co_issuers"]] == bodies
    assert [c.location for c in segment(clean(paras))] == ["第1段", "一、"]


def test_a_cover_notice_dates_the_document_and_the_measures_title_under_it_is_no_clause():
    paras = ["郗沅市发展和改革委员会文件", "郗发改能源〔2024〕56号", "关于印发《郗沅市充电设施建设实施方案》的通知",
             "各区（县）人民政府，市直有关单位：", "《郗沅市充电设施建设实施方案》已经市人民政府同意，现印发给你们，请认真贯彻执行。",
             "各单位要结合实际制定配套措施，确保各项任务落到实处。", "各区要于每季度末报送工作进展情况。",
             "市发展改革委将会同有关部门开展督导。", "督导结果纳入年度目标考核。", "执行中遇到的问题，请及时向市发展改革委反映。",
             "郗沅市发展和改革委员会　　郗沅市住房和城乡建设局", "郗沅市交通运输局　　郗沅市市场监督管理局",
             "2024年3月26日", "郗沅市充电设施建设实施方案（2024—2026年）",
             "为补齐充电设施短板，制定本方案。", "一、工作目标。到2026年底建成公共充电桩1万个。",
             *[f"二、（{n}）重点任务之{n}。各区要按期完成。" for n in "一二三四五六七八"], "三、保障措施。各部门要加强协调。"]
    meta = extract_metadata(paras)
    assert (meta["title"], meta["issuer"], meta["date"]) == (
        "关于印发《郗沅市充电设施建设实施方案》的通知", "郗沅市发展和改革委员会", "2024-03-26")
    assert [c.text[:6] for c in segment(clean(paras))][:8] == [
        "《郗沅市充电", "各单位要结合", "各区要于每季", "市发展改革委", "督导结果纳入", "执行中遇到的", "为补齐充电设", "一、工作目标"]


def test_issuer_line_opens_a_three_line_title():
    paras = ["最高人民法院", "关于审理涉执行司法赔偿案件", "适用法律若干问题的解释", "法释〔2022〕3号",
             "为正确审理涉执行司法赔偿案件，制定本解释。", "第一条 人民法院应当依法审理。"]
    meta = extract_metadata(paras)
    assert meta["title"] == "最高人民法院关于审理涉执行司法赔偿案件适用法律若干问题的解释"
    assert meta["issuer"] == "最高人民法院"


def test_signature_and_chinese_numeral_date_at_the_tail():
    paras = ["关于加强市场监管工作的通知", *BODY, "某某市市场监督管理局", "二〇二一年一月二十一日"]
    meta = extract_metadata(paras)
    assert (meta["issuer"], meta["date"], meta["doc_number"]) == ("某某市市场监督管理局", "2021-01-21", None)


@pytest.mark.parametrize("written, iso", [
    ("二○二一年十二月三十一日", "2021-12-31"),
    ("二〇二〇年十月一日", "2020-10-01"),
    ("2020 年 12 月 7 日", "2020-12-07"),
    ("（2019年3月15日）", "2019-03-15"),
])
def test_date_forms(written, iso):
    assert extract_metadata(["关于某事的通知", *BODY, written])["date"] == iso


def test_tail_of_the_main_text_not_of_its_attachments():
    paras = ["某某市人民政府文件", "某政〔2021〕3号", "关于印发某某市", "社会信用体系建设", "实施方案的通知",
             *BODY, "某某市人民政府", "2021年3月1日",
             "附件1", "某某省人民政府", "关于某事的通知", "正文。", "某某省人民政府办公厅", "2020年12月7日"]
    meta = extract_metadata(paras)
    assert meta["title"] == "关于印发某某市社会信用体系建设实施方案的通知"
    assert meta["date"] == "2021-03-01"


def test_regulation_info_line():
    paras = ["某某市物业管理条例", "（2020年7月31日某某市第十六届人民代表大会常务委员会第二十次会议通过）",
             "第一章 总则", "第一条 为了规范物业管理，制定本条例。"]
    assert extract_metadata(paras) == {
        "title": "某某市物业管理条例",
        "doc_number": None,
        "issuer": "某某市人民代表大会常务委员会",
        "co_issuers": [],
        "date": "2020-07-31",
    }


def test_a_policy_interpretations_opening_sentence_with_a_date_is_content_and_its_title_is_found():
    # 2024年4月18日，市人民政府印发了…施行。 reads like an info line (date … 印发) but is a sentence.
    paras = ["嵘州市发展和改革委员会", "关于《嵘州市公共信用信息管理办法》的政策解读",
             "2024年4月18日，市人民政府印发了《嵘州市公共信用信息管理办法》，自2024年6月1日起施行。现解读如下。",
             "一、制定背景", "原暂行办法施行以来，信用信息归集工作取得成效。"]
    assert extract_metadata(paras)["title"] == "嵘州市发展和改革委员会关于《嵘州市公共信用信息管理办法》的政策解读"
    assert [c.text[:11] for c in segment(paras)] == ["2024年4月18日，", "原暂行办法施行以来，信"]


def test_title_with_a_trial_marker_and_markdown_title():
    assert extract_metadata(["某某市公共信用信息管理办法（试行）", "第一条 为了规范管理，制定本办法。"])["title"] == (
        "某某市公共信用信息管理办法（试行）")
    assert extract_metadata(["# 某某市信用条例", "某某市信用条例", "第一条 总则。"])["title"] == "某某市信用条例"


def test_nothing_is_guessed():
    paras = ["第一条 为了规范管理，根据《某某条例》（豫发改财金〔2021〕44号），制定本办法。",
             "第二条 本办法自2021年1月1日起施行。"]
    assert extract_metadata(paras) == {"title": None, "doc_number": None, "issuer": None, "co_issuers": [], "date": None}
    assert extract_metadata([]) == {"title": None, "doc_number": None, "issuer": None, "co_issuers": [], "date": None}


def test_a_table_row_in_a_short_notice_is_content_not_a_title():
    # Short notices keep their whole body within the head lines searched for a title;
    # a row naming a 条例 must not be taken for one and dropped.
    paras = ["关于公布失信惩戒措施的通知", "一、各单位按下表执行。", "序号\t措施\t依据",
             "1\t限制参与招标投标\t《招标投标法实施条例》"]
    assert extract_title(paras) == "关于公布失信惩戒措施的通知"
    assert [c.text for c in segment(paras)] == ["一、各单位按下表执行。\n序号\t措施\t依据",
                                               "1\t限制参与招标投标\t《招标投标法实施条例》"]


def test_joint_signature_names_the_lead_body_and_a_memorandum_has_a_title():
    paras = ["江发改财金〔2021〕58号", "关于对统计领域严重失信企业及其有关人员", "开展联合惩戒的合作备忘录",
             "一、惩戒对象。统计领域严重失信企业。", "二、惩戒措施。限制取得政府供应土地。",
             "江川市发展和改革委员会　　江川市统计局", "江川市财政局　　　　　　　江川市自然资源和规划局", "二〇二一年九月十日"]
    meta = extract_metadata(paras)
    assert meta["title"] == "关于对统计领域严重失信企业及其有关人员开展联合惩戒的合作备忘录"
    assert (meta["issuer"], meta["date"]) == ("江川市发展和改革委员会", "2021-09-10")
    assert meta["co_issuers"] == ["江川市统计局", "江川市财政局", "江川市自然资源和规划局"]
    assert [c.location for c in segment(paras)] == ["一、", "二、"]


def test_bodies_a_pdf_parts_with_one_space_are_still_several():
    # A PDF keeps one space of a joint signature's gap, and of the signatories listed
    # under a memorandum's title.
    signed = ["关于规范校外培训机构管理的通知", *BODY, "东湖区教育局 东湖区市场监督管理局", "2025年6月3日"]
    meta = extract_metadata(signed)
    assert (meta["issuer"], meta["co_issuers"]) == ("东湖区教育局", ["东湖区市场监督管理局"])
    memorandum = ["关于对失信被执行人实施联合惩戒的合作备忘录", "某市中级人民法院 中国人民银行某市中心支行 某市税务局",
                  "一、惩戒对象。失信被执行人。", "二、惩戒措施。限制参与政府采购。"]
    meta = extract_metadata(memorandum)
    assert (meta["issuer"], meta["co_issuers"]) == ("某市中级人民法院", ["中国人民银行某市中心支行", "某市税务局"])
    assert [c.location for c in segment(memorandum)] == ["一、", "二、"]
    # One space inside a name is not a gap between bodies.
    assert extract_metadata(["关于某事的通知", *BODY, "某市 财政局", "2025年6月3日"])["co_issuers"] == []


@pytest.mark.parametrize("header", [
    ["青石市交通运输局", "青石市发展和改革委员会文件"],  # stacked, 文件 beside the last body
    ["青石市交通运输局 青石市发展和改革委员会文 件"],  # the same header as a PDF reads it
])
def test_a_joint_red_header_names_every_body(header):
    paras = [*header, "青交发〔2025〕27号", "青石市城市公共交通乘客失信行为信用管理实施方案", *BODY]
    meta = extract_metadata(paras)
    assert (meta["issuer"], meta["co_issuers"]) == ("青石市交通运输局", ["青石市发展和改革委员会"])
    assert meta["title"] == "青石市城市公共交通乘客失信行为信用管理实施方案"


def test_a_signature_adds_the_bodies_that_co_signed_under_a_red_header():
    head = ["青石市交通运输局文件", "青交发〔2025〕27号", "关于加强乘客信用管理的通知", *BODY]
    meta = extract_metadata([*head, "青石市交通运输局　　青石市发展和改革委员会", "2025年6月10日"])
    assert (meta["issuer"], meta["co_issuers"]) == ("青石市交通运输局", ["青石市发展和改革委员会"])
    # A signature not naming the header's body (a cover notice's office) adds nothing.
    meta = extract_metadata([*head, "青石市人民政府办公室", "2025年6月10日"])
    assert (meta["issuer"], meta["co_issuers"]) == ("青石市交通运输局", [])


def test_site_fields_pasted_above_the_text_are_metadata():
    # 信息公开 fields copied from the site with the text: metadata, never clauses; they
    # fill what the text itself does not say.
    paras = ["索引号： 0001/2026-00012 发布机构： 江川市发展和改革委员会", "发文字号：江发改〔2026〕7号 成文日期：2026年11月20日",
             "关于开展诚信宣传月活动的通知", "一、活动时间为十二月。", "二、主办单位：江川市发展和改革委员会。"]
    assert extract_metadata(paras) == {"title": "关于开展诚信宣传月活动的通知", "doc_number": "江发改〔2026〕7号",
                                       "issuer": "江川市发展和改革委员会", "co_issuers": [], "date": "2026-11-20"}
    assert [c.location for c in segment(paras)] == ["一、", "二、"]
    # The text's own 文号 wins over a field's.
    assert extract_metadata(["江发改〔2026〕8号", *paras])["doc_number"] == "江发改〔2026〕8号"


def test_a_memorandums_long_signature_keeps_its_lead():
    bodies = [f"越州市第{n}局" for n in "一二三四五六七八九十"]
    paras = ["关于对统计领域严重失信企业开展联合惩戒的合作备忘录", "一、惩戒对象。统计领域严重失信企业。",
             "二、惩戒措施。限制取得政府供应土地。", "越州市统计局", *bodies, "2025年5月8日"]
    meta = extract_metadata(paras)
    assert (meta["issuer"], meta["co_issuers"]) == ("越州市统计局", bodies)
    assert [c.location for c in segment(paras)] == ["一、", "二、"]


def test_a_memorandums_one_line_signature_wrapped_by_a_pdf_names_every_body():
    # Sixteen bodies typed on one line wrap over seven printed lines; a PDF cuts names at a
    # line's end, pads the cut with the justified line's spaces and runs two names together
    # where a line ends on a whole one (T02). It had become the last item's tail, with no
    # co-issuer found.
    signature = ("江川市发展和改革委员会 江川市交通运输局 中 \u3000 \u3000 共江川市委宣传部 "
                 "江川市精神文明建设指导委员会办公 \u3000 \u3000 室 江川市中级人民法院 "
                 "江川市财政局江川市人力资源和社会保障局 国家税务总局江川市税务局 "
                 # a party body's place follows 中共 (W06): 办公室 and 总工会 ran together
                 "中共江川市委网络安全和信息化委员会办公室江川市总工会")
    paras = ["关于对运输物流行业严重失信主体实施联合惩戒的合作备忘录", "一、惩戒对象。运输物流行业严重失信主体。",
             "二、惩戒措施。限制新增运输经营许可。", "三、本备忘录自签署之日起实施。", signature, "2018年10月30日"]
    meta = extract_metadata(paras)
    assert (meta["issuer"], meta["co_issuers"]) == ("江川市发展和改革委员会", [
        "江川市交通运输局", "中共江川市委宣传部", "江川市精神文明建设指导委员会办公室", "江川市中级人民法院",
        "江川市财政局", "江川市人力资源和社会保障局", "国家税务总局江川市税务局",
        "中共江川市委网络安全和信息化委员会办公室", "江川市总工会"])
    assert segment(paras)[-1].text == "三、本备忘录自签署之日起实施。"
    # Words that make no bodies stay text.
    for line in ("加强 部门 协作 机制", "市场 监管 局", "江川市财政局 负责 资金 保障"):
        assert extract_metadata(["关于某事的通知", *BODY, line, "2024年8月2日"])["co_issuers"] == []


def test_a_space_between_chinese_and_latin_is_dropped():
    # 对 C 类企业, 49 号, 2022 年: a PDF's gap between fonts, or typed; the gate, cues and
    # model read 对C类企业.
    paras = clean(["第七条 对 C 类、D 类企业，按照国办发〔2020〕49 号文件要求加强监管。", "Page 3 of 10 stays as it is",
                   "（一）对A类机构，抽查比例原则上不高于3% ，不主动开展专项检查。"])
    assert paras == ["第七条 对C类、D类企业，按照国办发〔2020〕49号文件要求加强监管。", "Page 3 of 10 stays as it is",
                     "（一）对A类机构，抽查比例原则上不高于3%，不主动开展专项检查。"]


@pytest.mark.parametrize("head", [
    ["江川市人民政府令", "第35号"],
    ["江川市人民政府令第35号", "《江川市建筑市场信用管理规定》已经市人民政府常务会议通过，现予公布，自2021年4月1日起施行。",
     "市长　李明", "2021年3月5日"],
])
def test_government_order_layouts(head):
    paras = [*head, "江川市建筑市场信用管理规定（2021年修订）", "第一条　为加强建筑市场信用管理，制定本规定。",
             "第二条　本规定自2021年4月1日起施行。"]
    meta = extract_metadata(paras)
    assert (meta["title"], meta["doc_number"], meta["issuer"]) == (
        "江川市建筑市场信用管理规定（2021年修订）", "江川市人民政府令第35号", "江川市人民政府")
    texts = "".join(c.text for c in segment(paras))
    assert "市长" not in texts and "第35号" not in texts and "人民政府令" not in texts


def test_a_work_plan_title_wrapped_by_a_line_break():
    paras = ["江川市2021年社会信用体系建设", "工作要点", "一、制定严重失信主体名单管理办法。"]
    assert extract_metadata(paras)["title"] == "江川市2021年社会信用体系建设工作要点"
    assert [c.location for c in segment(paras)] == ["一、"]


def test_a_joint_title_keeps_a_space_between_the_bodies_and_a_letter_spaced_one_closes_up():
    joint = extract_metadata(["东湖区教育局　东湖区市场监督管理局关于进一步规范校外培训机构管理的通知", "一、严格审批。内容。"])
    assert joint["title"] == "东湖区教育局 东湖区市场监督管理局关于进一步规范校外培训机构管理的通知"
    assert joint["issuer"] == "东湖区教育局" and joint["co_issuers"] == ["东湖区市场监督管理局"]
    assert extract_metadata(["关 于 加 强 信 用 管 理 的 通 知", "一、建立档案。内容。"])["title"] == "关于加强信用管理的通知"


def test_signatories_listed_under_a_memorandum_title_give_the_issuer_and_are_no_clause():
    paras = ["关于对失信被执行人实施联合惩戒的合作备忘录", "",
             "某市中级人民法院  某市发展和改革委员会  中国人民银行某市中心支行  某市财政局",
             "为推进社会信用体系建设，各签署单位达成如下一致意见：", "一、惩戒对象。人民法院公布的失信被执行人。"]
    meta = extract_metadata(paras)
    assert meta["issuer"] == "某市中级人民法院"
    assert meta["co_issuers"] == ["某市发展和改革委员会", "中国人民银行某市中心支行", "某市财政局"]
    assert all("中心支行" not in c.text for c in segment(paras))


@pytest.mark.parametrize("body", ["柳溪县社会信用体系建设领导小组", "柳溪县文明办", "某市创建全国文明城市指挥部"])
def test_a_leading_group_or_an_office_abbreviated_to_办_signs_the_document(body):
    paras = ["某市诚信积分管理办法", "1.诚信分低于600分的，列入重点关注名单。", "2.本办法自印发之日起施行。", body, "2025年1月2日"]
    assert extract_metadata(paras)["issuer"] == body
    assert segment(paras)[-1].text == "2.本办法自印发之日起施行。"  # the signature is not clause text
