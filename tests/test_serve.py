"""`fzcheck serve` through FastAPI's TestClient (a real ASGI client, with the app's lifespan: its process
pool is started and every check runs in a worker): the JSON API gives what `lint --format json` gives,
limits answer 413/400 in Chinese, uploads stay data and leave nothing behind, the token guards every
route, the workspace keeps uploads and rebuilds its dashboard, and `lint` never imports the web stack."""
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from builders import docx_bytes
from checker.cli import cli
from checker.serve import worker
from checker.serve.command import serve
from checker.serve.security import generated_page_csp
from checker.serve.settings import ServeSettings, discover_rulesets, display_name, is_loopback, unique_names

fastapi_testclient = pytest.importorskip("fastapi.testclient")
from checker.serve.app import create_app  # noqa: E402  (after the importorskip)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
OFFICE = Path(__file__).resolve().parent / "corpus" / "office"
SEED = SEEDS / "001_444b8497cd5c575c.txt"
TOKEN = "s3cret-token-for-tests"
NEWS = ("我市召开法治政府建设工作推进会\n本报讯（记者 张三）近日，我市召开法治政府建设工作推进会，"
        "总结2023年法治政府建设工作，部署下一阶段依法行政重点任务。会议强调，要坚持依法行政。\n")
PROVINCE_RULES = "extends: fzzf-2019\nname: 本省规则（测试）\ndisable: [section-order]\n"


