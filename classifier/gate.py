"""Which clauses the model needs to look at.

The corpus was labelled by reading every clause that holds one of a broad set of
trigger terms (corpora/tools/make_batches.py); clauses without any were never
positive. Scoring only clauses that pass this gate — a superset of that list —
skips jieba for most of a document's clauses and changes no flag the model was
taught to raise. A clause outside the gate scores 0.

Terms added after a QA pass on normative documents (禁入, 红黑榜, 点名, 台账, D类企业 …)
admit clauses the corpus never read: those are negatives there, so the model learns
these phrasings from the marked synthetic clauses (s0941–s0984), not from the corpus.
"""
from __future__ import annotations

import re

GATE = re.compile(
    r"信用|诚信|失信|守信|名单|名录|黑名单|记录|档案|公示|公布|公开|曝光|通报|惩戒|限制|禁止|取消|重点监管|"
    r"监管|检查频次|平台|共享|归集|不良|异常|征信|评价|等级|信息|资格|招标|采购|评优|承诺|列入|纳入|记入|黑|"
    r"补贴|扶持|奖励|荣誉|表彰|暂停|不予|约束|惩|准入|高消费|绿色通道|容缺|"
    # Found missing on normative documents: sanctions named without the words above.
    r"禁入|老赖|红黑榜|黑榜|红榜|点名|张榜|盯防|台账|刊登|通告|电子屏|一票否决|失联|抽查比例|投标|不得参加|"
    # A second pass: deposits raised and benefits withdrawn for wage arrears (提高存储比例，不得享受…).
    r"拖欠|保证金|不得享受|"
    # A third: misconduct points (不良执业行为记分) and a designation decided (作出认定决定).
    r"记分|认定决定|"
    # A fourth (the check sets, out of fold): a grade given (直接评为D级, 评定为C级) and a
    # published list's rows marked for removal (提前移出); since set W, the taxpayers'
    # credit grade by its letter alone (A级纳税人可以一次领取…发票).
    r"评定?为[A-DＡ-Ｄ]{1,3}级|移出|"
    r"[A-DＡ-Ｄ][类级](?:企业|主体|单位|经营|纳税人)|"
    # A fifth (the check sets, out of fold): heavier scrutiny named plainly (从严审核其
    # 备案材料, 列为重点管理对象); since set AD, also as 列为下一年度重点监督检查对象，提高抽检比例.
    r"从严审[查核]|重点管理|重点监督|抽检比例|抽[检查]频次|"
    # A sixth: results published by 公告 or 披露 (吊销营业执照，并予以公告; 公告欠税业户名称). The
    # corpus's first pass never looked for these words; its clauses holding them were read
    # since (round "publication" in corpora/audit.jsonl: 35 of 360 positive).
    r"予以?公告|并公告|向社会公告|媒体上?公告|发布.{0,8}公告|公告.{0,12}(?:名称|名单|结果|违法|处罚|欠税|情况)|的公告由|披露"
)

# A ban for a time, or trust withdrawn, after misconduct (三年内不得申报, 不再委托其承担): in
# a department's own document a consequence beyond the penalty, which labels.md counts
# as punishment. In a law it mostly follows a revoked licence (吊销…之日起五年内不得从事) as
# the statutory penalty itself, which it does not; those stay out.
BAN = re.compile(r"[一二三两四五六七八九十0-9０-９]+年内不[得再予]|终身不得|不再委托|不得承接|不得再次申请|不得申报")
STATUTORY_BAN = re.compile(r"吊销|取缔")


# A clause that only states the document's purpose or basis, defines its terms or says
# where it applies provides nothing (labels.md: "No: definitions, scope and purpose
# statements"); 685 such one-sentence clauses in the corpus, none labelled. Their
# credit words (为加强失信惩戒…制定本办法, 本办法所称信用信息是指…, 本办法适用于…信用信息
# 的归集) misled the model, and so did a notice's opening (为规范公共信用信息管理，现就
# 有关事项通知如下：).
# An opening ends where it says what follows (…通知如下：); a notice written as one paragraph
# goes on after the colon with everything it requires (…通知如下：…记入考生诚信档案；…), and that
# is content.
FRAMING = re.compile(
    r"^(第[一二三四五六七八九十百]+条(之[一二三四五六七八九十]+)?\s*)?"
    r"(?:本(条例|办法|规定|细则|方案|意见|规程|规范|指引|指南|制度|措施|决定|通知)(所称[^。；]{0,80}(是指|包括|指)|适用于)[^。]*。?$"
    r"|(为了?|根据|按照|依据)[^。]{0,200}(制定本|特制定|制定如下|制定以下|提出如下|(通知|意见|规定|要求|事项|措施|决定)如下)"
    r"[^。；：:]{0,40}[。：:]?$)"
)


def passes(text: str) -> bool:
    text = text.strip()
    if "\n" not in text and FRAMING.search(text):
        return False
    return GATE.search(text) is not None or (BAN.search(text) is not None and STATUTORY_BAN.search(text) is None)
