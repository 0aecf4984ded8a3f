"""The HTML audit page (checker.render.html): complete, escaped, self-contained, every line anchored,
every evidence linked and highlighted, and the whole report text kept in order."""
import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import checker
from checker.audit import Evidence
from checker.render.html import render_html

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
SINGLE_LINE = next(p for p in SEEDS if p.name.startswith("004"))
VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}


class Page(HTMLParser):
    """What a reader of the page gets: full-text lines (line numbers left out), <mark>s, links, ids, rows;
    and whether every element closes in order."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack, self.broken = [], []
        self.lines, self.marks, self.hrefs, self.ids, self.rows = [], [], [], [], []
        self._in_text, self._in_line, self._in_number, self._mark = 0, False, False, None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in VOID:
            self.stack.append(tag)
        self.ids += [attrs["id"]] if "id" in attrs else []
        self.hrefs += [attrs["href"]] if "href" in attrs else []
        if tag == "tr" and "finding" in (attrs.get("class") or "").split():
            self.rows.append(attrs.get("id"))
        if tag == "section" and attrs.get("class") == "fulltext":
            self._in_text = len(self.stack)
        elif self._in_text and tag == "div":
            self.lines.append("")
            self._in_line = True
        elif self._in_text and tag == "span":
            self._in_number = attrs.get("class") == "n"
        elif self._in_text and tag == "mark":
            self._mark = ["", attrs.get("title", "")]

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.broken.append(tag)
            return
        if self._in_text and len(self.stack) == self._in_text:
            self._in_text = 0
        self.stack.pop()
        self._in_number = self._in_number and tag != "span"
        self._in_line = self._in_line and tag != "div"
        if tag == "mark" and self._mark:
            self.marks.append(tuple(self._mark))
            self._mark = None

    def handle_data(self, data):
        if self._in_line and not self._in_number:
            self.lines[-1] += data
            if self._mark:
                self._mark[0] += data


@pytest.fixture(scope="module")
def ruleset():
    return checker.load_ruleset()


@pytest.fixture(scope="module")
def audits(ruleset):
    return {seed.name: checker.check(seed, ruleset) for seed in SEEDS}


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_page_shows_score_every_finding_every_line_and_evidence_link(audits, seed):
    audit = audits[seed.name]
    html = render_html(audit)
    page = Page(html)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html and 'charset="utf-8"' in html
    assert f'<div class="value">{audit.score:g}<' in html and f'<div class="grade">{audit.grade}</div>' in html
    assert page.rows == [f"rule-{f.rule}" for f in audit.findings]
    lines = [i for i in page.ids if i.startswith("L")]
    assert lines == [f"L{n}" for n in range(1, audit.document.line_count + 1)]
    for evidence in (e for f in audit.findings for e in f.evidence):
        assert f"#L{evidence.line}" in page.hrefs
    assert page.stack == [] and page.broken == []


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_full_text_section_is_the_report_line_for_line(audits, seed):
    audit = audits[seed.name]
    assert Page(render_html(audit)).lines == audit.document.raw.split("\n")


def test_single_line_report_is_highlighted_inside_the_line(audits):
    audit = audits[SINGLE_LINE.name]
    assert audit.document.line_count == 1
    page = Page(render_html(audit))
    cited = {f.rule: f for f in audit.findings if any(e.end > e.start for e in f.evidence)}
    assert len(page.marks) >= 4
    for text, title in page.marks:
        for rule in title.removeprefix("规则：").split("、"):
            assert any(text in audit.document.raw[e.start:e.end] for e in cited[rule].evidence), (rule, text)
    named = {r for _, title in page.marks for r in title.removeprefix("规则：").split("、")}
    assert named == set(cited)
    assert "".join(page.lines) == audit.document.raw


def test_overlapping_and_multiline_evidence_split_into_flat_marks(ruleset):
    text = "某县2024年法治政府建设情况报告\n一、主要举措和成效\n推进依法行政，完善制度建设。\n"
    audit = checker.check("x.txt", ruleset, text=text)
    second = text.index("一")
    a, b = audit.findings[0], audit.findings[1]
    spans = {a.rule: [(second + 2, second + 8), (second + 5, len(text) - 4)], b.rule: [(second + 4, second + 6)]}
    findings = [dataclasses.replace(f, evidence=tuple(Evidence(2, text[s:e], s, e) for s, e in spans[f.rule]))
                if f.rule in spans else dataclasses.replace(f, evidence=()) for f in audit.findings]
    page = Page(render_html(dataclasses.replace(audit, findings=findings)))
    one, both = f"规则：{a.rule}", "规则：" + "、".join(sorted([a.rule, b.rule]))
    assert page.marks == [(text[second + 2:second + 4], one), (text[second + 4:second + 6], both),
                          (text[second + 6:text.index("\n", second)], one),
                          (text[text.index("推"):len(text) - 4], one)]
    assert page.lines == text.split("\n") and page.broken == []


def test_report_and_rule_text_are_escaped(ruleset):
    hostile = ('某县2024年法治政府建设情况报告\n一、主要举措和成效\n'
               '<script>alert(1)</script>"><img src=x onerror=alert(1)>\n二、存在的不足\n')
    audit = checker.check('<b>x</b>".txt', ruleset, text=hostile)
    first = dataclasses.replace(audit.findings[0], message="<i>规则说明</i>", suggestion="<u>建议</u>")
    html = render_html(dataclasses.replace(audit, findings=[first, *audit.findings[1:]]),
                       back_link='"><script>x</script>')
    for raw in ("<script", "<img", "<b>x", "<i>", "<u>"):
        assert raw not in html
    for escaped in ("&lt;script&gt;alert(1)&lt;/script&gt;", "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;",
                    "&lt;b&gt;x&lt;/b&gt;&#34;.txt", "&lt;i&gt;规则说明&lt;/i&gt;", "修改建议：&lt;u&gt;建议&lt;/u&gt;"):
        assert escaped in html
    assert Page(html).lines == hostile.split("\n")


def test_page_needs_no_network(audits):
    for audit in audits.values():
        html = render_html(audit, back_link="../index.html")
        assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""", html)
        assert not re.search(r"<link\b|<script\b|<img\b|@import|@font-face", html)
        assert "@page { size: A4; margin: 15mm; }" in html and "@media print" in html


