"""Page furniture around a report saved or copied from a government site: metadata blocks, banners,
source/time lines, tags glued to the title, 文号 and addressee lines, cover letters and news leads. The
texts are shaped after real pages (see tests/corpus for the pages themselves)."""
import pytest

from checker import check
from checker.document import document_from_text
from checker.outline import parse_outline


def read(text: str):
    doc = document_from_text(text)
    outline = parse_outline(doc)
    title = doc.raw[outline.title.start:outline.title.end] if outline.title else None
    body = doc.raw[outline.body.start:outline.body.end].lstrip()
    return outline, title, body


BODY = "2023年，我市坚持以习近平法治思想为指导，扎实推进法治政府建设。\n一、主要举措和成效\n（一）加强党的领导。\n"


def test_title_repeated_under_a_site_banner_and_a_source_line():
    page = ("天津市静海区人民政府 2019年12月3日星期二\n无障碍 简体| 繁体\n静海区2023年度法治政府建设情况报告\n"
            "来源:静海区人民政府办公室 发布时间:2024-03-28 09:18\n静海区2023年度法治政府建设情况报告\n" + BODY)
    outline, title, body = read(page)
    assert title == "静海区2023年度法治政府建设情况报告"
    assert body.startswith("2023年，我市")
    assert (outline.region, outline.year) == ("静海区", 2023)
    assert outline.meta.source == "静海区人民政府办公室"
    assert outline.meta.published == "2024-03-28 09:18"


@pytest.mark.parametrize("label", ["索 引 号：{}", "• 索引号: {}", "索引号 | {}", "- 索引号：{}", "索引号\n{}"])
def test_metadata_block_in_every_layout(label):
    block = "\n".join(label.replace("索引号", key).replace("索 引 号", " ".join(key)).format(value)
                      for key, value in [("索引号", "11130600MB1234567X/2024-00012"), ("发文机关", "保定市人民政府"),
                                         ("成文日期", "2024年03月20日"), ("发文字号", "保政报〔2024〕5号"),
                                         ("发布时间", "2024年03月25日")])
    page = f"返回首页\n登录|注册\n{block}\n保定市人民政府\n关于2023年度法治政府建设情况的报告\n省人民政府：\n{BODY}"
    outline, title, body = read(page)
    assert title.replace("\n", "") == "保定市人民政府关于2023年度法治政府建设情况的报告"
    assert outline.meta.issuer == "保定市人民政府" and outline.issuer == "保定市人民政府"
    assert outline.meta.doc_number == "保政报〔2024〕5号"
    assert outline.meta.index_no == "11130600MB1234567X/2024-00012"
    assert outline.meta.published_ymd == (2024, 3, 25)
    assert outline.region == "保定市" and outline.addressee is not None
    assert body.startswith("2023年")


def test_a_metadata_table_saved_as_bar_separated_rows_before_an_untitled_report():
    """A disclosure page's table kept as rows of cells (| 索引号 | … | 发文字号 | … |): its 发布机构 names the
    issuer, its empty cells take nothing from the line below, and no row is taken for the title."""
    page = ("| 索引号 | 620721125/2026-00002 | 发文字号 | 肃林草发〔2026〕6号 |\n|---|---|---|---|\n"
            "| 关键词 | 发布机构 | 肃南县林草局 | |\n| 名称: | |||\n| 生成日期 | 2026-01-16 18:00:00 | 是否有效 |\n"
            "2025年，我局坚持以习近平法治思想为指导，扎实推进法治政府建设。现报告如下：\n一、主要举措和成效\n（一）加强党的领导。\n")
    outline, title, body = read(page)
    assert title is None and body.startswith("2025年，我局")
    assert outline.meta.issuer == "肃南县林草局" and outline.issuer == "肃南县林草局"
    assert outline.meta.doc_number == "肃林草发〔2026〕6号" and outline.meta.title is None
    assert outline.region == "肃南裕固族自治县"


def test_a_label_alone_on_its_line_takes_the_next_line_as_its_value_even_one_not_kept():
    """• 公开方式: / 主动公开 above the title: the value is metadata, not a first line of the title (which then
    read 主动公开2023年……报告, and 公开……报告 as news of a report being published)."""
    page = ("政府信息公开\n  • 信息索引号:\n\n    330782000000/2024-549121\n\n  • 发布机构:\n\n    义乌市人民政府\n\n"
            "  • 公开方式:\n\n    主动公开\n\n2023年义乌市法治政府建设工作情况报告\n点击关闭详细目录信息\n\n"
            "2023年以来，义乌市深入贯彻落实习近平法治思想，法治政府建设取得积极成效。\n一、2023年主要工作情况\n"
            "（一）强力抓统筹。\n")
    outline, title, body = read(page)
    assert title == "2023年义乌市法治政府建设工作情况报告"
    assert outline.meta.issuer == "义乌市人民政府" and outline.region == "义乌市"
    assert check(document_from_text(page)).title == title      # not refused as news


def test_an_empty_label_inside_a_row_of_labels_takes_nothing_from_the_line_below():
    """组配分类: | 公开方式:主动公开 … and 作者: 来源:… are rows of cells; an empty one is no label awaiting
    its value on the next line (the title there)."""
    page = ("索引号:002482277/2025-00065 | 文件编号: | 发布机构:浙江省交通运输厅 |\n"
            "组配分类: | 公开方式:主动公开 | 成文日期:2025-03-24 |\n浙江省交通运输厅2024年度法治政府建设情况报告\n"
            "作者: 来源:浙江省交通运输厅 发布时间:2025-03-25\n" + BODY)
    outline, title, body = read(page)
    assert title == "浙江省交通运输厅2024年度法治政府建设情况报告"
    assert outline.meta.source == "浙江省交通运输厅" and body.startswith("2023年，我市")


