"""Safe fixes: the `fix:` field of a rule (validated like every field), the fixes the shipped rules make,
and `fzcheck lint --fix` editing a text file in place (atomic, same encoding, BOM and line endings)."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import checker
from checker.errors import RulesError

REPORT = ("某县人民政府关于2024年法治政府建设情况的报告\n2024年，某县落实《纲要(20212025年)》，矛盾化解率99。\n"
          "一、主要举措和成效\n全年办理复议案件12件。\n某县人民政府\n{date}")


def fixes_of(text: str, rules=None):
    audit = checker.check("r.txt", rules, text=text, force=True)
    return [(f.rule, f.old, f.new) for f in audit.fixes]


@pytest.mark.parametrize("date", ["2025年02月08日", "二〇二五年二月八日", "2025.2.8", "2025年2月08日"])
def test_date_is_written_out_and_a_year_range_gets_its_dash(date):
    assert fixes_of(REPORT.format(date=date)) == [("number-sanity", "20212025", "2021—2025"),
                                                  ("date-format", date, "2025年2月8日")]


def test_nothing_uncertain_is_fixed():
    # the rate that lost its % is flagged but not fixed; a correct date needs nothing
    assert fixes_of(REPORT.format(date="2025年2月8日").replace("(20212025年)", "")) == []
    audit = checker.check("r.txt", text=REPORT.format(date="2025年2月8日"), force=True)
    sanity = next(f for f in audit.findings if f.rule == "number-sanity")
    assert sanity.status == "fail" and [x.old for x in sanity.fixes] == ["20212025"]


def _ruleset(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text("schema: fzcheck-rules/1\nid: t\nextends: fzzf-2019\nrules:\n" + textwrap.indent(
        textwrap.dedent(body), "  "), encoding="utf-8")
    return path


# The shipped list-punctuation rule, written out as a ruleset of one's own would (a Chinese-numeral heading
# followed by a full stop or comma instead of 、: 一.主要举措 → 一、主要举措, matched on the report's own characters).
LIST_PUNCTUATION = """\
- id: list-punctuation
  name: 序号标点
  kind: phrase
  severity: info
  weight: 0
  scope: body
  mode: forbid
  patterns: ['(?m)^[一二三四五六七八九十]{1,3}[.,](?=\\S)']
  message: 一级序号后应为顿号
  suggestion: 写作“一、”。
  source: GB/T 9704-2012 第 7.3.3 条
  fix: {pattern: '^([一二三四五六七八九十]{1,3})[.．,，]$', replace: '\\1、'}
