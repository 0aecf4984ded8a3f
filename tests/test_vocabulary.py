"""Words a rule author changes in YAML (vocabulary:), not in Python."""
import pytest

import checker
from checker.errors import RulesError
from checker.ruleset import load_ruleset

REPORT = ("某县2024年法治政府建设情况报告\n一、主要举措和成效\n全年办理行政复议案件12例，化解矛盾纠纷35例，培训执法人员8批。\n"
          "二、存在的问题\n一是基层力量不足。二是培训不够。\n三、2025年工作安排\n继续推进。\n")


def write(tmp_path, text):
    path = tmp_path / "province.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def density(rules) -> dict:
    finding = next(f for f in checker.check(None, rules, text=REPORT).findings if f.rule == "data-density")
    return finding


def test_a_province_counts_its_own_units_as_figures(tmp_path):
    shipped = density(None)
    units = write(tmp_path, "extends: fzzf-2019\nvocabulary:\n  units: [例, 批]\n")
    own = density([units])
    assert own.status != shipped.status or own.message != shipped.message
    assert load_ruleset([units]).vocabulary.units == ("例", "批")
    assert load_ruleset([units]).vocabulary.stopwords == load_ruleset().vocabulary.stopwords   # others kept


def test_page_furniture_words_come_from_the_ruleset(tmp_path):
    page = "智慧门户 政务服务\n某县2024年法治政府建设情况报告\n2024年，我县推进依法行政。\n一、主要举措和成效\n全年办案12件。\n"
    furniture = write(tmp_path, "extends: fzzf-2019\nvocabulary:\n  page_furniture: [智慧门户]\n")
    assert checker.check(None, [furniture], text=page).title == "某县2024年法治政府建设情况报告"


@pytest.mark.parametrize("section, says", [("units: 例", "应为非空的字符串列表"), ("unit: [例]", "未知字段 unit"),
                                           ("neardup_anchors: ''", "非空字符串")])
def test_a_bad_vocabulary_is_an_error_at_its_line(tmp_path, section, says):
    path = write(tmp_path, f"extends: fzzf-2019\nvocabulary:\n  {section}\n")
    with pytest.raises(RulesError) as raised:
        load_ruleset([path])
    assert says in raised.value.message and raised.value.line == 3