@pytest.mark.parametrize("head, shown", [
    ("桐木漯瑶族乡人民政府关于2023年度法治政府建设\n工作的报告\n", "桐木漯瑶族乡人民政府关于2023年度法治政府建设工作的报告"),
    ("郑州市应急管理局\n关于2023年度法治政府建设工作的报告\n", "郑州市应急管理局关于2023年度法治政府建设工作的报告"),
    ("中共长春市委\n长春市人民政府\n关于2021年度法治政府建设情况的报告\n",
     "中共长春市委 长春市人民政府关于2021年度法治政府建设情况的报告"),               # two bodies stay apart
    ("青 海 省 卫 生 健 康 委\n2023年法治政府建设工作总结\n", "青海省卫生健康委2023年法治政府建设工作总结"),
])
def test_a_title_laid_out_over_lines_or_letter_spaced_is_shown_on_one_line_as_written(head, shown):
    """The dashboard, the exports and the 通报 show the title, not its layout (……建设 工作的报告)."""
    audit = check(document_from_text(head + "2023年，我局坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下。\n"
                                     "一、主要举措和成效\n（一）加强党的领导。\n"))
    assert audit.title == shown and audit.region is not None


@pytest.mark.parametrize("named, region", [
    ("在《法治天水》栏目开展以案释法，在天水广播电视台播出法治节目", "天水市"),
    ("在《法治天水》栏目开展以案释法，在天水广播电视台、兰州电视台和兰州日报播出", None),   # two cities: which?
])
def test_a_city_calling_itself_我市_is_named_by_its_short_name(named, region):
    """An untitled report to 省政府 that names its city only by the short name (天水, never 天水市)."""
    outline, _, _ = read("省政府：\n2022年，我市深入推进依法行政，全市法治政府建设取得新成效。现将工作情况报告如下：\n"
                         f"一、深入贯彻习近平法治思想\n（一）深入学习宣传。{named}。\n")
    assert outline.region == region


@pytest.mark.parametrize("opening, region", [
    # the subject after two circumstances, not the city the page's other words name
    ("2025年，在区委、区政府的坚强领导下，在区司法局的悉心指导下，荔枝街道坚持以习近平法治思想为指导，全面推进法治建设，"
     "深入学习贯彻习近平总书记视察重庆重要讲话精神。现将工作情况汇报如下。", "荔枝街道"),
    # a zone named after its city's short name in the title
    ("天津滨海高新区2024年度法治政府建设情况报告\n2024年，滨海高新区坚持以习近平法治思想为指导，扎实推进法治政府建设。", "滨海高新区"),
    # the year without a comma before the subject, a development zone
    ("2024年宁河经济开发区在区委、区政府的正确领导下，坚持以习近平法治思想为指导，扎实推进法治政府建设各项工作，"
     "现将2024年法治政府建设情况报告如下：", "宁河经济开发区"),
    # the report naming itself, under an addressee that names the county above it
    ("中共渠县县委、渠县人民政府：\n2025年以来，在县委、县政府的坚强领导下，深入贯彻落实中央、省、市、县关于法治政府建设的"
     "决策部署，立足全镇实际，扎实推进法治政府建设。现将宝城镇2025年法治政府建设工作情况报告如下：", "宝城镇"),
])
def test_a_town_is_named_as_its_openings_subject_or_in_the_sentence_announcing_the_report(opening, region):
    outline, _, _ = read(opening + "\n一、2025年推进法治政府建设的主要举措和成效\n（一）加强党的领导。\n")
    assert outline.region == region


def test_a_bullet_before_a_title_listed_in_the_page_furniture_is_no_part_of_it():
    page = ("首页 > 政务公开 > 政策 > 其它文件\n\n  • 736916951/2024-000784\n  • 黑龙江省司法厅关于2023年法治政府建设情况的报告\n\n"
            "黑龙江省司法厅关于2023年法治政府建设情况的报告\n\n日期:2024-03-04 15:06 来源:厅法治督察处 访问量:\n" + BODY)
    outline, title, _ = read(page)
    assert title == "黑龙江省司法厅关于2023年法治政府建设情况的报告" and outline.issuer == "黑龙江省司法厅"


def test_a_ministrys_own_page_names_it_in_its_source_line_and_counters_end_a_value():
    """来源:国家知识产权局阅读量:时间:… (阅读量 a label too): the national body is the issuer, for 全国."""
    page = ("联系我们\n国家知识产权局2021年法治政府建设情况报告发布\n作者:来源:国家知识产权局阅读量:时间:2022-04-05\n"
            "2021年，知识产权局坚持以习近平法治思想为指导，扎实推进法治政府建设。\n一、主要举措和成效\n（一）加强党的领导。\n")
    outline, _, _ = read(page)
    assert outline.meta.source == "国家知识产权局" and outline.meta.published == "2022-04-05"
    assert (outline.issuer, outline.region) == ("国家知识产权局", "全国")


@pytest.mark.parametrize("line, published", [
    ("阅读量: 【发布日期:2024-03-11 】 关闭", "2024-03-11"),          # the box the label opened ends the value
    ("浏览量:          时间:2021-03-29 23:21:39", "2021-03-29 23:21:39"),
])
def test_page_counters_are_labels_and_a_boxed_date_is_read_without_the_box(line, published):
    outline, _, _ = read("某市卫生健康委2023年法治政府建设情况报告\n" + line + "\n" + BODY)
    assert outline.meta.published == published


