"""The HTML outputs in a real headless Chromium (Debian's package): they load from file:// with no
console error and no request leaving the page, and they render something. In CI a missing browser is a
failure, not a skip (.ci/run installs it)."""
import zlib
from pathlib import Path

from click.testing import CliRunner

from checker.cli import cli

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1200, "height": 1600})
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: problems.append(r.url) if not r.url.startswith(("file:", "data:", "about:")) else None)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems


def not_blank(png: bytes) -> bool:
    """Decompressed pixel data of a blank page is nearly one value; a rendered page has many."""
    data, pos = b"", 8
    while pos < len(png):
        length = int.from_bytes(png[pos:pos + 4], "big")
        if png[pos + 4:pos + 8] == b"IDAT":
            data += png[pos + 8:pos + 8 + length]
        pos += 12 + length
    return len(set(zlib.decompress(data))) > 20


def test_audit_page_loads_offline_without_errors(browser, tmp_path):
    out = tmp_path / "audit.html"
    result = CliRunner().invoke(cli, ["lint", str(SEEDS / "001_444b8497cd5c575c.txt"), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page, problems = open_page(browser, out)
    assert problems == []
    assert "新乡市" in page.inner_text("body")
    page.click('a[href="#L37"]')               # evidence links jump to the report's line
    assert page.evaluate("location.hash") == "#L37"
    assert not_blank(page.screenshot(full_page=False))
    page.close()


def test_dashboard_loads_sorts_and_links_to_audits(browser, tmp_path):
    bad = tmp_path / "in" / "坏文件.txt"
    bad.parent.mkdir()
    bad.write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(SEEDS), str(bad), "-o", str(out), "--quiet", "--jobs", "1"])
    assert result.exit_code == 2, result.output      # one input could not be read
    page, problems = open_page(browser, out / "index.html")
    assert problems == []
    assert "坏文件.txt" in page.inner_text("body")

    def scores():
        return [float(cell) for cell in page.eval_on_selector_all(
            "#report-table tbody tr td:nth-child(4)", "cells => cells.map(c => c.textContent.trim())")]

    page.click("#report-table th:nth-child(4)")
    first = scores()
    page.click("#report-table th:nth-child(4)")
    second = scores()
    assert len(first) == 5 and sorted(first) in (first, first[::-1]) and second == first[::-1]
    assert not_blank(page.screenshot())
    link = page.eval_on_selector("#report-table tbody a", "a => a.getAttribute('href')")
    audit, audit_problems = open_page(browser, out / link)
    assert audit_problems == [] and "返回汇总" in audit.inner_text("body")
    page.close()
    audit.close()


def test_printed_overview_carries_the_run_line_below_the_content_of_every_sheet(browser, tmp_path):
    """Printed on A4 (the matrix on landscape sheets), every sheet names the ruleset, version and time in
    its bottom margin, below everything else on it: no row of the tables is hidden under it."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    folder = tmp_path / "in"
    folder.mkdir()
    text = (SEEDS / "003_fee9404ac5415434.txt").read_text(encoding="utf-8")
    for number in range(60):
        county = f"第{number:02d}县"
        (folder / f"{county}.txt").write_text(text.replace("上犹县", county), encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["batch", str(folder), "-o", str(out), "-q", "-j", "1"]).exit_code == 0
    page, problems = open_page(browser, out / "index.html")
    pdf = tmp_path / "总览.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    page.close()
    sheets = list(extract_pages(str(pdf)))
    assert len(sheets) >= 3 and any(s.width > s.height for s in sheets) and any(s.width < s.height for s in sheets)
    for number, sheet in enumerate(sheets, 1):
        boxes = [(box.y0, box.y1, box.get_text()) for box in sheet if isinstance(box, LTTextContainer)]
        runs = [box for box in boxes if "检查时间" in box[2] and "规则集" in box[2]]
        assert runs, f"sheet {number} has no run line"
        footer = min(runs)        # the lowest: the first sheet names the run under its heading too
        covered = [box for box in boxes if box is not footer and box[0] <= footer[1]]
        assert not covered, f"sheet {number}: the run line covers {covered}"
    text = "".join(box.get_text() for sheet in sheets for box in sheet if isinstance(box, LTTextContainer))
    assert all(f"第{number:02d}县" in text for number in range(60))
