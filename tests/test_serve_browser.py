"""The `fzcheck serve` page in a real headless Chromium (Debian's package), against the real command
started as a subprocess on 127.0.0.1 (a free port, from a folder outside the checkout): drop a .docx and
see its score, open its audit, download its files; choose three files and get the dashboard and the zip;
with a token, nothing without logging in. No console error (a CSP violation is one) and no request to
anywhere but the server. Also: Ctrl-C stops the server and its workers cleanly."""
import json
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
OFFICE = Path(__file__).resolve().parent / "corpus" / "office"
TOKEN = "browser-test-token-123"


def serve_command() -> list[str]:
    """The installed `fzcheck serve`; in a checkout without an installed console script, the package's own
    entry point (`python -m checker.serve`, the same click command)."""
    fzcheck = Path(sys.executable).with_name("fzcheck")
    if fzcheck.exists():
        probe = subprocess.run([str(fzcheck), "serve", "--help"], capture_output=True, env=environment())
        if probe.returncode == 0:
            return [str(fzcheck), "serve"]
    return [sys.executable, "-m", "checker.serve"]


def environment() -> dict:
    env = dict(os.environ)
    env.pop("FZCHECK_TOKEN", None)
    if env.get("PYTHONPATH"):    # a development run with PYTHONPATH=. keeps working from another folder
        env["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in env["PYTHONPATH"].split(os.pathsep))
    return env


class Server:
    def __init__(self, folder: Path, *options: str):
        self.process = subprocess.Popen([*serve_command(), "--host", "127.0.0.1", "--port", "0", "--workers", "2",
                                         *options], cwd=folder, env=environment(), stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()      # printed once the workers are up
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not match:
            self.process.kill()
            raise AssertionError(f"serve did not start: {line!r} {self.process.stderr.read()!r}")
        self.url = f"http://127.0.0.1:{match.group(1)}"

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        return code, self.process.stdout.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("cwd"))
    yield running
    running.stop()


def open_page(context, url: str, origin: str):
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: problems.append(r.url) if not r.url.startswith((origin, "data:", "blob:", "about:")) else None)
    page.goto(url)
    return page, problems


def drop_files(page, selector: str, files: list[Path]) -> None:
    """A real drop event on the drop zone carrying these files (what dragging from the desktop sends)."""
    payload = [{"name": f.name, "data": list(f.read_bytes())} for f in files]
    page.evaluate("""([selector, files]) => {
        const transfer = new DataTransfer();
        for (const f of files) transfer.items.add(new File([new Uint8Array(f.data)], f.name));
        const zone = document.querySelector(selector);
        zone.dispatchEvent(new DragEvent("dragenter", {dataTransfer: transfer, bubbles: true, cancelable: true}));
        zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
    }""", [selector, payload])


def test_drop_a_docx_see_the_score_open_the_audit_and_download(browser, server, tmp_path):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 1400})
    page, problems = open_page(context, server.url + "/", server.url)
    assert "把报告文件" in page.inner_text("#drop")
    drop_files(page, "#drop", [OFFICE / "001-gongwen.docx"])
    page.wait_for_selector("#single:not([hidden])", timeout=30000)
    score = float(page.inner_text("#single-score"))
    assert 0 < score <= 100 and page.inner_text("#single-grade") in ("优秀", "良好", "合格", "不合格")
    assert page.inner_text("#single-name") == "001-gongwen.docx"
    from checker.serve.worker import reviewer

    if reviewer() is None:
        assert page.is_hidden("#download-docx")     # no reviewed Word file is offered where there is none
    else:
        with page.expect_download() as download:
            page.click("#download-docx")
        assert download.value.suggested_filename == "001-gongwen-审阅.docx"
        download.value.save_as(tmp_path / "reviewed.docx")
        assert "word/comments.xml" in zipfile.ZipFile(tmp_path / "reviewed.docx").namelist()

    with page.expect_popup() as popup:
        page.click("#open-audit")
    audit = popup.value
    audit.wait_for_load_state()
    assert "001-gongwen.docx" in audit.inner_text("body") and f"{score:g}" in audit.inner_text("body")

    with page.expect_download() as download:
        page.click("#download-json")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "001-gongwen.json"
    assert json.loads(saved.read_text(encoding="utf-8"))["reports"][0]["score"] == score
    with page.expect_download() as download:
        page.click("#download-html")
    assert download.value.suggested_filename == "001-gongwen.html"
    download.value.save_as(tmp_path / "audit.html")
    assert "001-gongwen.docx" in (tmp_path / "audit.html").read_text(encoding="utf-8")
    assert problems == []
    context.close()