def test_the_civil_aviation_administration_by_its_short_name_is_a_national_body():
    outline, _, _ = read("2019年民航局法治政府建设工作情况\n2019年，民航局以习近平法治思想为指导，推进依法行政。\n"
                         "一、主要举措和成效\n（一）加强党的领导。\n")
    assert (outline.issuer, outline.region) == ("民航局", "全国")


@pytest.mark.parametrize("head, title, region", [
    # the breadcrumb's last line above the title is no part of it
    ("当前位置 : 首页 \n> 陇西动态 > 政务公告 \n2025年陇西县法治政府建设情况\n 日期 : 2026-01-15  文章来源 : 司法局\n",
     "2025年陇西县法治政府建设情况", "陇西县"),
    # a title printed twice under its issuer's line: the issuer's line and the first copy
    ("灵寿县人民政府\n关于2025年度法治政府建设情况的报告\n关于2025年度法治政府建设情况的报告\n",
     "灵寿县人民政府\n关于2025年度法治政府建设情况的报告", "灵寿县"),
])
def test_a_title_under_a_breadcrumb_or_printed_twice_under_its_issuer(head, title, region):
    outline, found, body = read(head + BODY)
    assert found == title and outline.region == region and body.startswith("2023年，我市")


def test_the_end_of_a_sentence_broken_over_lines_is_no_title():
    """A copy that put each number on a line of its own (关于 / 2018 / 年宁波市人民政府……的报告 / …纲要( / 2015 /
    … / 年)》的要求,现报告): 年)》的要求,现报告 closes brackets it never opened, so it is no title."""
    page = ("关于\n2018\n年宁波市人民政府法治政府建设工作情况的报告\n市人大常委会:\n根据《法治政府建设实施纲要(\n2015\n-\n2020\n"
            "年)》的要求,现报告\n2018\n年度市人民政府法治政府建设情况如下。\n一、2018年法治政府建设工作回顾\n（一）加强党的领导。\n")
    outline, title, _ = read(page)
    assert title == "年宁波市人民政府法治政府建设工作情况的报告" and outline.issuer == "宁波市人民政府"


def test_a_subtitle_under_the_title_is_not_the_title():
    outline, title, body = read("[权威发布]福建省2017年法治政府建设情况报告\n\n——我省法治政府建设进入发展新阶段暨福建省2017年"
                                "法治政府建设情况报告\n\n" + BODY)
    assert title == "福建省2017年法治政府建设情况报告" and outline.region == "福建省"


def test_an_encyclopedia_mirrors_infobox_line_is_no_title():
    """基本介紹 / • 中文名:…报告 / • 發布單位:…: the infobox under the article's name is metadata (中文名 names
    the title), so the title is the article's name above it, not the infobox line."""
    outline, title, _ = read("保定市人民政府关于2016年度法治政府建设情况的报告\n\n基本介紹\n\n"
                             "  • 中文名:保定市人民政府关于2016年度法治政府建设情况的报告\n  • 發布單位:保定市人民政府\n" + BODY)
    assert title == "保定市人民政府关于2016年度法治政府建设情况的报告" and outline.issuer == "保定市人民政府"


@pytest.mark.parametrize("head, region", [
    # the title's place over the 发布机构's, which the site wrote otherwise
    ("• 索 引 号:wanghe/2026-00009\n  • 发布机构:王河乡\n  • 成文日期:\n王河镇人民政府关于2025年法治政府建设的报告\n", "王河镇"),
    # a town's Party committee, its county before it
    ("中共重庆市铜梁区永嘉镇委员会\n2019年法治政府建设工作报告\n", "永嘉镇"),
])
def test_the_title_names_the_place_before_the_metadata_and_down_to_the_town(head, region):
    outline, _, _ = read(head + BODY)
    assert outline.region == region


def test_a_document_sharing_sites_file_name_is_no_title():
    outline, title, body = read("海滨街2020年法治政府建设情况.docx\n海滨街 2020 年法治政府建设情况报告 2020 年,在区委、区政府的正确"
                                "领导下,在区法治政府建设领导小组的指导下,海滨街严格依法行政,深入推进法治政府建设,积极营造良好的法治"
                                "环境,现将工作情况报告如下:\n一、主要举措和成效\n（一）加强领导。\n")
    assert title == "海滨街 2020 年法治政府建设情况报告" and body.startswith("2020 年,在区委")


def test_a_label_glued_to_its_value_above_the_title_is_no_part_of_it():
    """发布日期2026-01-27 / 时效性有效 / 新华乡2025年……报告: a metadata row without its colon is no first line of the title."""
    outline, title, _ = read("发布机构屏边县新华乡人民政府\n-\n发布日期2026-01-27\n-\n时效性有效\n"
                             "新华乡2025年法治政府建设工作情况报告\n县委全面依法治县委员会办公室:\n" + BODY)
    assert title == "新华乡2025年法治政府建设工作情况报告" and outline.region == "新华乡"


def test_a_town_named_like_a_province_is_the_town():
    outline, _, _ = read("| 索引号: | 330803-070/2024-68685 |\n| 发布机构: | 湖南镇 | 发文日期: | 2024-02-28 |\n"
                         "2023年，在区委、区政府的正确领导下，我镇坚持以习近平法治思想为指导，推进法治政府建设。\n"
                         "一、主要举措和成效\n（一）加强党的领导。\n")
    assert outline.region == "湖南镇"


