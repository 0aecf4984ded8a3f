"""The province's view: the roster of who must report, several years side by side, the 通报 draft whose
figures are the dashboard's."""
import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.batch import batch
from checker.batch.roster import Entry, match, read_roster
from checker.batch.runner import Summary

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ROSTERS = Path(__file__).resolve().parent / "corpus" / "roster"
SEED_003 = (SEEDS / "003_fee9404ac5415434.txt").read_text(encoding="utf-8")   # 上犹县 2024, 2025年2月 dated


def summary(region, issuer=None, year=2024, index=0):
    return Summary(index=index, path=f"{region}.txt", page=region, region=region, issuer=issuer, year=year,
                   title=None, score=80.0, grade="良好", failed_errors=0, failed_warnings=0, statuses={})


def test_roster_entries_match_reports_by_issuer_or_region_fuzzily():
    entries = [Entry("上犹县人民政府", "赣州市"), Entry("崇义县", "赣州市"), Entry("济南市教育局", "济南市"),
               Entry("济南市", "山东省")]
    reports = [summary("上犹县", "上犹县人民政府"), summary("济南市", "济南市教育局", index=1),
               summary("济南市", "济南市人民政府", index=2), summary("寻乌县", index=3),
               summary("济南市", "济南市人民政府", index=4)]
    view = match(entries, reports)
    assert [e.name for e in view.missing] == ["崇义县"]
    assert [s.index for s in view.reports[0]] == [0]
    assert [s.index for s in view.reports[2]] == [1]            # the department, not its city
    assert [s.index for s in view.reports[3]] == [2, 4]
    assert [e.name for e, _ in view.doubled] == ["济南市"]
    assert [s.region for s in view.unmatched] == ["寻乌县"]


def test_roster_names_written_as_offices_write_them_still_match():
    """A county listed with its city (赣州市上犹县), a department without its city (教育局, 市司法局 under
    济南市), a report signed with its province and city: each finds its own entry, never another's."""
    entries = [Entry("赣州市上犹县", "赣州市"), Entry("教育局", "济南市"), Entry("市司法局", "济南市人民政府"),
               Entry("崇义县", "赣州市"), Entry("济南市", "山东省"), Entry("公安局", "青岛市")]
    reports = [summary("上犹县", "上犹县人民政府"), summary("济南市", "济南市教育局", index=1),
               summary("济南市", "山东省济南市司法局", index=2), summary("济南市", "济南市人民政府", index=3),
               summary("崇义县", "江西省赣州市崇义县人民政府", index=4), summary("济南市", "济南市公安局", index=5)]
    view = match(entries, reports)
    assert {entries[i].name: [s.index for s in found] for i, found in view.reports.items()} == {
        "赣州市上犹县": [0], "教育局": [1], "市司法局": [2], "济南市": [3], "崇义县": [4]}
    assert [s.index for s in view.unmatched] == [5]             # 济南's 公安局 is not 青岛's
    assert [e.name for e in view.missing] == ["公安局"]


def test_reports_of_party_committees_and_groups_match_their_place_or_department():
    """A county's Party committee reporting alone or jointly with the government answers for the county; a
    department's Party group for the department, not for its city."""
    entries = [Entry("崇义县", "赣州市"), Entry("大余县", "赣州市"), Entry("青岛市交通运输局", "青岛市"),
               Entry("青岛市", "山东省")]
    reports = [summary("崇义县", "中共崇义县委 崇义县人民政府"), summary("大余县", "中共大余县委", index=1),
               summary("青岛市", "中共青岛市交通运输局党组", index=2)]
    view = match(entries, reports)
    assert {entries[i].name: [s.index for s in found] for i, found in view.reports.items()} == {
        "崇义县": [0], "大余县": [1], "青岛市交通运输局": [2]}
    assert [e.name for e in view.missing] == ["青岛市"]


def test_a_short_name_two_entries_share_names_neither():
    """济南's and 枣庄's 市中区 both shorten to 市中区: a report goes to the entry its name fits exactly or by a
    longer form (济南市市中区), never to the first entry that happens to share the short name."""
    entries = [Entry("山东省枣庄市市中区"), Entry("山东省济南市市中区"), Entry("济南市市中区教育局")]
    reports = [summary("济南市市中区", "济南市市中区人民政府", index=0),
               summary("市中区", "市中区人民政府", index=1)]            # no city anywhere: whose is it?
    view = match(entries, reports)
    assert {entries[i].name: [s.index for s in found] for i, found in view.reports.items()} == {"山东省济南市市中区": [0]}
    assert [s.index for s in view.unmatched] == [1]
    department = match([Entry("市场监管局", "济南市"), Entry("济南市")], [summary("济南市", "济南市市场监管局")])
    assert list(department.reports) == [0] and not department.unmatched        # 市场 keeps its 市: 济南市市场监管局


