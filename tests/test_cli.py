"""The command line: formats, exit codes, and errors that name the file without a traceback."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_002 = str(SEEDS / "002_dae790ea1624ae21.txt")   # only warnings fail in it
NO_PROBLEMS = "某县2024年法治政府建设情况报告\n一、主要举措和成效\n全年办理案件12件。\n二、2025年工作安排\n继续推进。\n"


def lint(*args):
    return CliRunner().invoke(cli, ["lint", *map(str, args)])


@pytest.fixture
def failing_report(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(NO_PROBLEMS, encoding="utf-8")
    return path


def test_text_output_lists_findings_with_location_and_fix():
    result = lint(SEED_002)
    assert result.exit_code == 0
    assert f"{SEED_002}:" in result.stdout
    assert "[number-sanity] 不符合" in result.stdout and "修改建议" in result.stdout
    assert "得分" in result.stdout


def test_error_rule_failing_exits_1(failing_report):
    result = lint(failing_report)
    assert result.exit_code == 1
    assert "[problems] 不符合" in result.stdout


def test_strict_counts_warnings_and_fail_under_counts_score():
    assert lint(SEED_002, "--strict").exit_code == 1
    assert lint(SEED_002, "--fail-under", "99").exit_code == 1
    assert lint(SEED_002, "--fail-under", "10").exit_code == 0


def test_json_schema_is_stable(failing_report):
    payload = json.loads(lint(SEED_002, failing_report, "--format", "json").stdout)
    assert payload["schema"] == "fzcheck/1" and payload["errors"] == []
    report = payload["reports"][0]
    assert {"path", "title", "region", "year", "score", "grade", "findings", "outline"} <= set(report)
    finding = report["findings"][0]
    assert {"rule", "name", "severity", "status", "weight", "points", "message", "suggestion", "evidence"} <= set(finding)
    assert report["region"] == "朔州市" and report["year"] == 2024
    assert any("measures" in h["rules"] and h["line"] == 3 for h in report["outline"])


def test_missing_file_is_named_and_the_others_still_reported(tmp_path):
    missing = tmp_path / "缺失.txt"
    result = lint(missing, SEED_002, "--format", "json")
    assert result.exit_code == 2
    assert f"{missing}: 文件不存在" in result.stderr
    payload = json.loads(result.stdout)
    assert [r["path"] for r in payload["reports"]] == [SEED_002]
    assert payload["errors"] == [{"path": str(missing), "error": "文件不存在", "kind": "unreadable"}]
    assert "Traceback" not in result.output


def test_binary_input_is_a_clear_error(tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(256)) * 8)
    result = lint(path)
    assert result.exit_code == 2
    assert str(path) in result.stderr and "不是文本文件" in result.stderr


def test_invalid_ruleset_exits_2_with_position(tmp_path):
    rules = tmp_path / "bad.yaml"
    rules.write_text("rules:\n  - id: x\n    kind: nope\n", encoding="utf-8")
    result = lint(SEED_002, "--rules", rules)
    assert result.exit_code == 2
    assert f"{rules}:3:" in result.stderr and "未知的规则类型 nope" in result.stderr


def test_output_file_is_written_whole(tmp_path):
    out = tmp_path / "result.json"
    assert lint(SEED_002, "--format", "json", "-o", out).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["reports"][0]["path"] == SEED_002
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]


def test_usage_error_exits_2():
    assert CliRunner().invoke(cli, ["lint"]).exit_code == 2
    assert CliRunner().invoke(cli, ["lint", SEED_002, "--format", "pdf"]).exit_code == 2


def test_module_entry_point_runs_as_a_process(tmp_path):
    done = subprocess.run([sys.executable, "-m", "checker", "lint", SEED_002, "--format", "json"],
                          capture_output=True, text=True, encoding="utf-8", check=False, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["reports"][0]["grade"]
