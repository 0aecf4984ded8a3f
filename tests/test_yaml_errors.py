"""A rule author's YAML slips, told in Chinese at the line where they stand."""
import pytest

from checker.errors import RulesError
from checker.ruleset import load_ruleset


@pytest.mark.parametrize("text, line, column, says", [
    ("rules:\n  - id: a\n    name: x\n\tkind: phrase\n", 4, 1, "制表符（Tab）"),
    ("rules:\n  - id: a\n    weight：10\n    kind: phrase\n", 3, 11, "全角冒号"),
    ("rules:\n  - id: a\n    name: x\n   kind: phrase\n", 4, 4, "缩进不一致"),
    ('rules:\n  - id: a\n    patterns: ["\\d+"]\n', 3, 17, "正则表达式请用单引号"),
    ("rules:\n  - id: a\n    message: 缺少: 标题\n", 3, None, "值里含冒号时请给整个值加引号"),
])
def test_yaml_slips_are_explained_at_their_line(tmp_path, text, line, column, says):
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as raised:
        load_ruleset([str(path)])
    error = raised.value
    assert says in error.message and error.message.startswith("YAML 无法解析：")
    assert error.path == str(path) and error.line == line and (column is None or error.column == column)
    assert not any(word in error.message for word in ("found", "expected", "could not"))


def test_rules_test_names_the_line_of_each_failing_example(tmp_path):
    from click.testing import CliRunner

    from checker.cli import cli

    path = tmp_path / "mine.yaml"
    path.write_text("extends: fzzf-2019\nrules:\n  - id: title\n    examples:\n      pass:\n"
                    "        - 某县2024年法治政府建设情况报告\\n正文。\n        - 没有标题的一段正文，说的是依法行政。\n",
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["rules", "test", str(path)])
    assert result.exit_code == 1
    assert f"{path}:7: [title] 样例应为 pass，实际为 fail" in result.stdout
