"""Ruleset loading: the shipped rules are valid and self-tested; bad rule files fail loudly with
file:line:column; extension files override only what they say."""
import textwrap

import pytest

import checker
from builders import CYCLE_RULES, MINIMAL_RULE
from checker.errors import RulesError
from checker.ruleset import load_ruleset
from checker.testing import run_examples

DEFAULT_IDS = ["title", "measures", "problems", "problem-causes", "first-responsible", "next-year-plan",
               "other-matters", "signature", "date", "date-format", "timeliness", "placeholders",
               "no-request", "number-sanity", "data-density", "problems-substance", "section-order",
               "list-punctuation", "problems-repeated", "plans-followed-up"]



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
    (("weight: 5", "weight: -5"), "weight 不能为负数", 6),
    (("message: 没有标题", "message: 发现 {nosuchfield}"), "未知的变量 {nosuchfield}；可用：", 9),
    (("suggestion: 加标题", "suggestion: 改为 {regoin}"), "未知的变量 {regoin}；可用：{count}、{found}、{matched}、"
                                                          "{next_year}、{region}、{title}、{year}；是不是要写 region", 10),
    (("message: 没有标题", "message: 写成 {年度"), "花括号不成对", 9),
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


def test_a_ruleset_not_in_utf8_is_told_to_be_saved_as_utf8(tmp_path):
    path = tmp_path / "省规则.yaml"
    path.write_bytes(("rules:\n" + MINIMAL_RULE).encode("gb18030"))
    with pytest.raises(RulesError, match="规则文件须为 UTF-8 编码，请用编辑器另存为 UTF-8"):
        load_ruleset([str(path)])


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


def test_patterns_written_with_full_width_punctuation_and_curly_quotes_match(tmp_path):
    """Reports are matched in their normalised form (，→, （→( “→"); a rule author types the report's own
    characters, and a （ must stay a literal bracket, not open a group."""
    path = write(tmp_path, """\
        rules:
          - id: leader
            name: 一把手
            kind: phrase
            severity: warning
            weight: 5
            scope: all
            patterns: ['落实“一把手”责任制', '（一）加强领导：']
            match: all
            message: 没有写一把手
            suggestion: 写一把手
            source: 条例
        genre:
          not_report:
            - {reason: 这是通知, where: text, patterns: ['特此通知（完）']}
        """)
    text = "某县2024年法治政府建设情况报告\n（一）加强领导：局长严格落实“一把手”责任制。"
    audit = checker.check("x.txt", rules=[path], text=text)
    assert [(f.rule, f.status) for f in audit.findings] == [("leader", "pass")]
    assert checker.check("x.txt", rules=[path], text=text.replace("（一）", "一")).findings[0].status == "partial"
    with pytest.raises(checker.NotAReportError):
        checker.check("x.txt", rules=[path], text=text + "\n依法行政。特此通知（完）")


def test_a_full_width_character_after_an_escaped_backslash_stays_a_literal():
    import re

    from checker.document.normalize import normalize_pattern

    assert normalize_pattern("（一）") == r"\(一\)" and normalize_pattern(r"\（一\）") == r"\(一\)"
    literal = normalize_pattern(r"\\（x\\）")          # a backslash, then a bracket: both literal
    assert re.fullmatch(literal, "\\(x\\)") and normalize_pattern("[，；]") == "[,;]"


def test_scope_naming_a_missing_rule_is_an_error_not_a_silent_skip(tmp_path):
    path = write(tmp_path, "rules:\n" + MINIMAL_RULE.replace("scope: title", "scope: problemz"))
    with pytest.raises(RulesError) as caught:
        load_ruleset([path])
    assert "引用的规则或范围 problemz 不存在" in str(caught.value)
    assert str(caught.value).startswith(f"{path}:7:12: [has-title]")  # at the scope value, not the rule


# --- inheritance: extends, overrides, disable, enabled ----------------------------------------------------

def ids_of(ruleset):
    return [r.id for r in ruleset.rules]


