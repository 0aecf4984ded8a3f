"""Characters a rule pattern cannot match without: a scope holding none of them is skipped unsearched.

Most patterns of the default ruleset look for what a good report lacks (XX次, ＿＿, 请批示): they find
nothing in most reports, yet the regex engine steps through every character of the scope to say so, while
`str.find` looks for one character many times faster. So each pattern gets the sets of characters of which
its every match holds at least one (for `[XxＸｘ×]{2,}`: X x Ｘ ｘ ×), and a scope missing every
character of one set cannot hold a match.

The sets are read off the pattern as Python's own `re` parser sees it. Only what both engines read alike
is used; whatever is uncertain (a class like \\d or [^…], an optional part, a lookaround, a case-blind or
regex-only construct) contributes no set, so the filter never skips a scope that has a match.
"""
from __future__ import annotations

import re
import warnings
from functools import lru_cache

try:                                    # the parser is re._parser from Python 3.11, sre_parse before
    from re import _constants as _c, _parser as _sre   # type: ignore[attr-defined]
except ImportError:                     # pragma: no cover - Python 3.10
    import sre_constants as _c          # type: ignore[no-redef]
    import sre_parse as _sre            # type: ignore[no-redef]

MAX_SET = 24            # larger sets (a range like 一-龥) would cost more to look for than they save
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}   # a++ from 3.11
# `{` other than a counted repeat: the regex module reads {e<=1} as fuzzy matching, re as plain text
_NOT_A_COUNT = re.compile(r"\{(?!\d*,?\d*\})")

CharSets = tuple[frozenset[str], ...]


@lru_cache(maxsize=4096)
def required_sets(pattern: str) -> CharSets:
    """Sets of characters such that every non-empty match of `pattern` holds one of each set; () when
    nothing is certain."""
    if _NOT_A_COUNT.search(pattern):
        return ()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")      # a FutureWarning (nested set [[…) means the engines differ
            parsed = _sre.parse(pattern)
    except (re.error, Warning, RecursionError, OverflowError):
        return ()                               # regex-only syntax (\p{Han}, (?|…), …): search as usual
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return ()
    return tuple(sorted(_sequence(parsed), key=len))


def may_match(sets: CharSets, text: str, start: int, end: int) -> bool:
    """False when text[start:end] lacks every character of one of `sets` (then no match lies there)."""
    return all(any(text.find(char, start, end) >= 0 for char in chars) for chars in sets)


def _sequence(items) -> list[frozenset[str]]:
    """The sets of a sequence: each element that must occur adds its own."""
    found: list[frozenset[str]] = []
    for op, value in items:
        found.extend(_element(op, value))
    return [s for s in dict.fromkeys(found) if 0 < len(s) <= MAX_SET]


def _element(op, value) -> list[frozenset[str]]:
    if op is _c.LITERAL:
        return [frozenset(chr(value))]
    if op is _c.IN:
        chars = _class(value)
        return [chars] if chars else []
    if op in _REPEATS:
        low, _high, item = value
        return _sequence(item) if low >= 1 else []
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, item = value
        return [] if add_flags & (re.IGNORECASE | re.VERBOSE) else _sequence(item)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(value)
    if op is _c.BRANCH:
        return _branch(value[1])
    return []     # lookarounds, anchors, back-references, ANY, NOT_LITERAL, …: nothing certain


def _branch(alternatives) -> list[frozenset[str]]:
    """One set for an alternation: the union of one set from each alternative (if each has one)."""
    union: set[str] = set()
    for alternative in alternatives:
        sets = _sequence(alternative)
        if not sets:
            return []
        union |= min(sets, key=len)
    return [frozenset(union)]


def _class(items) -> frozenset[str] | None:
    """The characters of a [...] class, or None if it is negated, holds a category (\\d) or is too big."""
    chars: set[str] = set()
    for op, value in items:
        if op is _c.LITERAL:
            chars.add(chr(value))
        elif op is _c.RANGE and value[1] - value[0] < MAX_SET:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            return None
    return frozenset(chars)
