"""The draft ledger row, built in exactly one place from a scanned document.

Keys and meanings follow shared/spec/ledger.md. What the scanner cannot know yet
(basis, disposal, due date, monthly progress, people) stays None.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePath

from classifier.corpus import LABELS

from .basis.assess import FIRM_PUNISHMENT, DocumentContext, ledger_fields, removes_only, restrains_only
from .basis.citations import ISSUING_NOTICE, Citation

# (JSON key, exact Chinese heading) in template order.
COLUMNS = [
    ("seq", "序号"),
    ("document_name", "规章、规范性文件或其他文件名称(含文号)"),
    ("involves_sharing", "是否涉及信用信息共享公开"),
    ("involves_blacklist", "是否涉及“黑名单”认定"),
    ("involves_punishment", "是否涉及失信惩戒措施"),
    ("summary", "相关内容摘要"),
    ("has_national_basis", "是否有国家层面依据"),
    ("has_local_basis", "是否有地方性法规依据"),
    ("basis_detail", "依据的具体内容"),
    ("disposal", "处置方式"),
    ("due", "完成时间"),
    ("measures_taken", "清理规范工作举措"),
    ("progress", "进展情况"),
    ("responsible_unit", "责任单位"),
    ("responsible_person", "责任人姓名及职务"),
    ("phone", "电话"),
]
INVOLVES = {label: f"involves_{label}" for label in LABELS}
# 处置方式 takes only the template's four values (ledger.md).
DISPOSALS = ("保留", "修订", "立法", "废止")
# A ledger cell a reviewer reads at a glance (the template's sample rows run to ~50 characters).
EXCERPT_CHARS = 80
SUMMARY_EXCERPTS = 6
_SENTENCE = re.compile(r"[^。；;！？\n]+[。；;！？]?")
# The clause's own number, which the summary already shows as its location:
# 第十七条 / 一、 / （三） / 2. / （1）, possibly nested (二、（三）).
_LOCATION_PREFIX = re.compile(
    r"^(第[一二三四五六七八九十百千零〇\d]+条(之[一二三四五六七八九十\d]+)?|"
    r"([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d))+)\s*"
)


# A measure's title that starts by naming where it applies (某市…, 河南省…, 国家…).
_NAMES_ITS_PLACE = re.compile(r"^([\u4e00-\u9fa5]{1,10}?(省|市|县|区|州|盟|旗|乡|镇)|国家|全国|中华人民共和国)")


def document_name(title: str | None, doc_number: str | None, file: str, text: str = "",
                  issuer: str | None = None) -> str:
    """《title》(文号), as in the template's sample rows.

    A notice that issues a measure (关于印发《X办法》的通知) is listed under the
    measure it issues, with the notice's 文号. One that forwards another body's
    document (关于转发《…》的通知) is listed under that document and its own 文号 as the
    notice's `text` gives it (现将《…》（青政办〔2023〕12号）转发给你们), never the
    forwarding notice's. A title that opens with 关于 (its issuer set on the line above)
    takes the `issuer` in front, as the template's sample rows name documents. A
    document without a stated title is named by its file name.
    """
    name = title or PurePath(file.split("!")[-1]).stem
    issued = ISSUING_NOTICE.match(name)
    if forwarded_title(name):
        name = forwarded_title(name)
        own = re.search(rf"《{re.escape(name)}》[（(]([^（）()]*?[〔\[（(]\d{{4}}[〕\]）)]\d+号)[）)]", text)
        doc_number = own.group(1) if own else None
    elif issued:
        body, name = issued.groups()
        # 2021年社会信用体系建设工作要点 names no one: every unit has one. The issuing
        # body goes in front, as the measure itself is headed.
        if body and not _NAMES_ITS_PLACE.match(name):
            name = body + name
    elif title and name.startswith("关于") and issuer and not name.endswith(("备忘录", "协议")):
        # (A memorandum's title names no body: its signatories are many.)
        name = issuer + name
    return f"《{name}》" + (f"({doc_number})" if doc_number else "")


def forwarded_title(title: str | None) -> str | None:
    """The title of the document a 关于转发《…》的通知 forwards; None for any other title."""
    issued = ISSUING_NOTICE.match(title or "")
    return issued.group(2) if issued and "关于转发" in (title or "") else None



# The forwarded document's issuer, as its title opens: 青禾县人民政府办公室关于….
_TITLE_ISSUER = re.compile(r"^(.{2,40}?)关于")
# This document marked as repealed or expired in its own head (【已废止】本文件已…宣布…废止).
_REPEALED = re.compile(r"【\s*已?(废止|失效)\s*】|^本(文件|办法|规定|通知|细则|意见|方案)已[^。]{0,80}(废止|失效)")


def document_notes(document: dict, clauses: list[dict]) -> list[str]:
    """What a reviewer must know of the document as a whole before listing it: marked as
    repealed (a ledger lists what is in force), read from a scan (OCR may misread a
    character), or another body's document forwarded."""
    notes = []
    head = [document.get("title") or "", *(c["text"] for c in clauses[:2])]
    marked = next((m for text in head for line in text.splitlines() if (m := _REPEALED.search(line.strip()))), None)
    if marked:
        line = marked.string.strip()
        shown = line if len(line) <= 60 else _cut(line, 59) + "…"
        notes.append(f"文件标注为已废止或已失效（{shown}），台账只列现行有效的文件，请核实后决定是否列入。")
    if document.get("ocr_pages"):
        notes.append(f"本文件有 {document['ocr_pages']} 页是扫描图像，文字由 OCR 识别，个别字可能有误；"
                     "文件名称、文号和摘要请对照原件核实。")
    if forwarded_title(document.get("title")):
        notes.append("本文件是转发文件，台账按被转发的原文件列出，责任单位为原文件的印发单位；原文件如已由印发单位列入其台账，本单位可不重复列入。")
    return notes


