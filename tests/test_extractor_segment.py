"""Clauses: one per 第X条 in article-style texts, one per numbered item in notices."""
from __future__ import annotations

from extractor.metadata import extract_metadata
from extractor.segment import segment

NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
            "十一", "十二", "十三", "十四", "十五", "十六", "十七"]


def _regulation() -> list[str]:
    lines = ["某某市公共信用信息管理办法", "（2021年3月5日某某市人民政府第5次常务会议通过）", "第一章 总则"]
    for n in NUMERALS:
        lines.append(f"第{n}条 本市行政区域内的公共信用信息管理适用本办法第{n}项规定。")
        if n == "二":
            lines += ["本办法所称公共信用信息包括：", "（一）基本信息；", "（二）失信信息。"]
        if n == "八":
            lines.append("第二章 信息归集")
    return lines + ["第十七条之一 本办法由市发展改革委负责解释。", "第三章 附则"]


def test_articles_are_clauses_and_chapters_are_not():
    clauses = segment(_regulation())
    locations = [c.location for c in clauses]
    assert locations == [f"第{n}条" for n in NUMERALS] + ["第十七条之一"]
    assert [c.id for c in clauses[:3]] == ["c1", "c2", "c3"]
    assert all("章" not in c.text for c in clauses)


def test_an_article_keeps_its_paragraphs_and_items():
    second = segment(_regulation())[1]
    assert second.text == (
        "第二条 本市行政区域内的公共信用信息管理适用本办法第二项规定。\n"
        "本办法所称公共信用信息包括：\n（一）基本信息；\n（二）失信信息。"
    )
    assert segment(_regulation())[16].location == "第十七条"


NOTICE = """关于开展信用建设工作的通知
各区人民政府，市各有关部门：
为深入推进社会信用体系建设，现将有关事项通知如下。
一、总体要求
（一）指导思想。坚持依法依规，稳步推进信用建设。
（二）基本原则。坚持公开透明，保护信用主体合法权益。
二、主要任务
（一）建立台账
1. 各部门要建立本部门失信约束措施台账。
2. 各区要汇总本辖区台账，按时报送。
（二）开展自查。各部门要对照台账开展自查自纠。
（三）加强督导。市发展改革委将定期通报进展情况：
（1）对进展缓慢的单位进行约谈；
（2）对拒不整改的单位予以通报。
三、保障措施。各单位要加强组织领导，确保工作落实。
某某市发展和改革委员会
2021年3月5日""".split("\n")


def test_a_reply_in_sections_over_the_articles_it_approves_keeps_its_sections():
    # A township's 批复 (一、原则同意… 二、删除送审稿第十五条…) over the 公约 it approves: its
    # sections were read as one 前言, and one of them may be the measure (U13).
    paras = ["湜溪镇人民政府关于滨河社区居民公约备案审查意见的批复", "滨河社区居民委员会：",
             "你社区《关于报请审查〈滨河社区居民公约〉的请示》收悉。经审查，批复如下：",
             "一、原则同意《滨河社区居民公约》，予以备案。",
             "二、删除送审稿第十五条“对拖欠物业服务费的住户在社区公示栏公布姓名”的规定。",
             "湜溪镇人民政府", "2023年5月8日", "滨河社区居民公约",
             "第一条　为培育文明和谐的社区风尚，制定本公约。", "第二条　社区居民应当遵守法律法规。"]
    assert [c.location for c in segment(paras)] == ["第1段", "一、", "二、", "第一条", "第二条"]
    # A plain preamble stays one 前言.
    plain = ["某市人民政府令", "第5号", "《某市办法》已经市政府常务会议通过，现予公布。", "市长　李明", "2023年5月8日",
             "某市办法", "第一条　为规范管理，制定本办法。", "第二条　本办法自公布之日起施行。"]
    assert [c.location for c in segment(plain)] == ["前言", "第一条", "第二条"]


