"""The required-character prefilter never skips a scope the regex engine finds a match in."""
from pathlib import Path

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

import checker
from checker.kinds.prefilter import may_match, required_sets

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))

# pieces of the patterns rule authors write: literals, classes, optional parts, alternations, lookarounds
PIECES = ["X", "x", "年", "次", "[Xx×]", "[^年]", "\\d", ".", "X?", "年*", "(?:次|件)", "(?:X|)", "(?=年)",
          "(?<!X)", "[一-三]", "\\s*", "(?i)x", "x{2}", "(?:年){1,2}", "(?:X|年)+", "^", "$", "\\b"]
ALPHABET = "Xx×年次件一二三 \n1"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4), st.text(ALPHABET, max_size=12),
       st.integers(0, 12), st.integers(0, 12))
@example(["(?:X|年)+"], "次年", 0, 2)
@example(["[Xx×]", "x{2}"], "×xx", 0, 3)
def test_a_scope_with_a_match_is_never_skipped(pieces, text, start, end):
    pattern = "".join(pieces)
    try:
        compiled = regex.compile(pattern)
    except regex.error:
        return
    start, end = min(start, len(text)), min(max(start, end), len(text))
    found = any(m.end() > m.start() for m in compiled.finditer(text, pos=start, endpos=end))
    if found:
        assert may_match(required_sets(pattern), text, start, end), (pattern, text[start:end])


def test_a_placeholder_pattern_needs_one_of_its_letters():
    sets = required_sets(r"(?<![A-Za-z])[XxＸｘ×]{2,}(?![A-Za-z])")
    assert sets == (frozenset("XxＸｘ×"),)
    assert not may_match(sets, "全年办理复议案件12件。", 0, 12)
    assert may_match(sets, "全年办理复议案件XX件。", 0, 12)
    assert not may_match(sets, "全年办理复议案件XX件。", 0, 8)     # the letters lie outside the scope


def test_an_alternation_needs_one_character_from_each_branch():
    assert required_sets(r"【\s*】|\[\s*\]|\(\s*\)") == (frozenset("【[("),)


def test_whatever_is_uncertain_gives_no_set():
    for pattern in [r"\d+", r"[^年]{2}", "X?", "(?i)x", "(?=年)X*", r"\p{Han}+", "(?:次){e<=1}", "(?|a|b)",
                    "[[:alpha:]]", "[一-龥]+", "(?x) X", ""]:
        assert required_sets(pattern) == (), pattern


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seeds_score_the_same_with_and_without_the_filter(seed, monkeypatch):
    """The filter only saves work: every finding of a real report, and of the same report with template
    blanks left in, is what the engine finds without it."""
    text = seed.read_text(encoding="utf-8")
    blanks = text.replace("件", "XX件", 1).replace("年", "20XX年", 1)
    with_filter = [checker.check(seed.name, text=t) for t in (text, blanks)]
    monkeypatch.setattr("checker.kinds.base.required_sets", lambda pattern: ())
    without = [checker.check(seed.name, text=t) for t in (text, blanks)]
    for got, expected in zip(with_filter, without):
        assert [(f.rule, f.status, f.message, f.evidence) for f in got.findings] == \
            [(f.rule, f.status, f.message, f.evidence) for f in expected.findings]
    assert next(f for f in with_filter[1].findings if f.rule == "placeholders").status == "fail"