def _holds(sentence: str, term: str) -> bool:
    # A trigger pair ("记入…信用档案") counts when both its words are in the sentence.
    return all(p in sentence for p in term.split("…"))


def key_excerpt(text: str, evidence: list[str]) -> str:
    """The clause's sentences that hold the evidence terms, shortened for a ledger cell.

    An item (（五）三年内两次以上受到警告的) means nothing without the sentence that
    introduces it (有下列情形之一的，列入严重违法失信名单：), so that sentence leads.
    """
    body = _LOCATION_PREFIX.sub("", text.replace("\n", ""))
    # A table row (1\t措施\t依据\t部门): the location names its number; the cells read
    # as the parts of one sentence.
    body = re.sub(r"\t+", "；", _ROW_NUMBER.sub("", body))
    sentences = [s.strip() for s in _SENTENCE.findall(body) if s.strip()]
    kept = [i for i, s in enumerate(sentences) if any(_holds(s, term) for term in evidence)] or [0]
    # An item's label (（三）惩戒措施。) holds the evidence's words but is no measure.
    if len(kept) > 1 and kept[0] == 0 and len(sentences[0]) <= 8 and "，" not in sentences[0]:
        kept = kept[1:]
    # Sentences left out between two kept ones are marked, so no item seems to be all.
    keys = [sentences[i] + ("…" if j + 1 < len(kept) and kept[j + 1] != i + 1 else "") for j, i in enumerate(kept)
            if i < len(sentences)]
    lead_in = _lead_in(text)
    if not lead_in or lead_in in "".join(keys) or not any(_ITEM.match(s) for s in keys):
        # 情节严重的，将其…记入信用档案 says nothing of the conduct the clause opened with.
        condition = _CONDUCT.match(sentences[0]) if sentences and kept[0] != 0 else None
        if condition and keys[0].startswith(_AGGRAVATED):
            lead = condition.group(1) + "，"
            return lead + _fit(keys, evidence, EXCERPT_CHARS - len(lead))
        return _fit(keys, evidence, EXCERPT_CHARS)
    half = EXCERPT_CHARS // 2
    lead = lead_in if len(lead_in) <= half else "…" + lead_in[-(half - 1):]
    return lead + _fit(keys, evidence, EXCERPT_CHARS - len(lead))