"""


def test_a_ruleset_can_declare_a_fix_on_the_original_characters(tmp_path):
    rules = checker.load_ruleset([str(_ruleset(tmp_path, LIST_PUNCTUATION))])
    text = "某县2024年法治政府建设情况报告\n一．主要举措和成效\n工作扎实。\n二,存在的问题\n问题较多。"
    assert fixes_of(text, rules) == [("list-punctuation", "一．", "一、"), ("list-punctuation", "二,", "二、")]


@pytest.mark.parametrize("fix, message", [
    ("{replace: x, patern: a}", "未知字段 patern；是不是要写 pattern"),
    ("{pattern: '(', replace: x}", "无效"),
    ("{pattern: '(a)', replace: '\\2'}", "没有的分组"),
    ("{replace: x, outcomes: [arabic]}", "arabic"),
    ("{pattern: a}", "缺少字符串字段 replace"),
    ("x", "应为映射"),
])
def test_a_bad_fix_is_an_error_at_its_line(tmp_path, fix, message):
    path = _ruleset(tmp_path, f"- id: date-format\n  fix: {fix}\n")
    with pytest.raises(RulesError) as raised:
        checker.load_ruleset([str(path)])
    errors = raised.value.errors
    assert any(message in e.message and e.path == str(path) and e.line == 6 for e in errors), \
        [str(e) for e in errors]


def lint(*args, cwd):
    return subprocess.run([sys.executable, "-m", "checker", "lint", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, timeout=120)


@pytest.mark.parametrize("encoding, bom, newline", [("gb18030", b"", "\r\n"), ("utf-8", b"\xef\xbb\xbf", "\n"),
                                                    ("utf-8", b"", "\r"), ("utf-16-le", b"\xff\xfe", "\r\n")])
def test_lint_fix_edits_the_file_in_place_keeping_encoding_and_line_ends(tmp_path, encoding, bom, newline):
    path = tmp_path / "报告.txt"
    original = REPORT.format(date="2025年02月08日").replace("\n", newline) + newline
    path.write_bytes(bom + original.encode(encoding))
    result = lint("--fix", "--force", path, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    changes = [line for line in result.stderr.splitlines() if "已修正" in line]
    assert changes == [f"{path}:2:15: 已修正 [number-sanity] “20212025” → “2021—2025”",
                       f"{path}:6:1: 已修正 [date-format] “2025年02月08日” → “2025年2月8日”"]
    expected = original.replace("20212025", "2021—2025").replace("2025年02月08日", "2025年2月8日")
    assert path.read_bytes() == bom + expected.encode(encoding)
    assert "date-format" not in result.stdout                      # the results are those of the fixed text
    again = lint("--fix", "--force", path, cwd=tmp_path)
    assert "已修正" not in again.stderr and path.read_bytes() == bom + expected.encode(encoding)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".fzcheck-")]


def test_lint_fix_through_a_link_fixes_the_file_it_names_and_keeps_the_link(tmp_path):
    target = tmp_path / "报告.txt"
    target.write_text(REPORT.format(date="2025年02月08日") + "\n", encoding="utf-8")
    link = tmp_path / "链接.txt"
    link.symlink_to(target.name)
    result = lint("--fix", "--force", link, cwd=tmp_path)
    assert result.returncode in (0, 1) and "已修正" in result.stderr, result.stderr
    assert link.is_symlink() and "2025年2月8日" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_output_naming_the_report_checked_is_refused_and_the_report_kept(tmp_path, fmt):
    path = tmp_path / "报告.txt"
    original = REPORT.format(date="2025年2月8日") + "\n"
    path.write_text(original, encoding="utf-8")
    result = lint("--force", "--format", fmt, "-o", path, path, cwd=tmp_path)
    assert result.returncode == 2 and "就是被检查的文件，不会覆盖" in result.stderr, result.stderr
    assert path.read_text(encoding="utf-8") == original


def test_lint_fix_refuses_what_is_not_plain_text(tmp_path):
    office = Path(__file__).resolve().parent / "corpus" / "office" / "000-plain.docx"
    result = lint("--fix", office, cwd=tmp_path)
    assert result.returncode == 2 and "--fix 只修改纯文本文件" in result.stderr and "Traceback" not in result.stderr


def test_every_output_lists_the_fixes_lint_fix_would_apply(tmp_path):
    """JSON (line, column, old, new), the text output and the audit page name the same places that
    `lint --fix` then edits."""
    import json

    path = tmp_path / "报告.txt"
    path.write_text(REPORT.format(date="2025年02月08日") + "\n", encoding="utf-8")
    report = json.loads(lint("--force", "--format", "json", path, cwd=tmp_path).stdout)["reports"][0]
    listed = sorted(((f["rule"], x["line"], x["column"], x["old"], x["new"])
                     for f in report["findings"] for x in f["fixes"]), key=lambda fix: fix[1:3])
    assert listed == [("number-sanity", 2, 15, "20212025", "2021—2025"),
                      ("date-format", 6, 1, "2025年02月08日", "2025年2月8日")]
    text = lint("--force", path, cwd=tmp_path).stdout
    assert "可自动修正（lint --fix）：第6行第1列 “2025年02月08日” → “2025年2月8日”" in text
    page = lint("--force", "--format", "html", path, cwd=tmp_path).stdout
    assert "第2行第15列 “20212025” → “2021—2025”" in page
    applied = [line for line in lint("--fix", "--force", path, cwd=tmp_path).stderr.splitlines() if "已修正" in line]
    assert applied == [f"{path}:{line}:{column}: 已修正 [{rule}] “{old}” → “{new}”"
                       for rule, line, column, old, new in listed]


def test_a_word_files_fixes_are_offered_as_tracked_changes_in_paragraphs_not_as_lint_fix(tmp_path):
    """lint --fix edits only text files: for a .docx the same fixes are named by paragraph (段) and offered
    as the Word review's tracked changes, in the text output and the audit page alike."""
    office = Path(__file__).resolve().parent / "corpus" / "office" / "002-plain.docx"
    text = lint("--force", office, cwd=tmp_path).stdout
    assert "可改为（--format docx 的审查稿中写成修订）：第1段第97字 “20212025” → “2021—2025”" in text
    assert "lint --fix" not in text
    page = lint("--force", "--format", "html", office, cwd=tmp_path).stdout
    assert "可改为（--format docx 的审查稿中写成修订）" in page and "第1段第97字" in page and "lint --fix" not in page
