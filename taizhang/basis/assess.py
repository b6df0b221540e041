"""The ledger's basis columns, a disposal suggestion and risks against 国办发〔2020〕49号.

Every flagged clause is judged on its own citations first; when it cites nothing,
the document's 制定依据 (its first article or opening 根据…) stands in, and the
row says so, because a document-level basis does not prove that a particular
blacklist or punishment has one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from classifier.tokenize import mask_cited_titles

from .authorities import find
from .citations import Citation, extract
from .levels import LOCAL_REGULATION, NATIONAL, level_of

GUIDING_OPINION = "国办发〔2020〕49号"
# Cited, but no basis in the template's sense: rules and documents below a 地方性法规.
_LOWER_LEVELS = frozenset({"department_rule", "department_document", "local_government_rule", "normative_document"})
# Laws and regulations (法律、法规, local ones included) and central policy may themselves
# set lists, punishments and publication (49号 (四)(六)(七)(九)); what sits below them
# needs a direct basis of that rank, cited by the clause itself.
AT_LEAST_LOCAL_REGULATION = frozenset({"law", "administrative_regulation", "local_regulation", "central_policy"})

# 为贯彻落实《…》，结合本市实际，制定本方案 states a normative document's 制定依据 as
# surely as 根据 does.
_MAKING_BASIS = re.compile(r"(根据|依据|依照|按照|贯彻|落实)")
# …and says the document is made on it (制定本办法, 结合本市实际, 现就…通知如下, 为加强…):
# 依照《社会保险法》第八十八条受到行政处罚的，适用本通知 states a scope, not a basis.
_MAKING_SENTENCE = re.compile(r"制定|结合|现就|如下|特此|现将|决定|印发|精神|^为|^第一条\s*为")
# The document says its measures await a law (列入立法计划, 拟在条例中设定…依据): 立法.
_LEGISLATING = re.compile(r"立法计划|立法规划|立法项目|提请.{0,20}审议|通过(地方)?立法(明确|设定|予以)|拟在.{0,20}条例中")
# A punishment flag this sure (or a reviewer's) is enough to suggest repeal; a weaker one
# suggests revision, so that one doubtful clause does not condemn a whole document.
FIRM_PUNISHMENT = 0.5
# 49号 (八): notice before listing and a chance to object. A list's term or its automatic
# end (有效期…期满自动移出) is no such procedure, nor is 告知承诺制.
_PROCEDURE = re.compile(r"告知(?!承诺)|异议|申诉|陈述|申辩|听证|复核")
_REPAIR = re.compile(r"信用修复|修复|移出|撤出|退出名单|解除|屏蔽|删除|重新评价|重新评定")
# A clause that only takes subjects off a list (移出名单, 停止公示) sets no list: the risks
# of setting one without a basis or procedure are not its own.
_DESIGNATES = re.compile(r"列入|纳入|认定(为|其|.{0,4}名单)|确定为|评定为|作出.{0,6}认定|(名单|名录)(的)?(标准|条件|情形)")
# 对列入严重失信主体名单的: subjects already listed, the condition of what follows.
_LISTED_CONDITION = re.compile(r"(对|凡)?(被|已)?(列入|纳入)[^，。；：]{0,30}(名单|名录)(决定)?[^，。；：]{0,4}?(的|后|满|之日起|期间)"
                               r"|作出(列入|纳入)[^，。；：]{0,10}决定的(部门|机关|单位)")
# …and so does an appeal against a listing (申请行政复议或者提起行政诉讼).
_REMOVES = re.compile(r"移出|撤出|退出|删除|撤销.{0,6}(名单|名录)|停止公示|屏蔽|行政复议|行政诉讼")
# A clause of the clean-up work itself (清理范围…均纳入清理, 不得新出台…措施, 设定的措施
# …停止执行) names lists and punishments only to restrain them: it sets none, and the
# risks of setting one are not its own. Every sentence naming a measure must restrain it;
# a subject's own 擅自 conduct (擅自停业的，列入名单) is not a restraint.
_MEASURE = re.compile(r"名单|名录|惩戒|约束措施|限制|禁止|信用记录|信用档案|信用信息|失信|公示|公开|曝光|共享|归集")
_RESTRAINS = re.compile(
    r"清理规范|清理范围|清理事项|清理工作|集中清理|全面清理|予以清理|进行清理|开展清理|清理[^。；，]{0,10}(措施|文件)|"
    r"停止执行|(提请|予以|宣布)废止|"
    r"(不得|严禁|禁止|防止|避免|杜绝|不准|不再)[^。；，]{0,12}(新出台|出台|增设|扩大|扩展|泛化|滥用|加重|超出|超越|随意|擅自|自行设定)|"
    r"擅自[^。；，]{0,4}(将不属于|增设|扩大|扩展|设定|设立|加重|出台)|"
    r"(缺乏|没有|无)(法律|法规|明确)?(、法规)?依据|"
    # a clean-up's results: a repealed document's row (名称\t文号\t废止), a measure struck out
    r"\t(废止|失效|宣布失效|停止执行)$|(删去|删除)[^。；]{0,40}的(规定|内容|条款|表述)"
)
_CREDIT_TITLE = re.compile(r"信用|失信|诚信|守信|黑名单|红黑|惩戒|名单|征信")
_REPAIR_FEE = re.compile(r"修复.{0,30}(收取|收费|缴纳|费用|付费)|(收取|缴纳).{0,20}修复")
# 不得收取任何费用, 免费办理: the document forbids the fee 49号 (十二) forbids.
_NO_FEE = re.compile(r"(不得|不|禁止|严禁|无需|不再)[^，。；]{0,12}(收取|收费|缴纳|付费)|免费|免收|不收费")
_THIRD_PARTY = re.compile(
    # 中国人民银行 and its branches are government bodies, not banks asked to punish.
    # 融媒体中心 is a county government's own outlet publishing its notices, not a third party.
    r"(金融机构|(?<!人民)银行|保险机构|保险公司|信用服务机构|征信机构|行业协会|商会|新闻媒体|(?<!融)媒体|网络平台|平台企业|"
    r"第三方平台|电子商务平台|平台经营者|运营企业)"
    r".{0,80}(惩戒|限制|不予|不得|提高|拒绝|取消|从严|审慎|约束|降低|停止|控制|最低|下架)"
)
_PUBLISH = re.compile(r"公布|公示|公开|曝光|通报|发布")
_PERSON = re.compile(r"个人|自然人|行人|驾驶人|市民|公民|居民|村民|乘客|游客|姓名|身份证|家长|学生|患者|业主")
# A person's information published: the person named near the act (公布…个人…信息, 个人
# 失信信息…公示), not a clause that publishes companies' grades and mentions 业主 投诉.
_PERSON_PUBLISHED = re.compile(
    rf"({_PUBLISH.pattern})[^。；，]{{0,25}}({_PERSON.pattern})|({_PERSON.pattern})[^。；，]{{0,50}}({_PUBLISH.pattern})")
_COLLECT = re.compile(r"(采集|收集|归集|查询|获取|调取)[^。；]{0,40}(信息|报告|记录)")
_CONSENT = re.compile(r"同意|授权")
_LIFETIME_CONSENT = re.compile(r"一次(性)?授权|长期有效|永久有效|终身有效|无限期")
_MINOR_CONDUCT = re.compile(
    r"闯红灯|不文明|欠缴物业|拖欠物业|物业费|物业服务费|乱扔|乱丢|乱倒|随地吐痰|吐痰|乱穿马路|插队|加塞|占座|霸座|遛狗|犬只|养犬|"
    r"分类投放|(?<!不)停车(?!场|位|系统|检测)|违规停放|乱停乱放|未束犬链|犬粪|"
    r"乱贴|乱画|乱涂|浪费|公共场所吸烟|吸烟|违章停车|违停|乱停|逃票|噪声扰民|广场舞|未系安全带|不礼让"
)


RISK_CODES = (
    "blacklist_without_basis", "blacklist_without_procedure", "punishment_without_basis", "third_party_punishment",
    "personal_info_publication", "personal_info_without_consent", "disproportionate", "no_credit_repair",
)


@dataclass(frozen=True)
class Risk:
    code: str
    provision: str
    clause_id: str | None
    location: str | None
    message: str

    def as_dict(self) -> dict:
        return {"code": self.code, "provision": self.provision, "clause_id": self.clause_id,
                "location": self.location, "message": self.message}


def _provision(*items: str) -> str:
    return GUIDING_OPINION + "".join(f"（{i}）" for i in items)


@dataclass
class DocumentContext:
    """What the whole document says that a single clause's judgement needs."""

    title: str | None
    doc_number: str | None
    basis: list[Citation] = field(default_factory=list)
    has_procedure: bool = False
    has_credit_repair: bool = False
    # The clause that states the 制定依据 (根据《价格法》…，决定建立…制度): it cites it for the
    # document, not as its own measure's basis.
    basis_clause: str | None = None
    plans_legislation: bool = False

    @property
    def level(self) -> str:
        return level_of(self.title, self.doc_number)

    def incidental(self) -> bool:
        """The measures are part of a document about something else (学生资助, 职称评审,
        建筑市场管理): repealing it for them is out of proportion, the clauses are struck.
        The template's 废止 samples are documents about credit (个人信用积分管理办法). Told
        by the title: the share of flagged clauses counts the model's false flags too."""
        return bool(self.title) and not _CREDIT_TITLE.search(self.title)

    @classmethod
    def from_clauses(cls, title: str | None, doc_number: str | None, clause_texts: list[str]) -> "DocumentContext":
        text = "\n".join(clause_texts)
        stating, basis = _stating(clause_texts, title)
        return cls(
            title=title,
            doc_number=doc_number,
            basis=basis,
            basis_clause=stating,
            plans_legislation=bool(_LEGISLATING.search(text)),
            has_procedure=bool(_PROCEDURE.search(text)),
            has_credit_repair=bool(_REPAIR.search(text)),
        )