def test_roster_headers_as_offices_write_them_are_read(tmp_path):
    roster = tmp_path / "名单.csv"
    roster.write_text("附件1：2024年度法治政府建设年度报告报送名单,,\n序号,县（市、区）,设区市\n"
                      "1,赣州市上犹县,赣州市\n2,崇义 县,赣州市\n", encoding="utf-8")
    assert read_roster(roster) == [Entry("赣州市上犹县", "赣州市"), Entry("崇义县", "赣州市")]
    roster.write_text("序号,地区,部门名称\n1,济南市,教育局\n2,济南市,市司法局\n3,济南市,\n", encoding="utf-8")
    assert read_roster(roster) == [Entry("教育局", "济南市"), Entry("市司法局", "济南市"),   # the unit, under its region
                                   Entry("济南市")]                                          # a row of the region alone
    roster.write_text("2024年度应报送名单\n地区\t上级\n上犹县\t赣州市\n", encoding="utf-8")  # pasted, under a title
    assert read_roster(roster) == [Entry("上犹县", "赣州市")]


def test_a_roster_file_without_a_name_column_is_a_clear_error(tmp_path):
    roster = tmp_path / "名单.csv"
    roster.write_text("序号,备注\n1,无\n", encoding="utf-8")
    result = CliRunner().invoke(batch, [str(SEEDS), "-o", str(tmp_path / "out"), "--roster", str(roster)])
    assert result.exit_code == 2 and "名单缺少“地区”或“单位”列" in result.stderr and "Traceback" not in result.output


