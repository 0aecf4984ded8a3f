"""Project configuration: discovery upwards from the report, strict keys, command line wins, disable."""
import pytest

from checker.config import Config, apply_disable, find_config, load_config, settings_for
from checker.errors import RulesError
from checker.ruleset import load_ruleset


@pytest.fixture
def repo(tmp_path):
    """A project folder (with .git) holding reports two levels down."""
    (tmp_path / "proj" / ".git").mkdir(parents=True)
    reports = tmp_path / "proj" / "reports" / "2024"
    reports.mkdir(parents=True)
    (reports / "report.txt").write_text("报告", encoding="utf-8")
    return tmp_path / "proj"


def test_found_from_a_nested_folder_with_relative_rule_paths(repo):
    (repo / "fzcheck.yaml").write_text(
        "rules: [fzzf-2019, province.yaml]\ndisable: [section-order]\nfail-under: 60\nmax-bytes: 1000\n", encoding="utf-8")
    config = find_config(repo / "reports" / "2024" / "report.txt")
    assert config == Config(path=str(repo / "fzcheck.yaml"), rules=("fzzf-2019", str(repo / "province.yaml")),
                            disable=("section-order",), fail_under=60, max_bytes=1000)


def test_nearest_config_wins(repo):
    (repo / "fzcheck.yaml").write_text("fail-under: 60\n", encoding="utf-8")
    (repo / "reports" / "fzcheck.yaml").write_text("fail-under: 80\n", encoding="utf-8")
    assert find_config(repo / "reports" / "2024").fail_under == 80


def test_search_stops_at_the_repository_root(repo):
    (repo.parent / "fzcheck.yaml").write_text("fail-under: 60\n", encoding="utf-8")
    assert find_config(repo / "reports" / "2024") is None


def test_pyproject_tool_table(repo):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.fzcheck]\nrules = ["fzzf-dept"]\n'
                                         'fail-under = 75.5\n', encoding="utf-8")
    config = find_config(repo / "reports" / "2024")
    assert (config.rules, config.fail_under, config.path) == (("fzzf-dept",), 75.5, str(repo / "pyproject.toml"))


def test_pyproject_without_the_table_is_passed_over(repo):
    (repo / "reports" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (repo / "fzcheck.yaml").write_text("max-bytes: 5\n", encoding="utf-8")
    assert find_config(repo / "reports" / "2024").max_bytes == 5


def test_unknown_key_is_an_error_with_position_and_suggestion(repo):
    path = repo / "fzcheck.yaml"
    path.write_text("rules: [fzzf-2019]\nfail_under: 60\n", encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        find_config(repo / "reports")
    assert str(caught.value) == f"{path}:2:1: 未知的配置项 fail_under；是不是要写 fail-under？"


def test_unknown_key_in_pyproject_names_its_line(repo):
    path = repo / "pyproject.toml"
    path.write_text('[tool.fzcheck]\nrules = ["fzzf-2019"]\n  disabel = ["title"]\n', encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}:3:3: 未知的配置项 disabel；是不是要写 disable？"


def test_every_bad_value_is_reported(repo):
    path = repo / "fzcheck.yaml"
    path.write_text("rules: fzzf-2019\nfail-under: 120\nmax-bytes: -1\n", encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_config(path)
    rendered = [str(e) for e in caught.value.errors]
    assert [r.split(":")[1] for r in rendered] == ["1", "2", "3"]
    assert "配置项 rules 应为字符串列表" in rendered[0] and "0–100 的数字" in rendered[1] and "正整数" in rendered[2]


def test_not_a_mapping_and_bad_yaml(repo):
    path = repo / "fzcheck.yaml"
    path.write_text("- rules\n", encoding="utf-8")
    with pytest.raises(RulesError, match="配置必须是映射"):
        load_config(path)
    path.write_text("rules: [\n", encoding="utf-8")
    with pytest.raises(RulesError, match="YAML 无法解析"):
        load_config(path)
    path.write_text("", encoding="utf-8")
    assert load_config(path) == Config(path=str(path))


def test_command_line_wins():
    config = Config(path="fzcheck.yaml", rules=("a.yaml",), disable=("title",), fail_under=60, max_bytes=100)
    assert config.merge() == config
    merged = config.merge(rules=["b.yaml"], fail_under=0, max_bytes=5)
    assert (merged.rules, merged.fail_under, merged.max_bytes, merged.disable) == (("b.yaml",), 0, 5, ("title",))


def test_apply_disable():
    ruleset = load_ruleset()
    trimmed = apply_disable(ruleset, ["section-order", "data-density"])
    assert [r.id for r in trimmed.rules] == [r.id for r in ruleset.rules if r.id not in ("section-order", "data-density")]
    assert len(ruleset.rules) == len(load_ruleset().rules)  # the original is untouched
    with pytest.raises(RulesError, match="disable 中的规则 titel 不存在；是不是要写 title？"):
        apply_disable(ruleset, ["titel"])
    with pytest.raises(RulesError, match="规则 problem-causes 引用了被停用的规则 problems"):
        apply_disable(ruleset, ["problems"])


def test_settings_for_lint(repo, tmp_path):
    (repo / "fzcheck.yaml").write_text("rules: [fzzf-dept]\nfail-under: 60\n", encoding="utf-8")
    report = repo / "reports" / "2024" / "report.txt"
    settings = settings_for(report, rules=(), fail_under=None, max_bytes=None)
    assert (settings.rules, settings.fail_under, settings.max_bytes) == (("fzzf-dept",), 60, None)
    assert settings_for(report, rules=("fzzf-2019",), fail_under=90).rules == ("fzzf-2019",)
    assert settings_for(report, use_config=False) == Config(path="")
    other = tmp_path / "other.yaml"
    other.write_text("max-bytes: 7\n", encoding="utf-8")
    assert settings_for(report, config_path=str(other)).max_bytes == 7


def test_apply_disable_tells_a_builtin_scope_from_the_rule_of_that_name(tmp_path):
    # `scope: title` reads the report's title, not the `title` rule: disabling the rule leaves it working
    extension = tmp_path / "ext.yaml"
    extension.write_text("extends: fzzf-2019\nrules:\n  - id: title-year\n    name: 标题写年度\n    kind: phrase\n"
                         "    severity: info\n    weight: 1\n    scope: title\n    patterns: ['{year}']\n"
                         "    message: 标题没有年度\n    suggestion: 写明年度\n    source: 条例\n", encoding="utf-8")
    trimmed = apply_disable(load_ruleset([str(extension)]), ["title"])
    assert "title-year" in [r.id for r in trimmed.rules] and "title" not in [r.id for r in trimmed.rules]
    with pytest.raises(RulesError, match="规则 section-order 引用了被停用的规则 first-responsible"):
        apply_disable(load_ruleset(), ["first-responsible"])   # a rule named in `sections`