@pytest.mark.parametrize("crumbs", ["首页 > 政务公开 > 法治政府建设报告", "当前位置：首页>信息公开>年度报告",
                                    "网站首页 » 法治政府 » 法治政府建设年度报告"])
def test_a_breadcrumb_ending_in_a_column_named_report_is_no_title(crumbs):
    outline, title, body = read(crumbs + "\n" + BODY)
    assert title is None and body.startswith("2023年，我市")


@pytest.mark.parametrize("head, title, region", [
    ("信息索引号 001008001003040/2025-20657 文件编号\n责任部门 塘栖镇 公开形式 主动公开\n\n塘栖镇法治政府建设年度报告(2024年度)\n",
     "塘栖镇法治政府建设年度报告(2024年度)", "塘栖镇"),                       # the year in brackets after 报告
    ("乐清市柳市镇2024年法治政府建设年度报告 乐清市柳市镇2024年法治政府建设年度报告 |\n",
     "乐清市柳市镇2024年法治政府建设年度报告", "柳市镇"),                     # printed twice; the town after its city
    ("横县2020年度法治政府建设情况报告\n", "横县2020年度法治政府建设情况报告", "横县"),  # a county of one character
    ("某县2025年度法治政府建设情况报告\n", "某县2025年度法治政府建设情况报告", None),    # a template's mask is no place
])
def test_titles_with_a_year_in_brackets_printed_twice_or_naming_a_town_or_a_one_character_county(head, title, region):
    outline, found, body = read(head + "召开县委常委会2次，召开县政府常务会议3次。\n" + BODY)
    assert found == title and outline.region == region


def test_metadata_labels_broken_by_a_mirror_sites_pinyin_glosses_and_cells_saying_none():
    page = ("索引號(hào): | e768971--2023-0214 | 主題分類: | 綜合政務(wù) |\n"
            "發(fā)布機(jī)構(gòu): | 東湖區(qū)百花洲街道 | 生成日期: | 2023-10-10 09:57 |\n"
            "文件編號(hào): | 无 | 有效性: | 有效 |\n" + BODY)
    outline, title, body = read(page)
    assert outline.meta.issuer == "东湖区百花洲街道" and outline.meta.index_no == "e768971--2023-0214"
    assert outline.meta.doc_number is None and outline.meta.written == "2023-10-10 09:57"
    assert title is None and body.startswith("2023年，我市")


def test_a_headline_naming_the_body_wins_over_the_documents_own_shorter_title():
    page = "湖南省农业农村厅2023年法治政府建设年度报告\n2023年法治政府建设年度报告\n湖南省农业农村厅\n（2024年1月31日）\n" + BODY
    outline, title, body = read(page)
    assert title == "湖南省农业农村厅2023年法治政府建设年度报告"
    assert outline.issuer == "湖南省农业农村厅" and body.startswith("2023年，我市")


def test_a_title_signed_on_the_line_below_names_its_issuer():
    page = "2023年法治政府建设年度报告\n湖南省农业农村厅\n（2024年1月31日）\n" + BODY
    outline, title, body = read(page)
    assert title == "2023年法治政府建设年度报告" and body.startswith("2023年，我市")
    assert outline.issuer == "湖南省农业农村厅" and outline.region == "湖南省"


@pytest.mark.parametrize("line, title, issuer", [
    ("杭州市农业农村局(杭州市乡村振兴局)2023年法治政府建设年度报告", "杭州市农业农村局(杭州市乡村振兴局)2023年法治政府建设年度报告",
     "杭州市农业农村局(杭州市乡村振兴局)"),                                   # one body under two names
    ("青岛市农业农村局2025年法治政府建设情况报告(农法日记)", "青岛市农业农村局2025年法治政府建设情况报告",
     "青岛市农业农村局"),                                                    # the reposting account's tag
    ("湘潭县自然资源局2025年度法治政府建设工作报告(潭县自然资字〔2025〕79号)", "湘潭县自然资源局2025年度法治政府建设工作报告",
     "湘潭县自然资源局"),                                                    # its 文号 in brackets
])
def test_a_title_keeps_a_bodys_second_name_and_sheds_a_tag_or_number_in_brackets(line, title, issuer):
    outline, found, _ = read(line + "\n" + BODY)
    assert found == title and outline.issuer == issuer


def test_title_only_in_the_metadata_block():
    page = ("• 发文机关: 河南省人民政府\n• 标题: 河南省人民政府关于2023年度法治政府建设情况的报告\n"
            "• 发文字号: 豫政文〔2024〕46号\n• 发布日期: 2024年03月29日\n" + BODY)
    outline, title, body = read(page)
    assert title == "河南省人民政府关于2023年度法治政府建设情况的报告"
    assert (outline.region, outline.issuer) == ("河南省", "河南省人民政府")
    assert body.startswith("2023年")


def test_tags_dates_and_banners_glued_onto_the_title_line():
    page = ("时间 : 2024-03-30 来源 : 本网 【打印】 【字体:大 中 小】\n"
            "[权威发布]盐城市司法局2023年度法治政府建设工作报告2024-03-30\n" + BODY)
    outline, title, _ = read(page)
    assert title == "盐城市司法局2023年度法治政府建设工作报告"
    assert (outline.region, outline.issuer) == ("盐城市", "盐城市司法局")
    _, title, _ = read("通知公告柳城县2023年法治政府建设年度报告\n信息来源：柳城县司法局 浏览次数：1234\n" + BODY)
    assert title == "柳城县2023年法治政府建设年度报告"