def test_a_cover_notice_in_paragraphs_over_the_articles_it_sends_keeps_its_paragraphs():
    # A 印发 notice, signed and dated, over the 办法 it sends with no 附件 line between:
    # its paragraphs were read as one 前言 (V18), though a notice's paragraphs are clauses.
    paras = ["某市体育局关于印发《某市青少年赛事违规处理办法》的通知", "各县（市、区）体育局：",
             "市体育局研究制定了《某市青少年赛事违规处理办法》，现印发给你们，请认真贯彻执行。",
             "各单位要将本办法纳入赛前教育内容，对弄虚作假的运动员记录在案并通报。",
             "某市体育局", "2024年4月12日", "某市青少年赛事违规处理办法", "第一章　总则",
             "第一条　为严肃赛风赛纪，制定本办法。", "第二条　本办法自印发之日起施行。"]
    clauses = segment(paras)
    assert [c.location for c in clauses] == ["第1段", "第2段", "第一条", "第二条"]
    assert clauses[1].text.startswith("各单位要将本办法纳入赛前教育内容")
    # A web page shows the notice without its signature: its words say it sends the 办法.
    page = paras[:4] + paras[6:]
    assert [c.location for c in segment(page)] == ["第1段", "第2段", "第一条", "第二条"]
    # A stray line (a date the page left in) is no paragraph of its own.
    one = paras[:3] + ["1995年1月1日 执行"] + paras[4:]
    assert [c.location for c in segment(one)] == ["前言", "第一条", "第二条"]
    # Unsigned, two paragraphs before the first article are still one 前言.
    unsigned = ["某市办法", "为规范管理，根据有关规定，", "结合本市实际，制定本办法。",
                "第一条　本办法适用于本市。", "第二条　本办法自公布之日起施行。"]
    assert [c.location for c in segment(unsigned)] == ["前言", "第一条", "第二条"]


def test_notice_numbering_gives_nested_locations():
    assert [(c.location, c.text) for c in segment(NOTICE)] == [
        ("第1段", "为深入推进社会信用体系建设，现将有关事项通知如下。"),
        ("一、（一）", "（一）指导思想。坚持依法依规，稳步推进信用建设。"),
        ("一、（二）", "（二）基本原则。坚持公开透明，保护信用主体合法权益。"),
        ("二、（一）1.", "1. 各部门要建立本部门失信约束措施台账。"),
        ("二、（一）2.", "2. 各区要汇总本辖区台账，按时报送。"),
        ("二、（二）", "（二）开展自查。各部门要对照台账开展自查自纠。"),
        ("二、（三）", "（三）加强督导。市发展改革委将定期通报进展情况："),
        ("二、（三）（1）", "（1）对进展缓慢的单位进行约谈；"),
        ("二、（三）（2）", "（2）对拒不整改的单位予以通报。"),
        ("三、", "三、保障措施。各单位要加强组织领导，确保工作落实。"),
    ]


def test_unnumbered_paragraphs_under_a_heading():
    clauses = segment(["关于某事的通知", "一、工作要求", "各单位要高度重视。", "各单位要按时报送。"])
    assert [c.location for c in clauses] == ["一、第1段", "一、第2段"]


def test_a_heading_is_measured_in_ems_not_characters():
    # A minutes' topic with a year range is 21 characters but 16.5 ems wide: a heading, so its
    # paragraphs stay clauses of their own. A wrapped item's first line as wide stays content.
    clauses = segment(["县长办公会议纪要", "一、关于县城2019—2020年度冬季供热工作", "会议听取了县住房和城乡建设局的汇报。",
                       "会议同意县财政安排供热管网改造资金。"])
    assert [c.location for c in clauses] == ["一、第1段", "一、第2段"]
    # A title the topic cites is a name: it is measured as 《》 (AB10's 一、关于《…（修订草案送审稿）》的合法性审核意见).
    cited = segment(["局务会议纪要", "一、关于《某市城市道路井盖设施管理办法（修订草案送审稿）》的合法性审核意见",
                     "会议听取了合法性审核科的汇报。", "会议要求起草单位修改完善。"])
    assert [c.location for c in cited] == ["一、第1段", "一、第2段"]
    # A topic line, 关于… ending in the kind of matter, is a heading at any width (AB10 三、).
    topic = segment(["局务会议纪要", "三、关于某某渣土运输有限公司不服市城市管理局列入“违规企业名单”行政复议案件",
                     "会议听取了行政复议与应诉科的汇报。", "会议认为，被申请人的列入决定缺乏依据。"])
    assert [c.location for c in topic] == ["三、第1段", "三、第2段"]
    wrapped = segment(["关于某事的通知", "一、市场监管部门应当将抽查检查结果通过国家企业信用信息公",
                       "示系统向社会公示。"])
    assert [c.location for c in wrapped] == ["一、"]


