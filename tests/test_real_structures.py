"""Structures seen in real reports (tests/corpus holds the pages): judged the same way every time."""
import pytest

import checker
from checker.document import document_from_text
from checker.outline import parse_outline

HEAD = "某县2024年法治政府建设情况报告\n2024年，我县坚持依法行政，扎实推进法治政府建设。\n"
TAIL = "二、存在的问题\n基层执法力量不足。\n三、2025年工作安排\n继续推进。\n"


def status(text: str, rule: str) -> tuple[str, list[int]]:
    finding = next(f for f in checker.check("报告.txt", text=text).findings if f.rule == rule)
    return finding.status, [e.line for e in finding.evidence]


@pytest.mark.parametrize("heading", ["一、主要成效", "一、主要做法", "一、2023年法治政府建设情况",
                                     "一、2023年法治政府建设工作推进情况", "一、工作开展情况"])
def test_a_heading_naming_the_work_part_passes_measures(heading):
    assert status(f"{HEAD}{heading}\n全年办理案件12件。\n{TAIL}", "measures") == ("pass", [3])


@pytest.mark.parametrize("heading", ["一、坚持以习近平法治思想为统领，全面推进法治政府建设",
                                     "一、依法全面履行政府职能", "一、聚焦营商环境，打造一流服务"])
def test_thematic_first_sections_are_partial_whatever_words_they_share(heading):
    assert status(f"{HEAD}{heading}\n全年办理案件12件。\n{TAIL}", "measures")[0] == "partial"


@pytest.mark.parametrize("part, line", [
    ("（二）加强统筹谋划，压实法治责任。县委、县政府主要负责同志切实履行推进法治建设第一责任人职责，主持召开会议。", 4),
    ("全年办理案件12件。一是健全制度。二是扛牢法治建设第一责任人职责。县长亲自部署。", 4),
    ("全年办理案件12件。二是压实法治责任。认真落实党政主要负责人履行推进法治建设第一责任人职责，开展述法。", 4),
    ("（一）严格履行第一职责\n县长亲自部署。", 4),
])
def test_a_subsection_or_item_on_the_leaders_duty_is_a_dedicated_part(part, line):
    text = f"{HEAD}一、主要举措和成效\n{part}\n{TAIL}"
    assert status(text, "first-responsible") == ("pass", [line])


def test_a_document_named_in_passing_is_not_the_dedicated_part():
    part = "三是责任层层传导。出台《某县党政主要负责人履行推进法治建设第一责任人职责工作清单》，每季度召开会议。"
    assert status(f"{HEAD}一、主要举措和成效\n{part}\n{TAIL}", "first-responsible")[0] == "partial"


def test_a_watermark_injected_inside_a_word_does_not_hide_it():
    mark = "秘书之家—全网资源每日更新www.mishuzj.com"
    text = (f"{mark}某县2024年法治政府建设情况报告2024年，我县坚持依法行政。一、主要举措和成效 全年办理案件12件。"
            f"二是扛牢法治建设第一{mark}责任人职责。县长亲自部署。二、存在的问题 执法力量不足。")
    audit = checker.check("报告.txt", text=text)
    assert audit.title == "某县2024年法治政府建设情况报告"
    assert next(f for f in audit.findings if f.rule == "first-responsible").status == "pass"


def test_subsections_glued_to_the_text_before_them_in_a_flattened_copy():
    text = ("某县2024年法治政府建设情况报告 一、以思想引领为先导，凝聚法治共识(一)强化理论武装。全年学法12次。"
            "(二)压实法治责任。县委、县政府主要负责同志切实履行推进法治建设第一责任人职责。")
    outline = parse_outline(document_from_text(text))
    assert [(h.level, h.title) for h in outline.headings] == [
        (1, "以思想引领为先导,凝聚法治共识"), (2, "强化理论武装"), (2, "压实法治责任")]


def test_colophon_after_the_date_is_not_the_closing():
    text = (f"{HEAD}一、主要举措和成效\n全年办理案件12件。\n{TAIL}某县人民政府\n2025年2月21日\n（此件公开发布）\n"
            "抄送：县委办公室，县人大常委会办公室。\n某县人民政府办公室　　　　2025年2月21日印发\n")
    outline = parse_outline(document_from_text(text))
    assert outline.date.ymd == (2025, 2, 21) and outline.signature is not None


def test_pdf_evidence_names_its_page(tmp_path):
    import json
    from pathlib import Path

    from click.testing import CliRunner

    from checker.cli import cli

    pdf = Path(__file__).resolve().parent / "corpus" / "office" / "pages.pdf"
    audit = checker.check(pdf)
    problems = next(f for f in audit.findings if f.rule == "problems")
    assert problems.status == "pass" and problems.evidence[0].page == 2
    result = CliRunner().invoke(cli, ["lint", str(pdf), "--format", "json"])
    evidence = next(f for f in json.loads(result.stdout)["reports"][0]["findings"] if f["rule"] == "problems")
    assert evidence["evidence"][0]["page"] == 2
    assert "（第2页）" in CliRunner().invoke(cli, ["lint", str(pdf), "-v"]).stdout
