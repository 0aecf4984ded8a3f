"""One policy for lint and batch: whatever goes wrong with one file is that file's one-line Chinese error
and exit 2, the other files are still checked, and no traceback is printed."""
import json
from pathlib import Path

from click.testing import CliRunner

import checker.engine
from checker.cli import cli

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = str(SEEDS / "003_fee9404ac5415434.txt")


def _deep_page(tmp_path: Path) -> Path:
    """A saved page nested 5,000 <div>s deep around the report."""
    page = tmp_path / "nested.html"
    report = "<p>某县2024年法治政府建设情况报告</p><p>一、主要举措和成效</p><p>全年办理案件12件。</p>"
    page.write_text("<html><body>" + "<div>" * 5000 + report + "</div>" * 5000 + "</body></html>", encoding="utf-8")
    return page


def test_a_deeply_nested_page_is_never_a_traceback(tmp_path):
    result = CliRunner().invoke(cli, ["lint", str(_deep_page(tmp_path)), SEED, "--format", "json"])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (1, 2)
    assert SEED in [r["path"] for r in json.loads(result.stdout)["reports"]]


def test_an_unexpected_failure_is_that_files_error_in_lint_and_batch(tmp_path, monkeypatch):
    broken = tmp_path / "坏.txt"
    broken.write_text("某县2024年法治政府建设情况报告\n一、主要举措和成效\n全年办理案件12件。\n", encoding="utf-8")
    real_look = checker.engine.look

    def look(doc, ruleset, force=False, previous=None, first=None):   # a bug that strikes one document only
        if doc.path == str(broken):
            raise RecursionError("maximum recursion depth exceeded")
        return real_look(doc, ruleset, force, previous, first)

    monkeypatch.setattr(checker.engine, "look", look)
    result = CliRunner().invoke(cli, ["lint", str(broken), SEED, "--format", "json"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{broken}: 检查时出现内部错误（RecursionError）" in result.stderr
    payload = json.loads(result.stdout)
    assert [r["path"] for r in payload["reports"]] == [SEED]
    assert payload["errors"][0]["kind"] == "internal"

    out = tmp_path / "out"
    batch = CliRunner().invoke(cli, ["batch", str(broken), SEED, "-o", str(out), "--jobs", "1", "--quiet"])
    assert batch.exit_code == 2 and "Traceback" not in batch.output
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in data["reports"]] == [SEED]
    assert data["errors"] == [{"path": str(broken), "error": payload["errors"][0]["error"], "kind": "internal"}]


def test_batch_lists_old_word_files_it_finds_with_lints_hint(tmp_path):
    folder = tmp_path / "报告"
    folder.mkdir()
    (folder / "上犹县.txt").write_text(Path(SEED).read_text(encoding="utf-8"), encoding="utf-8")
    old = folder / "崇义县.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    lint = CliRunner().invoke(cli, ["lint", str(old)])
    batch = CliRunner().invoke(cli, ["batch", str(folder), "-o", str(tmp_path / "out"), "--quiet"])
    assert batch.exit_code == 2
    data = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    hint = data["errors"][0]["error"]
    assert data["errors"][0]["path"] == str(old) and "另存为 .docx" in hint and hint in lint.stderr


def test_a_batch_that_finds_no_report_says_so(tmp_path):
    (tmp_path / "空").mkdir()
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "空"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "没有找到报告文件" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_file_holding_only_a_bom_is_empty(tmp_path):
    bom = tmp_path / "空.txt"
    bom.write_bytes(b"\xef\xbb\xbf")
    result = CliRunner().invoke(cli, ["lint", str(bom)])
    assert result.exit_code == 2 and f"{bom}: 文件为空（只有字节顺序标记 BOM）" in result.stderr
