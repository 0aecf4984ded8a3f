"""Not a report: refused with a reason, never scored; real reports, however short, untitled or badly
structured, are never refused. The cues are the default ruleset's `genre:` section."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import checker
from checker.batch.runner import run_batch
from checker.cli import cli
from checker.errors import NotAReportError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))]

NON_REPORTS = {
    "政策解读": ("关于《清水县人民政府关于清水县2023年度法治政府建设工作总结的报告》的政策解读\n"
             "按照省市法治政府建设工作要求，我县总结2023年全县法治政府建设工作，现解读如下：\n"
             "一、起草背景\n党中央、国务院高度重视法治政府建设。\n二、起草过程\n县司法局作为起草单位。\n", "解读"),
    "人大会议新闻": ("市人大常委会听取和审议市政府关于2023年度法治政府建设情况的报告\n"
               "3月28日，市十七届人大常委会第十二次会议听取和审议了市人民政府关于2023年度法治政府建设情况的报告。"
               "会议认为，市政府深入贯彻习近平法治思想，法治政府建设取得明显成效。\n", "会议"),
    "新闻报道": ("我市召开法治政府建设工作推进会\n本报讯（记者 张三）近日，我市召开法治政府建设工作推进会，"
             "总结2023年法治政府建设工作，部署下一阶段依法行政重点任务。会议强调，要坚持依法行政。\n", "新闻"),
    "实施方案": ("某市法治政府建设实施方案（2021-2025年）\n为深入推进依法行政，全面建设法治政府，结合我市实际，"
             "制定本方案。\n一、总体要求\n（一）指导思想。坚持以习近平法治思想为指导。\n", "政策文件"),
    "学术文章": ("法治政府建设年度报告制度的实证研究\n摘要：法治政府建设年度报告制度是推动法治政府建设的重要机制。"
             "本文以324份地方政府年度报告为样本进行实证考察。\n关键词：法治政府；年度报告；实证研究\n", "学术"),
    "英文": ("Annual report on building a law-based government. In 2023 the city government advanced the rule "
           "of law in administration, reviewed regulations and trained officials. " * 3, "外文"),
    "只有几个字": ("法治政府建设\n测试一下\n", "过少"),
    "普法总结": ("区司法局法制教育工作总结\n一、坚持突出普法重点对象\n我局会同区委宣传部开展“法律进机关”活动，"
             "组织领导干部学法用法。\n", "普法"),
    "普法新闻": ("“八五”普法以来，某市坚持以习近平法治思想为指导，主动立足实际开展普法。\n一是瞄准“关键少数”，提高普法效能。"
             "开展依法行政培训12场。\n", "普法"),
    "述法报告": ("一、履职情况\n（一）深学笃行习近平法治思想\n全年参与党委理论中心组专题学习6次。\n"
             "（二）严格履行法治建设第一责任人职责\n主持召开专题会议4次，推进依法行政。\n", "述法"),
    "情况说明": ("关于第21项指标的情况说明\n某县没有制定地方政府规章的权限，不符合该项填报主体要求。\n某县严格落实行政规范性文件规定。\n", "其他工作"),
    "全年工作总结": ("2022年，某市司法局坚持以习近平法治思想为指导，各项工作取得新成效。\n一、2022年工作情况\n"
               "（一）突出政治引领。一是加强政治建设。\n", "全年工作总结"),
    "名单公示": ("党中央、国务院高度重视法治政府建设。共有1847个市、县政府自愿申报示范创建。\n"
             "现将名单公示，听取社会各界意见建议。\n公示时间：2020年6月19日—2020年6月25日\n", "公示"),
    "调研文章": ("基层法治建设存在问题与对策分析——基于某市20个镇（街道）法治工作情况的调研\n全面依法治省的基础在基层。"
             "我们对20个镇（街道）开展调研，形成调研报告如下。\n一、基层法治建设的基本情况\n", "调研"),
    "获奖新闻": ("省林业厅被省委省政府评为2016年度法治政府建设优秀单位\n近日，省委办公厅、省政府办公厅通报了2016年度"
             "全省法治政府建设考核情况，省林业厅在43个省直单位中排名靠前。\n", "表彰"),
    "职责清单": ("为深入贯彻落实习近平法治思想，切实推动党政主要负责人履行推进法治建设第一责任人职责，制定如下清单。\n"
             "一、基本原则\n党政主要负责人履行推进法治建设第一责任人职责，必须遵循以下原则：\n", "政策文件"),
    "政府工作报告": ("2024年政府工作报告\n各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。"
               "过去一年，我们坚持依法行政，推进法治政府建设。\n", "政府工作报告"),
    "考核新闻": ("市卫生健康委顺利完成2022年度法治政府建设考核\n为发挥考核对法治政府建设的推动作用，市法治政府建设考核组"
             "到我委开展实地考核，听取汇报，查阅台账。\n", "新闻"),
    "新闻特稿": ("某州干部深入群众代表家中为述职收集意见建议。张三摄\n2021年，中央依法治国办印发意见，强调推进法治建设。"
             "目前各地扎实推进述法工作。\n", "新闻"),
    "行政执法报告": ("2022年，我市行政执法工作紧紧围绕习近平法治思想，严格落实行政执法责任。现将全市2022年行政执法工作情况"
               "报告如下：\n一、全市行政执法基本情况\n全市共办理行政执法案件1616件。\n", "行政执法"),
    "白皮书": ("某区法治政府建设白皮书（2021版）\n目录\n前言……1\n一、总报告……5\n（一）深入贯彻习近平法治思想……5\n", "白皮书"),
    "司法局全年总结": ("2023年，某区司法行政系统深入学习贯彻习近平法治思想，落实省、市、区有关法治建设要求，司法行政工作取得新成效。\n"
                 "一、2023年工作总结\n（一）加强党的领导。\n", "全年工作总结"),
    "个人述法（标题）": ("2025年度镇党委主要负责人履行推进法治建设第一责任人职责情况的报告\n本年度，我始终坚持以习近平法治思想"
                  "为指导，履行推进法治建设第一责任人职责。\n一、工作开展情况\n", "述法"),
    "述法评议新闻": ("为深入学习贯彻习近平法治思想，进一步压实党政主要负责人履行法治建设第一责任人职责，加强基层法治建设工作。"
                "近日，某县两个镇先后组织召开镇各部门主要负责人述法评议会议。\n会议由镇党委书记主持。\n", "新闻"),
    "印发通知": ("某区推进法治政府建设工作领导小组关于印发《某区2023年法治政府建设工作要点》的通知《要点》已经领导小组"
             "会议研究同意，请结合实际认真贯彻落实。\n一、深化法治政府建设\n", "政策文件"),   # lost its line breaks
    "网站署名新闻": ("山东法制传媒网:(王昌健)为全面推进某县法治政府建设向更高水平发展，某县有关负责同志一行深入基层，"
               "实地查看了矛盾调解工作室。\n一行人详细了解了调解室的运行机制。\n", "新闻"),
    "普法工作总结": ("【普法工作总结】为增强全民法治观念，我单位在2024年度积极开展普法宣传教育工作。现将本年度普法工作情况总结如下：\n"
             "一、工作开展情况\n成立普法工作领导小组。\n", "普法"),
    "开展活动的通知": ("为进一步加强法治政府建设，根据市政府法制办安排部署，县政府法制局党组研究决定开展法治政府建设专题学习活动。\n"
                 "一、学习内容\n", "通知"),
    "法院报告": ("2022年，全省法院新收各类行政诉讼案件38061件，同比增长3.8%。全省法院在行政审判方面主要开展以下工作：\n"
             "一是加强重点领域司法监督，促进依法行政。\n", "法院"),
    "公开信": ("致全市人民的一封公开信\n亲爱的市民朋友们：\n开展法治政府建设示范市创建工作是提高依法行政水平的重要举措。\n", "公开信"),
    "评选结果": ("为全面展示法治建设新成就，区委法治办组织开展了“十大法治影响力事件”评选活动。共收到有关单位报送的法治事件"
             "36件。经初评、公众投票，确定以下事件为“十大法治影响力事件”。\n01区委法治办：全面加强法治建设机构机制建设\n", "评选"),
    "年度计划": ("为深入推进依法行政，根据《法治政府建设实施纲要（2021—2025年）》，结合本区实际，制定本计划。\n"
             "一、健全政府机构职能体系\n（一）提升政务服务水平。\n", "政策文件"),
    "工作要点": ("2023年是“八五”普法规划实施的中期之年。\n我局依法治理工作的总体要求是：坚持以习近平法治思想为指导，"
             "推进依法行政。\n一、深入学习宣传贯彻习近平法治思想\n", "政策文件"),
    "转发通知": ("某委发〔2017〕70号\n各村（社区）、镇级各单位：\n为进一步推进法治建设，经镇党委、政府同意，现将《某省党政主要负责人"
             "履行推进法治建设第一责任人职责实施办法》转发你们，请认真学习贯彻。\n", "政策文件"),
}


@pytest.mark.parametrize("name", list(NON_REPORTS))
def test_look_alikes_are_refused_with_a_reason(name):
    text, word = NON_REPORTS[name]
    with pytest.raises(NotAReportError) as refused:
        checker.check(f"{name}.txt", text=text)
    assert refused.value.message.startswith("不像法治政府建设年度报告：") and word in refused.value.message


@pytest.mark.parametrize("text", [
    *SEED_TEXTS,
    "某县2024年法治政府建设情况报告\n一、主要举措和成效\n办理案件12件。",                  # short
    SEED_TEXTS[3][:400],                                                                # truncated
    "2024年，我县深入推进依法行政，全年办理行政复议案件12件，审查规范性文件8件，组织执法人员培训3次。",  # untitled
    "XX县XX年法治政府建设情况报告\n一、主要举措和成效\n全年办理案件XX件。\n二、存在的问题\nXX。\n",   # a template
    ("近日，梁平区人民政府公布了2023年度法治政府建设情况报告，全文如下。\n重庆市梁平区人民政府关于2023年度法治政府建设情况的报告\n"
     "2023年，我区坚持以习近平法治思想为指导，扎实推进法治政府建设。\n一、主要举措和成效\n"),  # a news lead around it
    "新闻出版局2023年法治政府建设工作报告\n2023年，我局坚持依法行政。\n一、主要工作\n",
    "某县2023年法治政府建设暨普法工作情况报告\n2023年，我县坚持依法行政。\n一、主要举措和成效\n",   # 普法 beside 法治政府
    "2023年，我县“八五”普法和法治政府建设工作扎实推进。\n一、主要举措和成效\n全年办理案件12件。\n",
    "2022年，某市司法局深入推进依法行政。\n一、2022年法治政府建设工作情况\n（一）加强组织领导。\n",   # names 法治政府
    ("2024年，市应急管理局深入学习贯彻党中央关于全面依法治国的决策部署和市委全面依法治市委员会工作要求，全面依法履行职责。"
     "现将有关情况报告如下：\n一、2024年工作开展情况\n（一）加强业务学习。\n"),     # names 依法治国/依法治市
    ("2023年，某州人民政府坚持以习近平法治思想为指导，全面推进依法行政。\n一、2023年工作开展情况\n"
     "（一）坚持党的领导，统筹推进法治政府建设。\n"),                                  # its opening does
    "2023年，我县坚持依法行政，严格落实行政执法公示制度，公示执法信息1200条。\n一、主要举措和成效\n",
    ("2023年，我县坚持依法行政，开展“十佳执法案卷”评选活动，经专家评审，评出优秀案卷10卷。\n一、主要举措和成效\n"),  # a contest it ran
    ("2022年，某旗人民政府深入推进依法行政，全面推进法治政府建设。\n一、持续提升科学民主依法决策水平\n"
     "一是严格执行重大行政决策程序。制定《2022年度重大行政决策事项目录》并向社会公布。\n"),   # a list it made, named
    ("2021年，某街道深入推进基层法治建设。9月13日，全国人大常委会领导到某街道基层立法联系点调研。现将某街道2021年度"
     "法治政府建设工作及2022年工作计划报告如下：\n一、坚持党的领导\n"),           # 现将……报告如下 outweighs news

    ("2021年，龙南市坚持以习近平法治思想为指导，扎实推进法治政府建设。\n一、主要举措和成效\n"
     "（一）严格法治督察。通过专题述法推动各乡镇、各部门落实好党政主要负责人推进法治建设第一责任人职责。\n"),  # 主要 is no directive
])
def test_real_reports_are_never_refused(text):
    assert checker.check("报告.txt", text=text).score >= 0


@pytest.mark.parametrize("title", ["XX县2024年法治政府建设情况报告", "XX局2024年度法治政府建设工作总结",
                                   "XX市2024年度推进法治政府建设情况汇报", ""])
@pytest.mark.parametrize("opening", [
    "2024年3月15日，县政府印发《XX县2024年法治政府建设工作要点》，明确全年目标任务。",
    "2024年，我县决定在全县开展法治政府建设示范创建活动，全面推进依法行政。",
    "2024年，县委县政府决定组织开展“八五”普法中期评估工作，法治政府建设取得新成效。",
])
def test_a_report_opening_with_what_a_notice_or_news_says_is_not_refused(title, opening):
    """Cues for notices (决定…开展) and news (…印发) must not catch a report's own account of the year,
    whatever its title (a 工作总结 or 情况汇报 title does not outweigh the opening's cues)."""
    text = (title + "\n" if title else "") + opening + "\n一、主要举措和成效\n全年办理行政执法案件120件。\n二、存在的不足\n执法人员素质有待提高。\n"
    assert checker.check("报告.txt", text=text).score >= 0


def test_lint_lists_a_non_report_under_errors_and_force_checks_it(tmp_path):
    news = tmp_path / "新闻.txt"
    news.write_text(NON_REPORTS["新闻报道"][0], encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(news), "--format", "json"])
    assert result.exit_code == 2
    assert f"{news}: 不像法治政府建设年度报告：这是新闻报道" in result.stderr
    payload = json.loads(result.stdout)
    assert payload["reports"] == [] and payload["errors"][0]["kind"] == "not_report"
    forced = CliRunner().invoke(cli, ["lint", str(news), "--force", "--format", "json"])
    assert forced.exit_code in (0, 1) and len(json.loads(forced.stdout)["reports"]) == 1


def test_batch_keeps_non_reports_out_of_the_ranking(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "上犹县.txt").write_text(SEED_TEXTS[3], encoding="utf-8")
    (folder / "解读.txt").write_text(NON_REPORTS["政策解读"][0], encoding="utf-8")
    assert run_batch([folder], tmp_path / "out", jobs=1, quiet=True) == 2
    data = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert [Path(r["path"]).name for r in data["reports"]] == ["上犹县.txt"]
    assert [(Path(e["path"]).name, e["kind"]) for e in data["errors"]] == [("解读.txt", "not_report")]
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    section = page[page.index('id="not-reports"'):page.index('id="errors"')]
    assert "解读.txt" in section and "政策解读" in section
    assert "解读.txt" not in (tmp_path / "out" / "scores.csv").read_text(encoding="utf-8-sig")