def _fit(keys: list[str], evidence: list[str], limit: int) -> str:
    """The key sentences within `limit` characters. When they are too long, the sentence
    holding the strongest evidence and, when another sentence holds the next evidence
    term (a clause that publishes in one sentence and punishes in the next), that one
    too, each cut to the stretch around its evidence: cutting from the start would keep
    who acts and lose what is done (…予以限制)."""
    excerpt = "".join(keys)
    if len(excerpt) <= limit:
        return excerpt
    held = [(t, s) for t in evidence for s in keys if _holds(s, t)]
    if not held:
        return _around(keys[0], None, limit)
    term, sentence = held[0]
    other = next(((t, s) for t, s in held if s is not sentence), None)
    if other is None:
        return _around(sentence, term, limit)
    pair = sorted([(term, sentence), other], key=lambda ts: keys.index(ts[1]))  # reading order
    short, long_ = sorted(pair, key=lambda ts: len(ts[1]))
    room_short = min(len(short[1]), limit // 2)
    rooms = {id(short[1]): room_short, id(long_[1]): limit - room_short}
    return "".join(_around(s, t, rooms[id(s)]) for t, s in pair)


def _around(sentence: str, term: str | None, limit: int) -> str:
    """The sentence, or within `limit` the stretch from the clause boundary before `term`."""
    if len(sentence) <= limit:
        return sentence
    at = sentence.find(term.split("…")[0]) if term else 0
    # Start at the clause boundary (，；：) before the evidence, if one is near.
    start = max(sentence.rfind(mark, 0, max(at, 0)) for mark in "，；：、") + 1 if at > 0 else 0
    start = start if at - start <= limit // 2 else max(0, at - 10)
    start = _out_of_brackets(sentence, start, at)
    lead = "…" if start > 0 else ""
    room = limit - len(lead)
    piece = sentence[start:]
    return lead + (piece if len(piece) <= room else _cut(piece, room - 1) + "…")


_BRACKETS = {"《": "》", "（": "）", "(": ")", "〔": "〕", "[": "]"}


def _out_of_brackets(sentence: str, start: int, at: int) -> int:
    """A start inside a 《title》 or a bracketed 文号 (…19〕22号）设定的) moves past its close,
    when that comes before the evidence."""
    for opening, closing in _BRACKETS.items():
        opened = sentence.rfind(opening, 0, start)
        if opened > sentence.rfind(closing, 0, start):
            closed = sentence.find(closing, start)
            if 0 <= closed < at:
                start = closed + 1
    return start


def _cut(text: str, end: int) -> str:
    """text[:end], moved back out of a 《title》 or a number it would split (扣减1…, 《医疗…)."""
    opened = text.rfind("《", 0, end)
    if opened > text.rfind("》", 0, end):
        end = opened
    while 0 < end < len(text) and text[end - 1].isdigit() and text[end].isdigit():
        end -= 1
    return text[:end]


_ROW_NUMBER = re.compile(r"^\d{1,3}\t")
# The conduct a penalty clause opens with (违反本办法第十五条规定，盗用…供水的，), and the
# words that make a later sentence lean on it.
_CONDUCT = re.compile(r"^(?:违反本[^，。；]{0,20}规定，)?([^，。；]{4,30}的)，")
_AGGRAVATED = ("情节严重的", "情节特别严重的", "逾期不改正的", "拒不改正的", "造成严重后果的")
_ITEM = re.compile(r"^([（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d)|[一二三四五六七八九十]是)")


def _lead_in(text: str) -> str | None:
    """The sentence of a clause's first paragraph that ends in ： and introduces its items."""
    first = _LOCATION_PREFIX.sub("", text.split("\n", 1)[0])
    m = re.search(r"[^。；;：:]*[：:]$", first)
    return m.group(0) if m and "\n" in text else None


def _subject(heading: str | None) -> str:
    """The nearest heading above an item, when it names the item's subject: （对环保不良企业）
    under 评价结果应用, or a lead-in 对…; a lone section name (主要任务) tells nothing."""
    parts = (heading or "").split()
    return f"（{parts[-1]}）" if len(parts) >= 2 or (parts and parts[-1].startswith("对")) else ""


# Risks a clause carries by what it does (asking banks or associations to punish, a
# measure out of proportion, publishing or collecting personal data): the measures a
# reviewer must see. Missing bases and procedures concern nearly every clause of a
# normative document, or the document as a whole, and tell the excerpts apart no more.
MEASURE_RISKS = frozenset({"third_party_punishment", "disproportionate", "personal_info_publication",
                           "personal_info_without_consent"})


def summary(flagged: list[dict], risky: set[str] = frozenset()) -> str | None:
    """相关内容摘要: each flagged clause's location and key sentence, in reading order.

    A cell a reviewer can read at a glance: past SUMMARY_EXCERPTS excerpts, the
    strongest (a reviewer's labels first, then clauses whose own measure carries a
    risk (`risky` ids), then the highest summed score of the clause's labels) are
    excerpted and the rest are named by location only, so no flagged clause disappears
    from the row. Counting labels instead let a scope or duties clause with two weak
    labels push out the measure itself; purpose, scope, definition and duties clauses
    come last for the same reason (labels.md: they provide nothing), and so do clauses
    that only restrain measures (the clean-up's own); clauses that only take subjects off
    a list yield to those that put them on it. Three or more flagged items of
    one list (三、（一）…（八）, a table's rows) make one excerpt naming each item's
    measure briefly: a memorandum's measures are its substance, and one line per item
    left most of them as bare locations.
    """
    if not flagged:
        return None
    units = _units(flagged)
    ranked = sorted(units, key=lambda u: (not any(c.get("reviewed") for c in u),
                                          all(bool(_FRAMING.search(c["text"])) or restrains_only(c["text"]) for c in u),
                                          not any(c.get("id") in risky for c in u),
                                          all(removes_only(c["text"]) for c in u), -max(map(_strength, u))))
    keep = {id(u[0]) for u in ranked[:SUMMARY_EXCERPTS]}
    lines, rest = [], []
    for unit in units:
        first = unit[0]
        if id(first) not in keep:
            rest.append(first["location"] if len(unit) == 1 else _list_label(unit))
        elif len(unit) == 1:
            lines.append(f"{_label(first['location'])}{_subject(first.get('heading'))}"
                         f"{key_excerpt(first['text'], first['evidence'])}")
        else:
            # Too many to name: the ones carrying their own risk are named first.
            named = sorted(sorted(unit, key=lambda c: c.get("id") not in risky)[:LIST_ITEMS], key=unit.index)
            gists = [_gist(c) for c in named] + (["等"] if len(unit) > LIST_ITEMS else [])
            lines.append(f"{_list_label(unit)}{_subject(first.get('heading'))}：{'；'.join(gists)}。")
    if rest:
        # Locations contain 、 themselves (二、（三）), so they are separated by ；.
        lines.append(f"另有{len(rest)}{'条' if all('等' not in r for r in rest) else '处'}：{'；'.join(rest)}")
    return "\n".join(lines)


# The last part of an item's location: （三）, 3., 序号3 (a table's row).
_ITEM_MARK = re.compile(r"(?:[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．]|序号\d+)$")
LIST_ITEMS = 10  # items named in one list excerpt
ITEM_CHARS = 26


def _units(flagged: list[dict]) -> list[list[dict]]:
    """Flagged clauses in reading order, the items of one list (same parent location and
    kind of number, three or more flagged) gathered into one unit."""
    def key(c: dict) -> tuple[str, str] | None:
        m = _ITEM_MARK.search(c["location"])
        if not m:
            return None
        kind = "序号" if m.group(0).startswith("序号") else "（" if m.group(0)[0] in "（(" else "."
        return c["location"][:m.start()].strip(), kind
    keys = [key(c) for c in flagged]
    counts = Counter(keys)
    units: list[list[dict]] = []
    lists: dict[tuple[str, str], list[dict]] = {}
    for c, k in zip(flagged, keys):
        if k is None or counts[k] < 3:
            units.append([c])
        elif k in lists:
            lists[k].append(c)
        else:
            lists[k] = [c]
            units.append(lists[k])
    return units


def _list_label(unit: list[dict]) -> str:
    """三、（一）等8项: where the list starts and how many of its items are flagged."""
    return f"{unit[0]['location']}等{len(unit)}项"


def _gist(clause: dict) -> str:
    """An item's measure in a few words: the first of its key sentences that holds evidence
    (实施单位：… and the like after it are left out), cut to the stretch around it."""
    sentences = [s.strip("…") for s in re.split(r"[。；;]", key_excerpt(clause["text"], clause["evidence"])) if s.strip("…")]
    held = [(s, t) for s in sentences for t in clause["evidence"] if _holds(s, t)]
    # A table row's cells read as sentences: the one that says what is done (限制…, 列为…)
    # before the one naming the conduct (失信行为) or the basis.
    held.sort(key=lambda st: not _MEASURE_VERB.search(st[0]))
    sentence, term = held[0] if held else (sentences[0] if sentences else "", None)
    return _around(sentence, term, ITEM_CHARS)


_MEASURE_VERB = re.compile(r"限制|禁止|禁入|不得|不予|取消|暂停|停止|列为|记入|提高|增加|降低|加大|惩戒|一票否决|公示|公布|公开|曝光|通报|推送")


def _label(location: str) -> str:
    """第六条： / 四、（一）2. as the document writes it: a number ending in 、 or . needs no colon."""
    return location if location.endswith(("、", ".", "．")) else location + "："


# 为了…制定本办法 / 本办法所称… / 本办法适用于… / …负责…工作 / …通知如下: the frame of a
# document, not a measure.
_FRAMING = re.compile(
    r"^(第[一二三四五]条\s*)?为(了)?[^。]{0,150}(制定本|特制定|制定如下)|"
    r"本(条例|办法|规定|细则|方案|意见|规程|规范|指引|指南|制度|措施|决定|通知|备忘录|要点|守则|章程|公约|规约)(所称|适用于)|"
    r"^(第[一二三四五六七八九十]+条\s*)?([^。，；]{0,30}负责[^。，；]{0,40}(工作|组织实施|监督管理|具体实施|实施)[，；。]?){1,3}$|"
    # A notice's or memorandum's opening sentence: …现就有关事项通知如下： / …达成如下一致意见。
    r"^[^。]{0,300}(通知如下|如下一致意见|意见如下|要求如下|规定如下)[：:。]?$"
)


def _strength(clause: dict) -> float:
    scores = clause.get("scores")
    return sum(scores.get(label, 0) for label in clause["labels"]) if scores else float(len(clause["labels"]))


def build_ledger_row(document: dict, clauses: list[dict], file: str) -> dict:
    """`document` is the scan contract's document object; `clauses` carry labels,
    evidence and `basis` (their citations, as in the scan contract)."""
    flagged = [c for c in clauses if c["labels"]]
    row = {key: None for key, _ in COLUMNS if key != "seq"}
    context = DocumentContext.from_clauses(document.get("title"), document.get("doc_number"), [c["text"] for c in clauses])
    row.update(ledger_fields([dict(c, basis=[Citation(**b) for b in c["basis"]]) for c in flagged], context))
    row["document_name"] = document_name(document.get("title"), document.get("doc_number"), file,
                                         "\n".join(c["text"] for c in clauses[:3]),
                                         None if document.get("co_issuers") else document.get("issuer"))
    row["document_notes"] = document_notes(document, clauses)
    for label, key in INVOLVES.items():
        row[key] = "是" if any(label in c["labels"] for c in flagged) else "否"
    row["summary"] = summary(flagged, {r["clause_id"] for r in row["risks"] if r["code"] in MEASURE_RISKS})
    row["weak_flags"] = weak_flags(flagged)
    row["near_flags"] = near_flags(clauses)
    # 责任单位 is the unit that issued the document: every one of a joint document's.
    issuers = [u for u in [document.get("issuer"), *(document.get("co_issuers") or [])] if u]
    forwarded = forwarded_title(document.get("title"))
    if forwarded:
        # A forwarded document's 责任单位 is the body that issued it, as its title opens.
        original = _TITLE_ISSUER.match(forwarded)
        issuers = [original.group(1)] if original else issuers
    row["responsible_unit"] = "、".join(dict.fromkeys(issuers)) or None
    # The disposal is the system's suggestion until a reviewer edits or confirms it.
    row["disposal_suggested"] = row["disposal"] is not None
    return row


def weak_flags(flagged: list[dict]) -> list[dict]:
    """The 是 columns that rest only on clauses the model scored below FIRM_PUNISHMENT
    (the level a punishment must reach before 废止 is suggested) or that only restrain
    measures (清理…, 不得新出台…, 停止执行: the clean-up work's own documents), none
    confirmed by a reviewer. The column stays 是 (a missed document is the costly error);
    the note points the reviewer at it. On the normative check set, 19 of the 21 wrongly
    involved columns were weak, and 8 of the 156 rightly involved ones (taizhang eval --normative)."""
    out = []
    for label, key in INVOLVES.items():
        carrying = [c for c in flagged if label in c["labels"]]
        if not carrying or any(c.get("reviewed") or not c.get("scores") for c in carrying):
            continue
        restraining = [restrains_only(c["text"]) for c in carrying]
        best = max(c["scores"].get(label, 0.0) for c in carrying)
        if all(r or c["scores"].get(label, 0.0) < FIRM_PUNISHMENT for r, c in zip(restraining, carrying)):
            flag = {"column": key, "heading": dict(COLUMNS)[key], "score": round(best, 4),
                    "locations": [c["location"] for c in carrying],
                    "reason": "restrains" if all(restraining) else "low_score"}
            out.append(dict(flag, note=weak_flag_note(flag)))
    return out


def weak_flag_note(flag: dict) -> str:
    """The reviewer's note for one weak column (a row stored before `reason` reads as low_score)."""
    where = "；".join(flag["locations"][:5])
    if flag.get("reason") == "restrains":
        return (f"{where}：{flag['heading']}判为“是”，但这些条款只是清理、约束失信措施的要求（如不得新出台、停止执行），"
                "本身未设定措施，请核实是否应列入台账。")
    return f"{where}：{flag['heading']}判为“是”把握不大（最高得分{flag['score']:.2f}），请先核实是否确有该类措施；如没有，改为“否”，基于这些条款的风险提示和处置建议随之不成立。"


def near_flags(clauses: list[dict]) -> list[dict]:
    """The 否 columns that clauses came close to: they passed the label's clause threshold,
    but the document's best clause fell short of the document threshold, which keeps one
    weak clause from marking a document 涉及 (ClauseModel.held_back). The column stays 否;
    the note points the reviewer at those clauses, as a document that should have been
    listed and was not (应纳未纳) is the costly error. Clauses a reviewer has judged are
    left out: they have been looked at."""
    out = []
    for label, key in INVOLVES.items():
        if any(label in c["labels"] for c in clauses):
            continue
        near = [c for c in clauses if label in (c.get("held_back") or []) and not c.get("reviewed")]
        if near:
            flag = {"column": key, "heading": dict(COLUMNS)[key],
                    "score": round(max(c["scores"].get(label, 0.0) for c in near), 4),
                    "locations": [c["location"] for c in near]}
            out.append(dict(flag, note=near_flag_note(flag)))
    return out


def near_flag_note(flag: dict) -> str:
    where = "；".join(flag["locations"][:5]) + ("等" if len(flag["locations"]) > 5 else "")
    return (f"{where}：{flag['heading']}判为“否”，但这些条款的得分接近判定门槛（最高得分{flag['score']:.2f}），"
            "请核实是否设定了此类措施；如有，改为“是”并列入台账。")


def involves_any(row: dict) -> bool:
    return any(row.get(key) == "是" for key in INVOLVES.values())
