"""The outline of a report: numbered headings and their levels, title, addressee, signature, date, web
junk, reporting year and region."""
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.document import document_from_text
from checker.errors import InputError
from checker.outline import parse_outline


def outline_of(text: str):
    doc = document_from_text(text)
    return doc, parse_outline(doc)


def heads(text: str) -> list[tuple[int, str, int, str]]:
    return [(h.level, h.style, h.ordinal, h.title) for h in outline_of(text)[1].headings]


def span_text(doc, span) -> str | None:
    return doc.raw[span.start:span.end] if span else None


def test_every_numbering_style_gets_its_level():
    text = ("第一部分 工作情况\n一、主要举措和成效\n（一）加强党的领导\n1.完善制度机制\n"
            "（1）制定规范性文件\n①开展备案审查\n")
    assert heads(text) == [(1, "第一部分", 1, "工作情况"), (2, "一、", 1, "主要举措和成效"),
                           (3, "(一)", 1, "加强党的领导"), (4, "1.", 1, "完善制度机制"),
                           (5, "(1)", 1, "制定规范性文件"), (6, "①", 1, "开展备案审查")]


@pytest.mark.parametrize("second", ["(一)", "（一）"])
@pytest.mark.parametrize("third", ["1.", "1、", "1．"])
def test_half_and_full_width_variants_are_one_style(second, third):
    text = f"一、主要举措和成效\n{second}加强党的领导\n{third}完善制度机制\n"
    assert [(h[0], h[1]) for h in heads(text)] == [(1, "一、"), (2, "(一)"), (3, "1.")]


def test_levels_are_relative_to_the_styles_used():
    text = "（一）加强党的领导\n全年专题研究4次。\n（二）严格规范执法\n全年办理案件12件。\n"
    assert heads(text) == [(1, "(一)", 1, "加强党的领导"), (1, "(一)", 2, "严格规范执法")]


def test_yi_shi_er_shi_enumerations_are_not_headings():
    text = "一、主要举措和成效\n一是加强学习，全年集体学法4次。\n二是完善制度，出台文件3件。\n"
    assert heads(text) == [(1, "一、", 1, "主要举措和成效")]


def test_headings_are_found_inline_in_a_flattened_report():
    text = ("临江县2024年法治政府建设情况报告 2024年，临江县全面推进依法行政，现将有关情况报告如下。"
            "一、主要举措和成效 （一）加强党的领导。县政府常务会议专题研究法治工作6次。"
            "（二）严格规范执法。全年办理行政执法案件1260件。二、存在的问题 一是基层执法力量薄弱。"
            "二是合法性审查不到位。三、2025年工作安排 继续推进依法行政。 临江县人民政府 2025年2月8日")
    doc, outline = outline_of(text)
    assert [(h.level, h.ordinal, h.title) for h in outline.headings] == [
        (1, 1, "主要举措和成效"), (2, 1, "加强党的领导"), (2, 2, "严格规范执法"),
        (1, 2, "存在的问题"), (1, 3, "2025年工作安排")]
    assert all(h.inline for h in outline.headings)
    assert span_text(doc, outline.title) == "临江县2024年法治政府建设情况报告"


def test_numerals_inside_a_sentence_are_not_headings():
    text = ("一、主要举措和成效\n全县医疗机构全部配备法律顾问。二、三级医院全部建立合法性审查机制。"
            "一、二级医院覆盖率达到100%。贯彻落实《法治政府建设实施纲要（2021-2025年）》，取得成效。\n"
            "二、存在的问题\n基层力量薄弱。\n")
    assert heads(text) == [(1, "一、", 1, "主要举措和成效"), (1, "一、", 2, "存在的问题")]


def test_heading_out_of_sequence_inline_is_rejected():
    text = ("临江县法治政府建设情况报告 一、主要举措和成效 全年办理行政执法案件1260件，行政复议案件48件，"
            "纠错率12.5%，培训执法人员320人次。三、工作安排 继续推进依法行政，加强执法队伍建设，提升复议质效。")
    assert [h[3] for h in heads(text)] == ["主要举措和成效"]


def test_short_first_line_naming_report_is_the_title():
    doc, outline = outline_of("临江县2024年法治政府建设情况报告\n2024年，临江县坚持依法行政。\n一、主要举措和成效\n全年办案12件。\n")
    assert span_text(doc, outline.title) == "临江县2024年法治政府建设情况报告"
    assert doc.raw[outline.body.start:].lstrip().startswith("2024年，临江县")


def test_long_first_line_of_body_text_is_no_title():
    _, outline = outline_of("2024年，临江县坚持以习近平法治思想为指导，全面推进依法行政，各项工作取得积极成效。\n"
                            "一、主要举措和成效\n全年办案12件。\n")
    assert outline.title is None
    assert outline.body.start == 0


