"""jieba tokenisation with the domain's own terms.

One `jieba.Tokenizer` per process, loaded lazily with our user dictionary so that
失信联合惩戒, 严重失信主体名单 … stay whole words instead of being cut apart.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

import jieba

USER_DICT = Path(__file__).with_name("data") / "userdict.txt"
# The clause's own number (第十七条 / 二、（三）) says nothing about its content.
_LOCATION_PREFIX = re.compile(r"^(第[一二三四五六七八九十百千零〇\d]+条(之[一二三四五六七八九十\d]+)?|[（(]?[一二三四五六七八九十\d]+[)）、.．])\s*")
_DIGITS = re.compile(r"\d+(\.\d+)?")
_CITED_TITLE = re.compile(r"《[^《》]{2,80}》")
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
    return _DIGITS.sub("0", mask_cited_titles(_LOCATION_PREFIX.sub("", text.strip())))


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
    return tuple(tokenizer().lcut(normalise(text)))


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