def big_pdf(pages: int = 300) -> bytes:
    """A text PDF that takes pdfminer several seconds: the per-file time limit's test subject."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    for p in range(pages):
        for i in range(50):
            page.drawString(50, 800 - i * 15, f"Line {i} of page {p}: lorem ipsum dolor sit amet consectetur")
        page.showPage()
    page.save()
    return buffer.getvalue()


class Scratch:
    """Points tempfile (the app's upload folders) at a folder of the test's own, to see what is left."""

    def __init__(self, folder: Path):
        self.folder = folder

    def __enter__(self):
        self.previous, tempfile.tempdir = tempfile.tempdir, str(self.folder)
        return self

    def __exit__(self, *exc):
        tempfile.tempdir = self.previous

    def left(self) -> list[str]:
        return sorted(p.name for p in self.folder.iterdir())


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    with Scratch(tmp_path_factory.mktemp("uploads-tmp")) as scratch:
        yield scratch


@pytest.fixture(scope="module")
def client(tmp_path_factory, scratch):
    rules_dir = tmp_path_factory.mktemp("rules")
    (rules_dir / "本省.yaml").write_text(PROVINCE_RULES, encoding="utf-8")
    settings = ServeSettings(rulesets=discover_rulesets(rules_dir), workers=2, max_files=5,
                             max_bytes=3 * 1024 * 1024, timeout=4.0)   # a real PDF takes ~1 s on a busy machine
    with fastapi_testclient.TestClient(create_app(settings)) as test_client:
        yield test_client


def upload(*files):
    """Multipart `files` fields from (name, bytes) pairs or paths."""
    parts = []
    for item in files:
        name, data = (item.name, item.read_bytes()) if isinstance(item, Path) else item
        parts.append(("files", (name, data, "application/octet-stream")))
    return parts


# ---------------------------------------------------------------- JSON API

def test_health_and_rulesets(client):
    health = client.get("/api/health")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    rulesets = client.get("/api/rulesets").json()
    names = [r["name"] for r in rulesets["rulesets"]]
    assert rulesets["default"] == "fzzf-2019" and {"fzzf-2019", "fzzf-dept", "本省"} <= set(names)
    assert next(r for r in rulesets["rulesets"] if r["name"] == "本省")["title"] == "本省规则（测试）"


def test_api_lint_is_lint_json(client, scratch):
    answer = client.post("/api/lint", files=upload(SEED))
    assert answer.status_code == 200
    result = CliRunner().invoke(cli, ["lint", str(SEED), "--format", "json", "--no-config"])
    expected = json.loads(result.output)
    for report in expected["reports"]:
        report["path"] = SEED.name
    assert answer.json() == expected
    assert scratch.left() == []          # the upload folder is gone once answered


def test_api_lint_many_formats_in_order_with_errors_and_kinds(client, scratch):
    files = upload(OFFICE / "001-gongwen.docx", OFFICE / "002-gongwen.pdf", OFFICE / "000-plain.odt",
                   ("坏文件.txt", bytes(range(256)) * 8), ("新闻.txt", NEWS.encode()))
    answer = client.post("/api/lint", files=files).json()
    assert answer["schema"] == "fzcheck/1"
    assert [r["path"] for r in answer["reports"]] == ["001-gongwen.docx", "002-gongwen.pdf", "000-plain.odt"]
    assert all(0 <= r["score"] <= 100 and r["findings"] for r in answer["reports"])
    errors = {e["path"]: e for e in answer["errors"]}
    assert errors["坏文件.txt"]["kind"] == "unreadable" and errors["新闻.txt"]["kind"] == "not_report"
    assert errors["新闻.txt"]["error"].startswith("不像法治政府建设年度报告")
    forced = client.post("/api/lint", files=upload(("新闻.txt", NEWS.encode())), data={"force": "true"}).json()
    assert forced["errors"] == [] and len(forced["reports"]) == 1
    assert scratch.left() == []


def test_ruleset_choice_and_unknown_ruleset(client):
    default = client.post("/api/lint", files=upload(SEED)).json()["reports"][0]
    province = client.post("/api/lint", files=upload(SEED), data={"ruleset": "本省"}).json()["reports"][0]
    assert "section-order" in {f["rule"] for f in default["findings"]}
    assert "section-order" not in {f["rule"] for f in province["findings"]}
    for name in ("no-such-rules", "../../etc/passwd", "/etc/passwd"):
        refused = client.post("/api/lint", files=upload(SEED), data={"ruleset": name})
        assert refused.status_code == 400 and refused.json()["detail"].startswith("未知的规则集")


def test_limits_are_413_and_missing_files_400_in_chinese(client, scratch):
    too_many = client.post("/api/lint", files=upload(*[SEED] * 6))
    assert too_many.status_code == 413 and "最多上传 5 个文件" in too_many.json()["detail"]
    too_big = client.post("/api/lint", files=upload(("大.txt", b"a" * (3 * 1024 * 1024 + 1))))
    assert too_big.status_code == 413 and "上传内容过大" in too_big.json()["detail"]
    none = client.post("/api/lint", data={"ruleset": "fzzf-2019"})
    assert none.status_code == 400 and "没有收到文件" in none.json()["detail"]
    junk = client.post("/api/lint", content=b"not multipart", headers={"content-type": "text/plain"})
    assert junk.status_code == 400 and not junk.json()["detail"].isascii()
    assert client.get("/no/such/page").json()["detail"].startswith("找不到")
    assert client.put("/api/lint").status_code == 405
    assert scratch.left() == []


def test_upload_names_are_data_never_paths(client, scratch, tmp_path):
    names = ["../../evil.txt", "..\\..\\win.txt", "<img src=x onerror=alert(1)>.txt", ".hidden.txt", "a/b/c.docx", ""]
    files = [(n, SEED.read_bytes()) for n in names[:5]]
    answer = client.post("/api/lint", files=upload(*files)).json()
    paths = [r["path"] for r in answer["reports"]] + [e["path"] for e in answer["errors"]]
    assert paths == ["evil.txt", "win.txt", "img_src_x_onerror_alert(1).txt", "hidden.txt", "c.docx"]
    assert not (tmp_path.parent / "evil.txt").exists() and scratch.left() == []
    assert display_name("", 2) == "文件3" and display_name("..", 0) == "文件1"
    assert display_name("报告（终稿）.DOCX", 0) == "报告（终稿）.docx" and display_name("x.exe", 0) == "x"
    assert unique_names(["a.txt", "A.txt", "a.txt"]) == ["a.txt", "A-2.txt", "a-3.txt"]


def test_every_response_has_the_security_headers(client):
    for response in (client.get("/"), client.get("/api/health"), client.get("/nope"),
                     client.post("/api/lint", files=upload(*[SEED] * 6)), client.get("/static/app.js")):
        headers = response.headers
        assert headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY"


def test_page_is_self_contained_without_inline_script_or_style(client):
    html = client.get("/").text
    assert "法治政府建设年度报告检查" in html and 'src="/static/app.js"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html) and "<style" not in html and " style=" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)      # nothing from elsewhere
    assert 'value="本省"' in html
    for asset in ("app.js", "app.css", "docs.js"):
        assert client.get(f"/static/{asset}").status_code == 200
    for probe in ("../app.py", "..%2Fapp.py", "settings.py", "nope.js"):
        assert client.get(f"/static/{probe}").status_code == 404


def test_docs_page_is_offline_and_openapi_describes_the_api(client):
    docs = client.get("/docs").text
    assert "/openapi.json" in docs and not re.search(r"""(src|href)=["']?(https?:)?//""", docs)
    assert not re.search(r"<script(?![^>]*\bsrc=)", docs)
    spec = client.get("/openapi.json").json()
    assert {"/api/lint", "/api/rulesets", "/api/health"} <= set(spec["paths"])
    assert "/ui/check" not in spec["paths"]


# ---------------------------------------------------------------- the page's upload endpoint

def test_one_file_gives_score_audit_page_and_downloads(client, scratch):
    answer = client.post("/ui/check", files=upload(("县报告.docx", (OFFICE / "001-gongwen.docx").read_bytes()))).json()
    assert answer["mode"] == "single" and answer["name"] == "县报告.docx"
    assert answer["report"]["score"] > 0 and answer["report"]["grade"]
    if worker.reviewer() is None:
        assert answer["links"]["docx"] is None          # no Word review in this build: nothing offered
    else:
        reviewed = client.get(answer["links"]["docx"])
        assert "attachment" in reviewed.headers["content-disposition"] and "-%E5%AE%A1%E9%98%85.docx" in \
            reviewed.headers["content-disposition"]
        parts = zipfile.ZipFile(io.BytesIO(reviewed.content)).namelist()
        assert "word/document.xml" in parts and "word/comments.xml" in parts
    audit = client.get(answer["links"]["audit"])
    assert audit.status_code == 200 and "县报告.docx" in audit.text
    assert "script-src 'none'" in audit.headers["content-security-policy"]
    download = client.get(answer["links"]["json"])
    assert "attachment" in download.headers["content-disposition"]
    assert "filename*=UTF-8''%E5%8E%BF%E6%8A%A5%E5%91%8A.json" in download.headers["content-disposition"]
    document = download.json()
    assert document["schema"] == "fzcheck/1" and document["reports"][0]["score"] == answer["report"]["score"]
    page = client.get(answer["links"]["html"])
    assert "attachment" in page.headers["content-disposition"] and page.text == audit.text
    assert scratch.left() == []
    assert client.get(answer["links"]["audit"].replace("/r/", "/r/x")).status_code == 404


def test_one_bad_file_is_a_message_not_a_page(client):
    answer = client.post("/ui/check", files=upload(("扫描件.pdf", b"%PDF-1.4\n%%EOF\n"))).json()
    assert answer["mode"] == "single" and answer["error"]["kind"] == "unreadable"
    assert not answer["error"]["error"].isascii()


def test_several_files_give_dashboard_pages_and_zip(client, scratch):
    files = upload(SEEDS / "000_011102927b9a91b0.txt", OFFICE / "002-gongwen.pdf", ("坏.txt", b"\x00" * 50))
    answer = client.post("/ui/check", files=files).json()
    assert answer["mode"] == "batch" and answer["count"] == 3
    assert [r["name"] for r in answer["reports"]] == ["000_011102927b9a91b0.txt", "002-gongwen.pdf"]
    assert answer["errors"][0]["path"] == "坏.txt" and answer["errors"][0]["kind"] == "unreadable"
    dashboard = client.get(answer["links"]["dashboard"])
    assert dashboard.status_code == 200 and "坏.txt" in dashboard.text
    csp = dashboard.headers["content-security-policy"]
    assert csp == generated_page_csp(dashboard.text) and "'sha256-" in csp
    for row in answer["reports"]:
        audit = client.get(row["audit"])
        assert audit.status_code == 200 and "../index.html" in audit.text
    archive = zipfile.ZipFile(io.BytesIO(client.get(answer["links"]["zip"]).content))
    names = set(archive.namelist())
    assert {"fzcheck-结果/index.html", "fzcheck-结果/results.json", "fzcheck-结果/scores.csv",
            "fzcheck-结果/scores.xlsx", "fzcheck-结果/reports/002-gongwen.html"} <= names
    assert not any("/." in n for n in names)
    assert client.get(answer["links"]["xlsx"]).content[:2] == b"PK"
    assert scratch.left() == []


# ---------------------------------------------------------------- the process pool

def test_a_slow_file_is_stopped_and_does_not_block_others(client, scratch):
    slow_answer = {}

    def slow():
        started = time.perf_counter()
        slow_answer["json"] = client.post("/api/lint", files=upload(("很长.pdf", big_pdf()))).json()
        slow_answer["seconds"] = time.perf_counter() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    started = time.perf_counter()
    fast = client.post("/api/lint", files=upload(SEED))
    fast_seconds = time.perf_counter() - started
    thread.join(60)
    assert fast.status_code == 200 and fast.json()["reports"]
    error = slow_answer["json"]["errors"][0]
    assert error["path"] == "很长.pdf" and "超过 4 秒" in error["error"] and error["kind"] == "unreadable"
    assert slow_answer["seconds"] < 12           # unbounded, it takes far longer
    assert fast_seconds < slow_answer["seconds"]
    again = client.post("/api/lint", files=upload(SEED))   # the worker that was stopped still works
    assert again.status_code == 200 and again.json()["reports"]
    assert scratch.left() == []


def test_rulesets_load_once_per_worker(client):
    pool = client.app.state.fzcheck["pool"]
    for _ in range(6):
        client.post("/api/lint", files=upload(SEED))
    client.post("/ui/check", files=upload(SEED, SEEDS / "003_fee9404ac5415434.txt"))
    client.post("/ui/check", files=upload(SEED, SEEDS / "004_12f066875d9f6aed.txt"))
    seen = {}
    for _ in range(20):
        stats = pool._pool.submit(worker.stats).result(10)
        seen[stats["pid"]] = stats["ruleset_loads"]
    offered = len(client.get("/api/rulesets").json()["rulesets"])
    assert seen and all(loads == offered for loads in seen.values()), seen


def test_time_limit_holds_in_batch_runs_in_process(monkeypatch, tmp_path):
    """The worker's per-file limit reaches run_batch (checked here, not in a spawned worker): a check that
    never ends is listed as that file's error."""
    from checker import engine

    monkeypatch.setattr(worker, "_STATE", {})
    worker.init_worker({"fzzf-2019": ("fzzf-2019",)}, 20 * 1024 * 1024, 0.5)

    def stuck(*args, **kwargs):
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(engine, "look", stuck)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "慢.txt").write_text("x", encoding="utf-8")
    started = time.perf_counter()
    files, rows, errors = worker.batch_job(str(tmp_path / "in"), ["慢.txt"], str(tmp_path / "out"), "fzzf-2019")
    assert time.perf_counter() - started < 5
    assert rows == [] and errors[0]["path"] == "慢.txt" and "超过 0.5 秒" in errors[0]["error"]
    assert "index.html" in files and "fzcheck-结果.zip" in files
    assert worker.stats()["ruleset_loads"] == 1          # the batch used the ruleset the worker loaded