def making_basis(clause_texts: list[str], own_title: str | None = None) -> list[Citation]:
    """The document's 制定依据: the citations of its first clause that gives one."""
    return _stating(clause_texts, own_title)[1]


def _stating(clause_texts: list[str], own_title: str | None) -> tuple[str | None, list[Citation]]:
    """The first clause that states the 制定依据, and its citations (None, [] when none does)."""
    for text in clause_texts[:3]:
        if _MAKING_BASIS.search(text):
            sentences = [s for s in re.split(r"[。；]", text) if _MAKING_BASIS.search(s) and _MAKING_SENTENCE.search(s.strip())]
            cited = [c for s in sentences for c in extract(s, own_title) if c.specific]
            if cited:
                return text, cited
    return None, []


@dataclass
class ClauseBasis:
    citations: list[Citation]
    source: str  # "clause" | "document" | "none"

    @property
    def national(self) -> bool:
        return any(c.level in NATIONAL for c in self.citations)

    @property
    def local(self) -> bool:
        return any(c.level in LOCAL_REGULATION for c in self.citations)


# What a law must say somewhere for its being the document's 制定依据 to stand in for a
# credit measure's basis.
# (诚实信用 as a principle of dealing, or 行业诚信 to be promoted, is not such a provision.)
_CREDIT_WORDS = re.compile(r"信用(记录|信息|档案|评价|等级|监管|体系|状况|承诺|修复|约束)|失信|黑名单|惩戒|不良(行为)?记录|名单")