def test_who_attended_the_meeting_is_not_a_clause():
    clauses = segment(["县长办公会议纪要", "一、关于农贸市场搬迁工作", "会议同意搬迁实施方案。",
                       "二、其他事项", "会议同意追加公共卫生经费。", "出席：赵立新　王海涛", "列席：县财政局、县商务局",
                       "记录：周　洁"])
    assert [(c.location, c.text) for c in clauses] == [("一、第1段", "会议同意搬迁实施方案。"),
                                                      ("二、第1段", "会议同意追加公共卫生经费。")]


def test_an_appendix_after_the_articles_is_a_part_of_its_own():
    # A 办法's glossary under 附录 ran into its last article (set Z's Z07).
    paras = ["某省农村生活污水处理设施运行维护管理办法", "第一条 为了规范设施运行维护，制定本办法。",
             "第二条 本办法自2020年10月1日起施行。", "附录", "名词解释", "1.运行维护：指巡查、养护和维修等活动。",
             "2.出水达标率：指出水达标的设施数量占检测设施总数量的比例。"]
    assert [(c.location, c.text[:6]) for c in segment(paras)] == [
        ("第一条", "第一条 为了"), ("第二条", "第二条 本办"), ("附录 1.", "1.运行维护"), ("附录 2.", "2.出水达标")]


def test_attachments_are_segmented_on_their_own():
    paras = NOTICE + ["附件 1", "某某市失信约束措施清单", "一、纳入失信名单。对严重失信主体依法实施惩戒。",
                      "附件2", "（一）填报说明。按要求填报。"]
    clauses = segment(paras)
    assert all("2021年3月5日" not in c.text and "委员会" != c.text for c in clauses)
    assert [(c.location, c.text) for c in clauses[-2:]] == [
        ("附件1 一、", "一、纳入失信名单。对严重失信主体依法实施惩戒。"),
        ("附件2 （一）", "（一）填报说明。按要求填报。"),
    ]


def test_wrapped_title_lines_and_invisible_characters_are_not_clauses():
    paras = ["某某市人民政府办公厅关于印发某某市行政执法", "监督办法的通知", "\u200b", " ",
             "第一条 为了规范执法，制定本办法。", "第二条 本办法自公布之日起施行。\u200b"]
    assert [c.text for c in segment(paras)] == ["第一条 为了规范执法，制定本办法。", "第二条 本办法自公布之日起施行。"]


def test_an_opening_sentence_ending_in_a_colon_is_content_not_the_addressee():
    # Real notices often end their first sentence "…通知如下：". It cites the basis and
    # can state the measure, so it must stay a clause; the addressee line must not.
    paras = ["关于加强信用管理的通知", "某交运〔2021〕8号", "各县（市、区）交通运输局，局属各单位：",
             "为加快推进信用体系建设，根据《某省社会信用条例》第十条，现就有关事项通知如下：",
             "一、建立信用档案。将行政处罚信息记入信用档案。"]
    assert [(c.location, c.text[:8]) for c in segment(paras)] == [("第1段", "为加快推进信用体"), ("一、", "一、建立信用档案")]