def test_choose_three_files_get_the_dashboard_and_the_zip(browser, server, tmp_path):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 1400})
    page, problems = open_page(context, server.url + "/", server.url)
    page.set_input_files("#files", [str(SEEDS / "000_011102927b9a91b0.txt"), str(OFFICE / "002-gongwen.pdf"),
                                    str(OFFICE / "003-plain.odt")])
    page.wait_for_selector("#batch:not([hidden])", timeout=60000)
    rows = page.eval_on_selector_all("#batch-table tbody tr", "rows => rows.map(r => r.cells[0].textContent)")
    assert rows == ["000_011102927b9a91b0.txt", "002-gongwen.pdf", "003-plain.odt"]

    with page.expect_popup() as popup:
        page.click("#open-dashboard")
    dashboard = popup.value
    dashboard.wait_for_load_state()
    dashboard.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)

    def scores():
        return [float(c) for c in dashboard.eval_on_selector_all(
            "#report-table tbody tr td:nth-child(4)", "cells => cells.map(c => c.textContent.trim())")]

    dashboard.click("#report-table th:nth-child(4)")       # its inline sorting script runs under the CSP
    first = scores()
    dashboard.click("#report-table th:nth-child(4)")
    assert len(first) == 3 and scores() == first[::-1] and sorted(first) in (first, first[::-1])
    dashboard.click("#report-table tbody a")
    dashboard.wait_for_load_state()
    assert "返回汇总" in dashboard.inner_text("body")

    with page.expect_download() as download:
        page.click("#download-zip")
    download.value.save_as(tmp_path / "all.zip")
    names = zipfile.ZipFile(tmp_path / "all.zip").namelist()
    assert {"fzcheck-结果/index.html", "fzcheck-结果/scores.xlsx", "fzcheck-结果/scores.csv",
            "fzcheck-结果/results.json"} <= set(names)
    assert sum(n.startswith("fzcheck-结果/reports/") for n in names) == 3
    assert problems == []
    context.close()


def test_a_bad_file_is_a_chinese_message(browser, server, tmp_path):
    bad = tmp_path / "旧格式.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    context = browser.new_context()
    page, problems = open_page(context, server.url + "/", server.url)
    page.set_input_files("#files", [str(bad)])
    page.wait_for_selector("#single-error:not([hidden])", timeout=30000)
    assert page.inner_text("#error-name") == "旧格式.doc" and ".docx" in page.inner_text("#error-text")
    assert problems == []
    context.close()


def test_with_a_token_nothing_without_logging_in(browser, tmp_path):
    guarded = Server(tmp_path, "--token", TOKEN)
    try:
        context = browser.new_context()
        page, problems = open_page(context, guarded.url + "/", guarded.url)
        assert page.url == guarded.url + "/login"
        assert context.request.get(guarded.url + "/api/health").status == 401
        assert context.request.post(guarded.url + "/api/lint", multipart={
            "files": {"name": "a.txt", "mimeType": "text/plain", "buffer": (SEEDS / "001_444b8497cd5c575c.txt").read_bytes()}
        }).status == 401
        page.fill("#token", "wrong-token-000")
        page.click("button[type=submit]")
        assert "令牌不正确" in page.inner_text("body")
        page.fill("#token", TOKEN)
        page.click("button[type=submit]")
        page.wait_for_url(guarded.url + "/")
        cookie = next(c for c in context.cookies() if c["name"] == "fzcheck_session")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and TOKEN not in cookie["value"]
        page.set_input_files("#files", [str(SEEDS / "003_fee9404ac5415434.txt")])
        page.wait_for_selector("#single:not([hidden])", timeout=30000)
        assert float(page.inner_text("#single-score")) > 0
        problems = [p for p in problems if "401" not in p]   # the refused API probes above, on purpose
        assert problems == []
        context.close()
    finally:
        code, output = guarded.stop()
    assert code == 0 and "已停止" in output


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def test_ctrl_c_stops_the_server_and_its_workers(tmp_path):
    running = Server(tmp_path)
    workers = children(running.process.pid)
    assert workers                                  # the process pool's workers (and its helper)
    code, output = running.stop()
    assert code == 0 and "已停止" in output
    time.sleep(0.5)
    assert not any(Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
                   for pid in workers)
    assert "Traceback" not in running.process.stderr.read()


def test_refused_uploads_are_answered_not_reset(tmp_path):
    """Over the size limit on a real socket: the client still sending gets the 413 and its message."""
    import concurrent.futures

    import httpx

    small = Server(tmp_path, "--max-bytes", "1000000")
    try:
        def send(_):
            response = httpx.post(small.url + "/api/lint", files=[("files", ("大.txt", b"a" * 2_000_000))], timeout=30)
            return response.status_code, response.json()["detail"]

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(send, range(16)))
        assert all(code == 413 and "上传内容过大" in detail for code, detail in answers), answers
    finally:
        small.stop()