def test_a_roster_in_another_format_is_refused_with_a_hint(tmp_path):
    roster = tmp_path / "名单.xls"
    roster.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504)    # an OLE2 (Excel 97-2003) header
    result = CliRunner().invoke(batch, [str(SEEDS), "-o", str(tmp_path / "out"), "--roster", str(roster)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "名单.xls: 名单应为 .xlsx 或 .csv 文件（.xls 请在 Excel 或 WPS 中另存为 .xlsx）" in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_roster_pasted_from_a_spreadsheet_into_a_text_file_is_read(tmp_path):
    roster = tmp_path / "名单.txt"
    roster.write_text("地区\t上级\n上犹县\t赣州市\n", encoding="utf-8")     # copied cells are tab-separated
    assert read_roster(roster) == [Entry("上犹县", "赣州市")]


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """Two counties over two years, one county missing, a GBK roster with 上级; the 通报 written too."""
    base = tmp_path_factory.mktemp("province")
    for year in (2023, 2024):
        folder = base / "reports" / str(year)
        folder.mkdir(parents=True)
        for county in ("上犹县", "崇义县"):
            text = SEED_003.replace("上犹县", county).replace("上犹", county[:2])
            if year == 2023:
                text = text.replace("2024年", "2023年").replace("2025年", "2024年")
            if county == "崇义县" and year == 2023:   # 崇义县 improved: its 2023 report had no title
                text = text.split("\n", 1)[1]
            (folder / f"{county}.txt").write_text(text, encoding="utf-8")
    roster = base / "名单.csv"
    roster.write_bytes("地区,上级,类型\n上犹县,赣州市,县\n崇义县,赣州市,县\n安远县,赣州市,县\n".encode("gb18030"))
    out, notice = base / "out", base / "通报.docx"
    result = CliRunner().invoke(batch, [str(base / "reports"), "-o", str(out), "--roster", str(roster),
                                        "--notice", str(notice), "--docx", "--jobs", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    return {"out": out, "notice": notice}


def test_dashboard_lists_who_did_not_submit_and_groups_by_parent(province):
    page = (province["out"] / "index.html").read_text(encoding="utf-8")
    missing = page[page.index('id="missing"'):page.index("</table>", page.index('id="missing"'))]
    assert "安远县" in missing and "上犹县" not in missing
    groups = page[page.index('id="groups"'):page.index("</table>", page.index('id="groups"'))]
    assert "赣州市" in groups and re.search(r"<td class=\"num\">2</td>", groups)   # the 2024 round's two
    histogram = page[page.index('id="histogram"'):page.index('id="shortcomings"')]
    assert "得分分布（2024年度）" in histogram
    assert sum(map(int, re.findall(r"分：(\d+) 份</title>", histogram))) == 2


def test_exports_list_the_roster_checked(province, tmp_path):
    """roster.csv, the xlsx's 名单核对 sheet and results.json say who did not submit, for the 2024 round."""
    import openpyxl

    rows = list(csv.DictReader((province["out"] / "roster.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["名称"], r["报送情况"], r["年度"]) for r in rows] == [
        ("上犹县", "已提交", "2024"), ("崇义县", "已提交", "2024"), ("安远县", "未提交", "")]
    sheet = openpyxl.load_workbook(province["out"] / "scores.xlsx")["名单核对"]
    assert [[str(c) if c is not None else "" for c in row] for row in sheet.iter_rows(min_row=2, values_only=True)] == \
        [list(r.values()) for r in rows]
    roster = json.loads((province["out"] / "results.json").read_text(encoding="utf-8"))["roster"]
    assert roster["year"] == 2024 and roster["entries"] == 3
    assert roster["missing"] == [{"name": "安远县", "parent": "赣州市", "kind": "县"}] and roster["unmatched"] == []
    # a rerun into the same folder without a roster leaves no roster.csv behind
    out = tmp_path / "again"
    shutil.copytree(province["out"], out)
    result = CliRunner().invoke(batch, [str(province["out"].parent / "reports"), "-o", str(out), "--quiet"])
    assert result.exit_code == 0 and not (out / "roster.csv").exists()
    assert "roster" not in json.loads((out / "results.json").read_text(encoding="utf-8"))


def test_a_batch_of_several_years_reports_on_its_latest_round():
    """2023 reports are there to compare with: who did not submit, the counts and the ranking are 2024's."""
    from checker import load_ruleset
    from checker.batch.overview import build

    reports = [summary("上犹县", "上犹县人民政府", 2023, 0), summary("崇义县", "崇义县人民政府", 2023, 1),
               summary("上犹县", "上犹县人民政府", 2024, 2)]
    reports[2].score = 90.0
    overview = build(reports, load_ruleset(), [Entry("上犹县"), Entry("崇义县")])
    assert overview.year == 2024 and overview.received == 1 and [s.index for s in overview.ranking] == [2]
    assert [e.name for e in overview.missing] == ["崇义县"]       # it reported in 2023, not in 2024
    assert overview.changes == {"上犹县人民政府": 10.0}
    assert build(reports[:2], load_ruleset()).year is None        # one year: every report counts


def test_an_office_made_roster_with_title_rows_and_cities_in_names_matches_the_counties(province, tmp_path):
    """tests/corpus/roster/titled.xlsx, saved by LibreOffice Calc: 附件1 and a merged title above the header
    县（市、区）/设区市, every county written with its city (赣州市上犹县), one 赣州市 cell merged over the three rows."""
    assert {e.parent for e in read_roster(ROSTERS / "titled.xlsx")} == {"赣州市"}
    out = tmp_path / "out"
    result = CliRunner().invoke(batch, [str(province["out"].parent / "reports"), "-o", str(out), "--roster",
                                        str(ROSTERS / "titled.xlsx"), "--quiet"])
    assert result.exit_code == 0, result.output
    page = (out / "index.html").read_text(encoding="utf-8")
    missing = page[page.index('id="missing"'):page.index("</table>", page.index('id="missing"'))]
    assert re.findall(r'<td class="region">(\w+)</td>', missing) == ["赣州市安远县"]
    assert 'id="unmatched"' not in page


def test_dashboard_shows_each_region_by_year_with_its_change(province):
    page = (province["out"] / "index.html").read_text(encoding="utf-8")
    trends = page[page.index('id="trends"'):page.index('id="reports"')]
    assert "2023" in trends and "2024" in trends and "<polyline" in trends
    data = json.loads((province["out"] / "results.json").read_text(encoding="utf-8"))
    scores = {(r["region"], r["year"]): r["score"] for r in data["reports"]}
    change = round(scores[("崇义县", 2024)] - scores[("崇义县", 2023)], 1)
    assert change > 0 and f"{change:+.1f}" in trends


def test_near_duplicates_leave_out_a_region_and_its_own_other_year(province):
    page = (province["out"] / "index.html").read_text(encoding="utf-8")
    section = page[page.index('id="neardup"'):]
    # two counties, two years, all from one seed: 6 pairs, less 上犹县 2023–2024 and 崇义县 2023–2024
    assert "共找到 4 对" in section and "同一地区或单位不同年度的报告之间不算" in section


def test_each_report_is_weighed_against_its_own_previous_year_in_the_batch(province):
    data = json.loads((province["out"] / "results.json").read_text(encoding="utf-8"))
    repeated = {(r["region"], r["year"]): next(f for f in r["findings"] if f["rule"] == "problems-repeated")
                for r in data["reports"]}
    assert repeated[("上犹县", 2023)]["status"] == repeated[("崇义县", 2023)]["status"] == "skip"
    # the 2024 reports repeat their 2023 shortcomings word for word
    assert repeated[("上犹县", 2024)]["status"] == repeated[("崇义县", 2024)]["status"] == "fail"
    page = (province["out"] / "reports" / "上犹县-2.html").read_text(encoding="utf-8")
    assert "照抄上一年度报告" in page


def test_batch_writes_a_reviewed_word_copy_of_each_report(province):
    from docx import Document

    copies = sorted((province["out"] / "reports").glob("*.docx"))
    assert len(copies) == 4
    for copy in copies:
        comments = list(Document(str(copy)).comments)
        assert comments and all(c.author == "fzcheck" for c in comments)


def _docx_text(path: Path, tmp: Path) -> str:
    """The document as LibreOffice reads it (a real client), as plain text."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: .ci/run installs libreoffice-writer-nogui")
    subprocess.run([soffice, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp), str(path)],
                   check=True, capture_output=True, timeout=120, env={"HOME": str(tmp), "PATH": "/usr/bin:/bin"})
    return (tmp / (path.stem + ".txt")).read_text(encoding="utf-8-sig")


def test_notice_figures_are_the_dashboards(province, tmp_path):
    text = _docx_text(province["notice"], tmp_path)
    page = (province["out"] / "index.html").read_text(encoding="utf-8")
    received = re.search(r"收到 <strong>(\d+)</strong> 份", page).group(1)
    missing = re.search(r"未提交 <strong>(\d+)</strong> 个", page).group(1)
    late = re.search(r"逾期 <strong>(\d+)</strong> 份", page).group(1)
    assert f"收到 {received} 份，未提交 {missing} 个：安远县" in text
    assert (f"逾期 {late} 份" if late != "0" else "按时报送 2 份，无逾期。") in text
    rows = list(csv.DictReader((province["out"] / "scores.csv").read_text(encoding="utf-8-sig").splitlines()))
    best = max((r for r in rows if r["年度"] == "2024"), key=lambda r: float(r["得分"]))
    assert best["得分"] in text and "得分排名" in text
    assert "关于2024年度法治政府建设年度报告审查情况的通报" in text and "并与各地2023年度的报告比较" in text
    assert received == "2" and "名次\n地区/单位\n得分\n等级\n比上次" in text
    # the pairs the dashboard counts, named by region, a report of an earlier year with its year
    assert re.search(r"发现 4 对报告内容高度相似，如[^。]*(?:上犹县|崇义县)（2023年度）", text)


def test_every_copy_of_a_bodys_report_is_weighed_against_its_previous_year(tmp_path):
    """A report sent twice (two folders, two names) is the same report: both copies get the same check."""
    for year, folders in ((2023, ("2023",)), (2024, ("2024a", "2024b"))):
        text = SEED_003 if year == 2024 else SEED_003.replace("2024年", "2023年").replace("2025年", "2024年")
        for name in folders:
            (tmp_path / "in" / name).mkdir(parents=True)
            (tmp_path / "in" / name / f"上犹县{name}.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(batch, [str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1", "-q"])
    assert result.exit_code == 0, result.output
    reports = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))["reports"]
    copies = [r for r in reports if r["year"] == 2024]
    assert len(copies) == 2
    assert [f["status"] for r in copies for f in r["findings"] if f["rule"] == "problems-repeated"] == ["fail", "fail"]
    assert copies[0]["score"] == copies[1]["score"]


def test_department_reports_are_named_by_their_department_not_their_city(tmp_path):
    """Two departments of one county are two lines of the ranking, not 上犹县 twice."""
    folder = tmp_path / "in"
    folder.mkdir()
    for unit in ("司法局", "教育局"):
        text = SEED_003.replace("上犹县2024年法治政府建设情况报告", f"上犹县{unit}2024年法治政府建设情况报告", 1)
        (folder / f"{unit}.txt").write_text(text.replace("2025年2月21日", f"上犹县{unit}\n2025年2月21日"),
                                            encoding="utf-8")
    out, notice = tmp_path / "out", tmp_path / "通报.docx"
    result = CliRunner().invoke(batch, [str(folder), "-o", str(out), "--notice", str(notice), "-j", "1", "-q"])
    assert result.exit_code == 0, result.output
    reports = json.loads((out / "results.json").read_text(encoding="utf-8"))["reports"]
    assert sorted(r["issuer"] for r in reports) == ["上犹县司法局", "上犹县教育局"]
    page = (out / "index.html").read_text(encoding="utf-8")
    ranking = re.findall(r'<td class="region"><a href="reports/[^"]+">([^<]+)</a>', page)
    assert sorted(ranking) == ["上犹县司法局", "上犹县教育局"]
    text = _docx_text(notice, tmp_path)
    assert "上犹县司法局" in text and "上犹县教育局" in text
    # none late: said so, not “逾期 0 份：无”; the ruleset named once, in quotes, not in brackets within brackets
    assert "按时报送 2 份，无逾期。" in text and "：无。" not in text
    assert "本次按规则集“fzzf-2019（" in text and "（按规则集" not in text
