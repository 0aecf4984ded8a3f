"""Ruleset loading: the shipped rules are valid and self-tested; bad rule files fail loudly with
file:line:column; extension files override only what they say."""
import textwrap

import pytest

import checker
from builders import MINIMAL_RULE
from checker.errors import RulesError
from checker.ruleset import load_ruleset
from checker.testing import run_examples

DEFAULT_IDS = ["title", "measures", "problems", "problem-causes", "first-responsible", "next-year-plan",
               "other-matters", "signature", "date", "date-format", "timeliness", "placeholders",
               "no-request", "number-sanity", "data-density", "problems-substance", "section-order"]



def write(tmp_path, text, name="custom.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


def test_default_ruleset_has_the_public_rule_ids():
    assert [r.id for r in load_ruleset().rules] == DEFAULT_IDS


def test_every_shipped_rule_has_passing_and_failing_examples_that_hold():
    ruleset = load_ruleset()
    for rule in ruleset.rules:
        keys = set(rule.examples)
        assert "pass" in keys and keys & {"fail", "partial", "skip"}, rule.id
    assert run_examples(ruleset) == []


def test_example_that_no_longer_matches_is_reported(tmp_path):
    path = write(tmp_path, "rules:\n" + MINIMAL_RULE + "    examples:\n      pass: ['2024年，我县推进依法行政。']\n")
    failures = run_examples(load_ruleset([path]))
    assert [(f.rule, f.expected, f.actual) for f in failures] == [("has-title", "pass", "skip")]


@pytest.mark.parametrize("mutation,needle,line", [
    (("kind: phrase", "kind: phrse"), "未知的规则类型 phrse；是不是要写 phrase", 4),
    (("    scope: title\n", "    scope: title\n    scpoe: body\n"), "未知字段 scpoe；是不是要写 scope", 8),
    (("weight: 5", "weight: 高"), "字段 weight 应为数字", 6),
    (("severity: warning", "severity: fatal"), "字段 severity 取值应为 error / warning / info 之一", 5),
    (("patterns: ['报告']", "patterns: ['报告(']"), "正则表达式 '报告(' 无效", 8),
    (("    message: 没有标题\n", ""), "缺少必填字段 message", 2),
])
def test_invalid_rule_is_an_error_with_position(tmp_path, mutation, needle, line):
    old, new = mutation
    path = write(tmp_path, "rules:\n" + MINIMAL_RULE.replace(old, new))
    with pytest.raises(RulesError) as caught:
        load_ruleset([path])
    rendered = str(caught.value)
    assert needle in rendered
    assert rendered.startswith(f"{path}:{line}:")
    assert "[has-title]" in rendered


def test_duplicate_ids_are_rejected(tmp_path):
    path = write(tmp_path, "rules:\n" + MINIMAL_RULE + MINIMAL_RULE)
    with pytest.raises(RulesError, match="规则 id 重复：has-title"):
        load_ruleset([path])


def test_python_object_tag_is_rejected_without_running_it(tmp_path):
    path = write(tmp_path, "rules: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(RulesError, match="不允许的 YAML 标签"):
        load_ruleset([path])


def test_missing_ruleset_file_is_an_error(tmp_path):
    with pytest.raises(RulesError, match="找不到规则集"):
        load_ruleset([str(tmp_path / "none.yaml")])


def test_extension_overrides_disables_and_adds_only_what_it_says(tmp_path):
    header = "extends: fzzf-2019\ndisable: [section-order]\nrules:\n  - id: problems\n    severity: warning\n    weight: 30\n"
    path = write(tmp_path, header + MINIMAL_RULE)
    base, extended = load_ruleset(), load_ruleset([path])
    ids = [r.id for r in extended.rules]
    assert "section-order" not in ids and "has-title" in ids
    problems, original = extended.get("problems"), base.get("problems")
    assert (problems.severity, problems.weight) == ("warning", 30)
    assert problems.options["headings"] == original.options["headings"]
    assert extended.get("measures") == base.get("measures")


def test_custom_rule_runs_on_a_report(tmp_path):
    path = write(tmp_path, "rules:\n" + MINIMAL_RULE)
    audit = checker.check("x.txt", rules=[path], text="某县2024年法治政府建设情况报告\n2024年，我县推进依法行政。")
    assert [(f.rule, f.status) for f in audit.findings] == [("has-title", "pass")]


def test_scope_naming_a_missing_rule_is_an_error_not_a_silent_skip(tmp_path):
    path = write(tmp_path, "rules:\n" + MINIMAL_RULE.replace("scope: title", "scope: problemz"))
    with pytest.raises(RulesError) as caught:
        load_ruleset([path])
    assert "引用的规则或范围 problemz 不存在" in str(caught.value)
    assert str(caught.value).startswith(f"{path}:2:")