def test_doc_number_and_addressee_before_the_body_and_a_news_lead_around_the_report():
    page = ("近日，梁平区人民政府公布了2023年度法治政府建设情况报告，全文如下。\n"
            "重庆市梁平区人民政府关于2023年度法治政府建设情况的报告\n梁平府文〔2024〕12号\n市政府：\n" + BODY)
    outline, title, body = read(page)
    assert title == "重庆市梁平区人民政府关于2023年度法治政府建设情况的报告"
    assert outline.meta.doc_number == "梁平府文〔2024〕12号" and outline.addressee is not None
    assert (outline.region, outline.issuer) == ("梁平区", "重庆市梁平区人民政府")
    assert body.startswith("2023年")


def test_a_cover_letter_title_gives_way_to_the_reports_own():
    page = ("关于报送2023年度法治政府建设情况报告的函\n市人民政府：\n现将我县2023年度法治政府建设情况报告报送给你们。\n"
            "上犹县2023年度法治政府建设情况报告\n" + BODY)
    _, title, body = read(page)
    assert title == "上犹县2023年度法治政府建设情况报告" and body.startswith("2023年")


@pytest.mark.parametrize("title, region, issuer", [
    ("司法部2023年法治政府建设年度报告", "全国", "司法部"),
    ("国家税务总局北京市税务局2023年法治政府建设情况报告", "北京市", "国家税务总局北京市税务局"),
    ("内蒙古自治区人民政府关于2023年法治政府建设情况的报告", "内蒙古自治区", "内蒙古自治区人民政府"),
    ("上海市浦东新区2023年法治政府建设情况报告", "浦东新区", None),
    ("济南市教育局2023年度法治政府建设工作报告", "济南市", "济南市教育局"),
])
def test_region_and_issuer_from_the_issuing_body(title, region, issuer):
    outline, _, _ = read(f"{title}\n{BODY}")
    assert (outline.region, outline.issuer) == (region, issuer)


@pytest.mark.parametrize("furniture", ["返回首页", "关于", "在", "标题", "通知公告"])
def test_region_never_carries_furniture(furniture):
    outline, _, _ = read(f"{furniture}保定市2023年法治政府建设情况报告\n{BODY}")
    assert outline.region == "保定市"


def test_a_bare_autonomous_region_word_is_no_region():
    outline, _, _ = read("2023年，自治区各级政府持续推进法治政府建设。\n一、主要工作\n全区办案12件。\n")
    assert outline.region != "自治区"


def test_page_metadata_reaches_the_json_and_the_deadline_check():
    import json

    import checker
    from checker.render.jsonout import render_json

    page = ("• 发文机关: 河南省人民政府\n• 标题: 河南省人民政府关于2023年度法治政府建设情况的报告\n"
            "• 发文字号: 豫政文〔2024〕46号\n• 发布日期: 2024年05月29日\n" + BODY)
    audit = checker.check("页面.txt", text=page)
    report = json.loads(render_json([audit], []))["reports"][0]
    assert report["issuer"] == "河南省人民政府"
    assert report["meta"]["doc_number"] == "豫政文〔2024〕46号" and report["meta"]["published"] == "2024年05月29日"
    timeliness = next(f for f in audit.findings if f.rule == "timeliness")
    assert (timeliness.status, timeliness.outcome) == ("fail", "late_published")


def test_a_saved_page_with_a_metadata_table(tmp_path):
    import checker

    cells = ("<tr><td>索 引 号：</td><td>11130600MB1234567X/2024-00012</td><td>发文机关：</td><td>保定市人民政府</td></tr>"
             "<tr><td>成文日期：</td><td>2024年03月20日</td><td>发文字号：</td><td>保政报〔2024〕5号</td></tr>"
             "<tr><td>标  题：</td><td>保定市人民政府关于2023年度法治政府建设情况的报告</td></tr>")
    body = "".join(f"<p>{line}</p>" for line in ["省人民政府：", *BODY.splitlines(), "保定市人民政府", "2024年3月20日"])
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><meta charset='utf-8'><title>报告_保定市人民政府</title></head><body>"
                    f"<div><a href='/'>返回首页</a> | <a>登录</a>|<a>注册</a> 无障碍</div><table>{cells}</table>"
                    f"<div class='article'><h1>保定市人民政府<br>关于2023年度法治政府建设情况的报告</h1>{body}</div>"
                    f"<div class='footer'>版权所有：保定市人民政府 <a>打印本页</a></div></body></html>", encoding="utf-8")
    audit = checker.check(page)
    assert (audit.region, audit.issuer) == ("保定市", "保定市人民政府")
    assert audit.outline.meta.as_dict() == {
        "issuer": "保定市人民政府", "doc_number": "保政报〔2024〕5号", "written": "2024年03月20日",
        "index_no": "11130600MB1234567X/2024-00012", "title": "保定市人民政府关于2023年度法治政府建设情况的报告"}
    assert {f.rule: f.status for f in audit.findings}["title"] == "pass"


@pytest.mark.parametrize("split", ["X市人民政府\n关于2023年度法治政府建设情况的报告",
                                   "X市人民政府关于2023年度法治政府\n建设情况的报告",
                                   "X市人民政府关于2023年度\n    \n法治政府建设情况的报告"])   # each line a paragraph
def test_a_title_split_over_two_lines_also_mid_phrase(split):
    _, title, body = read(f"返回首页\n{split}\n{BODY}")
    assert "".join(title.split()) == "X市人民政府关于2023年度法治政府建设情况的报告"
    assert body.startswith("2023年")


