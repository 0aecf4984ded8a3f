"""Year over year: this year's shortcomings copied from last year's, last year's plans carried out."""
import json
from pathlib import Path

import pytest

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
    assert "没有同一地区或单位上一年度的报告可比较（lint 用 --previous 指定" in findings["problems-repeated"]["message"]


@pytest.mark.parametrize("change, says", [
    (lambda text: text.replace("上犹县", "崇义县").replace("2024年", "2023年").replace("2025年", "2024年"),
     "是崇义县的报告，而被检查的是上犹县的"),
    (lambda text: text.replace("2024年", "2021年").replace("2025年", "2022年"),
     "是 2021 年度的，而被检查的是 2024 年度的（应为 2023 年度）"),
    (lambda text: text, "就是被检查的报告本身"),
    (lambda text: text.replace("2024年", "2023年").replace("2025年", "2024年"), None),
])
def test_a_previous_report_of_another_place_or_year_is_pointed_out(tmp_path, change, says):
    text = SEED.read_text(encoding="utf-8")
    now, before = tmp_path / "2024.txt", tmp_path / "上一年度.txt"
    now.write_text(text, encoding="utf-8")
    before.write_text(change(text), encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(now), "--previous", str(before)])
    assert result.exit_code in (0, 1)
    hints = [line for line in result.stderr.splitlines() if line.startswith("fzcheck: 提示：")]
    if says is None:
        assert hints == []
    else:
        assert len(hints) == 1 and says in hints[0] and str(before) in hints[0]


def _second_look_cases():
    from checker import engine
    from checker.document import document_from_text
    from checker.ruleset import load_ruleset

    ruleset = load_ruleset(None)
    seeds = sorted((SEED.parent).glob("0*.txt"))
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        last_year = engine.last_year_of(document_from_text(text.replace("2024年", "2023年")), ruleset)
        yield ruleset, document_from_text(text, str(path)), last_year


def test_a_second_look_reuses_the_first_and_gives_what_a_whole_check_gives():
    """A batch checks a report again against last year's reusing its first check (outline, the rules that
    do not read last year's report): the audit is the one a whole check with last year's report gives."""
    from checker import engine
    from checker.render.jsonout import audit_dict

    compared = 0
    for ruleset, doc, last_year in _second_look_cases():
        _, first = engine.look(doc, ruleset, force=True)
        again, _ = engine.look(doc, ruleset, force=True, previous=last_year, first=first)
        whole = engine.run(doc, ruleset, force=True, previous=last_year)
        assert audit_dict(again) == audit_dict(whole)
        assert again.outline is first.outline                       # reused, not parsed again
        compared += any(f.status != "skip" for f in whole.findings if f.kind == "compare")
    assert compared >= 3          # the comparisons really ran on most seeds


def test_a_first_look_at_other_text_is_not_reused():
    from checker import engine
    from checker.document import document_from_text
    from checker.render.jsonout import audit_dict

    ruleset, doc, last_year = next(_second_look_cases())
    _, stale = engine.look(document_from_text(doc.text.replace("一、", "壹、"), doc.path), ruleset, force=True)
    again, _ = engine.look(doc, ruleset, force=True, previous=last_year, first=stale)
    assert again.outline is not stale.outline
    assert audit_dict(again) == audit_dict(engine.run(doc, ruleset, force=True, previous=last_year))


def test_rules_scoped_to_a_comparison_are_evaluated_again(tmp_path):
    from checker import engine
    from checker.ruleset import load_ruleset

    extension = tmp_path / "ext.yaml"
    extension.write_text("schema: fzcheck-rules/1\nid: ext\nextends: fzzf-2019\nrules:\n"
                         "  - id: copied-words\n    name: 照抄的措辞\n    kind: phrase\n    severity: info\n"
                         "    weight: 0\n    scope: problems-repeated\n    patterns: ['不足']\n    message: 照抄\n    suggestion: 重写\n    source: 测试\n",
                         encoding="utf-8")
    ruleset = load_ruleset([str(extension)])
    assert engine._reading_last_year(ruleset) == {"problems-repeated", "plans-followed-up", "copied-words"}
