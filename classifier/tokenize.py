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
_SKIP = frozenset(" \t\n\r　，。；：、！？“”‘’（）()《》〈〉【】[]「」,.;:!?\"'-—…·/")

jieba.setLogLevel(logging.WARNING)


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    tk = jieba.Tokenizer()
    tk.load_userdict(str(USER_DICT))
    return tk


def normalise(text: str) -> str:
    return _DIGITS.sub("0", _LOCATION_PREFIX.sub("", text.strip()))


def words(text: str) -> list[str]:
    """Word unigrams and adjacent-word bigrams (joined with a space), punctuation dropped.

    A plain function (the model file refers to it by name); the work is cached.
    """
    return _words(text)


@lru_cache(maxsize=16384)
def _words(text: str) -> list[str]:
    # Cached: scoring and evidence look at the same clause, and jieba is the most
    # expensive step of a scan. Callers must not mutate the list.
    tokens = [t for t in tokenizer().lcut(normalise(text)) if t not in _SKIP and not t.isspace()]
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]


def clear_cache() -> None:
    """Forget cached tokens (benchmarks time tokenisation from scratch)."""
    _words.cache_clear()
