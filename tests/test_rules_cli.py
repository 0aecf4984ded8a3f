"""`fzcheck rules …`: the rule author's tools, the generated guide, and the shipped rulesets' self-tests."""
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import checker
from builders import CYCLE_RULES, MINIMAL_RULE
from checker import docgen
from checker.kinds import KINDS
from checker.resources import builtin_names
from checker.rules_cli import rules
from checker.ruleset import TOP_FIELDS, load_ruleset
from checker.testing import run_examples

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PROVINCE = str(ROOT / "docs" / "province-example.yaml")



def invoke(*args):
    return CliRunner().invoke(rules, [str(a) for a in args])


def write(tmp_path, text, name="custom.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


# --- list / show -------------------------------------------------------------------------------------

def test_list_shows_every_rule_of_the_merged_ruleset():
    result = invoke("list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("规则集 fzzf-2019") and lines[1].split()[:6] == ["id", "名称", "级别", "权重", "类型", "依据"]
    row = next(line for line in lines if line.startswith("problems "))
    assert row.split()[:5] == ["problems", "存在的不足", "错误（error）", "15", "section"]
    assert len(lines) == 2 + len(load_ruleset().rules)


def test_list_with_an_extension_shows_its_additions(tmp_path):
    path = write(tmp_path, "extends: fzzf-2019\ndisable: [section-order]\nrules:\n" + MINIMAL_RULE)
    result = invoke("list", "--rules", path)
    assert result.exit_code == 0
    assert "has-title" in result.stdout and "section-order" not in result.stdout


def test_show_explains_the_rule():
    result = invoke("show", "timeliness", "--rules", "fzzf-dept")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("timeliness：报送时限")
    assert KINDS["closing"].DOC in out
    assert "deadline: {year_offset: 1, month: 3, day: 1}" in out
    assert "late：成文日期 {date} 晚于 {deadline}" in out and "修改建议" in out
    assert "样例（pass）：" in out and "样例（fail）：" in out and "    2025年3月15日" in out


def test_show_unknown_rule_suggests_the_closest_and_exits_2():
    result = invoke("show", "problem")
    assert result.exit_code == 2
    assert result.stderr.startswith("fzcheck: 错误：规则集 fzzf-2019 中没有规则 problem；是不是要写 problems？")


def test_invalid_ruleset_in_list_exits_2(tmp_path):
    path = write(tmp_path, "rules:\n" + MINIMAL_RULE.replace("kind: phrase", "kind: phrse"))
    result = invoke("list", "--rules", path)
    assert result.exit_code == 2 and "未知的规则类型 phrse" in result.stderr


# --- validate -----------------------------------------------------------------------------------------

def test_validate_ok(tmp_path):
    path = write(tmp_path, "rules:\n" + MINIMAL_RULE)
    result = invoke("validate", path, "fzzf-2019")
    assert result.exit_code == 0
    assert result.stdout == f"{path}：校验通过（1 条规则）\nfzzf-2019：校验通过（20 条规则）\n"


def test_validate_reports_unknown_key_with_position_and_suggestion(tmp_path):
    path = write(tmp_path, "rules:\n" + MINIMAL_RULE.replace("    scope: title\n", "    scope: title\n    scpoe: body\n"))
    result = invoke("validate", path)
    assert result.exit_code == 2
    assert f"{path}:8:5: [has-title] 未知字段 scpoe；是不是要写 scope？" in result.stdout


def test_validate_reports_every_error_and_every_file(tmp_path):
    bad = MINIMAL_RULE.replace("weight: 5", "weight: 高").replace("severity: warning", "severity: fatal")
    first = write(tmp_path, "rules:\n" + bad, "first.yaml")
    good = write(tmp_path, "rules:\n" + MINIMAL_RULE, "good.yaml")
    result = invoke("validate", first, good)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert [line.split(":")[1] for line in lines[:2]] == ["5", "6"]
    assert "字段 severity 取值应为" in lines[0] and "字段 weight 应为数字" in lines[1]
    assert lines[2] == f"{good}：校验通过（1 条规则）"




def test_validate_reports_a_reference_cycle_at_the_field(tmp_path):
    path = write(tmp_path, CYCLE_RULES)
    result = invoke("validate", path)
    assert result.exit_code == 2
    assert result.stdout == (f"{path}:7:12: [causes] 规则之间的 scope / not_within 引用形成循环：causes → weak-points → causes，"
                             "无法确定先检查哪一条；请去掉其中一处引用\n")


def test_lint_refuses_a_cyclic_ruleset_before_reading_any_report(tmp_path):
    from checker.cli import cli

    path = write(tmp_path, CYCLE_RULES)
    result = CliRunner().invoke(cli, ["lint", "--no-config", "--rules", path, str(SEEDS / "000_011102927b9a91b0.txt")])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"fzcheck: 错误：{path}:7:12: [causes] 规则之间的 scope / not_within 引用形成循环")


def test_validate_reports_an_unknown_schema(tmp_path):
    path = write(tmp_path, "schema: fzcheck/1\nrules:\n" + MINIMAL_RULE)
    result = invoke("validate", path)
    assert result.exit_code == 2
    assert result.stdout == f"{path}:1:9: 未知的 schema 'fzcheck/1'（已知的格式版本：fzcheck-rules/1）\n"


def test_validate_reports_an_id_that_shadows_a_builtin_scope(tmp_path):
    path = write(tmp_path, "rules:\n" + MINIMAL_RULE.replace("id: has-title", "id: body"))
    result = invoke("validate", path)
    assert result.exit_code == 2
    assert result.stdout.startswith(f"{path}:2:9: [body] 规则 id body 与内置范围 body 同名")
    assert len(result.stdout.splitlines()) == 1


def test_list_keeps_a_rule_disabled_by_the_parent_when_the_child_reweighs_it(tmp_path):
    write(tmp_path, "extends: fzzf-2019\nrules:\n  - id: data-density\n    enabled: false\n", "parent.yaml")
    child = write(tmp_path, "extends: parent.yaml\nrules:\n  - id: data-density\n    weight: 9\n", "child.yaml")
    result = invoke("list", "--rules", child)
    assert result.exit_code == 0
    assert f"（{len(load_ruleset().rules) - 1} 条规则；" in result.stdout and "data-density" not in result.stdout


# --- test ---------------------------------------------------------------------------------------------

def test_rules_test_passes_with_a_count(tmp_path):
    path = write(tmp_path, "rules:\n" + MINIMAL_RULE + "    examples:\n      pass: [\"某县2024年法治政府建设情况报告\\n正文。\"]\n"
                 "      skip: ['2024年，我县推进依法行政。']\n")
    result = invoke("test", path)
    assert result.exit_code == 0
    assert result.stdout == "共运行 2 个样例，0 个不符合预期，全部通过\n"


def test_rules_test_fails_when_an_example_no_longer_matches(tmp_path):
    path = write(tmp_path, "rules:\n" + MINIMAL_RULE + "    examples:\n      pass: ['2024年，我县推进依法行政。']\n")
    result = invoke("test", path)
    assert result.exit_code == 1
    line = Path(path).read_text(encoding="utf-8").splitlines().index("      pass: ['2024年，我县推进依法行政。']") + 1
    assert f"{path}:{line}: [has-title] 样例应为 pass，实际为 skip" in result.stdout
    assert "共运行 1 个样例，1 个不符合预期" in result.stdout


def test_rules_test_on_an_invalid_file_exits_2(tmp_path):
    path = write(tmp_path, "rules:\n" + MINIMAL_RULE.replace("patterns: ['报告']", "patterns: ['报告(']"))
    result = invoke("test", path)
    assert result.exit_code == 2
    assert f"{path}:8:" in result.stdout and "正则表达式 '报告(' 无效" in result.stdout


@pytest.mark.parametrize("name", builtin_names())
def test_shipped_rulesets_pass_rules_test(name):
    result = invoke("test", name)
    assert result.exit_code == 0, result.stdout
    assert "全部通过" in result.stdout


@pytest.mark.parametrize("spec", [*builtin_names(), PROVINCE])
def test_every_rule_has_a_passing_and_a_non_passing_example(spec):
    ruleset = load_ruleset([spec])
    for rule in ruleset.rules:
        keys = set(rule.examples)
        assert "pass" in keys and keys & {"fail", "partial", "skip"}, rule.id
    assert run_examples(ruleset) == []


# --- new ----------------------------------------------------------------------------------------------

def test_new_prints_a_skeleton_that_validates_and_passes(tmp_path):
    result = invoke("new")
    assert result.exit_code == 0 and result.stdout == docgen.SKELETON
    path = write(tmp_path, result.stdout, "skeleton.yaml")
    assert invoke("validate", path).exit_code == 0
    tested = invoke("test", path)
    assert tested.exit_code == 0, tested.stdout
    data = yaml.safe_load(result.stdout)
    assert data["extends"] == "fzzf-2019"
    assert sorted({r["kind"] for r in data["rules"]}) == sorted(KINDS)


def test_new_writes_a_file_but_never_overwrites(tmp_path):
    target = tmp_path / "mine.yaml"
    assert invoke("new", "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8") == docgen.SKELETON
    target.write_text("# 我的规则\n", encoding="utf-8")
    result = invoke("new", "-o", target)
    assert result.exit_code == 2 and "文件已存在" in result.stderr
    assert target.read_text(encoding="utf-8") == "# 我的规则\n"


# --- docs ---------------------------------------------------------------------------------------------

def test_committed_docs_match_the_schema():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == docgen.generate(), "docs/rules.md 已过期：运行 fzcheck rules docs -o docs/rules.md"


def test_docs_command_prints_and_writes_the_guide(tmp_path):
    assert invoke("docs").stdout == docgen.generate()
    target = tmp_path / "rules.md"
    assert invoke("docs", "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8") == docgen.generate()


def test_docs_cover_every_field_kind_option_and_outcome():
    text = docgen.generate()
    shipped = {rule.id: rule.kind for rule in load_ruleset().rules}
    assert all(shipped.get(kind.WORKED_EXAMPLE) == name for name, kind in KINDS.items())   # each kind declares one
    assert set(TOP_FIELDS) <= set(docgen.TOP_DOCS)
    for name, kind in KINDS.items():
        assert "### 3." in text and f"`{name}`" in text and kind.DOC in text
        for option in kind.OPTIONS:
            assert f"| `{option}` |" in text
        for code, status in kind.OUTCOMES.items():
            assert f"| `{code}` | `{status}`" in text
    for placeholder in ("{year}", "{next_year}", "{region}", "{found}", "{title}"):
        assert placeholder in text
    for key in ("rules", "disable", "fail-under", "max-bytes"):
        assert f"| `{key}` |" in text


def _yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, re.S)