def silent_on_credit(citation: Citation) -> bool:
    """A cited law or regulation whose whole text the reference list holds and which says
    nothing of credit, lists or sanctions (《城市供水条例》, 《人民防空法》): as the document's
    制定依据 it is no basis for a measure the document adds (the template's own sample
    row: a 垃圾分类管理办法's list has 国家层面依据 否). Unknown texts are not judged."""
    return _silent(citation.title)


@lru_cache(maxsize=1024)
def _silent(title: str | None) -> bool:
    # Cached: asked for every flagged clause, and a law holds a hundred articles.
    authority = find(title)
    return bool(authority and authority.articles) and not any(
        _CREDIT_WORDS.search(text) for text in authority.articles.values())


def clause_basis(own: list[Citation], document: DocumentContext) -> ClauseBasis:
    specific = [c for c in own if c.specific]
    # A clause citing only ministries' or local governments' rules and documents (国统字〔2017〕58号)
    # has no basis of its own in the template's sense: the document's 制定依据 stands in,
    # as for a clause citing nothing, and the rules it cites are still named.
    # So does a citation whose level nothing tells (its own note stays for the reviewer
    # when nothing else gives a basis: _undetermined_citations).
    if specific and not all(c.level in _LOWER_LEVELS | {"unknown"} for c in specific):
        return ClauseBasis(specific, "clause")
    # Nor does 49号 itself: it restrains lists and punishments and grants none.
    standing = [c for c in document.basis if not silent_on_credit(c) and c.doc_number != GUIDING_OPINION]
    if standing:
        return ClauseBasis(specific + standing, "document")
    return ClauseBasis(specific, "clause" if specific else "none")


