"""Year over year: this year's shortcomings copied from last year's, last year's plans carried out."""
import json
from pathlib import Path

from click.testing import CliRunner

from checker.cli import cli

SEED = Path(__file__).resolve().parent.parent / "seeds" / "003_fee9404ac5415434.txt"


def lint_with_previous(tmp_path, this_year: str, last_year: str) -> dict:
    now, before = tmp_path / "2024.txt", tmp_path / "2023.txt"
    now.write_text(this_year, encoding="utf-8")
    before.write_text(last_year, encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(now), "--previous", str(before), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return {f["rule"]: f for f in json.loads(result.stdout)["reports"][0]["findings"]}


def test_shortcomings_copied_from_last_year_are_found_with_the_shared_sentences(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    last_year = text.replace("2024年", "2023年").replace("2025年", "2024年")
    findings = lint_with_previous(tmp_path, text, last_year)
    repeated = findings["problems-repeated"]
    assert repeated["status"] == "fail" and "照抄上一年度" in repeated["message"]
    assert repeated["evidence"] and all(e["line"] > 1 for e in repeated["evidence"])


def test_last_years_plans_are_looked_for_in_this_years_measures(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    last_year = ("上犹县2023年法治政府建设情况报告\n一、主要举措和成效\n全年办案10件。\n二、2024年工作安排\n"
                 "一是推进行政执法三项制度全覆盖。二是建设智慧天文馆。三是开展太空法治宣传周。\n")
    followed = lint_with_previous(tmp_path, text, last_year)["plans-followed-up"]
    assert followed["status"] in ("partial", "fail")
    assert "智慧天文馆" in followed["message"] and "太空法治宣传周" in followed["message"]


def test_without_a_previous_report_the_comparisons_do_not_apply():
    result = CliRunner().invoke(cli, ["lint", str(SEED), "--format", "json"])
    findings = {f["rule"]: f for f in json.loads(result.stdout)["reports"][0]["findings"]}
    assert findings["problems-repeated"]["status"] == findings["plans-followed-up"]["status"] == "skip"