def test_cover_notice_signature_and_colophon_are_not_clause_text():
    paras = ["某市人民政府办公室关于印发某市失信联合惩戒实施办法的通知", "某政办发〔2022〕15号",
             "各县（市、区）人民政府：", "《某市失信联合惩戒实施办法》已经市政府同意，现印发给你们。",
             "某市人民政府办公室", "2022年5月10日", "（此件公开发布）", "某市失信联合惩戒实施办法",
             "第一条 为加强信用体系建设，制定本办法。", "第二条 本办法自2022年6月1日起施行。",
             "抄送：市委各部门，市人大常委会办公室。", "某市人民政府办公室        2022年5月10日印发"]
    assert [(c.location, c.text) for c in segment(paras)] == [
        ("前言", "《某市失信联合惩戒实施办法》已经市政府同意，现印发给你们。"),
        ("第一条", "第一条 为加强信用体系建设，制定本办法。"),
        ("第二条", "第二条 本办法自2022年6月1日起施行。"),
    ]


def test_a_line_opening_with_an_earlier_article_number_continues_the_article():
    paras = ["第一条 为推进诚信建设，制定本办法。", "第二条 “黑名单”由县有关部门认定后向社会公布。",
             "第一条规定的信用主体，由县发展改革局审核后公布。", "第三条 对失信主体依法予以惩戒；违反本办法",
             "第五条规定，报送信息不真实的，予以通报。", "第四条 本办法自印发之日起施行。"]
    clauses = segment(paras)
    assert [c.location for c in clauses] == ["第一条", "第二条", "第三条", "第四条"]
    assert clauses[1].text.endswith("第一条规定的信用主体，由县发展改革局审核后公布。")
    assert clauses[2].text.endswith("第五条规定，报送信息不真实的，予以通报。")


def test_article_numbers_count_past_one_hundred():
    paras = [f"第{n}条 内容。" for n in ("九十九", "一百", "一百零一", "一百二十")]
    assert [c.location for c in segment(paras)] == ["第九十九条", "第一百条", "第一百零一条", "第一百二十条"]


def test_page_number_lines_are_dropped_in_any_format():
    paras = ["关于加强诚信建设的通知", "一、加强诚信建设。各地要建立信用记录。", "－3－", "二、强化督查。定期通报。",
             "第 4 页", "三、其他。本通知自印发之日起施行。", "·5·", "- 6 -", "— 7 —"]
    assert [c.text for c in segment(paras)] == [
        "一、加强诚信建设。各地要建立信用记录。", "二、强化督查。定期通报。", "三、其他。本通知自印发之日起施行。"]


def test_marks_and_the_issuers_name_above_the_title_are_not_clauses():
    for head in (["0001", "机密★1年", "特急", "江川市人民政府文件", "江政发〔2021〕8号"],
                 ["江川市市场监督管理局", "江市监〔2021〕21号"]):
        paras = [*head, "关于加强诚信建设的通知", "一、加强诚信建设。各地要建立信用记录。",
                 "二、强化督查。市发展改革委定期通报。", "江川市人民政府", "2021年6月18日"]
        assert [c.location for c in segment(paras)] == ["一、", "二、"]


def test_attachment_list_title_and_table_rows():
    paras = ["关于做好企业信用风险分类管理工作的通知", "一、明确分类标准。具体指标见附件1。",
             "二、加强结果运用。具体措施见附件2。", "附件：1.企业信用风险分类指标", "2.企业信用风险分类监管措施清单",
             "江川市市场监督管理局", "2021年7月2日",
             "附件1", "企业信用风险分类指标", "一、基础属性指标：企业成立年限等。",
             "附件2", "企业信用风险分类监管措施清单", "序号\t风险类别\t监管措施",
             "1\tA类\t合理降低抽查比例和频次", "2\tD类\t依法依规实施失信联合惩戒"]
    assert [(c.location, c.text) for c in segment(paras)] == [
        ("一、", "一、明确分类标准。具体指标见附件1。"),
        ("二、", "二、加强结果运用。具体措施见附件2。"),
        ("附件1 一、", "一、基础属性指标：企业成立年限等。"),
        ("附件2 序号1", "1\tA类\t合理降低抽查比例和频次"),
        ("附件2 序号2", "2\tD类\t依法依规实施失信联合惩戒"),
    ]


