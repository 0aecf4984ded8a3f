"""Every bad input: exit 2, one Chinese line naming the file and the reason, no traceback, and the other
files in the same run still checked."""
import io
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import checker
from builders import docx_bytes
from checker.cli import cli
from checker.document import Limits
from checker.errors import InputError

GOOD = str(Path(__file__).resolve().parent.parent / "seeds" / "003_fee9404ac5415434.txt")


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (60 * 1024 * 1024) + b"</w:document>")
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt="secret")
    pdf.drawString(100, 700, "report")
    pdf.save()
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(100, 100, 300, 500, fill=1)   # a page with graphics and no text layer
    pdf.save()
    return buffer.getvalue()


BAD_INPUTS = {
    "empty.txt": (b"", "文件为空"),
    "blank.txt": (" \n\t\u3000\n".encode("utf-8"), "没有正文"),
    "garbage.txt": (bytes(range(256)) * 64, "不是文本文件"),
    "nul.txt": ("法治政府建设\x00报告".encode("utf-8") * 10, "NUL"),
    "huge.txt": (b"a" * (50 * 1024 * 1024), "文件过大"),
    "truncated.docx": (docx_bytes("一、主要举措和成效\n正文")[:200], "文件已损坏"),
    "bomb.docx": (zip_bomb(), "压缩炸弹"),
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "另存为 .docx"),
    "draft.wps": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "另存为 .docx"),
    "draft.rtf": (b"{\\rtf1\\ansi report}", "RTF"),
    "scan.png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "OCR"),
    "locked.pdf": (encrypted_pdf(), "已加密"),
    "scan.pdf": (scanned_pdf(), "OCR"),
    "plain.zip": (zipfile.ZipFile and b"PK\x05\x06" + b"\x00" * 18, "不是 Word"),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_is_one_clear_line_and_the_run_goes_on(tmp_path, name):
    content, reason = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["lint", str(path), GOOD, "--format", "json"])
    assert result.exit_code == 2
    error_lines = result.stderr.strip().splitlines()
    assert len(error_lines) == 1 and str(path) in error_lines[0] and reason in error_lines[0], result.stderr
    assert "Traceback" not in result.output
    assert '"path": "' + GOOD in result.stdout   # the good file was still checked


def test_missing_path_and_symlink_loop(tmp_path):
    loop_a, loop_b = tmp_path / "a.txt", tmp_path / "b.txt"
    os.symlink(loop_b, loop_a)
    os.symlink(loop_a, loop_b)
    for path, reason in ((tmp_path / "none.txt", "文件不存在"), (loop_a, "符号链接")):
        result = CliRunner().invoke(cli, ["lint", str(path)])
        assert result.exit_code == 2 and reason in result.stderr and "Traceback" not in result.output


def test_folder_is_not_a_report(tmp_path):
    result = CliRunner().invoke(cli, ["lint", str(tmp_path)])
    assert result.exit_code == 2 and "文件夹" in result.stderr


def test_odd_file_names_are_read_and_named(tmp_path):
    odd = tmp_path / "报告 (最终版)#1 ..txt"
    odd.write_text("某县2024年法治政府建设情况报告\n一、主要举措和成效\n办理案件12件。", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(odd)])
    assert result.exit_code == 1 and str(odd) in result.stdout


def test_debug_shows_the_traceback(tmp_path):
    result = CliRunner().invoke(cli, ["lint", str(tmp_path / "none.txt"), "--debug"])
    assert result.exit_code == 2 and "Traceback" in result.stderr


def test_limits_are_settings(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("某县2024年法治政府建设情况报告\n" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="文件过大"):
        checker.read_document(path, Limits(max_bytes=1000))
    bomb = tmp_path / "small-bomb.docx"
    bomb.write_bytes(docx_bytes("一、主要举措和成效\n" + "正文" * 5000))
    with pytest.raises(InputError, match="压缩炸弹"):
        checker.read_document(bomb, Limits(max_inflated=10_000))
    result = CliRunner().invoke(cli, ["lint", str(path), "--max-bytes", "1000"])
    assert result.exit_code == 2 and "文件过大" in result.stderr


SLOW_RULE = """rules:
  - id: slow
    name: 回溯
    kind: phrase
    severity: info
    weight: 1
    scope: all
    patterns: ['PATTERN']
    message: 慢
    suggestion: 无
    source: 测试
"""


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a|aa)+$"])
def test_regex_from_a_rule_file_cannot_hang_a_run(tmp_path, pattern):
    rules = tmp_path / "slow.yaml"
    rules.write_text(SLOW_RULE.replace("PATTERN", pattern), encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("a" * 5000 + "!", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(report), "--rules", str(rules)])
    assert result.exit_code == 2
    assert "超时" in result.stderr and "[slow]" in result.stderr and "Traceback" not in result.output
