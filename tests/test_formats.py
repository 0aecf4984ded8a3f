"""Word, PDF and saved web pages read like their plain text: the same statuses on every seed."""
from html import escape
from pathlib import Path

import pytest

import checker
from builders import docx_bytes, pdf_bytes, web_page

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
RULESET = checker.load_ruleset()


def statuses(path, skip=()):
    return {f.rule: f.status for f in checker.check(path, RULESET).findings if f.rule not in skip}


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_docx_with_automatic_numbering_reads_like_the_text(tmp_path, seed):
    text = seed.read_text(encoding="utf-8")
    path = tmp_path / "report.docx"
    path.write_bytes(docx_bytes(text))
    assert statuses(path) == statuses(seed)


def test_docx_generates_word_numbering_and_skips_headers_and_comments(tmp_path):
    path = tmp_path / "draft.docx"
    table = ('<w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc>'
             '<w:tc><w:p><w:r><w:t>办结率98%</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    path.write_bytes(docx_bytes("某县2024年法治政府建设情况报告\n一、主要举措和成效\n（一）深化改革\n正文。\n二、存在的问题\n问题。", table))
    doc = checker.read_document(path)
    assert doc.raw.splitlines() == ["某县2024年法治政府建设情况报告", "一、主要举措和成效", "（一）深化改革", "正文。",
                                    "二、存在的问题", "问题。", "指标  办结率98%"]
    assert "内部资料" not in doc.raw and "批注" not in doc.raw
    audit = checker.check(doc, RULESET)
    problems = next(f for f in audit.findings if f.rule == "problems")
    assert (problems.status, problems.evidence[0].line) == ("pass", 5)


def test_docx_heading_style_without_number_is_a_heading(tmp_path):
    body = ('<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>存在的问题</w:t></w:r></w:p>'
            '<w:p><w:r><w:t>一是执法不规范；二是基层力量薄弱。</w:t></w:r></w:p>')
    path = tmp_path / "styled.docx"
    path.write_bytes(docx_bytes("某县2024年法治政府建设情况报告\n2024年，某县推进法治建设。", body))
    problems = next(f for f in checker.check(path, RULESET).findings if f.rule == "problems")
    assert problems.status == "pass" and problems.evidence[0].line == 3


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_pdf_reads_like_the_text(tmp_path, seed):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_bytes(seed.read_text(encoding="utf-8")))
    doc = checker.read_document(path)
    assert "某某市人民政府办公室文件" not in doc.raw and "- 2 -" not in doc.raw
    assert statuses(path) == statuses(seed)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_saved_web_page_reads_like_the_text(tmp_path, seed):
    path = tmp_path / "report.html"
    path.write_text(web_page(seed.read_text(encoding="utf-8")), encoding="utf-8")
    doc = checker.read_document(path)
    for junk in ("栏目链接", "当前位置", "版权所有", "分享到", "统计代码"):
        assert junk not in doc.raw, junk
    assert doc.meta.published == (2025, 3, 5)
    assert statuses(path, skip={"timeliness"}) == statuses(seed, skip={"timeliness"})
    # the page's 发布时间/来源 line is read as the text copied from the page is: metadata, not body
    audit = checker.check(path, RULESET)
    assert audit.outline.meta.source == "市司法局" and audit.outline.meta.published == "2025-03-05"
    assert "浏览次数" not in doc.text[audit.outline.body.start:audit.outline.body.end]


def test_web_page_without_a_date_is_timed_by_its_publication_date(tmp_path):
    seed = SEEDS[0]  # no 成文日期
    late, on_time = tmp_path / "late.html", tmp_path / "on_time.html"
    late.write_text(web_page(seed.read_text(encoding="utf-8"), "2025-06-30"), encoding="utf-8")
    on_time.write_text(web_page(seed.read_text(encoding="utf-8"), "2025-03-05"), encoding="utf-8")
    outcome = {p.name: next(f for f in checker.check(p, RULESET).findings if f.rule == "timeliness")
               for p in (late, on_time)}
    assert (outcome["late.html"].status, outcome["late.html"].outcome) == ("fail", "late_published")
    assert outcome["on_time.html"].status == "pass"


def test_gbk_web_page_is_decoded(tmp_path):
    path = tmp_path / "gbk.htm"
    path.write_bytes(web_page(SEEDS[3].read_text(encoding="utf-8")).replace("utf-8", "gbk").encode("gbk"))
    assert statuses(path, skip={"timeliness"}) == statuses(SEEDS[3], skip={"timeliness"})


def test_traditional_report_is_matched_as_simplified_and_shown_as_written(tmp_path):
    path = tmp_path / "big5.txt"
    text = "某縣2024年法治政府建設情況報告\n一、主要舉措和成效\n全年辦理案件12件。\n二、存在的問題\n一是執法不規範；二是基層力量薄弱。\n"
    path.write_bytes(text.encode("big5"))
    audit = checker.check(path, RULESET)
    problems = next(f for f in audit.findings if f.rule == "problems")
    assert problems.status == "pass" and problems.evidence[0].text == "二、存在的問題"
    assert audit.document.meta.traditional and audit.title == "某縣2024年法治政府建設情況報告"


def test_a_pages_metadata_table_is_read_as_from_its_copied_text(tmp_path):
    """索引号/发布机构/发布时间 in a table above the title and a 来源 line under it, outside the article:
    the page gives the same issuer and metadata as the text copied from it (it gave none, and took the
    signature's body for the issuer)."""
    seed = SEEDS[3].read_text(encoding="utf-8")
    title, body = seed.split("\n", 1)[0], [line for line in seed.split("\n")[1:] if line.strip()]
    meta = ("<table class='meta'><tr><td>索引号：</td><td>11360724014526123X/2025-00123</td><td>发布机构：</td>"
            "<td>上犹县司法局</td></tr><tr><td>发布时间：</td><td>2025-03-10</td></tr></table>")
    info = "<div class='info'>来源：上犹县司法局 发布时间：2025-03-10 10:21 浏览次数：1234</div>"
    page = tmp_path / "page.html"
    page.write_text(f"<!DOCTYPE html><html><body><div class='crumb'>当前位置：首页</div>{meta}<h1>{escape(title)}</h1>"
                    f"{info}<div class='content'>{''.join(f'<p>{escape(line)}</p>' for line in body)}</div></body></html>",
                    encoding="utf-8")
    copied = tmp_path / "copied.txt"
    copied.write_text("当前位置：首页\n索引号：11360724014526123X/2025-00123  发布机构：上犹县司法局\n发布时间：2025-03-10\n"
                      f"{title}\n来源：上犹县司法局 发布时间：2025-03-10 10:21 浏览次数：1234\n" + "\n".join(body) + "\n",
                      encoding="utf-8")
    from_page, from_text = checker.check(page, RULESET), checker.check(copied, RULESET)
    assert from_page.outline.meta.as_dict() == from_text.outline.meta.as_dict()
    assert from_page.outline.meta.index_no == "11360724014526123X/2025-00123"
    assert from_page.issuer == from_text.issuer == "上犹县司法局"
    assert [f.status for f in from_page.findings] == [f.status for f in from_text.findings]
