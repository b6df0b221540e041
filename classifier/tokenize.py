"""jieba tokenisation with the domain's own terms.

One `jieba.Tokenizer` per process, loaded lazily with our user dictionary so that
失信联合惩戒, 严重失信主体名单 … stay whole words instead of being cut apart.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from math import log
from pathlib import Path

import jieba
from jieba import finalseg

USER_DICT = Path(__file__).with_name("data") / "userdict.txt"
# The clause's own number (第十七条 / 二、（三）) says nothing about its content.
_LOCATION_PREFIX = re.compile(r"^(第[一二三四五六七八九十百千零〇\d]+条(之[一二三四五六七八九十\d]+)?|[（(]?[一二三四五六七八九十\d]+[)）、.．])\s*")
_DIGITS = re.compile(r"\d+(\.\d+)?")
_CITED_TITLE = re.compile(r"《[^《》]{2,80}》")
_TABLE_ROW = re.compile(r"^(?P<heading>[^：\n\t]+)：(?P<number>\d{1,3})\t(?P<cells>[^\n]*)$")
# 文件名称, 文件名称（含文号）, 规章、规范性文件或其他文件名称(含文号) (the clean-up ledger's own column)
_TITLE_COLUMN = re.compile(r"[^\s]{0,12}?文件(?:名称|标题)(?:[（(](?:含|及)?文号[）)]|及文号)?|标题")
_NUMBER_COLUMN = re.compile(r"(?:发文)?(?:文号|字号)")
# What a 修改决定's table writes into a document: the clause's own words.
_AMENDED_COLUMN = re.compile(r"修改(?:后的?)?(?:内容|条文|条款)|修改为|新(?:条文|内容)")
_WRITTEN_IN = re.compile(r"(?:修改|改)为[“\"]")
_QUOTED_PROVISION = re.compile(r"(《》[^“”\"。；\n]{0,40}?)[“\"][^“”\"\n]{1,400}[”\"](?=[的等]?(?:规定|内容|表述|条款|措施|要求))")
_REFUSING = (r"不宜|暂不采纳|不予采纳|不同意(?:将|把|设立|设列|纳入|列入|记入|对)|"
             r"(?:缺乏|没有|无)(?:明确的?)?(?:法律|法规|法定|上位法|政策)[^，,。；;\n]{0,12}依据|请予删除|"
             r"不得(?:擅自|随意|自行|另行|变相)?(?:增设|新设|设立|设列|扩大|设定|加重|扩展|延伸|另设)|"
             r"(?:之外|以外)(?:擅自|自行|另行)?(?:增设|设定|设立|设列|另设)|泛化|小过重惩")
_REFUSAL = re.compile(_REFUSING)
_PARTS = re.compile(r"([，,。；;\n])")
_AGREEMENT = re.compile(r"(?<!不)同意|予以支持|无异议")
# 你局提出…, 来函拟…: the proposal a reply answers, to the end of its sentence.
_PROPOSAL = re.compile(r"(?:你|贵|来函|来文)[^，。；\n]{0,6}?(?:提出|拟|建议|请示|询问|所报|报来)[^。；\n]*")
_DELETED = re.compile(r"((?:删除|删去)[^“”。；\n]{0,40})“[^“”]{1,400}”")
_REPLACED = re.compile(r"(将[^“”。；\n]{0,40})“[^“”]{1,400}”((?:修改|改)为)")
_SENTENCE_END = frozenset("。；;！？")
# Words that name an act or object the three labels are about (labels.md).
_TRIGGER = re.compile(
    "公布|公示|公开|曝光|公告|通报|记入|纳入|列入|录入|计入|共享|归集|报送|推送|查询|限制|禁止|取消|不得|不予|"
    "暂停|惩戒|约束|名单|名录|记录|档案|信用|失信|诚信|平台|系统|评价|等级|依据|参考|重点|监管|撤销|降低|提高|增加"
)
_SKIP = frozenset(" \t\n\r　，。；：、！？“”‘’（）()《》〈〉【】[]「」,.;:!?\"'-—…·/")

jieba.setLogLevel(logging.WARNING)


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    tk = jieba.Tokenizer()
    tk.load_userdict(str(USER_DICT))
    return tk


def normalise(text: str) -> str:
    return _DIGITS.sub("0", masked(_LOCATION_PREFIX.sub("", text.strip())))


def masked(text: str) -> str:
    """The clause as the classifier reads it, with what it does not itself provide masked:
    cited titles, a table of documents' rows, provisions quoted from a cited document, what
    it refuses or bars creating, and the words it strikes out."""
    return mask_struck(mask_refused(mask_quoted_provisions(mask_listed_documents(mask_cited_titles(text)))))


def mask_listed_documents(text: str) -> str:
    """文件名称 文号 废止理由：1\t某省失信黑名单管理暂行办法\t…\t黑名单设列缺乏法律依据 →
    文件名称 文号：1\t《》\t…\t

    A table row read under its columns' names (heading：row) that lists a document in a
    title column describes that document, as a citation in 《》 does: a clean-up's 废止
    table says why each is repealed, its 台账 (the ledger's own columns: 是否涉及失信惩戒措施,
    相关内容摘要 …) excerpts each one's measures, and the row provides none of them. Only the
    document's 文号 and the words a 修改决定 writes in (修改后内容, 修改为“…”) stay; the other
    columns' names and cells go. The heading may hold section headings before the columns' names;
    the row's cells line up with the last of them.
    """
    m = _TABLE_ROW.match(text)
    if not m:
        return text
    names, cells = m.group("heading").split(), m.group("cells").split("\t")
    if len(names) < len(cells):
        return text
    sections, columns = names[:-len(cells)], names[-len(cells):]
    if not any(_TITLE_COLUMN.fullmatch(name) for name in columns):
        return text
    kept = []
    for name, cell in zip(columns, cells):
        if _TITLE_COLUMN.fullmatch(name):
            kept.append((name, "《》"))
        elif _NUMBER_COLUMN.fullmatch(name) or _AMENDED_COLUMN.fullmatch(name):
            kept.append((name, cell))
        elif _WRITTEN_IN.search(cell):  # 修改：将第九条中的“…”修改为“…”
            kept.append((None, cell))
        else:
            kept.append((None, ""))
    heading = " ".join(sections + [name for name, _ in kept if name])
    return f"{heading}：{m.group('number')}\t" + "\t".join(cell for _, cell in kept)


def mask_quoted_provisions(text: str) -> str:
    """《》第二十三条关于“C级企业不得参与招标投标”的规定，缺乏法律依据 → 《》第二十三条关于“”的规定，缺乏法律依据.

    Words quoted as a cited document's provision (its 规定, 内容, 条款) are that
    document's, not the clause's: a 复函 or a clean-up report quotes the measures it
    refuses or reviews, and a clause citing its basis quotes the law. Runs after the
    titles are masked.
    """
    return _QUOTED_PROVISION.sub(r"\1“”", text)


def mask_refused(text: str) -> str:
    """你局提出将违规信息纳入公共信用信息平台的建议，经研究，暂不采纳。请按协议处理。 → 。请按协议处理。;
    不得擅自增设失信惩戒措施，不得将…纳入失信主体认定范围 → ，不得将…纳入失信主体认定范围.

    A clause that refuses, or forbids creating, a credit measure provides none of it
    (convention 11, corpora/README.md): the part of a sentence that says 不宜 (设立"黑名单"),
    不得擅自增设 …, …缺乏法律依据 or 泛化 is masked, and a reply's restatement of the
    proposal it refuses. What the clause provides beside them stays (依照清单实施惩戒，不得增设
    keeps 依照清单实施惩戒); a reply that agrees (同意) keeps the proposal it agrees to.
    """
    if not _REFUSAL.search(text):
        return text
    if not _AGREEMENT.search(text):
        text = _PROPOSAL.sub("", text)
    # Part by part (between commas and stops), which no refusal crosses: one regex over the
    # whole clause would try every start of every part.
    return "".join("" if _REFUSAL.search(part) else part for part in _PARTS.split(text))


def mask_struck(text: str) -> str:
    """删除第九条第二款“申请人被列入黑名单的，不予受理” → 删除第九条第二款“”; 将第五条中的“A”修改为“B” →
    将第五条中的“”修改为“B”.

    A clause that deletes or replaces words provides none of them (labels.md: what the
    clause itself provides); a clean-up's 修改决定 quotes every measure it strikes out.
    """
    return _REPLACED.sub(r"\1“”\2", _DELETED.sub(r"\1“”", text))


def mask_cited_titles(text: str) -> str:
    """《国务院关于建立完善守信联合激励和失信联合惩戒制度…的指导意见》 → 《》.

    A clause is labelled by what it provides (labels.md), and citing a document whose
    title names 失信惩戒 provides nothing; the title's words only mislead the model.
    """
    return _CITED_TITLE.sub("《》", text)


def words(text: str) -> list[str]:
    """Word unigrams and adjacent-word bigrams (joined with a space), punctuation dropped.

    A plain function (the model file refers to it by name); the work is cached.
    """
    return _words(text)


def trigger_pairs(text: str) -> list[str]:
    """Within each sentence, every trigger word paired with every other word ("公布|违法者").

    Adjacent n-grams see 向社会公布 but not what is published three words later;
    these pairs tie the act (公布, 记入, 限制, 名单 …) to its object in the same
    sentence, which is what labels.md turns on. A plain function, like `words`.
    """
    return _pairs(text)


@lru_cache(maxsize=16384)
def _tokens(text: str) -> tuple[str, ...]:
    # Cached: words, pairs and evidence all read the same clause, and jieba is the
    # most expensive step of a scan.
    return tuple(cut(normalise(text)))


def cut(text: str) -> list[str]:
    """`tokenizer().lcut(text)`, word for word, in about 0.6 of its time.

    jieba cuts each run of Chinese on its own; for a run it builds a dict of every
    dictionary word starting at each character (get_DAG), then picks the likeliest route
    with one tuple per candidate (calc). `_route` does both in one backward pass over
    lists, with the same arithmetic in the same order and the same tie-break, so the
    words are the same (tests/test_classifier.py holds them equal on the corpus).
    """
    tk = tokenizer()
    out: list[str] = []
    for block in jieba.re_han_default.split(text):
        if not block:
            continue
        if jieba.re_han_default.match(block):
            out.extend(_route(tk, block))
        else:  # jieba's rule: a whitespace run whole, anything else one character at a time
            for part in jieba.re_skip_default.split(block):
                if jieba.re_skip_default.match(part):
                    out.append(part)
                else:
                    out.extend(part)
    return out


def _route(tk: jieba.Tokenizer, run: str) -> list[str]:
    """jieba's Tokenizer.__cut_DAG (with HMM) on one run of Chinese."""
    freq, logtotal, n = tk.FREQ, log(tk.total), len(run)
    score, end = [0.0] * (n + 1), [0] * n
    for k in range(n - 1, -1, -1):
        best, last = None, k
        i, frag = k, run[k]
        while i < n and frag in freq:  # FREQ holds every word's prefixes, at 0
            if freq[frag]:
                s = log(freq[frag]) - logtotal + score[i + 1]
                if best is None or s >= best:  # max((score, i)): a tie goes to the longer word
                    best, last = s, i
            i += 1
            frag = run[k:i + 1]
        score[k], end[k] = (-logtotal + score[k + 1], k) if best is None else (best, last)
    words, single, x = [], "", 0
    while x < n:
        y = end[x] + 1
        if y - x == 1:
            single += run[x]
        else:
            words += _singles(tk, single)
            single = ""
            words.append(run[x:y])
        x = y
    return words + _singles(tk, single)


def _singles(tk: jieba.Tokenizer, run: str) -> list[str]:
    """A run of one-character words: an unknown one is cut again by the HMM."""
    if len(run) <= 1:
        return [run] if run else []
    return list(finalseg.cut(run)) if not tk.FREQ.get(run) else list(run)


@lru_cache(maxsize=16384)
def _words(text: str) -> list[str]:
    # Callers must not mutate the cached list.
    tokens = [t for t in _tokens(text) if t not in _SKIP and not t.isspace()]
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]


@lru_cache(maxsize=16384)
def _pairs(text: str) -> list[str]:
    out: list[str] = []
    sentence: set[str] = set()
    for token in _tokens(text) + ("。",):
        if token in _SENTENCE_END or "\n" in token:
            for a in sentence:
                if _TRIGGER.search(a):
                    out.extend(f"{a}|{b}" for b in sentence if b != a)
            sentence = set()
        elif len(token) > 1 and not token.isspace():
            sentence.add(token)
    return out


def clear_cache() -> None:
    """Forget cached tokens (benchmarks time tokenisation from scratch)."""
    for cached in (_tokens, _words, _pairs):
        cached.cache_clear()