@pytest.mark.parametrize("title, region, issuer", [
    ("鲤城区人民政府金龙街道办事处2023年法治政府建设情况报告", "金龙街道", "鲤城区人民政府金龙街道办事处"),
    ("广州市公安局增城区分局2023年法治政府建设情况报告", "增城区", "广州市公安局增城区分局"),
    ("应急管理部发布2023年法治政府建设年度报告", "全国", "应急管理部"),
])
def test_the_most_specific_place_of_the_issuing_body(title, region, issuer):
    outline, _, _ = read(f"{title}\n{BODY}")
    assert (outline.region, outline.issuer) == (region, issuer)


@pytest.mark.parametrize("head, region, issuer", [
    ("中共崇义县委 崇义县人民政府\n关于2023年度法治政府建设情况的报告", "崇义县", "中共崇义县委 崇义县人民政府"),
    ("中共白沙镇委员会白沙镇人民政府关于报送2023年度法治政府建设情况的报告", "白沙镇", "中共白沙镇委员会 白沙镇人民政府"),
    ("中共渠县有庆镇委员会 渠县有庆镇人民政府关于2024年度法治政府建设工作情况的报告", "有庆镇",   # its county before it
     "中共渠县有庆镇委员会 渠县有庆镇人民政府"),
    ("中共保定市司法局党组\n2023年度法治政府建设报告", "保定市", "中共保定市司法局党组"),
    ("中共崇义县委员会\n崇义县人民政府\n关于2023年度法治政府建设情况的报告", "崇义县", "中共崇义县委员会 崇义县人民政府"),
    ("中共崇义县委全面依法治县委员会办公室关于2023年度法治政府建设情况的报告", "崇义县",
     "中共崇义县委全面依法治县委员会办公室"),
])
def test_a_party_body_reporting_alone_or_with_its_government_is_the_issuer(head, region, issuer):
    """A joint report of a Party committee and its government, or a Party group's, is issued by them: 中共
    is part of the name, and the two bodies stay apart."""
    outline, _, _ = read(f"{head}\n{BODY}")
    assert (outline.region, outline.issuer) == (region, issuer)


def test_a_county_calling_itself_我县_is_named_by_its_governments_documents():
    text = ("2022年，我县认真学习贯彻习近平法治思想。\n一、主要举措和成效\n（一）出台《崇义县人民政府重大行政决策程序规定》，"
            "转发《赣州市人民政府关于加强行政执法的意见》。\n")
    outline, _, _ = read(text)
    assert outline.issuer == "崇义县人民政府"


@pytest.mark.parametrize("cited, issuer", [
    ("制定《保定市审计局2023年法治建设工作要点》，印发《保定市审计局关于加强审计执法的意见》", "保定市审计局"),
    ("学习《国家统计局关于加强统计执法的意见》", None),          # the state's, not its own
    ("制定《保定市审计局工作规则》", "保定市审计局"),             # whatever follows the name: its own rules
    ("审议通过《龙岩市永定区卫生健康局参与全国法治政府建设示范创建活动实施方案》", "龙岩市永定区卫生健康局"),
    ("研究制定了《2024年度霍邱县应急管理局学法计划》", "霍邱县应急管理局"),        # the year before the name
])
def test_a_department_calling_itself_我局_is_named_by_its_own_documents(cited, issuer):
    text = f"2023年，我局坚持依法审计，{cited}。\n一、主要举措和成效\n（一）加强党的领导。\n"
    outline, _, _ = read(text)
    assert outline.issuer == issuer


@pytest.mark.parametrize("source, title, issuer", [
    ("保定市人民政府办公室", "保定市2023年度法治政府建设情况报告", "保定市人民政府"),
    ("保定市人民政府办公室", "保定市司法局2023年度法治政府建设情况报告", "保定市司法局"),   # it posts others' too
    ("唐山市人民政府办公室", "保定市2023年度法治政府建设情况报告", None),               # another place's
])
def test_a_government_office_posting_its_places_report_stands_for_the_government(source, title, issuer):
    outline, _, _ = read(f"{title}\n来源：{source} 发布时间：2024-03-28\n{BODY}")
    assert outline.issuer == issuer


def test_browser_warnings_and_a_breadcrumb_before_an_untitled_report_are_not_its_text():
    page = ("更换或升级浏览器以获得最佳体验。\n当前浏览器版本过低,可能会有安全风险且无法正常显示。建议您升级或使用其他浏览器。\n"
            "您当前的位置: 首页> 政务公开> 法治政府建设年度报告 > 2023年度\n"
            "2023年，崇义县坚持以习近平法治思想为指导，落实赣州市委、赣州市政府部署，推进法治政府建设。\n"
            "一、主要举措和成效\n（一）落实赣州市部署。\n")
    outline, _, body = read(page)
    assert body.startswith("2023年，崇义县") and outline.region == "崇义县"


def test_the_body_the_title_names_is_the_issuer_not_the_bureau_that_posted_the_page():
    """A county's justice bureau posts every department's report (发布机构: 县司法局); the title says whose it is."""
    page = ("保定市司法局\n搜索位置\n保定市交通运输局2023年法治政府建设报告\n发布日期: 2024-02-28 发布机构: 市司法局\n"
            + BODY)     # the site's banner names the bureau in full
    outline, _, _ = read(page)
    assert outline.meta.issuer == "市司法局" and outline.issuer == "保定市交通运输局"


