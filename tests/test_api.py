"""The Python API: checker.check() loads a ruleset once, and again when its file changes."""
import os

import checker
from builders import MINIMAL_RULE

TEXT = "某县2024年法治政府建设情况报告\n一、主要举措和成效\n全年办理案件12件。\n"


def test_check_reuses_a_ruleset_until_its_file_changes(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("rules:\n" + MINIMAL_RULE, encoding="utf-8")
    first = checker.check(None, [str(path)], text=TEXT)
    assert checker.check(None, [str(path)], text=TEXT).findings[0].name == "标题"
    assert checker._ruleset((str(path),)) is checker._ruleset((str(path),))
    path.write_text("rules:\n" + MINIMAL_RULE.replace("name: 标题", "name: 报告标题"), encoding="utf-8")
    os.utime(path, ns=(first and 1, 1))          # a different stamp even within one clock tick
    assert checker.check(None, [str(path)], text=TEXT).findings[0].name == "报告标题"