def test_a_closing_sentence_about_the_document_is_not_glued_to_the_last_item():
    paras = ["关于修改和废止部分规范性文件的决定", "一、对下列规范性文件予以修改：",
             "（一）删去《某市信用管理暂行办法》第十五条。", "本决定自公布之日起施行。"]
    assert [(c.location, c.text) for c in segment(paras)] == [
        ("一、", "一、对下列规范性文件予以修改："),
        ("一、（一）", "（一）删去《某市信用管理暂行办法》第十五条。"),
        ("第3段", "本决定自公布之日起施行。"),
    ]


def test_closing_words_to_the_addressees_after_the_last_item_are_clauses_of_their_own():
    # Z05 and AB04: the last item had carried them; the formula 特此函复 is no clause at all.
    paras = ["某县2018年全县交通运输工作要点", "一、加强行业信用建设。将违法信息记入信用档案。",
             "二、做好统计工作。一是严格执行统计制度。", "各单位、各股室要对照本要点，结合实际制定具体工作计划。",
             "局办公室将对工作要点落实情况进行跟踪督办。", "特此通知。"]
    assert [(c.location, c.text) for c in segment(paras)] == [
        ("一、", "一、加强行业信用建设。将违法信息记入信用档案。"),
        ("二、", "二、做好统计工作。一是严格执行统计制度。"),
        ("第3段", "各单位、各股室要对照本要点，结合实际制定具体工作计划。"),
        ("第4段", "局办公室将对工作要点落实情况进行跟踪督办。"),
    ]
    reply = ["关于保健食品会议营销有关问题的复函", "县市场监督管理局：", "你局请示收悉。经研究，现函复如下：",
             "一、同意将相关行政处罚信息依法公示。", "二、关于信用修复。符合条件的及时停止公示。",
             "请你局据此修改整治方案相关内容。", "特此函复。"]
    assert [c.location for c in segment(reply)] == ["第1段", "一、", "二、", "第4段"]
    # An item's own second paragraph, which says nothing of the whole document, stays with it.
    paras = ["关于加强诚信建设的通知", "一、建立信用档案。", "二、强化督查。", "对工作不力的单位予以通报。"]
    assert [c.location for c in segment(paras)] == ["一、", "二、"]


def test_a_cover_notice_without_its_signature_leaves_the_measures_title_out_of_its_last_item():
    # AD05 on a site's page: no signature under the notice, the 规程's title straight over its
    # first article, named in the notice's own title. A line the notice does not name stays.
    paras = ["澪泽市市场监督管理局关于印发澪泽市气瓶充装单位监督检查工作规程的通知", "各县（市、区）局：",
             "现将《澪泽市气瓶充装单位监督检查工作规程》印发给你们，并提出以下要求：",
             "一、加强统计报送。执行中遇到的问题请及时反馈。", "澪泽市气瓶充装单位监督检查工作规程", "第一章　总则",
             "第一条　为规范气瓶充装单位监督检查工作，制定本规程。", "第二条　本规程自2023年6月1日起施行。"]
    clauses = segment(paras)
    assert [(c.location, c.text) for c in clauses[1:2]] == [("一、", "一、加强统计报送。执行中遇到的问题请及时反馈。")]
    assert [c.location for c in clauses] == ["第1段", "一、", "第一条", "第二条"]
    unnamed = paras[:4] + ["气瓶充装安全管理规定", *paras[6:]]
    assert segment(unnamed)[1].text.endswith("\n气瓶充装安全管理规定")