# ---------------------------------------------------------------- token and workspace

@pytest.fixture(scope="module")
def guarded(tmp_path_factory, scratch):
    workspace = tmp_path_factory.mktemp("workspace")
    settings = ServeSettings(rulesets=discover_rulesets(None), workers=1, token=TOKEN, workspace=workspace)
    with fastapi_testclient.TestClient(create_app(settings), base_url="http://testserver") as test_client:
        yield test_client, workspace


def test_token_guards_every_route(guarded):
    client, _ = guarded
    for path in ("/api/health", "/api/rulesets", "/openapi.json"):
        refused = client.get(path)
        assert refused.status_code == 401 and "访问令牌" in refused.json()["detail"]
        assert refused.headers["x-content-type-options"] == "nosniff"
    assert client.post("/api/lint", files=upload(SEED)).status_code == 401
    assert client.get("/api/health", headers={"authorization": "Bearer wrong-token-here"}).json()["detail"] == "访问令牌不正确"
    assert client.get("/api/health", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert client.get("/api/health", headers={"x-fzcheck-token": TOKEN}).status_code == 200
    for path in ("/", "/docs", "/workspace/"):
        page = client.get(path, follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login"
    assert client.get("/login").status_code == 200 and client.get("/static/app.css").status_code == 200


def test_login_sets_a_strict_cookie_and_refuses_other_origins(guarded):
    client, _ = guarded
    wrong = client.post("/login", data={"token": "not-the-token"}, follow_redirects=False)
    assert wrong.status_code == 401 and "令牌不正确" in wrong.text and "set-cookie" not in wrong.headers
    right = client.post("/login", data={"token": TOKEN}, follow_redirects=False)
    cookie = right.headers["set-cookie"]
    assert right.status_code == 303 and "HttpOnly" in cookie and "SameSite=Strict" in cookie and TOKEN not in cookie
    try:
        assert client.get("/").status_code == 200
        foreign = client.post("/ui/check", files=upload(SEED), headers={"origin": "http://evil.example"})
        assert foreign.status_code == 401 and "其他网站" in foreign.json()["detail"]
        own = client.post("/ui/check", files=upload(SEED), headers={"origin": "http://testserver"})
        assert own.status_code == 200 and own.json()["mode"] == "single"
    finally:
        client.post("/logout")
        client.cookies.clear()
    assert client.get("/", follow_redirects=False).status_code == 303


def test_workspace_keeps_uploads_and_its_dashboard_updates(guarded):
    client, workspace = guarded
    auth = {"authorization": f"Bearer {TOKEN}"}

    def settled():
        for _ in range(300):
            if not client.get("/api/health", headers=auth).json()["workspace"]["updating"]:
                return
            time.sleep(0.1)
        raise AssertionError("the workspace did not finish rebuilding")

    client.post("/api/lint", files=upload(("甲县.txt", SEED.read_bytes()),
                                          ("乙县.txt", (SEEDS / "003_fee9404ac5415434.txt").read_bytes())),
                headers=auth)
    settled()
    first = client.get("/workspace/", headers=auth)
    assert first.status_code == 200 and "甲县.txt" in first.text and "丙县" not in first.text
    client.post("/api/lint", files=upload(("丙县.txt", (SEEDS / "004_12f066875d9f6aed.txt").read_bytes()),
                                          ("甲县.txt", SEED.read_bytes())), headers=auth)
    settled()
    second = client.get("/workspace/", headers=auth)
    assert "丙县.txt" in second.text and "甲县-2.txt" in second.text
    kept = {p.name for p in (workspace / "uploads").iterdir()}
    assert {"丙县.txt", "乙县.txt", "甲县-2.txt", "甲县.txt"} <= kept
    for name in ("index.html", "results.json", "scores.csv", "scores.xlsx"):
        assert (workspace / name).is_file()
        assert client.get(f"/workspace/{name}", headers=auth).status_code == 200
    page = next((workspace / "reports").glob("*.html")).name
    assert client.get(f"/workspace/reports/{page}", headers=auth).status_code == 200
    for probe in ("uploads/甲县.txt", "../etc/passwd", ".fzcheck-outputs.json", "reports/../uploads/甲县.txt"):
        assert client.get(f"/workspace/{probe}", headers=auth).status_code == 404
    assert len(json.loads((workspace / "results.json").read_text(encoding="utf-8"))["reports"]) == len(kept)


# ---------------------------------------------------------------- the command

def test_serve_refuses_a_public_interface_without_token(monkeypatch):
    monkeypatch.delenv("FZCHECK_TOKEN", raising=False)
    for host in ("0.0.0.0", "192.168.1.10", "::", "example.org"):
        result = CliRunner().invoke(serve, ["--host", host, "--port", "0"])
        lines = result.output.strip().splitlines()
        assert result.exit_code == 2 and len(lines) == 1 and "必须设置访问令牌" in lines[0], result.output
    short = CliRunner().invoke(serve, ["--host", "0.0.0.0", "--token", "short"])
    assert short.exit_code == 2 and "至少 12 个字符" in short.output
    unknown = CliRunner().invoke(serve, ["--rules", "nope"])
    assert unknown.exit_code == 2 and "未知的规则集" in unknown.output
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost") and not is_loopback("0.0.0.0")


def test_serve_reports_a_port_in_use_and_a_bad_rules_dir(tmp_path):
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        result = CliRunner().invoke(serve, ["--port", str(taken.getsockname()[1])])
        assert result.exit_code == 2 and "无法在 127.0.0.1" in result.output
    finally:
        taken.close()
    (tmp_path / "坏.yaml").write_text("rules:\n  title: {kind: nonsense}\n", encoding="utf-8")
    result = CliRunner().invoke(serve, ["--rules-dir", str(tmp_path)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_lint_does_not_import_the_web_stack(tmp_path):
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "checker", "lint", str(SEED)],
                            capture_output=True, text=True, cwd=tmp_path, env={**os.environ})
    modules = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    assert "checker" in modules and not {"fastapi", "uvicorn", "starlette", "multipart", "python_multipart"} & modules
    worker_side = subprocess.run([sys.executable, "-X", "importtime", "-c", "import checker.serve.worker, checker.serve.command"],
                                 capture_output=True, text=True, cwd=tmp_path)
    assert not {"fastapi", "uvicorn", "starlette"} & {line.split("|")[-1].strip().split(".")[0]
                                                       for line in worker_side.stderr.splitlines() if "|" in line}


def test_docx_builder_upload_roundtrip(client):
    """A .docx written by the test builder (numbered headings) is read like lint reads it."""
    text = SEED.read_text(encoding="utf-8")
    answer = client.post("/api/lint", files=upload(("报告.docx", docx_bytes(text)))).json()
    assert answer["reports"] and answer["reports"][0]["path"] == "报告.docx"
