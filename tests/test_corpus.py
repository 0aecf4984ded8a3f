"""The checker on real pages it was never tuned on: the hand-labelled regression corpus in tests/corpus/.

The comparison itself lives in tests/corpus/evaluate.py (shared with benchmarks/eval_corpus.py).
"""
import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parent / "corpus" / "evaluate.py"
_SPEC = importlib.util.spec_from_file_location("fzcheck_corpus_evaluate", _PATH)
evaluate = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = evaluate
_SPEC.loader.exec_module(evaluate)

ENTRIES = evaluate.load_labels()

MIN_REPORTS = 40
MIN_NON_REPORTS = 10
MIN_OVERALL = 0.96              # 97.4 % on 1,435 pages; a new blind batch lands at 78-98 %
MIN_REGION = 0.96
MIN_ISSUER = 0.93               # a roster matches a department's report by its issuer (94.1 %)
MIN_FIRST_RESPONSIBLE = 0.95    # the regulation's item (三), the part real reports bury most (96.2 %)


@pytest.fixture(scope="module")
def result():
    return evaluate.evaluate(ENTRIES)


def _listing(mismatches, element=None):
    rows = [f"{m.file} {m.element}: expected {m.expected!r}, got {m.got!r}"
            for m in mismatches if element is None or m.element == element]
    return "\n".join(rows)


def test_labels_are_valid():
    assert evaluate.label_problems(ENTRIES) == []


def test_corpus_size():
    reports = sum(1 for e in ENTRIES if e["report"] is True)
    non_reports = sum(1 for e in ENTRIES if e["report"] is False)
    assert reports >= MIN_REPORTS
    assert non_reports >= MIN_NON_REPORTS


def test_overall_accuracy(result):
    accuracy = result.accuracy()
    assert accuracy >= MIN_OVERALL, "\n" + result.table() + "\n" + _listing(result.mismatches)


def test_region_accuracy(result):
    accuracy = result.accuracy("region")
    assert accuracy >= MIN_REGION, "\n" + _listing(result.mismatches, "region")


def test_issuer_accuracy(result):
    accuracy = result.accuracy("issuer")
    assert accuracy >= MIN_ISSUER, "\n" + _listing(result.mismatches, "issuer")


def test_first_responsible_accuracy(result):
    accuracy = result.accuracy("first_responsible")
    assert accuracy >= MIN_FIRST_RESPONSIBLE, "\n" + _listing(result.mismatches, "first_responsible")


@pytest.mark.parametrize("page, issuer", [
    ("118.txt", "汶上县卫生健康局"),     # opens with a bare 县卫生健康局; 《汶上县卫生健康局…清单》 later
    ("029.txt", "岳阳县人民政府"),       # 现将县人民政府…报告如下; 《岳阳县人民政府常务会会前学法制度》
    ("235.txt", "浙江省商务厅"),         # 发布机构: 省商务厅, the title names 浙江省商务厅
    ("060.txt", "下洋镇人民政府"),       # 现将下洋镇人民政府2023年…汇报如下 (not 现将下洋镇人民政府)
    ("178.txt", "古镛镇人民政府"),       # no title: the 发布机构 of the metadata list it opens with
])
def test_issuer_named_by_level_or_only_in_the_metadata_is_found(page, issuer):
    import checker

    assert checker.check(evaluate.PAGES / page).issuer == issuer