def test_rules_written_from_the_docs_alone_load_and_run(tmp_path):
    """A rule author copying the worked examples out of the guide gets working rules."""
    blocks = [b for b in _yaml_blocks(docgen.generate()) if b.startswith("- id:")]
    assert len(blocks) == len(KINDS)
    # renamed, so that they are new rules rather than overrides of the shipped ones they came from
    renamed = [b.replace("- id: ", "- id: doc-", 1) for b in blocks]
    path = write(tmp_path, "extends: fzzf-2019\nrules:\n" + "".join(renamed), "from-docs.yaml")
    ruleset = load_ruleset([path])
    assert {r.kind for r in ruleset.rules if r.id.startswith("doc-")} == set(KINDS)
    assert run_examples(ruleset) == []
    audit = checker.check(SEEDS / "000_011102927b9a91b0.txt", rules=ruleset)
    statuses = {f.rule: f.status for f in audit.findings}
    assert statuses["doc-problems"] == statuses["problems"] == "pass"


def test_skeleton_in_the_docs_is_the_one_rules_new_writes(tmp_path):
    blocks = [b for b in _yaml_blocks(docgen.generate()) if "id: my-rules" in b]
    assert blocks == [docgen.SKELETON]


# --- fzzf-dept and the provincial example ----------------------------------------------------------------