def test_a_measure_issued_under_the_signature_is_numbered_afresh():
    # AE02: a township's 批复 with the 村规民约 it approves set under its signature and date,
    # no 附件 line: the 公约's preamble had run into the 批复's last item, and its items were
    # located under it.
    paras = ["岙坪镇人民政府关于同意枫林村村规民约修订稿的批复", "枫林村村民委员会：", "你村请示收悉。现批复如下：",
             "一、原则同意《枫林村村规民约（2023年修订）》。", "二、村规民约执行中，要坚持以教育引导为主。",
             "岙坪镇人民政府", "2023年6月9日", "枫林村村规民约（2023年修订）", "为推进乡村治理，制定本村规民约。",
             "一、社会治安", "1.村民应当遵纪守法。", "2.拖欠卫生保洁费的，在村务公开栏公布。"]
    assert [(c.location, c.text[:6]) for c in segment(paras)] == [
        ("第1段", "你村请示收悉"), ("一、", "一、原则同意"), ("二、", "二、村规民约"),
        ("第4段", "为推进乡村治"), ("一、1.", "1.村民应当"), ("一、2.", "2.拖欠卫生")]


def test_an_appended_table_is_an_attachment_not_rows_of_the_last_item():
    # AB01: a 方案's 任务分工表 under 附表 after its last section.
    paras = ["某市清理规范工作实施方案", "一、工作要求", "（一）加强组织领导。成立工作专班。", "附表",
             "某市清理规范工作任务分工表", "序号\t工作任务\t牵头单位", "1\t梳理文件\t政策法规科"]
    assert [(c.location, c.text) for c in segment(paras)] == [
        ("一、（一）", "（一）加强组织领导。成立工作专班。"), ("附表 序号1", "1\t梳理文件\t政策法规科")]


def test_a_heading_that_introduces_its_items_is_kept():
    paras = ["关于废止部分规范性文件的决定", "一、废止以下规范性文件（共1件）",
             "1.《江川市信用信息管理暂行办法》（江政办〔2018〕12号）", "二、工作要求", "各单位要做好衔接。"]
    assert [(c.location, c.text) for c in segment(paras)] == [
        ("一、", "一、废止以下规范性文件（共1件）"),
        ("一、1.", "1.《江川市信用信息管理暂行办法》（江政办〔2018〕12号）"),
        ("二、第1段", "各单位要做好衔接。"),
    ]


def test_wrapped_lines_that_open_like_numbers_continue_the_sentence():
    paras = ["一、各部门要准确界定适用范围，对上年度信用等级综合评价结果为",
             "一、二级的企业，不得要求其重复提交证明材料。",
             "（一）各县（市、区）发展改革部门按照本通知第二部分第", "（三）项的规定报市发展改革委备案。"]
    assert [c.location for c in segment(paras)] == ["一、", "一、（一）"]
    # An item whose words open with 目 is an item, not a reference to one (set G's
    # （二）目录编制… had been run into （一）).
    paras = ["一、总体要求", "（一）指导思想。坚持依法依规。", "（二）目标任务。到2025年建立信用监管机制。",
             "（三）目录编制要严格把握边界。没有法定依据的信息不得列入目录。"]
    assert [c.location for c in segment(paras)] == ["一、（一）", "一、（二）", "一、（三）"]
    paras = ["第一条 为规范信用管理，制定本办法。",
             "第二条 信息提供单位报送信息不真实的，由市发展改革委责令改正；逾期不改正的，依照本办法",
             "第十条予以处理。", "第三条 本办法自印发之日起施行。"]
    clauses = segment(paras)
    assert [c.location for c in clauses] == ["第一条", "第二条", "第三条"]
    assert clauses[1].text.endswith("依照本办法\n第十条予以处理。")