def removes_only(text: str) -> bool:
    """The clause takes subjects off a list (移出名单, 停止公示, an appeal) and puts none on it."""
    return _REMOVES.search(text) is not None and _DESIGNATES.search(_LISTED_CONDITION.sub("", text)) is None


def procedure_only(text: str) -> bool:
    """Every sentence that names putting subjects on a list gives them notice or a chance
    to object (列入…前，应当告知…; 对列入…有异议的，可以…): the procedure, not the list."""
    naming = [s for s in re.split(r"[。；;]", text) if _DESIGNATES.search(s)]
    return bool(naming) and all(_PROCEDURE.search(s) for s in naming)


def restrains_only(text: str) -> bool:
    """Every sentence naming a list, a record or a punishment restrains it (_RESTRAINS);
    cited titles (《…黑名单管理办法》) name nothing."""
    named = [s for s in re.split(r"[。；;！？\n]", mask_cited_titles(text)) if _MEASURE.search(s)]
    return bool(named) and all(_RESTRAINS.search(s) for s in named)


def clause_risks(clause_id: str | None, text: str, labels: list[str], own: list[Citation],
                 document: DocumentContext, location: str | None = None) -> list[Risk]:
    if restrains_only(text):
        return []
    own_levels = {c.level for c in own if c.specific}
    # A law or regulation is its own basis; a lower document needs one cited in the clause.
    direct_basis = document.level in AT_LEAST_LOCAL_REGULATION or bool(own_levels & AT_LEAST_LOCAL_REGULATION)
    lists, punishes, shares = "blacklist" in labels, "punishment" in labels, "sharing" in labels
    # The safeguards 49号 (八)(十一) asks for — taking subjects off a list, notice and
    # objection before listing — set no list and no sanction: the risks of setting one
    # are not theirs (a fee for repair still is).
    safeguard = removes_only(text) or procedure_only(text)
    risks = []

    def add(code: str, message: str, *provision: str) -> None:
        risks.append(Risk(code, _provision(*provision), clause_id, location, message))

    if lists and not direct_basis and not safeguard:
        add("blacklist_without_basis", "设列失信名单的文件低于地方性法规，该条款未直接援引法律、法规或党中央、国务院政策文件。", "六", "七")
    if lists and not document.has_procedure and not safeguard:
        add("blacklist_without_procedure", "名单认定未规定事先告知和异议程序（有效期、到期移出不是此类程序）。", "八")
    # (Taking subjects off a list may still deny something — 不得提前停止公示 — so only the
    # procedure is spared the punishment risk.)
    if punishes and not direct_basis and not procedure_only(text):
        add("punishment_without_basis", "失信惩戒措施未直接援引法律、法规或党中央、国务院政策文件。", "九")
    if punishes and _THIRD_PARTY.search(text):
        add("third_party_punishment", "要求金融机构、信用服务机构、行业协会或媒体等实施惩戒。", "九")
    if shares and _PERSON_PUBLISHED.search(text) and not direct_basis:
        add("personal_info_publication", "公开个人相关信息，未见法律、法规或国务院决定、命令依据。", "四")
    if _COLLECT.search(text) and _PERSON.search(text) and (not _CONSENT.search(text) or _LIFETIME_CONSENT.search(text)):
        add("personal_info_without_consent", "收集使用个人信用信息未明示经本人同意，或为一次授权长期有效。", "十四")
    if (lists or punishes) and _MINOR_CONDUCT.search(text) and not safeguard:
        add("disproportionate", "对轻微或日常行为列入名单或实施惩戒，可能过惩不当。", "十", "十六")
    if (lists or punishes) and not document.has_credit_repair and not safeguard:
        add("no_credit_repair", "对列入名单或受惩戒的主体未规定信用修复途径。", "十一", "十二")
    elif any(_REPAIR_FEE.search(s) and not _NO_FEE.search(s) for s in re.split(r"[。；;]", text)):
        add("no_credit_repair", "信用修复收取费用。", "十一", "十二")
    return risks