def test_back_link_only_when_given(audits):
    audit = audits[SEEDS[0].name]
    assert "返回汇总" not in render_html(audit)
    assert '<a href="../index.html">← 返回汇总</a>' in render_html(audit, back_link="../index.html")


def test_checklist_speaks_chinese(audits):
    audit = audits[SEEDS[1].name]
    html = render_html(audit)
    rows = re.findall(r'<tr id="rule-.*?</tr>', html, re.S)
    labels = {"error": "错误", "warning": "警告", "info": "提示"}
    badges = {"pass": "符合", "partial": "部分符合", "fail": "不符合", "skip": "不适用"}
    for finding, row in zip(audit.findings, rows, strict=True):
        assert f">{labels[finding.severity]}<" in row
        assert f'<span class="badge {finding.status}">{badges[finding.status]}</span>' in row
        points = "不计分" if finding.points is None else f"{finding.points:g}/{finding.weight:g}"
        assert f">{points}<" in row
        assert ("修改建议：" in row) == bool(finding.suggestion)
        assert f"依据：{finding.source}" in row
    assert "（无标题）" in render_html(audits[SINGLE_LINE.name])


def test_outline_links_headings_to_lines_and_rules(audits):
    audit = audits[SEEDS[1].name]
    items = re.findall(r'<li class="lv(\d)"[^>]*><a class="line" href="#L(\d+)">第\d+行</a>(.*?)</li>', render_html(audit))
    doc = audit.document
    assert [(int(level), int(line), re.findall(r'href="#rule-([^"]+)"', rest)) for level, line, rest in items] == [
        (h.level, doc.line_of(h.start), list(audit.headings_rules.get(h.start, []))) for h in audit.outline.headings]
    assert any(rules for *_, rules in items)


def test_grade_colours_follow_the_rulesets_own_bands(tmp_path):
    import checker

    bands = tmp_path / "bands.yaml"
    bands.write_text("extends: fzzf-2019\nscoring:\n  grades:\n    - {min: 50, name: 达标}\n    - {min: 0, name: 未达标}\n",
                     encoding="utf-8")
    text = "某县2024年法治政府建设情况报告\n一、主要举措和成效\n全年办案12件。\n"
    low = checker.check(None, [str(bands)], text=text)
    assert low.grade == "未达标" and '<div class="score poor">' in render_html(low)
    high = checker.check(None, [str(bands)], text=(SEEDS[3]).read_text(encoding="utf-8"))
    assert high.grade == "达标" and '<div class="score excellent">' in render_html(high)