def test_colophon_contact_note_and_attachment_list_wrapped_over_lines():
    paras = ["关于报送信用工作情况的报告", "江发改财金〔2021〕12号　签发人：张三", "市人民政府：",
             "一、我委已完成失信约束措施清理工作。",
             "附件：1.江川市失信约束措施清理规范工作台账及信用修复",
             "依据对照表", "2.江川市信用修复办理指南",
             "江川市发展和改革委员会", "2021年3月5日", "（联系人：李四，联系电话：0871-6612345）",
             "抄送：市委各部门，市人大常委会办公室，市政协办公室，市法院，",
             "市检察院，江川军分区，各民主党派市委。", "江川市人民政府办公室　　2021年3月6日印发"]
    meta = extract_metadata(paras)
    assert (meta["doc_number"], meta["issuer"], meta["date"]) == ("江发改财金〔2021〕12号", "江川市发展和改革委员会", "2021-03-05")
    assert [c.text for c in segment(paras)] == ["一、我委已完成失信约束措施清理工作。"]


def test_joint_red_header_and_an_order_number_in_the_information_line():
    paras = ["江川市发展和改革委员会", "江川市财政局 文件", "江发改财金〔2021〕9号", "关于加强信用建设的通知",
             "一、各单位要建立信用档案。"]
    assert extract_metadata(paras)["issuer"] == "江川市发展和改革委员会"
    assert [c.location for c in segment(paras)] == ["一、"]
    law = ["江川市公共信用信息管理办法", "（2021年3月5日江川市人民政府令第35号公布 自2021年5月1日起施行）",
           "第一条 为规范信用信息管理，制定本办法。", "第二条 本办法自2021年5月1日起施行。"]
    assert extract_metadata(law)["doc_number"] == "江川市人民政府令第35号"


def test_an_item_opening_with_项目_is_an_item_and_a_reference_to_an_item_is_not():
    # A project notice's items open with 项目 (set O); （三）项的规定 refers to an item.
    paras = ["某县关于加强项目管理的通知", "一、管理要求", "（一）县局负责立项。", "（二）项目法人对项目质量负责。",
             "（三）项目验收不合格的，限期整改，违反本通知第一部分", "（一）项的规定的，依法处理。"]
    assert [(c.location, c.text) for c in segment(paras)] == [
        ("一、（一）", "（一）县局负责立项。"),
        ("一、（二）", "（二）项目法人对项目质量负责。"),
        ("一、（三）", "（三）项目验收不合格的，限期整改，违反本通知第一部分\n（一）项的规定的，依法处理。"),
    ]


def test_table_rows_carry_their_column_names():
    # A published list's row (a company, its code, what it did) says what it is only
    # through the columns above it: 违规情形, 列入日期.
    paras = ["江川市财政局关于公布严重违规主体名单的公告", "一、名单见附件。", "江川市财政局", "2024年5月20日",
             "附件", "序号\t主体名称\t违规情形\t列入日期", "1\t江川甲公司\t虚报项目骗取资金\t2024年5月15日",
             "序号\t主体名称\t违规情形\t列入日期", "2\t江川乙公司\t擅自改变资金用途\t2024年5月15日",
             "二、联系方式。", "3\t不在表中的一行"]
    rows = [(c.location, c.heading, c.in_context) for c in segment(paras) if "序号" in c.location]
    assert rows == [
        ("附件 序号1", "主体名称 违规情形 列入日期", "主体名称 违规情形 列入日期：1\t江川甲公司\t虚报项目骗取资金\t2024年5月15日"),
        # The header repeated on a new page names the same columns.
        ("附件 序号2", "主体名称 违规情形 列入日期", "主体名称 违规情形 列入日期：2\t江川乙公司\t擅自改变资金用途\t2024年5月15日"),
        # After other text the columns no longer apply.
        ("附件 二、序号3", None, "3\t不在表中的一行"),
    ]


