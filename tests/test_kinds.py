"""Each rule kind on small reports, through checker.check with the default ruleset (and tiny custom ones)."""
from collections import Counter

import pytest

import checker
from checker import load_ruleset

DEFAULT = load_ruleset()

HEAD = "临江县2024年法治政府建设情况报告\n2024年，临江县坚持以习近平法治思想为指导，全面推进依法行政。\n"
MEASURES = "一、主要举措和成效\n全年办理行政复议案件48件，培训执法人员320人次，纠错率12.5%。\n"
PROBLEMS = ("二、存在的不足和原因\n一是少数领导干部运用法治思维解决问题的能力不强，重大决策合法性审查流于形式，"
            "个别事项未经审查即上会研究；二是基层执法力量薄弱，乡镇综合执法队伍专业人员不足，执法装备和经费保障跟不上，"
            "执法不规范问题时有发生；三是部分单位负责人出庭应诉率偏低。究其原因，主要是培训投入不足。\n")
FIRST = "三、党政主要负责人履行推进法治建设第一责任人职责情况\n县长亲自部署、亲自过问法治政府建设重要工作3次。\n"
PLAN = "四、2025年推进法治政府建设的主要安排\n继续深化行政执法体制改革，提升行政复议质效。\n"
CLOSING = "临江县人民政府\n2025年2月8日\n"
FULL = HEAD + MEASURES + PROBLEMS + FIRST + PLAN + CLOSING

