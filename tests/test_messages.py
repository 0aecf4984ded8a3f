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


COMMANDS = [["lint"], ["batch"], ["serve"], ["rules"], ["rules", "list"], ["rules", "show"], ["rules", "validate"],
            ["rules", "test"], ["rules", "new"], ["rules", "docs"], []]
ENGLISH = ("Usage:", "Options", "Commands", "Show this message", "Show the version", "Error:", "Try '",
           "[default:", "TEXT", "INTEGER", "DIRECTORY")


def test_every_command_s_help_is_chinese_with_examples():
    for command in COMMANDS:
        result = run(*command, "--help")
        assert result.exit_code == 0, command
        assert result.output.startswith("用法：fzcheck"), command
        assert "选项：" in result.output and "示例：" in result.output, command
        assert not [word for word in ENGLISH if word in result.output], (command, result.output)


def test_usage_errors_are_chinese():
    cases = {("lint",): "错误：缺少参数 文件...",
             ("batch", "seeds/"): "错误：缺少选项 -o",
             ("lint", "--format", "xml", "a.txt"): "错误：--format 的值无效：“xml”不是可选值（text、json、html、docx）之一",
             ("lint", "--fail-under", "200", "a.txt"): "不在范围",
             ("lint", "--nope", "a.txt"): "错误：没有选项 --nope",
             ("rules", "lst"): "错误：没有子命令 lst；是不是 list？",
             ("rules", "show"): "错误：缺少参数 规则id",
             ("serve", "--port", "x"): "错误：--port 的值无效：“x”不是整数"}
    for args, expected in cases.items():
        result = run(*args)
        assert result.exit_code == 2, args
        assert expected in result.stderr, (args, result.stderr)
        assert not [word for word in ENGLISH if word in result.stderr], (args, result.stderr)
    assert "请用“fzcheck lint --help”查看用法和示例。" in run("lint").stderr


HEAD = "某县人民政府关于2024年法治政府建设情况的报告\n一、主要举措和成效\n办理复议案件12件。\n二、存在的不足\n"


def _finding(text, rule):
    return next(f for f in checker.check(None, text=text, force=True).findings if f.rule == rule)


def test_problems_substance_advice_fits_what_falls_short():
    enough_items_too_short = _finding(HEAD + "一是执法不规范。二是队伍弱。三是宣传少。", "problems-substance")
    assert enough_items_too_short.status == "partial"
    assert "写具体" in enough_items_too_short.suggestion and "至少两条" not in enough_items_too_short.suggestion
    long_but_one_block = _finding(HEAD + "一些领导干部法治意识还不够强，依法决策水平有待提高，" * 6, "problems-substance")
    assert long_but_one_block.status == "partial"
    assert "至少两条" in long_but_one_block.suggestion and "写具体" not in long_but_one_block.suggestion


def test_a_metric_check_suggestion_is_validated(tmp_path):
    from checker.errors import RulesError
    from checker.ruleset import load_ruleset
    import pytest

    path = tmp_path / "r.yaml"
    path.write_text("schema: fzcheck-rules/1\nid: x\nname: x\nrules:\n  - id: m\n    name: m\n    kind: metric\n"
                    "    severity: info\n    weight: 1\n    message: m\n    suggestion: '{advice}'\n    source: s\n"
                    "    checks: [{measure: chars, min: 10, suggestion: 3}]\n", encoding="utf-8")
    with pytest.raises(RulesError, match="suggestion 必须是字符串"):
        load_ruleset([str(path)])


def test_an_unreadable_rate_is_not_simply_told_to_add_percent():
    finding = _finding(HEAD.replace("12件", "12件，化解率99，纠错率14327"), "number-sanity")
    assert "率14327（143.27%？14.327%？）" in finding.message
    assert "率99、" in finding.message and "率99（" not in finding.message    # 99 reads fine: just add %
    assert "不要只补“%”" in finding.suggestion


def test_an_unknown_ruleset_lists_the_shipped_ones():
    from click.testing import CliRunner

    from checker.cli import cli

    result = CliRunner().invoke(cli, ["lint", "--rules", "fzzf-2091", "--no-config", SEED])
    assert result.exit_code == 2
    assert "找不到规则集 fzzf-2091；内置的有：fzzf-2019、fzzf-dept；是不是 fzzf-2019？" in result.stderr
