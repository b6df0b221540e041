"""The level of a cited authority: law, administrative regulation, central policy …

Decided by, in order: a 令 number, the 文号's issuer prefix, the reference list
built from lawrefbook, and the shape of the title. `unknown` when none tells.
"""
from __future__ import annotations

import re

from .authorities import find

LEVELS = (
    "law", "administrative_regulation", "central_policy", "department_rule", "department_document",
    "local_regulation", "local_government_rule", "normative_document", "unknown",
)
NATIONAL = frozenset({"law", "administrative_regulation", "central_policy"})
LOCAL_REGULATION = frozenset({"local_regulation"})

_CENTRAL_PREFIX = re.compile(r"^(中发|中办发|中办|厅字|国发|国办发|国函|国办函|国办|国阅|国务院)")
_ANNOUNCEMENT = re.compile(r"公告(19|20)\d{2}年第\d+号$")
_MINISTRY = re.compile(r"^[\u4e00-\u9fa5]{1,8}部公告")
_PROVINCE = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀贵黔云滇藏陕秦甘陇青宁新"
# Issuer prefixes of national ministries and agencies in 文号 (发改财金, 人社部发, 财库 …).
_DEPARTMENT_PREFIX = re.compile(
    r"^(发改|国家发展改革委|财|人社|人力资源社会保障部|教|科|国科|工信|工业和信息化部|公|司|民|自然资|国土资|环|生态环境部|"
    r"建|住建|住房城乡建设部|交|水|农|商|文旅|文化和旅游部|卫|国卫|应急|审|国市监|市监|工商|质检|国质检|银保监|银监|保监|"
    r"证监|银发|中国人民银行|人民银行|税总|国税|海关|署|统|医保|国医保|体|广电|林|国林|知|国知|国资|退役|外汇|汇发|邮|民航|"
    r"铁|能源|国能|烟|粮|药监|国药监|网信)"
)
_ORDER = re.compile(r"令")
_LOCAL_ORDER = re.compile(r"(省|市|自治区|自治州|州|县|区|盟)(人民)?政府令")
# 某省/某市: the placeholder of templates and examples counts as a place too.
_PLACE = re.compile(r"^(某(省|市|县|区)|[\u4e00-\u9fa5]{2,10}?(省|自治区|特别行政区)|[\u4e00-\u9fa5]{2,8}?市(?!场)|[\u4e00-\u9fa5]{2,6}经济特区|"
                    r"[\u4e00-\u9fa5]{2,8}?(自治州|自治县|县|盟))")
_CENTRAL_TITLE = re.compile(r"^(中共中央|国务院|中共中央办公厅|国务院办公厅|中华人民共和国国务院)")
_NPC_DECISION = re.compile(r"^全国人民代表大会(常务委员会)?关于")
_DEPARTMENT_TITLE = re.compile(r"^(国家|中国人民银行|财政部|教育部|科技部|工业和信息化部|公安部|民政部|司法部|人力资源社会保障部|"
                               r"自然资源部|生态环境部|住房和城乡建设部|住房城乡建设部|交通运输部|水利部|农业农村部|商务部|"
                               r"文化和旅游部|国家卫生健康委|应急管理部|审计署|海关总署|税务总局|市场监管总局)[^关]{0,40}关于")
# Courts' and procuratorates' documents (法释, 法发, 高检发) are none of the ledger's levels.
_JUDICIAL = re.compile(r"^(法释|法发|法办|高检发|最高人民法院|最高人民检察院)")
# 浙江省实施《中华人民共和国道路交通安全法》办法: a province's people's congress implementing a law.
_IMPLEMENTING = re.compile(r"实施[〈<《].+[〉>》](办法|细则|规定|若干规定)$")


# National rules on credit that documents cite by title alone, and that lawrefbook does
# not hold: each issued by a ministry's 令 (部门规章), no basis in the template's sense.
_CREDIT_DEPARTMENT_RULES = frozenset({
    "市场监督管理严重违法失信名单管理办法",  # 国家市场监督管理总局令第44号
    "检验检测机构监督管理办法",  # 国家市场监督管理总局令第39号
    "网络交易监督管理办法",  # 国家市场监督管理总局令第37号
    "文化和旅游市场信用管理规定",  # 文化和旅游部令第7号
    "失信行为纠正后的信用信息修复管理办法（试行）",  # 国家发展和改革委员会令第58号
    "拖欠农民工工资失信联合惩戒对象名单管理暂行办法",  # 人力资源社会保障部令第45号
    "社会组织信用信息管理办法",  # 民政部令第60号
    "海关注册登记和备案企业信用管理办法",  # 海关总署令第251号
    "企业经营异常名录管理暂行办法",  # 国家工商行政管理总局令第68号
    "严重违法失信企业名单管理暂行办法",  # 国家工商行政管理总局令第83号
})


def _is_local_place(title: str) -> bool:
    return bool(_PLACE.match(title)) and not title.startswith("中华人民共和国")


def level_of(title: str | None, doc_number: str | None) -> str:
    if doc_number:
        level = _by_doc_number(doc_number)
        if level:
            return level
    if title:
        return _by_title(title)
    return "unknown"


def _by_doc_number(doc_number: str) -> str | None:
    if _JUDICIAL.match(doc_number):
        return "unknown"
    if _ORDER.search(doc_number):
        if doc_number.startswith("国务院令") or doc_number.startswith("中华人民共和国国务院令"):
            return "administrative_regulation"
        if _LOCAL_ORDER.search(doc_number):
            return "local_government_rule"
        return "department_rule"
    if _CENTRAL_PREFIX.match(doc_number):
        return "central_policy"
    if _ANNOUNCEMENT.search(doc_number):
        # 国家税务总局公告2014年第40号: a national agency's; 河南省税务局公告…: a local one's.
        return "department_document" if doc_number.startswith(("国家", "中国")) or _MINISTRY.match(doc_number) \
            else "normative_document"
    if doc_number[0] in _PROVINCE:
        return "normative_document"
    if _DEPARTMENT_PREFIX.match(doc_number):
        return "department_document"
    return "normative_document"


def _by_title(title: str) -> str:
    known = find(title)
    if known:
        return known.level
    if title in _CREDIT_DEPARTMENT_RULES:
        return "department_rule"
    if _NPC_DECISION.match(title):
        return "law"
    if _JUDICIAL.match(title):
        return "unknown"
    if _CENTRAL_TITLE.match(title):
        return "central_policy"
    local = _is_local_place(title)
    if local and _IMPLEMENTING.search(title):
        return "local_regulation"
    if title.endswith("条例") or title.endswith("条例（试行）"):
        return "local_regulation" if local else "administrative_regulation"
    if re.search(r"[^办]法(（[^）]*）)?$", title) and not local:
        return "law"
    if local:
        return "normative_document"
    if _DEPARTMENT_TITLE.match(title):
        return "department_document"
    return "unknown"