def test_items_carry_the_headings_and_lead_in_above_them():
    # Normative documents name an item's subject only in the heading above it: 1. 暂停安排
    # 其环保专项资金补助 is a sanction on 环保不良企业 because of the heading.
    paras = ["某市企业环境信用评价实施方案", "一、评价结果应用", "（一）对环保诚信企业",
             "1. 适当减少日常执法检查频次。", "（二）对环保不良企业采取下列措施：", "1. 暂停安排其环保专项资金补助；",
             "2. 从严审查其行政许可申请。", "（三）其他企业按常规监管。", "二、组织实施。各单位要认真落实。"]
    assert [(c.location, c.heading) for c in segment(paras)] == [
        ("一、（一）1.", "评价结果应用 对环保诚信企业"),
        ("一、（二）", "评价结果应用"),
        ("一、（二）1.", "评价结果应用 对环保不良企业采取下列措施"),
        ("一、（二）2.", "评价结果应用 对环保不良企业采取下列措施"),
        ("一、（三）", "评价结果应用"),
        ("二、", None),
    ]
    item = segment(paras)[2]
    assert item.text == "1. 暂停安排其环保专项资金补助；"  # the clause's own text is unchanged
    assert item.in_context == "评价结果应用 对环保不良企业采取下列措施：1. 暂停安排其环保专项资金补助；"


def test_articles_have_no_heading():
    assert all(c.heading is None and c.in_context == c.text for c in segment(_regulation()))


def test_a_closing_sentence_of_若干措施_is_not_part_of_the_last_item():
    paras = ["某县金融支持乡村振兴若干措施", "一、加大信贷投放。各银行要增加涉农贷款。",
             "二、防范化解金融风险。严厉打击非法集资。", "本措施自印发之日起施行。"]
    assert [(c.location, c.text) for c in segment(paras)][-2:] == [
        ("二、", "二、防范化解金融风险。严厉打击非法集资。"), ("第3段", "本措施自印发之日起施行。")]


def test_a_村规民约_has_a_title_and_its_closing_sentence_is_its_own():
    paras = ["柏河县石桥镇柳塘村村规民约", "为推进乡村治理，制定本村规民约。", "一、社会秩序", "1.村民应当遵守法律法规。",
             "2.邻里之间应当互谅互让。", "本村规民约经2025年1月12日村民会议讨论通过，自通过之日起施行。"]
    from extractor.metadata import extract_metadata

    assert extract_metadata(paras)["title"] == "柏河县石桥镇柳塘村村规民约"
    clauses = segment(paras)
    assert clauses[0].location == "第1段" and clauses[0].text.startswith("为推进乡村治理")
    assert [c.text for c in clauses][-2:] == ["2.邻里之间应当互谅互让。",
                                             "本村规民约经2025年1月12日村民会议讨论通过，自通过之日起施行。"]


def test_an_attachments_own_list_over_its_table_starts_an_attachment():
    # A 办法 sent with a notice ends on its own attachment: the list line names it and the
    # table follows at once. Its rows are rows, not lines of the last article.
    paras = ["邗溪县农业农村局关于印发《邗溪县重点龙头企业认定办法》的通知", "各乡镇人民政府：",
             "现将《邗溪县重点龙头企业认定办法》印发给你们，请认真贯彻执行。",
             "附件：邗溪县重点龙头企业认定办法", "邗溪县农业农村局", "2024年3月20日",
             "附件", "邗溪县重点龙头企业认定办法", "第一条　为规范重点龙头企业认定，制定本办法。",
             "第二条　申报企业应当按照本办法附件所列清单提交申报材料。",
             "第三条　本办法自2024年4月20日起施行。",
             "附件：重点龙头企业申报材料清单", "序号\t材料名称\t说明",
             "1\t申报表\t加盖企业公章", "2\t企业信用报告\t通过“信用中国”网站下载"]
    clauses = segment(paras)
    assert [c.location for c in clauses] == ["第1段", "附件 第一条", "附件 第二条", "附件 第三条", "附件 序号1", "附件 序号2"]
    assert clauses[3].text == "第三条　本办法自2024年4月20日起施行。"
    assert clauses[5].text.startswith("2\t企业信用报告")
    # The list line of a cover notice, with no table under it, starts nothing.
    assert extract_metadata(paras)["title"] == "邗溪县农业农村局关于印发《邗溪县重点龙头企业认定办法》的通知"