def test_addressee_line_is_found():
    doc, outline = outline_of("临江县2024年法治政府建设情况报告\n中共临江县委：\n现将有关情况报告如下。\n"
                              "一、主要举措和成效\n全年办案12件。\n")
    assert span_text(doc, outline.addressee) == "中共临江县委："
    assert doc.raw[outline.body.start:].lstrip().startswith("现将有关情况")


BODY = "临江县2024年法治政府建设情况报告\n2024年，临江县坚持依法行政。\n一、主要举措和成效\n全年办理行政复议案件48件。\n"


@pytest.mark.parametrize("written, ymd, style", [
    ("2025年2月8日", (2025, 2, 8), "arabic"),
    ("二〇二五年二月八日", (2025, 2, 8), "chinese"),
    ("2025年02月08日", (2025, 2, 8), "padded"),
])
def test_signature_and_date_at_the_end(written, ymd, style):
    doc, outline = outline_of(BODY + f"临江县人民政府\n{written}\n")
    assert span_text(doc, outline.signature) == "临江县人民政府"
    assert span_text(doc, outline.date.span) == written
    assert (outline.date.ymd, outline.date.style) == (ymd, style)
    assert outline.body.end <= outline.signature.start


def test_no_signature_or_date_when_the_report_ends_with_body_text():
    _, outline = outline_of(BODY)
    assert outline.signature is None and outline.date is None


def test_trailing_web_junk_is_not_the_signature():
    text = BODY + "临江县人民政府\n2025年2月8日\n附件下载:\n扫一扫在手机上查看当前页面\n打印本页 关闭窗口\n"
    doc, outline = outline_of(text)
    assert doc.raw[outline.junk.start:].startswith("附件下载")
    assert span_text(doc, outline.signature) == "临江县人民政府"
    assert outline.date.ymd == (2025, 2, 8)


def test_year_from_the_title_before_the_opening_sentence():
    _, outline = outline_of("临江县2024年法治政府建设情况报告\n2023年以来，临江县坚持依法行政。\n一、主要举措和成效\n全年办案12件。\n")
    assert outline.year == 2024


def test_year_the_report_says_it_reports_on_over_an_earlier_year_in_the_opening():
    _, outline = outline_of("在党工委领导下，我镇在2023年工作基础上稳步提升。现将我镇2024年法治政府建设情况报告如下。\n"
                            "一、主要举措和成效\n全年办案12件。\n")
    assert outline.year == 2024


def test_year_from_the_opening_sentence_without_one_in_the_title():
    _, outline = outline_of("临江县法治政府建设情况报告\n2024年，临江县坚持依法行政。\n一、主要举措和成效\n全年办案12件。\n")
    assert outline.year == 2024


@pytest.mark.parametrize("text", [
    "临江县2024年法治政府建设情况报告\n今年以来，我们坚持依法行政。\n一、主要举措和成效\n全年办案12件。\n",
    "2024年法治政府建设情况报告\n今年以来，我们坚持依法行政。\n一、主要举措和成效\n全年办案12件。\n临江县人民政府\n2025年2月8日\n",
    "2024年法治政府建设情况报告\n中共临江县委：\n今年以来，我们坚持依法行政。\n一、主要举措和成效\n全年办案12件。\n",
    "法治政府建设情况报告\n2024年，临江县坚持以习近平法治思想为指导，全面推进依法行政。\n一、主要举措和成效\n全年办案12件。\n",
], ids=["title", "signature", "addressee", "opening"])
def test_region_from_each_source(text):
    assert outline_of(text)[1].region == "临江县"


def test_region_from_the_title_wins_over_the_signature():
    text = "临江县2024年法治政府建设情况报告\n一、主要举措和成效\n全年办案12件。\n临江县司法局\n2025年2月8日\n"
    assert outline_of(text)[1].region == "临江县"
    text = "临江县2024年法治政府建设情况报告\n一、主要举措和成效\n全年办案12件。\n石门县人民政府\n2025年2月8日\n"
    assert outline_of(text)[1].region == "临江县"


@pytest.mark.parametrize("opening, region", [
    ("2024年，在省委、省人民政府的坚强领导下，株洲深入贯彻习近平法治思想。", "株洲市"),   # a city by its short name
    ("2024年，丹东街道深入贯彻习近平法治思想。", "丹东街道"),                            # not 丹东市
    ("2021年，在市委、市政府的坚强领导下，北京经济技术开发区坚持以习近平法治思想为指导。", "北京经济技术开发区"),  # not 北京市
    ("2022年，区司法局深入贯彻习近平法治思想，为罗湖区打造先锋城区提供法治保障。局长作为区宣讲团成员宣讲，"
     "副局长作为区督导组成员督导。", "罗湖区"),                                          # 作为区 is no place
])
def test_region_from_the_opening_subject_and_never_from_a_verb(opening, region):
    text = opening + "\n一、主要举措和成效\n一是领导干部法治能力不断提升。二是制度更加健全。\n"
    outline = outline_of(text)[1]
    assert outline.region == region and outline.issuer is None      # 一是领导干部 is no ministry