def test_enabled_false_survives_a_child_that_overrides_another_field(tmp_path):
    write(tmp_path, "rules:\n" + MINIMAL_RULE + "    enabled: false\n", "parent.yaml")
    child = write(tmp_path, "extends: parent.yaml\nrules:\n  - id: has-title\n    weight: 8\n", "child.yaml")
    assert ids_of(load_ruleset([child])) == []
    again = write(tmp_path, "extends: child.yaml\nrules:\n  - id: has-title\n    enabled: true\n", "again.yaml")
    rule = load_ruleset([again]).get("has-title")
    assert (rule.weight, rule.name) == (8, "标题")


def test_disable_is_inherited_like_enabled_false(tmp_path):
    write(tmp_path, "rules:\n" + MINIMAL_RULE, "base.yaml")
    write(tmp_path, "extends: base.yaml\ndisable: [has-title]\n", "parent.yaml")
    child = write(tmp_path, "extends: parent.yaml\nrules:\n  - id: has-title\n    weight: 8\n", "child.yaml")
    assert ids_of(load_ruleset([child])) == []
    again = write(tmp_path, "extends: child.yaml\nrules:\n  - id: has-title\n    enabled: true\n", "again.yaml")
    assert load_ruleset([again]).get("has-title").weight == 8


def test_disable_and_enabled_true_in_one_file_contradict(tmp_path):
    write(tmp_path, "rules:\n" + MINIMAL_RULE, "base.yaml")
    path = write(tmp_path, "extends: base.yaml\ndisable: [has-title]\nrules:\n  - id: has-title\n    enabled: true\n")
    with pytest.raises(RulesError) as caught:
        load_ruleset([path])
    assert str(caught.value).startswith(f"{path}:5:14: [has-title] 同一文件的 disable 中停用了 has-title")


def test_a_file_reached_twice_is_merged_once_and_keeps_later_overrides(tmp_path):
    heavier = write(tmp_path, "extends: fzzf-2019\nrules:\n  - id: problems\n    weight: 30\n", "heavier.yaml")
    assert load_ruleset([heavier, "fzzf-2019"]).get("problems").weight == 30
    write(tmp_path, "extends: fzzf-2019\ndisable: [section-order]\n", "shorter.yaml")
    both = write(tmp_path, "extends: [heavier.yaml, shorter.yaml]\n", "both.yaml")   # a diamond, not a cycle
    ruleset = load_ruleset([both])
    assert ruleset.get("problems").weight == 30 and "section-order" not in ids_of(ruleset)
    assert ruleset.sources == [str(load_ruleset().sources[0]), heavier, str(tmp_path / "shorter.yaml"), both]


def test_extends_cycle_names_the_chain_at_the_extends_value(tmp_path):
    first = write(tmp_path, "extends: second.yaml\n", "first.yaml")
    second = write(tmp_path, "extends: first.yaml\n", "second.yaml")
    with pytest.raises(RulesError) as caught:
        load_ruleset([first])
    assert str(caught.value) == f"{second}:1:10: extends 形成循环引用：first.yaml → second.yaml → first.yaml"


def test_missing_parent_is_an_error_at_the_extends_entry(tmp_path):
    path = write(tmp_path, "extends:\n  - fzzf-2019\n  - provinc.yaml\n")
    with pytest.raises(RulesError) as caught:
        load_ruleset([path])
    assert str(caught.value).startswith(f"{path}:3:5: 找不到规则集 provinc.yaml；内置的有：fzzf-2019、fzzf-dept")


def test_scoring_override_keeps_what_it_does_not_give(tmp_path):
    write(tmp_path, "scoring:\n  grades: [{min: 50, name: 及格}, {min: 0, name: 不及格}]\nrules:\n" + MINIMAL_RULE, "parent.yaml")
    child = write(tmp_path, "extends: parent.yaml\nscoring:\n  credit: {partial: 0.6}\n", "child.yaml")
    scoring = load_ruleset([child]).scoring
    assert scoring.credit == {"pass": 1.0, "partial": 0.6, "fail": 0.0}
    assert scoring.grades == ((50, "及格"), (0, "不及格"))


# --- references between rules: missing, disabled, cyclic ---------------------------------------------------



