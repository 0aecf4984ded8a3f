"""`fzcheck batch`: every input in every output, exports, errors listed, parallel runs identical, near-dups."""
import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.batch import batch, neardup
from checker.batch.exports import write_xlsx
from checker.batch.runner import Summary, expand_inputs, page_names, run_batch
from checker.document import read_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = sorted(str(p) for p in SEEDS.glob("0*.txt"))
SEED_003 = SEEDS / "003_fee9404ac5415434.txt"


def _copied_report(tmp_path: Path) -> Path:
    """Seed 003 recycled by another county: region renamed, one paragraph rewritten."""
    lines = SEED_003.read_text(encoding="utf-8").splitlines()
    lines = [line.replace("上犹县", "崇义县").replace("上犹", "崇义") for line in lines]
    lines[12] = "一是部分单位对法治政府建设重视不足，工作推进力度有待加强；二是基层执法队伍专业化水平仍需提升。"
    path = tmp_path / "copied" / "崇义县.txt"
    path.parent.mkdir()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Five seeds, one near-duplicate, one binary file and one missing file, run once with --jobs 2."""
    base = tmp_path_factory.mktemp("batch")
    copied = _copied_report(base)
    binary = base / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    inputs = [str(SEEDS), str(copied), str(binary), str(base / "missing.txt")]
    out = base / "out"
    code = run_batch(inputs, out, jobs=2, quiet=True)
    return {"out": out, "code": code, "copied": str(copied), "binary": str(binary),
            "missing": str(base / "missing.txt"), "inputs": inputs}


def test_unreadable_inputs_give_exit_2_and_are_listed_while_others_are_scored(corpus):
    assert corpus["code"] == 2
    data = json.loads((corpus["out"] / "results.json").read_text(encoding="utf-8"))
    assert data["schema"] == "fzcheck/1"
    assert [r["path"] for r in data["reports"]] == SEED_FILES + [corpus["copied"]]
    errors = {e["path"]: e["error"] for e in data["errors"]}
    assert set(errors) == {corpus["binary"], corpus["missing"]}
    assert errors[corpus["missing"]] == "文件不存在"
    assert all(errors.values())
    lines = (corpus["out"] / "results.json").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line.rstrip(","))["path"] for line in lines if line.startswith('{"path"')] == \
        [r["path"] for r in data["reports"]]       # a report a line, for grep and jq
    dashboard = (corpus["out"] / "index.html").read_text(encoding="utf-8")
    for path, reason in errors.items():
        assert path in dashboard and reason in dashboard


def test_every_report_appears_once_in_every_output(corpus):
    out = corpus["out"]
    scored = SEED_FILES + [corpus["copied"]]
    dashboard = (out / "index.html").read_text(encoding="utf-8")
    rows = list(csv.reader((out / "scores.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [r[0] for r in rows[1:]] == scored
    for path in scored:
        assert dashboard.count(f"<td>{path}</td>") == 1


def test_csv_speaks_chinese_with_one_status_column_per_rule(corpus):
    raw = (corpus["out"] / "scores.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(raw.decode("utf-8-sig").splitlines()))
    data = json.loads((corpus["out"] / "results.json").read_text(encoding="utf-8"))
    rule_names = [f["name"] for f in data["reports"][0]["findings"]]
    assert header == ["文件", "地区", "发文机关", "年度", "得分", "等级"] + rule_names
    first = next(r for r in csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    report = data["reports"][0]
    assert first["地区"] == report["region"] and float(first["得分"]) == report["score"]
    words = {"pass": "符合", "partial": "部分符合", "fail": "不符合", "skip": "不适用"}
    assert all(first[f["name"]] == words[f["status"]] for f in report["findings"])


def test_xlsx_holds_the_same_rows_with_frozen_header_and_colours(corpus):
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(corpus["out"] / "scores.xlsx").active
    rows = [[("" if c is None else str(c)) for c in row] for row in sheet.iter_rows(values_only=True)]
    expected = list(csv.reader((corpus["out"] / "scores.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows == expected
    assert sheet.freeze_panes == "A2"
    colours = {rule.formula[0].strip('"'): (ranges.sqref, rule.dxf.fill.bgColor.rgb)
               for ranges in sheet.conditional_formatting for rule in ranges.rules}
    assert colours["不符合"][1].endswith("FFC7CE") and colours["符合"][1].endswith("C6EFCE")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.value in colours:     # every result cell, and only those, is coloured by its value
                assert cell.coordinate in colours[cell.value][0]
            else:
                assert all(cell.coordinate not in where for where, _ in colours.values())
    legend = openpyxl.load_workbook(corpus["out"] / "scores.xlsx")["规则"]
    data = json.loads((corpus["out"] / "results.json").read_text(encoding="utf-8"))
    ids = [row[1] for row in legend.iter_rows(min_row=2, values_only=True)]
    assert ids == [f["rule"] for f in data["reports"][0]["findings"]]


def test_libreoffice_calc_reads_the_xlsx_as_the_csv(corpus, tmp_path):
    """A real client: LibreOffice Calc opens scores.xlsx and saves its first sheet as CSV; every cell is the
    one scores.csv holds (numbers compared as numbers: Calc writes 90 for 90.0)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: .ci/run installs libreoffice-calc-nogui")
    subprocess.run([soffice, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
                    "--outdir", str(tmp_path), str(corpus["out"] / "scores.xlsx")],
                   check=True, capture_output=True, timeout=120, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    converted = tmp_path / "scores.csv"
    assert converted.exists(), "LibreOffice Calc could not read scores.xlsx"
    calc = list(csv.reader(converted.read_text(encoding="utf-8-sig").splitlines()))
    ours = list(csv.reader((corpus["out"] / "scores.csv").read_text(encoding="utf-8-sig").splitlines()))

    def cell(value: str):
        return float(value) if re.fullmatch(r"-?\d+(\.\d+)?", value) else value

    assert [[cell(v) for v in row] for row in calc] == [[cell(v) for v in row] for row in ours]


def test_xlsx_keeps_text_that_looks_like_a_formula_or_a_link_as_text(tmp_path):
    """A file name or a region read off a report is data: never a formula Excel runs, nor a link."""
    openpyxl = pytest.importorskip("openpyxl")
    rows = [Summary(index=0, path="=HYPERLINK(\"http://example.com\")", page="a", region="http://example.com",
                    issuer="+1", year=2024, title=None, score=60.0, grade="合格", failed_errors=0,
                    failed_warnings=0, statuses={})]
    write_xlsx(tmp_path / "scores.xlsx", rows, {})
    sheet = openpyxl.load_workbook(tmp_path / "scores.xlsx")["得分"]
    cells = [cell for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert [c.value for c in cells[:3]] == [rows[0].path, "http://example.com", "+1"]
    assert [c.data_type for c in cells[:3]] == ["s", "s", "s"] and not sheet._hyperlinks


def test_near_duplicate_pair_is_found_and_distinct_seeds_are_not(corpus):
    dashboard = (corpus["out"] / "index.html").read_text(encoding="utf-8")
    section = dashboard.split('id="neardup"', 1)[1]
    assert "崇义县" in section and str(SEED_003) in section
    texts = [read_document(p).text for p in SEED_FILES + [corpus["copied"]]]
    top, flagged, exact = neardup.find_pairs([neardup.signature(t) for t in texts])
    pairs = neardup.confirm(top, lambda i: texts[i])
    assert flagged == 1 and exact
    assert [(p.left, p.right) for p in pairs] == [(3, 5)]
    assert pairs[0].similarity > 0.8 and pairs[0].exact and pairs[0].passages


def test_identical_copies_are_counted_exactly(tmp_path):
    folder = tmp_path / "copies"
    folder.mkdir()
    text = SEED_003.read_text(encoding="utf-8")
    for i in range(12):
        (folder / f"县{i:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "新乡市.txt").write_text((SEEDS / "001_444b8497cd5c575c.txt").read_text(encoding="utf-8"), encoding="utf-8")
    signatures = [neardup.signature(text)] * 12 + [neardup.signature(read_document(SEEDS / "001_444b8497cd5c575c.txt").text)]
    assert neardup.find_pairs(signatures)[1:] == (66, True)
    assert run_batch([folder], tmp_path / "out", jobs=2, quiet=True) == 0
    dashboard = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "共找到 66 对，下面列出相似度最高的 30 对" in dashboard


def test_a_bodys_reports_of_other_years_are_not_near_duplicates_of_each_other():
    """Four counties' copies over three years are 66 pairs, 12 of them a county and its own other year."""
    signature = neardup.signature(SEED_003.read_text(encoding="utf-8"))
    reports = [(county, year) for county in "甲乙丙丁" for year in (2022, 2023, 2024)]
    top, flagged, exact = neardup.find_pairs([signature] * 12, reports=reports)
    assert (flagged, exact) == (66 - 4 * 3, True)
    assert all(reports[p.left][0] != reports[p.right][0] for p in top) and len(top) == 54
    edited = neardup.signature(SEED_003.read_text(encoding="utf-8").replace("上犹县", "崇义县").replace("2024年", "2023年"))
    assert neardup.find_pairs([signature, edited], reports=[("甲", 2024), ("甲", 2023)])[:2] == ([], 0)
    assert neardup.find_pairs([signature, edited], reports=[("甲", 2024), ("乙", 2023)])[1] == 1
    assert neardup.find_pairs([signature, edited], reports=[("甲", 2024), ("甲", 2024)])[1] == 1  # sent twice


def test_every_page_names_the_ruleset_the_version_and_the_time(corpus):
    import checker

    dashboard = (corpus["out"] / "index.html").read_text(encoding="utf-8")
    assert dashboard.count(f"fzcheck {checker.__version__}") == 2 and "规则集 fzzf-2019" in dashboard


def test_the_shingles_of_a_text_are_its_distinct_8_gram_hashes_in_order():
    import numpy as np

    text = SEED_003.read_text(encoding="utf-8")
    codes = neardup._code_points(text)
    every = neardup._polynomial(codes, np.arange(len(codes) - neardup.SHINGLE + 1))
    hashes = neardup.shingle_hashes(text)
    assert len(every) > len(hashes) > 1000                   # the seed repeats some 8-grams
    assert hashes.tolist() == sorted(set(every.tolist()))
    assert neardup.shingle_hashes("短").tolist() == []


def test_signatures_are_the_same_in_every_process():
    import subprocess
    import sys

    text = SEED_003.read_text(encoding="utf-8")
    code = ("import sys; from checker.batch import neardup; "
            "print(neardup.signature(open(sys.argv[1], encoding='utf-8').read()).hex())")
    # fresh interpreters, each with its own string-hash salt: MinHash must not depend on it
    others = {subprocess.run([sys.executable, "-c", code, str(SEED_003)], capture_output=True, text=True,
                             check=True, env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
                             cwd=SEED_003.parent).stdout.strip() for seed in ("1", "2")}
    assert others == {neardup.signature(text).hex()}


def test_jobs_1_and_2_give_byte_identical_json(tmp_path):
    inputs = [str(SEEDS), str(tmp_path / "missing.txt")]
    run_batch(inputs, tmp_path / "one", jobs=1, quiet=True, pages=False)
    run_batch(inputs, tmp_path / "two", jobs=2, quiet=True, pages=False)
    for name in ("results.json", "scores.csv", "index.html"):
        one = (tmp_path / "one" / name).read_text(encoding="utf-8")
        two = (tmp_path / "two" / name).read_text(encoding="utf-8")
        if name == "index.html":   # the time of the run and how long it took differ
            one, two = (re.sub(r"检查时间 [\d: -]+|用时 [\d.]+ 秒", "", s) for s in (one, two))
        assert one == two, name


def test_same_names_in_different_folders_get_different_pages(tmp_path):
    for folder in ("a", "b", "c..x"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        shutil.copy(SEED_003, tmp_path / "in" / folder / "报告..副本.txt")
    again = str(tmp_path / "in" / "a" / ".." / "b" / "报告..副本.txt")   # the same file spelt twice
    paths = expand_inputs([str(tmp_path / "in"), again])
    names = page_names(paths)
    assert len(paths) == 3 and len(set(names)) == 3
    assert all("/" not in n and not n.startswith(".") for n in names)
    out = tmp_path / "out"
    run_batch([str(tmp_path / "in")], out, jobs=1, quiet=True)
    pages = sorted(p.name for p in (out / "reports").iterdir())
    assert pages == sorted(f"{n}.html" for n in names)
    assert all(p.resolve().parent == (out / "reports").resolve() for p in (out / "reports").iterdir())
    dashboard = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="reports/{n}.html"' in dashboard for n in names)
    assert "../index.html" in (out / "reports" / pages[0]).read_text(encoding="utf-8")


def test_globs_and_folders_expand_in_order_without_duplicates(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.md", "ignored.csv", "sub/c.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = expand_inputs([str(tmp_path / "*.txt"), str(tmp_path)])
    assert found == [str(tmp_path / "b.txt"), str(tmp_path / "a.md"), str(tmp_path / "sub" / "c.txt")]


def test_report_text_is_escaped_in_the_dashboard(tmp_path):
    report = tmp_path / "evil.txt"
    text = SEED_003.read_text(encoding="utf-8").replace("上犹县", "<script>alert(1)</script>县", 1)
    report.write_text(text, encoding="utf-8")
    run_batch([str(report)], tmp_path / "out", jobs=1, quiet=True, pages=False)
    dashboard = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in dashboard


def test_cli_fail_under_exits_1_and_quiet_prints_nothing(tmp_path):
    result = CliRunner().invoke(batch, [SEED_FILES[0], "-o", str(tmp_path / "out"), "--fail-under", "99",
                                        "--quiet", "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert "已检查" not in result.output
    ok = CliRunner().invoke(batch, [SEED_FILES[0], "-o", str(tmp_path / "ok"), "-q", "-j", "1"])
    assert ok.exit_code == 0


def test_cli_bad_ruleset_exits_2_with_chinese_message(tmp_path):
    result = CliRunner().invoke(batch, [SEED_FILES[0], "-o", str(tmp_path / "out"), "--rules", "no-such-rules"])
    assert result.exit_code == 2
    assert "找不到规则集" in result.output


def test_progress_shows_count_and_eta_only_when_enabled():
    import io

    from checker.batch.progress import Progress

    shown, hidden = io.StringIO(), io.StringIO()
    for stream, enabled in ((shown, True), (hidden, False)):
        progress = Progress(3, enabled=enabled, stream=stream)
        for _ in range(3):
            progress.step()
        progress.done()
    assert "3/3" in shown.getvalue() and "剩余约" in shown.getvalue()
    assert hidden.getvalue() == ""


def test_batch_follows_the_config_file_beside_the_reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_bytes(Path(SEED_FILES[0]).read_bytes())
    (folder / "fzcheck.yaml").write_text("disable: [section-order]\nfail-under: 99\n", encoding="utf-8")
    result = CliRunner().invoke(batch, [str(folder), "-o", str(tmp_path / "out"), "--quiet", "--jobs", "1"])
    assert result.exit_code == 1   # fail-under 99 from the config
    report = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))["reports"][0]
    assert "section-order" not in [f["rule"] for f in report["findings"]]


def test_a_rerun_removes_the_pages_it_wrote_last_time_and_nothing_else(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("上犹县", "崇义县"):
        (folder / f"{name}.txt").write_text(SEED_003.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    run_batch([folder], out, jobs=1, quiet=True)
    mine = out / "reports" / "备注.txt"
    mine.write_text("审核人员自己的笔记", encoding="utf-8")
    (folder / "崇义县.txt").unlink()
    run_batch([folder], out, jobs=1, quiet=True)
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["上犹县.html", "备注.txt"]
    assert mine.read_text(encoding="utf-8") == "审核人员自己的笔记"


def test_a_file_over_the_time_limit_is_listed_and_the_others_are_scored(tmp_path):
    """`--time-limit`: a PDF that takes pdfminer many seconds (about 13 s unbounded) is stopped after 1 s
    in its worker and listed as unreadable; the seeds beside it are scored."""
    from reportlab.pdfgen import canvas

    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEED_FILES[:2]:
        shutil.copy(seed, folder)
    page = canvas.Canvas(str(folder / "很长.pdf"))
    for number in range(100):
        for line in range(50):
            page.drawString(50, 800 - line * 15, f"Line {line} of page {number}: lorem ipsum dolor sit amet")
        page.showPage()
    page.save()
    result = CliRunner().invoke(batch, [str(folder), "-o", str(tmp_path / "out"), "--time-limit", "1", "-j", "2",
                                        "-q"])
    assert result.exit_code == 2, result.output
    data = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert len(data["reports"]) == 2
    [error] = data["errors"]
    assert error["path"].endswith("很长.pdf") and "超过 1 秒" in error["error"]


def test_first_checks_are_kept_for_a_second_pass_only_once_a_second_year_shows():
    """A batch of one year never pays for keeping each report's first check; from the first report of
    another year on, every report's is kept (the later year's reports are the ones checked again)."""
    from checker.batch import runner
    from checker.document import Limits
    from checker.ruleset import load_ruleset

    runner._init_worker(load_ruleset(None), Limits(), None)
    assert [runner._several_years(year) for year in (2024, 2024, 2024)] == [False, False, False]
    assert [runner._several_years(year) for year in (2023, 2024, 2023)] == [True, True, True]


def test_an_output_folder_inside_the_input_folder_is_not_read_as_reports(tmp_path):
    """Reviewers keep 总览/ and 通报.docx beside the reports: a rerun scores the reports, not its own pages."""
    folder = tmp_path / "各地报告"
    folder.mkdir()
    for seed in SEED_FILES[:3]:
        shutil.copy(seed, folder)
    for _ in range(2):
        result = CliRunner().invoke(batch, [str(folder), "-o", str(folder / "总览"), "--notice",
                                            str(folder / "通报.docx"), "-j", "1"])
        assert result.exit_code == 0, result.output
        assert "已检查 3 份报告，0 份无法读取，0 份不是年度报告，0 对疑似雷同" in result.output
    results = json.loads((folder / "总览" / "results.json").read_text(encoding="utf-8"))
    assert sorted(Path(r["path"]).name for r in results["reports"]) == sorted(Path(s).name for s in SEED_FILES[:3])


@pytest.mark.parametrize("make, options, says", [
    (lambda root: (root / "afile").write_text("x"), ["-o", "afile/sub"], "路径中有同名的文件，不是文件夹"),
    (lambda root: (root / "out" / "reports").parent.mkdir() or (root / "out" / "reports").write_text("x"),
     ["-o", "out"], "已有同名的文件"),
    (lambda root: None, ["-o", "out", "--notice", "通报.txt"], "文件名须以 .docx 结尾"),
])
def test_an_output_that_cannot_be_written_is_one_line_before_any_report_is_checked(tmp_path, monkeypatch, make,
                                                                                  options, says):
    monkeypatch.chdir(tmp_path)
    make(tmp_path)
    result = CliRunner().invoke(batch, [SEED_FILES[0], *options, "-j", "1"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fzcheck: 错误：") and says in lines[0], result.output
    assert not list(tmp_path.rglob("*.html")) and not list(tmp_path.rglob("*.docx"))


def test_a_mistyped_input_path_writes_no_dashboard(tmp_path):
    result = CliRunner().invoke(batch, [str(tmp_path / "各地报告"), "-o", str(tmp_path / "out"),
                                        "--notice", str(tmp_path / "通报.docx")])
    assert result.exit_code == 2
    assert "输入的路径都不存在" in result.output
    assert not (tmp_path / "out").exists() and not (tmp_path / "通报.docx").exists()


def test_unreadable_files_are_named_on_stderr_and_low_scores_listed_with_exit_2(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_FILES[0], folder)
    (folder / "坏文件.txt").write_bytes(b"\x00\x01\x02" * 50)
    result = CliRunner().invoke(batch, [str(folder), "-o", str(tmp_path / "out"), "--fail-under", "99", "-j", "1"])
    assert result.exit_code == 2
    assert re.search(r"fzcheck: 错误：.*坏文件\.txt: 含有 NUL 字节", result.output)
    assert re.search(rf"{re.escape(Path(SEED_FILES[0]).name)}（[\d.]+）共 1 份得分低于 --fail-under 99", result.output)


def test_the_pages_of_an_interrupted_run_are_removed_by_the_next(tmp_path):
    """Ctrl-C in the middle of a batch: the pages already written are not left behind by the next run."""
    import signal
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    text = SEED_003.read_text(encoding="utf-8")
    for number in range(400):
        (folder / f"县{number:03d}.txt").write_text(text.replace("上犹县", f"县{number:03d}"), encoding="utf-8")
    out = tmp_path / "out"
    running = subprocess.Popen([sys.executable, "-m", "checker", "batch", str(folder), "-o", str(out), "-j", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(list((out / "reports").glob("*.html"))) < 5 and running.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    running.send_signal(signal.SIGINT)
    assert running.wait(timeout=30) == 130, running.stderr.read()
    assert "已中断" in running.stderr.read()
    left = list((out / "reports").glob("*.html"))
    assert 5 <= len(left) < 400 and not (out / "index.html").exists()
    (out / "reports" / "备注.txt").write_text("审核人员自己的笔记", encoding="utf-8")
    run_batch([SEED_FILES[0]], out, jobs=1, quiet=True)
    assert sorted(p.name for p in (out / "reports").iterdir()) == [f"{Path(SEED_FILES[0]).stem}.html", "备注.txt"]