def test_a_work_summary_under_a_signed_covering_letter():
    """A county sends its report as 法治政府建设工作总结 under a covering letter it signs: the title is the
    summary's, the issuer the letter's signer."""
    page = ("崇政发〔2022〕169号\n市政府：\n现将《2022年崇义县法治政府建设工作总结》随文呈报，请审阅。\n崇义县人民政府\n"
            "2022年12月20日\n2022年崇义县法治政府建设工作总结\n一年来，崇义县法治政府建设工作在市委、市政府的坚强领导下扎实推进。\n"
            "一、聚焦思想政治引领\n（一）深入学习贯彻习近平法治思想。\n")
    outline, title, body = read(page)
    assert title == "2022年崇义县法治政府建设工作总结" and body.startswith("一年来")
    assert (outline.issuer, outline.region, outline.year) == ("崇义县人民政府", "崇义县", 2022)


@pytest.mark.parametrize("later, issuer", [
    ("印发《河北省教育厅关于做好学校疫情防控工作的通知》", "河北省教育厅"),
    ("印发《河北省教育厅关于疫情防控的通知》，转发《山西省教育厅关于招生的通知》", None),   # which one is it?
])
def test_a_body_named_bare_is_the_one_place_the_text_names_it_with(later, issuer):
    text = f"2021年，教育厅以习近平法治思想为引领，全面推进依法治教。\n一、主要举措和成效\n（一）完善制度。{later}。\n"
    outline, _, _ = read(text)
    assert outline.issuer == issuer


def test_a_site_name_above_a_title_opening_关于_is_not_part_of_it():
    _, title, _ = read("环球国际\n\n关于2023年度保定市法治政府建设情况的报告\n" + BODY)
    assert title == "关于2023年度保定市法治政府建设情况的报告"


@pytest.mark.parametrize("head, region, issuer", [
    ("黔西南州人民政府关于2023年度法治政府建设情况的报告\n" + BODY, "黔西南布依族苗族自治州", "黔西南州人民政府"),
    ("西双版纳州2023年法治政府建设情况报告\n" + BODY, "西双版纳傣族自治州", None),
    ("2022年，民政部党组坚持以习近平法治思想为指导，推进民政领域法治建设。\n一、主要举措和成效\n", "全国", "民政部"),
])
def test_prefectures_by_their_short_names_and_a_ministry_by_its_party_group(head, region, issuer):
    outline, _, _ = read(head)
    assert (outline.region, outline.issuer) == (region, issuer)


def test_a_time_and_source_line_without_labels_names_the_body():
    page = "今天是:\n中国政府网|湖北政府网|繁体|无障碍\n2026-01-20 17:01  |  武汉市水务局\n2025年度法治政府建设情况报告\n" + BODY
    outline, title, _ = read(page)
    assert outline.meta.source == "武汉市水务局" and outline.issuer == "武汉市水务局" and outline.region == "武汉市"
    assert title == "2025年度法治政府建设情况报告"


def test_an_untitled_page_announcing_the_report_takes_its_title_from_the_announcement():
    page = ("根据市委依法治市办《关于报送2025年度法治政府建设工作情况报告的通知》要求，现将《保定市文化和旅游局2025年度"
            "法治政府建设情况报告》予以公布。\n2025年，市文化旅游局深入推进依法行政。\n一、主要举措和成效\n（一）健全制度。\n")
    outline, title, body = read(page)
    assert title == "保定市文化和旅游局2025年度法治政府建设情况报告" and body.startswith("2025年")
    assert outline.issuer == "保定市文化和旅游局"


def test_pinyin_glosses_of_a_mirror_site_do_not_break_names_or_headings():
    import checker

    text = ("2022年，應(yīng)急管理部堅持依法行政，推進(jìn)法治政府建設(shè)。\n一、主要舉措和成效\n全年辦理案件12件。\n"
            "（一）切實履行法治建設(shè)第一責(zé)任人職責(zé)\n部長親自部署。\n")
    audit = checker.check("鏡像.txt", text=text)
    assert (audit.region, audit.issuer) == ("全国", "应急管理部")
    assert next(f for f in audit.findings if f.rule == "first-responsible").status == "pass"


def test_a_label_glued_to_the_value_before_it_ends_that_value():
    page = ("哈尔滨市双城区2021年度法治政府建设情况报告\n作者: 来源:双城区人民政府更新时间:2022-03-10 12:17:36\n"
            "哈尔滨市人民政府:\n2021年,双城区政府在市委、市政府的正确领导下,扎实推进法治政府建设。\n一、主要举措和成效\n")
    outline, title, _ = read(page)
    assert outline.meta.source == "双城区人民政府" and outline.meta.published == "2022-03-10 12:17:36"
    assert outline.issuer == "双城区人民政府"


def test_a_site_search_box_above_the_title_is_furniture():
    page = "站群导航\n设为首页\n手机版\n某高新区\n全文检索\n\n高新区2022年法治政府建设工作报告\n\n来源: 发布时间:2023-03-10\n" + BODY
    assert read(page)[1] == "高新区2022年法治政府建设工作报告"


def test_a_title_followed_by_the_next_cells_empty_label():
    page = ("- 索 引 号:4311230009/2025-00578 分 类:\n-\n发文机关:\n双牌县教育局 发文日期:2025-02-25 15:58 - 名称:\n"
            "中共双牌县教育局党组2024年度法治政府建设年度报告 - 文号:\n" + BODY)
    assert read(page)[1] == "中共双牌县教育局党组2024年度法治政府建设年度报告"