def test_reference_cycle_is_an_error_at_load_time_with_position(tmp_path):
    path = write(tmp_path, CYCLE_RULES)
    with pytest.raises(RulesError) as caught:
        load_ruleset([path])
    assert [str(e) for e in caught.value.errors] == [
        f"{path}:7:12: [causes] 规则之间的 scope / not_within 引用形成循环：causes → weak-points → causes，"
        "无法确定先检查哪一条；请去掉其中一处引用"]
    with pytest.raises(RulesError, match="引用形成循环"):   # before any report is read, not in mid-run
        checker.check("x.txt", rules=[path], text="某县2024年法治政府建设情况报告\n二、存在的不足\n一是原因不清。")


def test_rule_naming_itself_is_a_cycle(tmp_path):
    path = write(tmp_path, "rules:\n" + MINIMAL_RULE.replace("scope: title", "scope: has-title"))
    with pytest.raises(RulesError) as caught:
        load_ruleset([path])
    assert str(caught.value).startswith(f"{path}:7:12: [has-title] 规则之间的 scope 引用形成循环：has-title → has-title，")


def test_cycle_through_the_shipped_rules_points_at_the_extension(tmp_path):
    # problem-causes reads the part `problems` locates; making `problems` skip headings inside it closes a loop
    path = write(tmp_path, "extends: fzzf-2019\nrules:\n  - id: problems\n    not_within: [problem-causes]\n")
    with pytest.raises(RulesError) as caught:
        load_ruleset([path])
    assert str(caught.value).startswith(
        f"{path}:4:18: [problems] 规则之间的 not_within / scope 引用形成循环：problems → problem-causes → problems，")


def test_cycle_through_sections_of_an_order_rule(tmp_path):
    order = ("  - id: sequence\n    name: 顺序\n    kind: order\n    severity: info\n    weight: 0\n"
             "    sections: [measures, has-title]\n    message: 顺序不对\n    suggestion: 调整\n    source: 条例\n")
    path = write(tmp_path, "extends: fzzf-2019\nrules:\n" + MINIMAL_RULE.replace("scope: title", "scope: sequence") + order)
    with pytest.raises(RulesError) as caught:
        load_ruleset([path])
    assert str(caught.value).startswith(f"{path}:8:12: [has-title] 规则之间的 scope / sections 引用形成循环："
                                        "has-title → sequence → has-title，")


def test_every_reference_problem_is_reported_together(tmp_path):
    broken = CYCLE_RULES + MINIMAL_RULE.replace("scope: title", "scope: weak-point")
    path = write(tmp_path, broken)
    with pytest.raises(RulesError) as caught:
        load_ruleset([path])
    rendered = [str(e) for e in caught.value.errors]
    assert len(rendered) == 2
    assert rendered[0].startswith(f"{path}:27:12: [has-title] 引用的规则或范围 weak-point 不存在") and "是不是要写 weak-points" in rendered[0]
    assert rendered[1].startswith(f"{path}:7:12: [causes] 规则之间的 scope / not_within 引用形成循环")


def test_disabling_a_rule_others_read_is_an_error_at_the_disable(tmp_path):
    path = write(tmp_path, "extends: fzzf-2019\ndisable: [problems]\n")
    with pytest.raises(RulesError) as caught:
        load_ruleset([path])
    rendered = [str(e) for e in caught.value.errors]
    assert [r.split(" ")[1] for r in rendered] == ["[problem-causes]", "[problems-substance]", "[section-order]",
                                                   "[problems-repeated]"]
    assert all(r.startswith(f"{path}:2:11: ") and "引用的规则 problems 已停用" in r for r in rendered)


def test_sections_take_rule_ids_not_builtin_scopes(tmp_path):
    path = write(tmp_path, "extends: fzzf-2019\nrules:\n  - id: section-order\n    sections: [measures, body]\n")
    with pytest.raises(RulesError) as caught:
        load_ruleset([path])
    assert str(caught.value).startswith(f"{path}:4:26: [section-order] sections 中的规则 body 不存在（应为规则的 id）")


