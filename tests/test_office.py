"""Files made by office software read like their text.

tests/corpus/office/ holds each seed as LibreOffice exported it (.docx, .odt, .pdf, .html; plain, with
automatic numbering, and in the GB/T 9704 公文 layout) and a few real-world Word quirks; see
make_fixtures.py there. Every one must get the seed's per-rule statuses, with nothing on stderr.
"""
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import checker
from checker.document.html import read_html

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus" / "office"
SEEDS = {path.name[:3]: path for path in (HERE.parent / "seeds").glob("*.txt")}
FIXTURES = sorted(path for path in CORPUS.iterdir()
                  if path.suffix in (".docx", ".odt", ".pdf", ".html") and path.name[:3] in SEEDS
                  and "encrypted" not in path.name)
ENCRYPTED = sorted(CORPUS.glob("*encrypted*"))
RULESET = checker.load_ruleset()

def statuses(path):
    return {f.rule: f.status for f in checker.check(path, RULESET).findings}


_SEED_STATUSES = {}


def seed_statuses(code):
    if code not in _SEED_STATUSES:
        _SEED_STATUSES[code] = statuses(SEEDS[code])
    return _SEED_STATUSES[code]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_office_file_gets_the_statuses_of_its_text(path, capfd):
    got = statuses(path)
    assert capfd.readouterr().err == ""   # no library warning (pdfminer's logging, Python warnings)
    assert got == seed_statuses(path.name[:3])


def test_the_corpus_covers_every_seed_layout_and_format():
    names = {p.name for p in FIXTURES}
    for code in SEEDS:
        for layout in ("plain", "numbered", "gongwen"):
            for suffix in (".docx", ".odt", ".pdf", ".html"):
                assert f"{code}-{layout}{suffix}" in names
    assert {p.suffix for p in ENCRYPTED} == {".docx", ".odt"}


@pytest.mark.parametrize("path", ENCRYPTED, ids=lambda p: p.name)
def test_password_protected_file_says_so(path, tmp_path):
    # run outside the checkout, so `-m checker` is the installed package
    result = subprocess.run([sys.executable, "-m", "checker", "lint", str(path)], capture_output=True,
                            text=True, encoding="utf-8", cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "密码保护" in lines[0] and path.name in lines[0], result.stderr
    assert "doc" not in lines[0].split(path.name)[1].lower()   # not told it is an old .doc


def test_lint_writes_nothing_but_results_for_pdfs(tmp_path):
    pdfs = [str(p) for p in FIXTURES if p.suffix == ".pdf"][:4]
    result = subprocess.run([sys.executable, "-m", "checker", "lint", *pdfs], capture_output=True, text=True,
                            encoding="utf-8", cwd=tmp_path, timeout=120)
    assert result.returncode in (0, 1) and result.stderr == ""


def test_pdf_records_where_each_page_starts():
    doc = checker.read_document(CORPUS / "pages.pdf")
    lines = doc.raw.splitlines()
    assert doc.meta.page_starts == (1, lines.index("二、存在的不足") + 1)
    assert not any("—" in line for line in lines)   # the footer — 1 — is gone


def test_pdf_paragraph_wrapped_past_hanging_punctuation_is_one_line():
    doc = checker.read_document(CORPUS / "004-numbered.pdf")   # the seed is one single line
    assert len(doc.raw.splitlines()) == 1
    starts = doc.meta.page_starts
    assert starts[0] == 1 and all(a <= b for a, b in zip(starts, starts[1:]))


def _lines(name):
    return checker.read_document(CORPUS / name).raw.splitlines()


def test_docx_letterhead_in_a_text_box_is_read_once_on_its_own_line():
    lines = _lines("003-textbox.docx")
    assert lines[:2] == ["上犹县人民政府文件", "上犹县2024年法治政府建设情况报告"]
    assert sum(line.count("人民政府文件") for line in lines) == 1


def test_docx_one_cell_layout_table_keeps_paragraphs_and_numbers():
    lines = _lines("003-layouttable.docx")
    assert "一、主要举措和成效" in lines and "二、存在的不足" in lines
    assert any(line.startswith("（一）强化政治引领") for line in lines)


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_numbering_restarts_under_each_heading(suffix):
    lines = _lines(f"000-numbered{suffix}")
    assert any(line.startswith("（一）全面推动法治政府建设") for line in lines)   # restarted under 四、
    assert any(line.startswith("（五）严格法治督察") for line in lines)            # and continued


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_deleted_numbered_heading_takes_no_number(suffix):
    lines = _lines(f"003-deletion{suffix}")
    assert "一、主要举措和成效" in lines and "二、存在的不足" in lines
    assert not any(line.strip() in ("一、", "二、") for line in lines)
    assert not any("待删" in line for line in lines)


def test_office_web_page_keeps_title_and_drops_footer():
    lines = _lines("001-gongwen.html")
    assert "新乡市人民政府 关于2021年法治政府建设情况的报告" in lines
    assert not any(line.strip("—- 0123456789") == "" for line in lines)   # no page number left
    assert lines.index("新乡市人民政府") < lines.index("2022年2月25日")


def test_office_web_page_numbers_its_lists():
    lines = _lines("003-numbered.html")
    assert lines[0] == "上犹县2024年法治政府建设情况报告"
    assert any(line.startswith("（一）强化政治引领") for line in lines)


def test_deeply_nested_page_is_read_without_recursion_error():
    markup = ("<html><body>" + "<div>" * 5000 + "某县2024年法治政府建设情况报告<p>一、主要举措和成效</p>"
              + "</div>" * 5000 + "</body></html>")
    lines, _ = read_html(markup)
    assert lines == ["某县2024年法治政府建设情况报告", "一、主要举措和成效"]


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_fixtures", CORPUS / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_live_libreoffice_conversion_reads_like_the_text(tmp_path):
    generator = _load_generator()
    seed = SEEDS["003"]
    source = tmp_path / "live.fodt"
    source.write_text(generator.numbered(seed), encoding="utf-8")
    generator.convert([source], "docx", tmp_path, tmp_path / "profile")
    converted = tmp_path / "live.docx"
    assert converted.exists()
    assert statuses(converted) == seed_statuses("003")
