"""Fuzzy matching of a heading against a rule's heading variants.

Three signals, the best one wins:
- character similarity (rapidfuzz ratio) for near-identical wordings;
- containment (partial_ratio) when the heading embeds a variant ("推进法治政府建设的主要举措和成效");
- word coverage: how many of a variant's jieba words the heading holds, for reordered or recombined
  wordings ("存在的不足和问题" vs "存在的问题和不足"). It is directional: a short heading whose
  words all occur in a long variant ("下一步工作打算" in "存在的问题及下一步打算") is not covered.
jieba runs on a small domain dictionary built from the ruleset, so it costs milliseconds, not the 0.7 s its
full dictionary takes to load; its HMM still segments words the dictionary lacks.
"""
from __future__ import annotations

import io
import logging
import re
import sys
from functools import lru_cache

from typing import NamedTuple

from rapidfuzz import fuzz

from ..document.normalize import squeeze
from ..vocabulary import Vocabulary

_WORD_WEIGHT = 0.9   # word coverage counts a little less than the same share of matching characters
_YEARS = re.compile(r"(?:19|20)\d{2}年度?")
# Function words and the generic verbs every heading uses: they say nothing about which part it is.
class Lexicon(NamedTuple):
    """The ruleset's domain words (the segmenter's dictionary) and the words matching ignores (its
    vocabulary's stopwords: function words and the generic verbs every heading uses)."""

    words: tuple[str, ...] = ()
    stopwords: tuple[str, ...] = Vocabulary().stopwords


def _lexicon(words) -> Lexicon:
    return words if isinstance(words, Lexicon) else Lexicon(tuple(words))


@lru_cache(maxsize=65536)   # reports repeat the same headings, and each section rule asks again
def heading_key(title: str) -> str:
    """Comparable form of a heading: no punctuation, no spaces, no year ("2025年工作安排" → "工作安排")."""
    return _YEARS.sub("", squeeze(title))   # squeeze first: "2025 年" (a PDF's CJK–digit space) is a year too


@lru_cache(maxsize=65536)   # reports repeat the same headings: each pair is scored once per process
def score(key: str, variant_key: str, words: Lexicon | tuple[str, ...]) -> float:
    if not key or not variant_key:
        return 0.0
    best = fuzz.ratio(key, variant_key)
    if len(variant_key) >= 4 and len(key) >= len(variant_key):
        best = max(best, 0.95 * fuzz.partial_ratio(variant_key, key))
    if best >= _WORD_WEIGHT * 100:
        return best  # word coverage cannot beat it: no need to segment
    variant_words = set(_words(variant_key, words))
    if len(variant_words) >= 2:  # one shared word ("思路") is too little to go on
        covered = len(variant_words & set(_words(key, words))) / len(variant_words)
        best = max(best, _WORD_WEIGHT * 100 * covered)
    return best


@lru_cache(maxsize=65536)   # one lookup per heading and rule instead of one per variant
def best_variant(key: str, variant_keys: tuple[str, ...],
                 words: Lexicon | tuple[str, ...]) -> tuple[float, str | None]:
    best, which = 0.0, None
    for variant in variant_keys:
        value = score(key, variant, words)
        if value > best:
            best, which = value, variant
    return best, which


@lru_cache(maxsize=4096)
def _words(text: str, words: Lexicon | tuple[str, ...]) -> tuple[str, ...]:
    lexicon = _lexicon(words)
    return tuple(w for w in _tokenizer(lexicon.words).cut(text) if w not in lexicon.stopwords and w.strip())


@lru_cache(maxsize=8)
def _tokenizer(dictionary: tuple[str, ...]):
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    # Build the prefix dictionary from our words in memory: no 0.7 s full dictionary, no cache file on disk.
    lines = "".join(f"{word} 1000\n" for word in sorted(set(dictionary)) if word and " " not in word)
    tokenizer.FREQ, total = tokenizer.gen_pfdict(io.BytesIO(lines.encode("utf-8")))
    tokenizer.total = max(total, 1)  # a ruleset without a dictionary still segments (by HMM alone)
    tokenizer.initialized = True
    return tokenizer


def _import_jieba():
    """Import jieba without pkg_resources: jieba 0.42 imports it (~70 ms) only to locate its own data
    files and falls back to plain open() when it is missing."""
    hide = "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None  # makes `import pkg_resources` raise ImportError
    try:
        import jieba
    finally:
        if hide:
            del sys.modules["pkg_resources"]
    return jieba