# --- the file's own fields: schema, types; ids that would shadow a built-in scope ----------------------------

def test_unknown_schema_is_an_error_naming_the_known_ones(tmp_path):
    path = write(tmp_path, "schema: fzcheck-rules/2\nrules:\n" + MINIMAL_RULE)
    with pytest.raises(RulesError) as caught:
        load_ruleset([path])
    assert str(caught.value) == f"{path}:1:9: 未知的 schema 'fzcheck-rules/2'（已知的格式版本：fzcheck-rules/1）"
    known = write(tmp_path, "schema: fzcheck-rules/1\nrules:\n" + MINIMAL_RULE, "known.yaml")
    assert ids_of(load_ruleset([known])) == ["has-title"]


@pytest.mark.parametrize("text,needle,line", [
    ("disable: section-order\n", "disable 应为字符串列表", 1),
    ("dictionary: 法治\n", "dictionary 应为字符串列表", 1),
    ("extends: {name: fzzf-2019}\n", "extends 应为规则集名称或文件路径", 1),
    ("rules:\n" + MINIMAL_RULE + "scoring: {credit: 1}\n", "credit 应为映射", 12),
])
def test_top_level_fields_of_the_wrong_type_are_one_error_each(tmp_path, text, needle, line):
    path = write(tmp_path, text)
    with pytest.raises(RulesError) as caught:
        load_ruleset([path])
    assert len(caught.value.errors) == 1
    assert needle in str(caught.value) and str(caught.value).startswith(f"{path}:{line}:")


@pytest.mark.parametrize("scope_name", ["all", "body", "title", "head"])
def test_rule_id_shadowing_a_builtin_scope_is_an_error_at_the_id(tmp_path, scope_name):
    path = write(tmp_path, "rules:\n" + MINIMAL_RULE.replace("id: has-title", f"id: {scope_name}")
                 .replace("scope: title", "scope: body" if scope_name == "title" else "scope: title"))
    with pytest.raises(RulesError) as caught:
        load_ruleset([path])
    assert str(caught.value).startswith(f"{path}:2:9: [{scope_name}] 规则 id {scope_name} 与内置范围 {scope_name} 同名")


def test_a_rule_named_after_the_scope_it_checks_is_not_ambiguous(tmp_path):
    # the shipped `title` rule looks at the title: `scope: title` reads the same text either way
    assert load_ruleset().get("title").options["scope"] == "title"
    path = write(tmp_path, "rules:\n" + MINIMAL_RULE.replace("id: has-title", "id: title"))
    assert ids_of(load_ruleset([path])) == ["title"]
    moved = write(tmp_path, "extends: fzzf-2019\nrules:\n  - id: title\n    scope: head\n", "moved.yaml")
    with pytest.raises(RulesError) as caught:
        load_ruleset([moved])
    assert str(caught.value).startswith(f"{moved}:3:9: [title] 规则 id title 与内置范围 title 同名")


def test_a_kind_declares_the_rules_its_options_name(tmp_path):
    # the compare kind's section/against are declared references: checked like scope and sections
    path = write(tmp_path, "extends: fzzf-2019\nrules:\n  - id: plans-followed-up\n    against: measure\n")
    with pytest.raises(RulesError) as caught:
        load_ruleset([path])
    assert str(caught.value).startswith(f"{path}:4:14: [plans-followed-up] against 中的规则 measure 不存在")
    assert "是不是要写 measures" in str(caught.value)


def test_a_closing_rule_names_only_the_outcomes_of_its_element(tmp_path):
    path = write(tmp_path, "extends: fzzf-2019\nrules:\n  - id: signature\n    messages:\n      late: 迟了\n")
    with pytest.raises(RulesError) as caught:
        load_ruleset([path])
    assert str(caught.value).startswith(f"{path}:5:7: [signature] messages 中的未知结果代码 late")
    ok = write(tmp_path, "extends: fzzf-2019\nrules:\n  - id: timeliness\n    messages:\n      late: 迟了\n", "ok.yaml")
    assert load_ruleset([ok]).get("timeliness").messages["late"] == "迟了"