def _describe(c: Citation) -> str:
    name = f"《{c.title}》" if c.title else c.doc_number or c.citation
    if c.title and c.doc_number:
        name += f"（{c.doc_number}）"
    if c.article:
        name += c.article
    return name + (f"：{c.text}" if c.text else "")


def ledger_fields(flagged: list[dict], document: DocumentContext) -> dict:
    """has_national_basis, has_local_basis, basis_detail, disposal(+reason), risks for one row.

    `flagged` are the document's flagged clauses, each with `id`, `text`, `labels`
    and `basis` (its own citations as Citation objects).
    """
    if not flagged:
        return {"has_national_basis": None, "has_local_basis": None, "basis_detail": None, "basis_source": None,
                "disposal": None, "disposal_reason": None, "risks": []}
    flagged = [dict(c, basis=[]) if document.basis_clause and c["text"] == document.basis_clause else c
               for c in flagged]
    judged = [(c, clause_basis(c["basis"], document)) for c in flagged]
    risks = [
        _doubted(r) if _weak(c, r.code) else r for c, _ in judged
        for r in clause_risks(c["id"], c["text"], c["labels"], c["basis"], document, c.get("location"))
    ]
    # Every flagged measure has a basis of one level or the other (a list of measures,
    # some on a law, some on the province's 信用条例): each column says 是 where its level
    # covers one. Otherwise a column says 是 only when its level covers every measure,
    # so that one measure without a basis is not hidden behind the others.
    covered = all(b.national or b.local for _, b in judged)
    national = (any if covered else all)(b.national for _, b in judged)
    local = (any if covered else all)(b.local for _, b in judged)
    sources = {b.source for _, b in judged}
    cited: list[str] = []
    for _, b in judged:
        for c in b.citations:
            if c.level in NATIONAL | LOCAL_REGULATION and _describe(c) not in cited:
                cited.append(_describe(c))
    # 《慈善法》 as the 制定依据 and 《慈善法》第一百零六条 cited by a clause: the article says it.
    cited = [d for d in cited if not any(other != d and other.startswith(d + "第") for other in cited)]
    # The provisions with their wording first; titles cited whole (the 制定依据) after them.
    cited.sort(key=lambda d: "条：" not in d)
    others, undetermined = _lower_citations(judged), _undetermined_citations(judged)
    detail = "；".join(cited) or "无"
    if others:
        detail += "（另引用" + "、".join(others) + "，非国家层面或地方性法规依据）"
    if undetermined:
        detail += "（所引" + "、".join(undetermined) + "层级无法判定，请核实是否为国家层面或地方性法规依据）"
    if "document" in sources and cited:
        detail += "（部分条款仅有文件制定依据，非该措施的直接依据，请核实）"
    silent = [d for c in document.basis if silent_on_credit(c) and (d := _describe(c)) not in cited]
    if silent and any(b.source != "clause" for _, b in judged):
        detail += "（文件制定依据" + "、".join(silent) + "未涉及信用、名单或惩戒，不作为所列措施的依据）"
    uncovered = [c.get("location") or c["id"] for c, b in judged if not (b.national or b.local)]
    if cited and uncovered:
        # The row says 否 while naming a basis: say which measures the basis does not cover.
        shown = "；".join(uncovered[:5]) + (f"等{len(uncovered)}条" if len(uncovered) > 5 else "")
        detail += f"（{shown}未见国家层面或地方性法规依据）"
    # A law or regulation is not repealed for lack of a citation: it is a basis itself.
    has_basis = covered or document.level in AT_LEAST_LOCAL_REGULATION
    if all(restrains_only(c["text"]) for c in flagged):
        # The clean-up work's own notice: nothing set, nothing to keep or repeal.
        disposal, reason = None, "所标条款均为清理、约束失信措施的要求，本身未设定措施；经核实如确无其他措施，本文件不列入台账。"
    elif undetermined and not has_basis:
        disposal, reason = None, "系统无法判定所引文件的层级，请核实依据后确定处置方式。"
    else:
        partly = any(b.national or b.local for _, b in judged)
        rules = list(dict.fromkeys(_describe(c) for _, b in judged for c in b.citations if c.level == "department_rule"))
        disposal, reason = suggest_disposal(has_basis, risks, flagged, uncovered if partly else [],
                                            incidental=document.incidental(), rules=rules,
                                            direct="clause" in sources or document.level in AT_LEAST_LOCAL_REGULATION,
                                            legislating=document.plans_legislation)
    return {
        "has_national_basis": "是" if national else None if undetermined else "否",
        "has_local_basis": "是" if local else None if undetermined else "否",
        "basis_detail": detail,
        "basis_source": "clause" if sources == {"clause"} else "document" if "document" in sources else "none",
        "disposal": disposal,
        "disposal_reason": reason,
        "risks": [r.as_dict() for r in risks],
    }


