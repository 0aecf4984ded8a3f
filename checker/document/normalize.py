"""Character-level normalisation for matching.

Every mapping here is one character to one character, so an offset in the normalised text is the same
offset in the original: evidence can always be shown in the report's own characters.
"""

import re

_TABLE: dict[int, str] = {}
# Full-width ASCII (！ to ～) → half-width: ，→, （→( １→1 Ａ→A …
for code in range(0xFF01, 0xFF5F):
    _TABLE[code] = chr(code - 0xFEE0)
_TABLE.update({
    0x3000: " ",   # ideographic space
    0x00A0: " ",   # no-break space, common in web copies
    0x2002: " ", 0x2003: " ", 0x2009: " ", 0x200B: " ", 0xFEFF: " ",
    0x0009: " ",
    0xFF0E: ".",
    0x2014: "-", 0x2013: "-", 0x2012: "-", 0x2015: "-", 0x2212: "-", 0xFE63: "-", 0x2500: "-",
    0x301C: "~",
    0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"',
    0x00D7: "×",
})
# Keep circled digits (①) and Chinese punctuation (、。) as they are: they carry outline meaning.
_MAPPED = re.compile("[%s]" % re.escape("".join(chr(code) for code, target in _TABLE.items() if chr(code) != target)))
# Replacing one character at a time equals translating all at once only while no target is itself mapped.
assert not _MAPPED.search("".join(_TABLE.values()))


def normalize(text: str) -> str:
    """Return `text` with width and punctuation variants unified; same length as the input."""
    # str.translate with a dict looks every non-ASCII character up (a KeyError each) and is slow on Chinese
    # text; a report holds only a few distinct mapped characters, and str.replace runs at memory speed.
    for char in set(_MAPPED.findall(text)):
        text = text.replace(char, _TABLE[ord(char)])
    return text


# an escaped backslash (kept as it is), or a mapped character with or without a backslash before it
_MAPPED_IN_PATTERN = re.compile(r"\\\\|\\?(%s)" % _MAPPED.pattern)


def normalize_pattern(pattern: str) -> str:
    """A rule's regular expression for the normalised text it runs on: a full-width or curly character
    written in it (，（一）“”) stands for itself, so it becomes its normalised form, escaped (（ → \\()."""
    return _MAPPED_IN_PATTERN.sub(lambda m: re.escape(_TABLE[ord(m.group(1))]) if m.group(1) else m.group(), pattern)


# What a pinyin gloss (應(yīng)急) becomes in the normalised text: a joiner that is neither a word character
# nor whitespace, so a heading or a name reads on through it and `compact` drops it.
GLOSS_FILLER = "\u2060"
# The "(" comes first and the Han character is checked behind it: a pattern that opens with a literal is
# searched for by a fast scan, one that opens with a lookbehind is tried at every position.
_GLOSS = re.compile(r"\((?<=[\u4e00-\u9fff]\()[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
_BLANKS = re.compile(r"[\s\u2060]+")


def fill_glosses(text: str) -> str:
    """Pinyin glosses that mirror sites put after each character, replaced by GLOSS_FILLER (same length)."""
    return _GLOSS.sub(lambda m: GLOSS_FILLER * len(m.group()), text)


def drop_glosses(text: str) -> str:
    """`text` as shown to people: an original's pinyin glosses (南京市人民政府關(guān)于……) left out."""
    return _GLOSS.sub("", text)


def compact(text: str) -> str:
    """`text` without whitespace or gloss fillers: how names and titles are compared."""
    return _BLANKS.sub("", text)


def squeeze(text: str) -> str:
    """Drop whitespace and punctuation: the form headings are compared in."""
    return "".join(ch for ch in text if ch.isalnum())
