"""What users read: plain counts, reasons for exit 1, every evidence line, advice that fits, Chinese CLI."""
from __future__ import annotations

import json

from click.testing import CliRunner

import checker
from checker.cli import cli
from checker.render.html import render_html
from checker.render.text import render_text

SEED = "seeds/001_444b8497cd5c575c.txt"   # error-level rules only partly met: measures, problems, next-year-plan


def run(*args):
    return CliRunner().invoke(cli, list(args), prog_name="fzcheck")


def test_partly_met_error_rules_are_counted_plainly_in_text_and_html():
    audit = checker.check(SEED)
    text = render_text(audit)
    assert "错误级规则未完全符合 3 项（不符合 0、部分符合 3）" in text
    assert "  错误级（不符合 0、部分符合 3）" in text
    page = render_html(audit)
    assert "错误级规则未完全符合 3 项（不符合 0、部分符合 3）" in page
    assert 'class="unmet error partial"' in page          # amber, not the green of "all met"
    assert "错误级不符合" not in page


def test_all_error_rules_met_is_green():
    text = "某县人民政府关于2024年法治政府建设情况的报告\n一、2024年推进法治政府建设的主要举措和成效\n办理复议案件12件。"
    audit = checker.check(None, text=text, force=True)
    assert "fail" in {f.status for f in audit.findings if f.severity == "error"}
    assert 'class="unmet error fail"' in render_html(audit)


def test_partial_error_rules_keep_exit_code_zero():
    result = run("lint", SEED, "--no-config")
    assert result.exit_code == 0
    assert "退出码" not in result.stderr


def test_fail_under_and_strict_say_why_on_stderr(tmp_path):
    result = run("lint", SEED, "--no-config", "--fail-under", "90", "--format", "json")
    assert result.exit_code == 1
    json.loads(result.stdout)                               # stdout stays pure JSON
    assert f"退出码 1：{SEED} 得分 72.5，低于 --fail-under 90" in result.stderr
    result = run("lint", SEED, "--no-config", "--strict")
    assert result.exit_code == 1
    assert "--strict" in result.stderr and "problem-causes" in result.stderr


def test_the_config_used_is_named_on_stderr_never_in_json(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(open(SEED, encoding="utf-8").read(), encoding="utf-8")
    (tmp_path / "fzcheck.yaml").write_text("fail-under: 90\n", encoding="utf-8")
    result = run("lint", str(report), "--format", "json")
    assert result.exit_code == 1
    assert "fzcheck.yaml" not in result.stdout
    lines = result.stderr.splitlines()
    assert f"fzcheck: 使用配置文件 {tmp_path / 'fzcheck.yaml'}" in lines
    assert any("低于 --fail-under 90（来自配置文件" in line for line in lines)


def test_batch_says_which_reports_are_below_fail_under(tmp_path):
    result = run("batch", "seeds/", "-o", str(tmp_path / "out"), "--fail-under", "80", "-q", "--no-config")
    assert result.exit_code == 1
    assert "001_444b8497cd5c575c.txt（72.5）" in result.stderr and "低于 --fail-under 80" in result.stderr


def test_a_phrase_rule_points_at_every_place():
    text = ("某县人民政府关于2024年法治政府建设情况的报告\n一、主要举措和成效\n办理XX件。\n工作扎实。\n"
            "培训**次。\n共XX人。\n")
    audit = checker.check("r.txt", text=text, force=True)
    finding = next(f for f in audit.findings if f.rule == "placeholders")
    assert [e.line for e in finding.evidence] == [3, 5, 6]
    assert "r.txt:3,:5,:6  [placeholders]" in render_text(audit)