def test_department_ruleset_differs_where_departments_differ():
    dept, base = load_ruleset(["fzzf-dept"]), load_ruleset()
    assert [r.id for r in dept.rules] == [r.id for r in base.rules]
    assert dept.get("timeliness").options["deadline"] == {"year_offset": 1, "month": 3, "day": 1}
    report = ("某县司法局2024年法治政府建设情况报告\n2024年，我局推进法治建设。\n一、主要举措和成效\n工作扎实。\n"
              "二、部门主要负责人履行推进法治建设第一责任人职责情况\n局党组书记、局长亲自部署。\n某县司法局\n2025年3月15日")
    statuses = {f.rule: f.status for f in checker.check("x.txt", rules=dept, text=report).findings}
    assert statuses["first-responsible"] == "pass" and statuses["timeliness"] == "fail"
    assert {f.rule: f.status for f in checker.check("x.txt", text=report).findings}["timeliness"] == "pass"


def test_province_example_requires_the_rectification_section():
    ruleset = load_ruleset([PROVINCE])
    assert run_examples(ruleset) == []
    with_it = checker.check(SEEDS / "004_12f066875d9f6aed.txt", rules=ruleset)
    found = next(f for f in with_it.findings if f.rule == "rectification")
    assert found.status == "pass" and "上一年度存在问题改进情况" in found.evidence[0].text
    without = checker.check(SEEDS / "000_011102927b9a91b0.txt", rules=ruleset)
    assert next(f for f in without.findings if f.rule == "rectification").status == "fail"
    assert next(f for f in without.findings if f.rule == "body-length").status == "pass"


def test_province_example_passes_rules_test():
    result = invoke("validate", PROVINCE)
    assert result.exit_code == 0
    assert invoke("test", PROVINCE).exit_code == 0
