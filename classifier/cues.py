"""Domain cues: phrase patterns that carry the definitions of labels.md.

Bag-of-n-grams sees 向社会公布 but not *what* is published; these patterns tie the
act to its object (记入…信用档案, 列入…名单, 限制…招标投标 because of 失信, 公布
violation results), which is what the labels turn on. Each cue is one binary
feature beside the n-grams; the model learns its weight.
"""
from __future__ import annotations

import re

import numpy as np
from scipy import sparse

from .tokenize import masked

CUES = [
    # sharing: recording, collecting, sharing, publishing, querying credit information
    r"(记入|纳入|录入|计入|列入|归入).{0,20}(信用|诚信|失信)(记录|档案|信息|平台|系统|数据库)",
    r"(信用|诚信)(记录|档案)",
    r"(归集|报送|推送|共享|互联互通|交换).{0,15}(信用|失信)信息|(信用|失信)信息.{0,12}(归集|共享|公示|公开|推送)",
    r"(违法|处罚|处理|查处|不合格|违规|失信|整改|违章|名单|结果).{0,40}(向社会|社会公众|予以|定期|及时|依法)(公布|公示|公开|曝光|公告|通报)",
    r"(公布|公示|公开|曝光|公告)(其|该|有关|相关)?.{0,6}(名单|名称|违法|失信|处罚)",
    r"企业信用信息公示系统|信用中国|公共信用信息|信用信息(共享)?平台|信用信息系统",
    r"查询.{0,12}(信用|违法|不良)(记录|报告|信息|状况)",
    r"信用(评价|等级|分级|分类|状况|报告|承诺|修复|积分)",
    # … and the same record written the other way round: 由运营单位记录为失信行为
    r"(不良|违法|违规|失信)(行为)?(记录|信息)|(记录|记载|认定)为.{0,8}(不良|失信|违法|违规|违诺)行为",
    # handling results about named subjects made public (convention 2 in corpora/README.md)
    r"(撤销|吊销|取消|注销|停止|移出|收回|除名|责令).{0,30}(并|，)?(予以|向社会|在.{0,12}上)(公告|公布|公示|通报)",
    r"(公布|公开|公示|公告)(其|该|有关|相关)?.{0,10}(结果|决定|情况|名称|姓名)",
    # a kept record used in later decisions (labels.md: using credit information)
    r"(记录|档案|信息库|数据库|记录系统).{0,30}(作为|列为).{0,20}(依据|参考|条件)",
    # blacklist: designating subjects onto a dishonesty list, its rules
    r"黑名单|失信名单|严重失信|经营异常名录|失信被执行人|重点关注名单|严重违法失信|失信联合惩戒对象|不良行为记录名单|违法者名单|警示名单|"
    r"黑榜|活动异常名录",
    r"(列入|纳入|移出|认定为|撤出|退出).{0,25}(名单|名录)",
    r"名单.{0,25}(异议|告知|期限|有效期|移出|认定标准|认定程序)",
    r"认定为.{0,12}失信",
    # lists named by their negative quality rather than by 黑名单 (不诚信企业名单,
    # 不良记录名单, 信用负面清单, 非正常户, 警示记录系统)
    r"(列入|纳入|录入|公布|公开|建立|移出).{0,12}(不良|失信|不诚信|违法|违规|负面|警示|重点关注|异常|非正常).{0,10}(名单|名录|清单|记录系统)",
    r"(不良|失信|不诚信|负面|警示|非正常|异常)(企业|经营者|行为|记录|信用)?(名单|名录|清单|户)",
    r"禁止进入者|禁入者",
    # a list already made, as the condition of a measure (对被列入…名单的企业, 限制…): the
    # corpus labels such a clause `punishment` only, and the model learns that from this cue
    r"(被|已)(列入|纳入|认定为).{0,25}(名单|名录|对象)|(列入|纳入).{0,25}(名单|名录)的|名单(内|中|上)的",
    # punishment: measures because of dishonesty or bad credit
    r"联合惩戒|失信惩戒|信用惩戒|惩戒措施|失信约束",
    r"(限制|禁止|不得|取消|暂停|不予).{0,25}(招标|投标|政府采购|评优|评先|表彰|荣誉|财政|补贴|扶持|资金|任职|担任|高消费|准入|资格)",
    r"重点监管|检查频次|抽查比例|加大.{0,8}(检查|监管|抽查)力度",
    r"告知承诺|容缺|绿色通道",
    r"(信用等级|信用评价|信用状况|信用记录|诚信|风险程度).{0,30}(挂钩|相挂钩|作为.{0,12}依据)",
    r"(拒不|拖欠|未履行|不履行|失实).{0,40}(限制|不得|取消|停止办理|暂停|不予办理|拒绝)",
    r"(停止|暂停|不予)办理|限制措施|不得办理",
    r"(失信|不良信用|不良记录|信用记录|名单|名录).{0,40}(限制|禁止|取消|不得|不予|暂停|惩戒|约束)",
    r"(限制|禁止|取消|不得|不予|暂停).{0,40}(失信|不良信用|不良记录|名单|名录)",
    # other senses of the same words
    r"信用证|信用卡|信用社|信用合作|信用贷款|信用担保|信用保险|商业信用",
    r"负面清单|权力清单|责任清单|保护名录|名录库|物种名录",
    r"本(条例|办法|规定|细则|法)所称",
    r"保密|泄露|个人隐私|个人信息保护",
]
_PATTERNS = [re.compile(p) for p in CUES]


def matches(text: str) -> dict[int, str]:
    """Each cue the clause contains, with the text it matched (for evidence)."""
    found = {}
    text = masked(text)
    for k, pattern in enumerate(_PATTERNS):
        m = pattern.search(text)
        if m:
            found[k] = m.group(0)
    return found


def cue_features(texts) -> sparse.csr_matrix:
    """(n, len(CUES)) binary matrix: which cues each clause contains."""
    rows = [[1.0 if p.search(t) else 0.0 for p in _PATTERNS] for t in map(masked, texts)]
    return sparse.csr_matrix(np.array(rows, dtype=float).reshape(len(rows), len(_PATTERNS)))
