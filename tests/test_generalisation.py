"""Reports unlike the seeds: other numbering, full-width text, GBK, unseen heading wordings, closings
written differently. The checker must read them without being told about them."""
import checker

RULESET = checker.load_ruleset()

UNSEEN = """某某县人民政府
关于２０２４年度法治政府建设情况的报告

县人大常委会：
　　２０２４年，某某县坚持依法行政，现将有关情况报告如下。
第一部分　推进法治政府建设的主要做法及成效
　　一、健全依法决策机制
　　全年审查规范性文件１２件，合法性审查率达１００％，办理复议案件XX件。
　　二、严格规范公正文明执法
　　开展培训3期。
第二部分　存在的短板弱项及原因分析
　　一是执法力量薄弱；二是基层法治意识不强。究其原因，主要是培训投入不足。
第三部分　县政府主要负责同志履行推进法治建设第一责任人职责情况
　　县长亲自部署、亲自过问。
第四部分　２０２６年工作打算
　　继续推进。妥否，请批示。
某某县人民政府
２０２５年０３月０８日
"""


def findings(text, path="unseen.txt"):
    return {f.rule: f for f in checker.check(path, RULESET, text=text).findings}


def test_unseen_report_in_gbk_with_part_numbering(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(UNSEEN.encode("gbk"))
    audit = checker.check(path, RULESET)
    result = {f.rule: f for f in audit.findings}
    assert (audit.region, audit.year) == ("某某县", 2024)
    assert [h.level for h in audit.outline.headings] == [1, 2, 2, 1, 1, 1]
    assert audit.outline.addressee is not None
    expected = {"title": "pass", "measures": "pass", "problems": "pass", "problem-causes": "pass",
                "first-responsible": "pass", "next-year-plan": "partial", "signature": "pass", "date": "pass",
                "date-format": "fail", "placeholders": "fail", "no-request": "fail", "section-order": "pass"}
    assert {rule: result[rule].status for rule in expected} == expected
    assert result["next-year-plan"].outcome == "wrong_year"
    assert result["placeholders"].evidence[0].line == 8
    assert result["no-request"].evidence[0].line == 16


def test_combined_problems_and_plan_heading_covers_both():
    text = ("2024年，某县推进法治建设。\n一、主要举措和成效\n办理案件12件。\n"
            "二、存在的问题及下一步打算\n一是基层薄弱；二是执法不规范。下一步将加强培训。\n")
    result = findings(text)
    assert result["problems"].status == "pass" and result["next-year-plan"].status == "pass"


def test_first_responsible_item_inside_next_years_plan_is_not_the_section():
    text = ("2024年，某县推进法治建设。\n一、主要举措和成效\n办理案件12件。\n二、2025年工作安排\n"
            "（一）压实法治建设第一责任人职责\n继续推进。\n")
    assert findings(text)["first-responsible"].status == "partial"


def test_signature_and_date_on_one_line_or_with_spaces():
    body = "某县2024年法治政府建设情况报告\n一、主要举措和成效\n办理案件12件。\n"
    for closing in ("某县人民政府  2025年2月8日\n", "某县人民政府\n2025 年 2 月 8 日\n"):
        result = findings(body + closing)
        assert result["signature"].status == "pass" and result["date"].status == "pass", closing


def test_chinese_numeral_date_is_a_date_in_the_old_format():
    text = "某县2024年法治政府建设情况报告\n一、主要举措和成效\n办理案件12件。\n某县人民政府\n二〇二五年二月八日\n"
    result = findings(text)
    assert result["date"].status == "pass" and result["date-format"].status == "partial"
    assert result["timeliness"].status == "pass"


def test_spaced_out_text_still_matches_cues():
    text = "某县2024年法治政府建设情况报告\n一、主要举措和成效\n工作扎实，但 还 存 在 基层力量薄弱等短板。化解率 99 ，\n"
    result = findings(text)
    assert result["problems"].status == "partial" and result["number-sanity"].status == "fail"