# Non-reports still scored, each of a kind no cue covers without risking real reports; listed so that any
# other one, and a fix for these, shows here.
KNOWN_ACCEPTED = {
    "286.txt",   # an experience article (经验交流) on 述法 and 督察, in 一是/二是 items like a report's
    "412.txt",   # a provincial reform group's yearly summary (民主法制领域改革专项小组), written like a report
    "413.txt",   # a news feature (依法治藏…) whose headline is a sentence and whose text reads like a report
    "449.txt",   # a news review of the police's rule-of-law year (全国公安机关…), untitled, in report-like paragraphs
    "455.txt",   # a national news feature on 法治政府建设 in 2023, cut in mid-list, with no title or lead
    "564.txt",   # a police bureau's untitled 普法 and 依法治理 summary (法治宣传教育和推进依法治理), which a report
                 # also names (227: 普法和依法治理工作)
    "576.txt",   # the 法治政府 chapter of a national yearly overview, untitled, written like the State Council's report
    "754.txt",   # a justice bureau's untitled yearly work summary opening with its honours, as a real report may (640)
    "804.txt",   # a notice issuing a five-year 依法行政 plan, whose title line is read as text behind the metadata
                 # list the page opens with (关于印发 there is also how a report cites the notice it follows)
    "884.txt",   # a 法制办's information-disclosure report on a spam mirror, untitled, opening like a report
    "906.txt",   # a province's yearly review feature in traditional characters on a mirror, written like a report
    "926.txt",   # a machine-written overview of a city's rule of law (一、…的历史性跨越 / 1.1 …), figures like a report's
    "957.txt",   # a newspaper feature on a city's 法治政府建设, untitled, in the city's voice like its report
    "972.txt",   # a template site's table of contents of 22 work summaries, one of them titled like a report
    "993.txt",   # a collection of provincial agriculture departments' practices in traditional characters
    "1017.txt",  # a machine-written blurb about a township's 法治政府建设 on a content farm
    "1154.txt",  # an untitled portal item on a transport bureau's publicity for the city's 示范市 bid, in 一是/二是
    "1193.txt",  # news of a city justice bureau commending 23 民主法治示范村, copied to a finance site, untitled
    "1196.txt",  # a feature on a town's 依法治理 with run-in heads and quoted speech, untitled
    "1211.txt",  # a city's ten-year rule-of-law summary (党的十八大以来，江门市……) on a mirror, untitled
    "1261.txt",  # a city's draft measures under the 法治社会 outline on a document-sharing site, its title a plan's
    "1265.txt",  # the central 示范创建 opinion on a traditional-character mirror, untitled, in report-like prose
    "1273.txt",  # a feature on the national 示范创建 campaign (自2019年起，中央依法治国办组织开展……), untitled
    "1279.txt",  # a province's review of its statistics enforcement since 2012, in a report's headings, untitled
    "1296.txt",  # a county's 七五 普法 report to its 人大 on a document-sharing site, its title glued to the text
    "1303.txt",  # a prefecture bureau's news of its 法治政府建设宣传日, a 【tag】 before the headline-like first line
    "1311.txt",  # a justice bureau's untitled yearly work summary in thematic parts, as a report's would be
    "1314.txt",  # news of a county's 法治政府建设 measures, untitled, opening 屏边县结合本地实际……
    "1336.txt",  # a justice bureau's yearly summary and next year's ideas, its title line lost among table values
    "1342.txt",  # a template copy (xx县司法局) of a justice bureau's yearly work summary, untitled
    "1381.txt",  # a deputy bureau head's signed overview of the city's rule of law, laid out like a report
    "1391.txt",  # a city newspaper's feature on the city's 示范市 bid, untitled
    "1399.txt",  # a justice bureau's story of its achievements, untitled, in a report's voice
    "1403.txt",  # a newspaper's analysis of ten years of a city's reports, quoting them
    "1405.txt",  # a provincial justice department head's signed article, laid out like a report
    "1431.txt",  # news of a city's 法治考评 on a spam domain, untitled
}


def test_every_non_report_is_refused_but_the_known_ones(result):
    accepted = {m.file for m in result.mismatches if m.element == "report" and m.expected is False}
    assert accepted == KNOWN_ACCEPTED, "\n" + _listing(
        [m for m in result.mismatches if m.element == "report" and m.expected is False])


def test_no_report_is_refused(result):
    refused = result.reports_refused
    assert refused == 0, "\n" + _listing(
        [m for m in result.mismatches if m.element == "report" and m.expected is True])


def test_no_page_crashes_the_checker(result):
    errors = [f"{name}: {error}" for name, error in result.errors]
    assert errors == []