@pytest.mark.parametrize("body", ["审计署", "海关总署", "市场监管总局"])
def test_a_national_administration_acting_in_the_opening_is_the_issuer(body):
    text = f"2024年，{body}坚持以习近平法治思想为指导，推进法治建设。\n一、主要举措和成效\n三是加强部署，统筹推进。\n"
    outline = outline_of(text)[1]
    assert (outline.issuer, outline.region) == (body, "全国")


def test_a_deployment_is_no_national_administration():
    text = "2019年，区政府深入推进依法行政。三是加强部署，统筹推进法治建设。\n一、主要举措和成效\n全年办案12件。\n"
    assert outline_of(text)[1].issuer is None


@pytest.mark.parametrize("short, full", [("金平县", "金平苗族瑶族傣族自治县"), ("长白县", "长白朝鲜族自治县"),
                                         ("融水县", "融水苗族自治县"), ("塔什库尔干县", "塔什库尔干塔吉克自治县")])
def test_a_county_addressing_its_prefecture_is_the_place_within_it_the_text_names(short, full):
    """The addressee is the level above; the county named (by an autonomous county's short name) in the
    report's own document titles is the region."""
    prefecture = {"金平县": "红河州", "长白县": "白山市", "融水县": "柳州市", "塔什库尔干县": "喀什地区"}[short]
    text = (f"中共{prefecture}委：\n2025年，县委、县政府坚持依法行政，印发《{short}党政主要负责人述法办法》"
            f"《{short}法治建设工作要点》。\n一、主要做法和成效\n{short}全年办理行政复议案件12件。\n")
    assert outline_of(text)[1].region == full


@pytest.mark.parametrize("region", ["青山区", "中山区", "黄山区"])
def test_real_district_ending_like_a_common_word_is_a_region(region):
    # 武汉市青山区, 大连市中山区, 黄山市黄山区: "山区" (mountain area) is also a common word
    text = f"{region}2024年法治政府建设情况报告\n今年以来，我们坚持依法行政。\n一、主要举措和成效\n全年办案12件。\n"
    assert outline_of(text)[1].region == region


_TOKENS = st.sampled_from([
    "一、", "二、", "三、", "十一、", "（一）", "(二)", "（三）", "1.", "2、", "3．", "（1）", "(2)", "①", "②",
    "第一部分", "第二部分", "一是", "主要举措和成效", "存在的问题", "工作安排", "报告", "临江县人民政府",
    "中共临江县委：", "2025年2月8日", "二〇二五年二月八日", "2024年", "打印本页", "附件下载:", "，", "。", "：",
    ":", "；", " ", "\u3000", "\n", "\n", "\r\n", "\t", "全年办理案件12件", "（2021-2025年）", "a", "12",
])


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(_TOKENS, max_size=60).map("".join), st.text(max_size=200)))
@example("一、主要举措和成效：二、存在的问题。三、工作安排")
def test_any_text_gives_a_consistent_outline(text):
    try:
        doc = document_from_text(text)
    except InputError:
        return
    outline = parse_outline(doc)
    starts = [h.start for h in outline.headings]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for h in outline.headings:
        assert h.start < h.title_end <= h.end, h
    for level in {h.level for h in outline.headings}:
        same = [h for h in outline.headings if h.level == level]
        for first, second in zip(same, same[1:]):
            assert first.end <= second.start, (first, second)


@pytest.mark.parametrize("dot", [".", "．"])
def test_a_first_level_number_with_a_dot_is_still_a_heading_and_only_its_punctuation_is_reported(dot):
    """二. instead of 二、 is a slip the list-punctuation hint reports (weight 0); the parts stay found."""
    import re
    from pathlib import Path

    import checker

    seed = Path(__file__).resolve().parent.parent / "seeds" / "003_fee9404ac5415434.txt"
    text = seed.read_text(encoding="utf-8")
    dotted = re.sub(r"(?m)^([一二三四五六七八九十]{1,3})、", rf"\g<1>{dot}", text)
    assert dotted != text
    before, after = checker.check("before.txt", text=text), checker.check("after.txt", text=dotted)
    statuses = {f.rule: f.status for f in after.findings}
    assert {f.rule: f.status for f in before.findings if f.rule != "list-punctuation"} == \
        {rule: status for rule, status in statuses.items() if rule != "list-punctuation"}
    assert statuses["list-punctuation"] == "fail" and after.score == before.score