def _lower_citations(judged: list[tuple[dict, ClauseBasis]]) -> list[str]:
    """Rules and documents of ministries or local governments: no basis in the template's
    sense (note 1), but 49号 (七) asks what they provide, so they are listed apart."""
    return list(dict.fromkeys(_describe(c) for _, b in judged for c in b.citations if c.level in _LOWER_LEVELS))


def _undetermined_citations(judged: list[tuple[dict, ClauseBasis]]) -> list[str]:
    """Cited authorities whose level nothing tells (《关于进一步加强科研诚信建设的若干意见》,
    no 文号), when they are all that stands between the row and a basis: the columns they
    could change stay open. Empty when some measure lacks even such a citation (then 否)."""
    found: list[str] = []
    for _, b in judged:
        if b.national or b.local:
            continue
        unknown = [_describe(c) for c in b.citations if c.level == "unknown" and c.specific]
        if not unknown:
            return []
        found += unknown
    return list(dict.fromkeys(found))


# The labels a risk rests on: a risk is only as sure as they are.
_RISK_LABELS = {
    "blacklist_without_basis": ("blacklist",), "blacklist_without_procedure": ("blacklist",),
    "punishment_without_basis": ("punishment",), "third_party_punishment": ("punishment",),
    "personal_info_publication": ("sharing",), "disproportionate": ("blacklist", "punishment"),
    "no_credit_repair": ("blacklist", "punishment"),
}


def _weak(clause: dict, code: str) -> bool:
    """The model's labels this risk rests on all scored below FIRM_PUNISHMENT, none a reviewer's."""
    scores = clause.get("scores")
    resting = [label for label in clause["labels"] if label in _RISK_LABELS.get(code, clause["labels"])]
    return bool(scores) and not clause.get("reviewed") and all(scores.get(label, 0) < FIRM_PUNISHMENT
                                                                for label in resting or clause["labels"])


_DOUBT = "（该条款是否确有此类措施把握不大，请先核实）"


def _doubted(risk: Risk) -> Risk:
    return replace(risk, message=risk.message.rstrip("。") + _DOUBT + "。")