TINY = """\
schema: fzcheck-rules/1
id: tiny
name: 测试规则
dictionary: [问题, 不足, 短板, 原因, 困难]
rules:
  - id: fuzzy-problems
    name: 存在的不足（只按写法模糊匹配）
    kind: section
    severity: error
    weight: 1
    headings: [存在的问题和不足, 存在的短板和不足]
    message: 缺少不足部分
    suggestion: 单列不足部分
    source: 测试
  - id: causes
    name: 不足及原因（按关键词组）
    kind: section
    severity: error
    weight: 1
    headings: [存在的不足和原因]
    keywords: [[问题, 不足], [原因]]
    threshold: 95
    message: 缺少原因
    suggestion: 写原因
    source: 测试
  - id: advisor-any
    name: 法律顾问（任一，至少两处）
    kind: phrase
    severity: info
    weight: 1
    patterns: ['法律顾问', '公职律师']
    min_count: 2
    message: 未写法律顾问
    suggestion: 写法律顾问
    source: 测试
  - id: advisor-all
    name: 法律顾问和公职律师（全部）
    kind: phrase
    severity: info
    weight: 1
    match: all
    patterns: ['法律顾问', '公职律师']
    message: 未写全
    suggestion: 写全
    source: 测试
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    path = tmp_path_factory.mktemp("rules") / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    return load_ruleset([str(path)])


def finding(text: str, rule: str, rules=DEFAULT):
    return next(f for f in checker.check(None, rules, text=text, force=True).findings if f.rule == rule)


def result(text: str, rule: str, rules=DEFAULT) -> tuple[str, str]:
    f = finding(text, rule, rules)
    return f.status, f.outcome


# --- section ---------------------------------------------------------------------------------------

def test_full_report_passes_every_section():
    for rule in ("measures", "problems", "first-responsible", "next-year-plan"):
        assert result(FULL, rule) == ("pass", "heading"), rule


def test_section_evidence_is_the_heading_and_its_line():
    f = finding(FULL, "problems")
    assert [(e.line, e.text) for e in f.evidence] == [(5, "二、存在的不足和原因")]


@pytest.mark.parametrize("heading", ["二、存在的短板与不足", "三、问题与不足", "二、存在的不足与问题"])
def test_section_passes_by_an_unlisted_wording(tiny, heading):
    text = HEAD + MEASURES + f"{heading}\n基层执法力量薄弱。\n"
    assert result(text, "fuzzy-problems", tiny) == ("pass", "heading")
    assert result(text, "problems") == ("pass", "heading")


def test_section_fuzzy_match_does_not_take_an_unrelated_heading(tiny):
    text = HEAD + MEASURES + "二、工作中存在的亮点\n基层执法规范。\n"
    assert result(text, "fuzzy-problems", tiny) == ("fail", "missing")


def test_section_passes_by_keyword_groups(tiny):
    both = HEAD + MEASURES + "二、部分单位履职不足及其原因\n培训投入不足。\n"
    one = HEAD + MEASURES + "二、部分单位履职不足\n培训投入不足。\n"
    assert result(both, "causes", tiny) == ("pass", "heading")
    assert result(one, "causes", tiny) == ("fail", "missing")


def test_section_partial_by_thematic_headings():
    text = (HEAD + "一、依法全面履行政府职能\n全年取消行政许可事项12项。\n"
            "二、严格规范公正文明执法\n全年办理行政执法案件1260件。\n" + CLOSING)
    f = finding(text, "measures")
    assert (f.status, f.outcome) == ("partial", "thematic")
    assert [e.text for e in f.evidence] == ["一、依法全面履行政府职能", "二、严格规范公正文明执法"]


def test_section_partial_by_body_cue_with_its_line():
    text = HEAD + "一、主要举措和成效\n全年办理案件12件。\n工作扎实，但仍存在基层执法力量薄弱等问题。\n" + CLOSING
    f = finding(text, "problems")
    assert (f.status, f.outcome) == ("partial", "cue")
    assert f.evidence[0].line == 5
    assert f.evidence[0].text.startswith("但仍存在基层执法力量薄弱")


def test_section_fails_when_absent():
    text = HEAD + MEASURES + PLAN + CLOSING
    assert result(text, "problems") == ("fail", "missing")


def test_next_year_plan_heading_does_not_count_as_problems():
    # "下一步工作打算" is a next-year-plan wording; only "存在的问题及下一步打算" names both parts
    text = HEAD + MEASURES + "二、下一步工作打算\n继续深化行政执法体制改革。\n" + CLOSING
    assert result(text, "next-year-plan") == ("pass", "heading")
    assert finding(text, "problems").status != "pass"


@pytest.mark.parametrize("sub", ["（七）上一年度存在问题改进情况", "（二）存在的主要问题"])
def test_level_two_heading_does_not_satisfy_a_level_one_section(sub):
    text = (HEAD + "一、主要举措和成效\n（一）规范执法。全年办理案件12件。\n"
            f"{sub}\n基层执法力量薄弱的问题已得到解决。\n" + PLAN + CLOSING)
    assert finding(text, "problems").status != "pass"


def test_next_year_plan_with_the_wrong_year_is_partial():
    text = HEAD + MEASURES + PROBLEMS + "四、2023年工作安排\n继续推进依法行政。\n" + CLOSING
    f = finding(text, "next-year-plan")
    assert (f.status, f.outcome) == ("partial", "wrong_year")
    assert "2023" in f.message and "2025" in f.message


def test_optional_section_skips_when_absent_and_passes_when_present():
    assert result(FULL, "other-matters") == ("skip", "absent")
    text = HEAD + MEASURES + PROBLEMS + FIRST + PLAN + "五、其他需要报告的情况\n无。\n" + CLOSING
    assert result(text, "other-matters") == ("pass", "heading")


# --- phrase ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, any_, all_", [
    ("聘请法律顾问12名，法律顾问全年审查合同48件，公职律师参与诉讼6件。", "pass", "pass"),
    ("聘请法律顾问12名，法律顾问全年审查合同48件。", "pass", "partial"),
    ("公职律师参与诉讼6件。", "partial", "partial"),
    ("全年审查合同48件。", "fail", "fail"),
])
def test_phrase_require_any_and_all(tiny, body, any_, all_):
    text = HEAD + f"一、主要举措和成效\n{body}\n"
    assert finding(text, "advisor-any", tiny).status == any_
    assert finding(text, "advisor-all", tiny).status == all_


def test_title_phrase_fails_without_a_title():
    text = "2024年，临江县坚持以习近平法治思想为指导，全面推进依法行政，取得积极成效。\n" + MEASURES
    assert result(text, "title") == ("fail", "no_scope_fail")
    assert result(FULL, "title") == ("pass", "found")


def test_placeholders_are_each_evidence():
    text = HEAD + "一、主要举措和成效\n全年办理复议案件XX次，培训**件，20XX年完成，负责人＿＿，【】单位牵头。\n" + CLOSING
    f = finding(text, "placeholders")
    assert (f.status, f.outcome) == ("fail", "forbidden")
    texts = [e.text for e in f.evidence]
    for placeholder in ("XX", "**件", "20XX年", "＿＿", "【】"):
        assert any(placeholder in t for t in texts), placeholder
    assert {e.line for e in f.evidence} == {4}


def test_placeholder_is_counted_once():
    text = HEAD + "一、主要举措和成效\n20XX年全年办理复议案件12件。\n" + CLOSING
    f = finding(text, "placeholders")
    spans = sorted((e.start, e.end) for e in f.evidence)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:])), spans
    assert "1 处" in f.message


def test_clean_report_has_no_placeholders():
    assert result(FULL, "placeholders") == ("pass", "clean")


def test_request_inside_a_report_is_forbidden():
    text = HEAD + "一、主要举措和成效\n拟增加执法编制5名。妥否，请批示。\n" + CLOSING
    f = finding(text, "no-request")
    assert (f.status, f.outcome) == ("fail", "forbidden")
    assert [(e.line, e.text) for e in f.evidence] == [(4, "妥否，请批示")]
    assert result(HEAD + "一、主要举措和成效\n全年办案12件。特此报告。\n", "no-request") == ("pass", "clean")


@pytest.mark.parametrize("sentence, hit", [("矛盾纠纷化解率99，群众满意。", "率99"),
                                           ("贯彻《纲要（20212025年）》。", "20212025")])
def test_number_lost_its_unit_or_dash(sentence, hit):
    f = finding(HEAD + f"一、主要举措和成效\n{sentence}\n", "number-sanity")
    assert (f.status, f.outcome) == ("fail", "forbidden")
    assert [e.text for e in f.evidence] == [hit]


def test_complete_numbers_pass():
    body = "矛盾纠纷化解率99%，贯彻《纲要（2021—2025年）》，复议纠错率同比下降3个百分点，办结率达到98.5%。"
    assert result(HEAD + f"一、主要举措和成效\n{body}\n", "number-sanity") == ("pass", "clean")


# --- closing ---------------------------------------------------------------------------------------

def test_signature_and_date_present():
    assert result(FULL, "signature") == ("pass", "present")
    assert result(FULL, "date") == ("pass", "present")
    assert finding(FULL, "date").evidence[0].text == "2025年2月8日"


def test_signature_and_date_missing():
    text = HEAD + MEASURES + PROBLEMS
    assert result(text, "signature") == ("fail", "missing")
    assert result(text, "date") == ("fail", "missing")
    assert result(HEAD + MEASURES + "2025年2月8日\n", "signature") == ("fail", "missing")


@pytest.mark.parametrize("written, expected", [("2025年2月8日", ("pass", "arabic")),
                                               ("2025年02月08日", ("fail", "padded")),
                                               ("二〇二五年二月八日", ("partial", "chinese"))])
def test_date_format(written, expected):
    assert result(HEAD + MEASURES + f"临江县人民政府\n{written}\n", "date-format") == expected


@pytest.mark.parametrize("written, expected", [("2025年2月8日", ("pass", "on_time")),
                                               ("2025年4月1日", ("pass", "on_time")),
                                               ("2025年6月1日", ("fail", "late"))])
def test_timeliness(written, expected):
    assert result(HEAD + MEASURES + f"临江县人民政府\n{written}\n", "timeliness") == expected


def test_timeliness_skips_without_a_date():
    assert result(HEAD + MEASURES + "临江县人民政府\n", "timeliness") == ("skip", "no_date")
    assert result(HEAD + MEASURES, "date-format") == ("skip", "no_date")


# --- metric ----------------------------------------------------------------------------------------

def test_data_density_many_figures_vs_slogans():
    slogans = HEAD + "一、主要举措和成效\n坚持依法行政，全面推进法治政府建设，不断提升治理能力，取得明显成效。\n" + PROBLEMS
    assert result(FULL, "data-density") == ("pass", "met")
    assert result(slogans, "data-density") == ("fail", "unmet")


def test_problems_substance_detailed_vs_one_line():
    thin = HEAD + MEASURES + "二、存在的问题\n还有差距。\n" + PLAN
    assert result(FULL, "problems-substance") == ("pass", "met")
    assert result(thin, "problems-substance") == ("fail", "unmet")


def test_metric_skips_without_its_section():
    assert result(HEAD + MEASURES + PLAN, "problems-substance") == ("skip", "no_scope")


# --- order -----------------------------------------------------------------------------------------

def test_sections_in_order_pass_and_swapped_fail():
    assert result(FULL, "section-order") == ("pass", "in_order")
    swapped = HEAD + PROBLEMS.replace("二、", "一、") + MEASURES.replace("一、", "二、") + CLOSING
    f = finding(swapped, "section-order")
    assert (f.status, f.outcome) == ("fail", "out_of_order")
    assert [e.line for e in f.evidence] == [3, 5]


def test_order_leaves_out_mentions_and_parts_inside_another():
    """Only parts with a heading are ordered: a first-responsible sentence in the opening is no part, and a
    part found at or inside another's section (the first of the thematic headings, a （一） of the measures)
    has no place of its own."""
    mentioned = HEAD + "全年办案12件，县政府主要负责人认真履行推进法治建设第一责任人职责。\n" + MEASURES + PROBLEMS + PLAN
    assert result(mentioned, "first-responsible") == ("partial", "cue")
    assert result(mentioned, "section-order") == ("pass", "in_order")
    thematic = (HEAD + "一、加强党的领导，确保法治政府建设正确方向\n县政府主要负责同志认真履行推进法治建设第一责任人职责，"
                "亲自部署。\n二、严格规范执法\n办案12件。\n"
                + PROBLEMS.replace("二、", "三、") + PLAN)
    assert result(thematic, "measures") == ("partial", "thematic")
    assert result(thematic, "first-responsible") == ("pass", "heading")
    assert result(thematic, "section-order") == ("pass", "in_order")
    first_before = HEAD + FIRST.replace("三、", "一、") + MEASURES.replace("一、", "二、") + CLOSING
    assert result(first_before, "section-order") == ("fail", "out_of_order")


def test_a_lead_sentence_belongs_to_its_own_heading_not_the_part_above():
    text = (HEAD + "一、工作完成情况\n（一）压实组织领导\n我委严格落实《党政主要负责人履行推进法治建设第一责任人"
            "职责工作清单》，健全工作机制。\n（二）严格规范执法\n办案12件。\n" + PLAN)
    f = finding(text, "first-responsible")
    assert (f.status, f.outcome) == ("pass", "heading")
    assert f.evidence[0].text.startswith("（一）压实组织领导")
    assert f.evidence[0].text.endswith("职责工作清单》")       # up to the end of the cue's clause, no further


# --- every rule ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [FULL, HEAD + MEASURES, FULL.replace("\n", " "),
                                  "全年办理行政复议案件XX件。妥否，请批示。"])
def test_every_rule_yields_exactly_one_finding(text):
    counts = Counter(f.rule for f in checker.check(None, DEFAULT, text=text, force=True).findings)
    assert counts == Counter(rule.id for rule in DEFAULT.rules)
    assert set(counts.values()) == {1}
