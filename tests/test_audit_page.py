"""The HTML audit page: complete, self-contained, escaped, every line anchored and every evidence linked."""
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import checker
from checker.render.page import render_page

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
RULESET = checker.load_ruleset()


class _FullText(HTMLParser):
    """Collects the text inside <section class="fulltext">, line numbers excluded."""

    def __init__(self):
        super().__init__()
        self.depth, self.skip, self.lines = 0, False, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and attrs.get("class") == "fulltext":
            self.depth = 1
        elif self.depth:
            self.depth += 1
            self.skip = attrs.get("class") == "n"
            if tag == "div":
                self.lines.append("")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            self.skip = False

    def handle_data(self, data):
        if self.depth >= 2 and not self.skip and self.lines:
            self.lines[-1] += data


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_page_holds_score_findings_anchors_and_the_whole_text(seed):
    audit = checker.check(seed, RULESET)
    page = render_page(audit)
    assert f"<b>{audit.score:g}</b>{audit.grade}" in page
    assert page.count('<tr id="rule-') == len(audit.findings)
    for number in range(1, audit.document.line_count + 1):
        assert f'id="L{number}"' in page
    for finding in audit.findings:
        for evidence in finding.evidence:
            assert f'href="#L{evidence.line}"' in page
    parser = _FullText()
    parser.feed(page)
    assert parser.lines == audit.document.raw.split("\n")


def test_report_and_rule_text_are_escaped():
    hostile = '某县2024年法治政府建设情况报告\n一、主要举措和成效\n<script>alert(1)</script>"><img src=x onerror=alert(1)>\n'
    page = render_page(checker.check("<b>x</b>.txt", RULESET, text=hostile))
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;b&gt;x&lt;/b&gt;.txt" in page


def test_page_needs_no_network():
    page = render_page(checker.check(SEEDS[4], RULESET))
    assert not re.search(r"""(?:src|href)\s*=\s*["']?https?:|url\(\s*["']?https?:|<link\b|<script\b""", page)
    assert "@page { size: A4" in page


def test_back_link_is_shown_only_when_given():
    audit = checker.check(SEEDS[0], RULESET)
    assert "返回汇总" not in render_page(audit)
    assert '<a href="../index.html">← 返回汇总</a>' in render_page(audit, back_link="../index.html")