@pytest.mark.parametrize("opening, region, issuer", [
    ("2022年在县委、县政府的坚强领导下,镇宁自治县坚持以习近平新时代中国特色社会主义思想为指导,推进法治政府建设。",
     "镇宁布依族苗族自治县", None),             # an autonomous county by its short name, place + 自治县
    ("2025 年,大桥江乡在县委、县政府的坚强有力领导下,以习近平新时代中国特色社会主义思想为科学指引,深入学习贯彻习近平法治思想,"
     "全面贯彻落实党中央、国务院关于法治政府建设的决策部署,扎实有效推进依法行政各项任务。",
     "大桥江乡", None),                       # a long line split at spaces keeps "2025 年" whole
    ("根据《关于报送2021年法治政府建设工作总结的通知》文件要求,伊犁州人民政府高度重视,现将伊犁州2021年度法治政府建设情况报告如下:",
     "伊犁哈萨克自治州", "伊犁州人民政府"),     # the body that 高度重视, named with its place
])
def test_the_place_and_body_an_untitled_report_opens_with(opening, region, issuer):
    outline = read(opening + "\n一、主要举措和成效\n（一）加强党的领导。\n")[0]
    assert (outline.region, outline.issuer) == (region, issuer)


def test_a_joint_banner_above_a_title_naming_its_town_is_the_issuer_not_the_title():
    page = ("石党字〔2025〕2号\n中共石鼻镇委员会 石鼻镇人民政府\n石鼻镇2024年法治政府建设工作情况报告\n"
            "中共安义县委、安义县人民政府:\n2024年,石鼻镇全镇上下全力推进法治政府建设。\n一、主要举措和成效\n")
    outline, title, _ = read(page)
    assert title == "石鼻镇2024年法治政府建设工作情况报告"
    assert (outline.issuer, outline.region) == ("中共石鼻镇委员会 石鼻镇人民政府", "石鼻镇")


def test_a_document_sharing_page_names_the_report_as_a_shared_file():
    page = ("《县教育局2022年法治政府建设年度报告.docx》由会员分享,可在线阅读,更多相关《县教育局2022年法治政府建设年度报告.docx"
            "(8页珍藏版)》请在某某文档网上搜索。\n1、县教育局2022年法治政府建设年度报告xxxx年,我局高度重视法治政府建设。"
            "现将xxxx年法治政府建设情况报告如下: 一、主要举措和成效(一)健全组织机构\n")
    outline, title, body = read(page)
    assert title == "县教育局2022年法治政府建设年度报告" and body.startswith("1、县教育局")


def test_a_report_to_the_congress_on_a_news_site_names_its_body_under_the_session_line():
    page = ("关于杭州市2024年度法治政府建设情况的报告\n杭州网  发布时间:2025-05-28 14:14:25 Wed   \n\n"
            "(2025年5月29日在杭州市第十四届人民代表大会常务委员会第二十七次会议上)\n\n杭州市人民政府\n\n"
            "主任、副主任、秘书长、各位委员:\n\n2024年,我市坚持以习近平法治思想为指导,纵深推进法治政府建设。\n一、主要举措和成效\n")
    outline, title, body = read(page)
    assert title == "关于杭州市2024年度法治政府建设情况的报告"
    assert outline.meta.published == "2025-05-28 14:14:25 Wed" and outline.issuer == "杭州市人民政府"


def test_an_encyclopedia_entry_names_the_report_it_describes():
    page = ("《梧州市人民政府2018年度法治政府建设工作报告》是2019年梧州市人民政府发布的通知。\n"
            "2018年,在自治区党委、自治区人民政府的坚强领导下,我市政府认真贯彻落实《法治政府建设实施纲要》。\n一、主要举措和成效\n")
    assert read(page)[1] == "梧州市人民政府2018年度法治政府建设工作报告"


@pytest.mark.parametrize("opening, region", [
    ("按照市局工作要求,我县认真对照《法治政府建设实施纲要(2015—2020年)》等部署,对2020年度"
     "我县法治政府建设工作总结如下:", None),                                   # 按照 opens no place name
    ("2021年,市商务局深入推进依法行政。协同市税务局、市市场监督管理局开展检查,规范二手车交易市场,整治二手车交易市场秩序,"
     "协同市税务局开展联合执法。", None),                                          # nor do 协同 and 市场
])
def test_words_before_or_after_a_unit_that_make_no_place(opening, region):
    outline = read(opening + "\n一、主要举措和成效\n（一）加强党的领导。\n")[0]
    assert outline.region == region


def test_a_countys_report_naming_its_towns_more_often_than_itself_is_the_countys():
    opening = ("2021年,在市委、市政府和县委的坚强领导下,县政府认真落实法治政府建设各项部署。现将有关工作情况报告如下:\n"
               "一、主要举措和成效\n我县获评全市法治建设绩效考核第二名,花园镇、卫店镇被评为法治建设先进单位。及时召开孝昌县法治政府"
               "建设工作推进会。王店镇新岗村、花园镇桃源社区被评为民主法治示范村(社区)。\n")
    assert read(opening)[0].region == "孝昌县"


def test_a_template_sites_piece_number_is_not_part_of_the_title():
    page = "浏览量:61\n发布时间:2025-06-15\n第一篇:XX市教育局2024年度法治政府建设情况报告\n" + BODY
    assert read(page)[1] == "XX市教育局2024年度法治政府建设情况报告"


def test_a_markdown_title_is_read_without_its_heading_mark():
    audit = check("报告.md", text="# 上犹县2024年法治政府建设情况报告\n\n## 一、主要举措和成效\n\n2024年，上犹县推进依法行政，"
                                 "健全依法决策机制。\n", force=True)
    assert audit.title == "上犹县2024年法治政府建设情况报告"