def _problems(risks: list[Risk]) -> str:
    """The risks' messages once each, for the disposal's reason: a doubted one is left out
    where another clause has the same risk without doubt (both stay in `risks`)."""
    firm = {r.code for r in risks if _DOUBT not in r.message}
    return "；".join(dict.fromkeys(r.message.rstrip("。") for r in risks
                                   if r.code not in firm or _DOUBT not in r.message))


def _firm(clause: dict) -> bool:
    """A reviewer's label, or the model's given with a score of FIRM_PUNISHMENT or more."""
    scores = clause.get("scores")
    return bool(clause.get("reviewed")) or not scores or scores.get("punishment", 0) >= FIRM_PUNISHMENT


def suggest_disposal(has_basis: bool, risks: list[Risk], flagged: list[dict],
                     unbased: list[str] = (), incidental: bool = False, rules: list[str] = (),
                     direct: bool = True, legislating: bool = False) -> tuple[str, str]:
    """The template's rules (note 3) as its own sample rows apply them; a suggestion a
    reviewer confirms. Without a basis, a punishment is to be repealed (废止); a record
    or list is to be revised — or given a basis by local legislation (立法), which only
    the department can decide. `unbased`: the measures without a basis when others have
    one — the document is revised, those measures struck, not the whole repealed; and so
    when the measures are `incidental` to a document about something else. A document
    applying ministries' `rules` (部门规章: 市场监督管理严重违法失信名单管理办法) is revised to
    cite the laws and regulations those rules rest on, not repealed."""
    prefix = "系统建议，须人工确认："
    problems = _problems(risks)
    if has_basis and not risks:
        return "保留", prefix + "有明确依据，未发现与《指导意见》不符之处。"
    if has_basis:
        # A basis only through the document's 制定依据 is not the measure's own (`direct`).
        basis = "有依据" if direct else "仅有文件制定依据，所列措施未直接援引依据"
        return "修订", prefix + basis + "，需按《指导意见》修订：" + problems + "。"
    if legislating:
        return "立法", prefix + "文件载明相关措施拟通过立法明确依据（已列入立法计划或拟在法规中设定），建议“立法”；" \
            "依据出台前，缺乏依据的措施应暂缓实施或删除。" + (problems and problems + "。")
    if unbased:
        # Locations contain 、 themselves (二、（三）), so they are separated by ；.
        shown = "；".join(unbased[:5]) + (f"等{len(unbased)}条" if len(unbased) > 5 else "")
        return "修订", prefix + f"部分措施有依据；{shown}缺乏法律、法规或党中央、国务院政策文件依据，应删除或修订。" + (
            problems and problems + "。")
    # (A clause that only restrains measures — the clean-up's own — punishes nobody.)
    punishing = [c for c in flagged if "punishment" in c["labels"] and not restrains_only(c.get("text", ""))]
    if incidental and any(_firm(c) for c in punishing):
        where = [c.get("location") or c["id"] for c in punishing if _firm(c)]
        shown = "；".join(where[:5]) + (f"等{len(where)}条" if len(where) > 5 else "")
        return "修订", prefix + f"文件主要内容不涉及信用；{shown}的失信惩戒措施缺乏法律、法规或党中央、国务院政策文件依据，" \
            "应删除该条款（确需保留的，可通过立法明确依据）。" + (problems and problems + "。")
    if rules and any(_firm(c) for c in punishing):
        return "修订", prefix + f"所引{'、'.join(rules[:3])}为部门规章，不属于国家层面依据；请核实其所依据的法律、行政法规，" \
            "在文件中直接援引，无法律、法规依据的措施应删除。" + (problems and problems + "。")
    if any(_firm(c) for c in punishing):
        return "废止", prefix + "失信惩戒措施缺乏法律、法规或党中央、国务院政策文件依据，建议废止。" + (problems and problems + "。")
    if punishing:
        return "修订", prefix + "缺乏明确依据；所标失信惩戒措施把握不大，请先核实：确属惩戒措施的应废止，否则删除或修订相关条款。" + (
            problems and problems + "。")
    return "修订", prefix + "缺乏明确依据，应删除或修订相关条款；确需保留名单等措施的，可通过地方立法明确依据（立法）。" + (
        problems and problems + "。")
