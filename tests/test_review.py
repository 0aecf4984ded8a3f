"""The Word review (`lint --format docx`): comments and tracked changes that a real client sees.

Every produced .docx is opened by LibreOffice (headless, converted to .odt), and the .odt is read back:
its comments (office:annotation) must be the review's notes, by fzcheck (or --author), on the paragraphs
the findings point at; its text, with tracked changes rejected, must be the original's; a safe fix must be
a deletion and an insertion LibreOffice knows. The .docx is also compared part by part with the original:
paragraph text, paragraph and run formatting, tables, numbering, styles, headers and footers.
The CLI runs as a subprocess outside the checkout, so it is the installed package.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

import checker
from checker.document.docx import paragraph_text
from checker.review import render_review, write_review
from checker.review.notes import notes

HERE = Path(__file__).resolve().parent
OFFICE = HERE / "corpus" / "office"
SEEDS = sorted((HERE.parent / "seeds").glob("*.txt"))
DOCX = sorted(p for p in OFFICE.glob("*.docx") if "encrypted" not in p.name)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE_NS = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


def fzcheck(*args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, timeout=300)


def to_odt(paths: list[Path], outdir: Path) -> dict[Path, Path]:
    """LibreOffice converts every file in one run; returns source → .odt."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir.parent / "lo-profile"
    result = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                             "odt", "--outdir", str(outdir), *map(str, paths)],
                            capture_output=True, text=True, timeout=600)
    converted = {p: outdir / (p.stem + ".odt") for p in paths}
    missing = [p for p, odt in converted.items() if not odt.exists()]
    assert not missing, f"LibreOffice could not open {missing}: {result.stderr}"
    return converted


class OdtParagraph:
    def __init__(self):
        self.rejected, self.accepted, self.comments = "", "", []   # comments: (author, text)


def read_odt(path: Path) -> tuple[list[OdtParagraph], dict]:
    """Body paragraphs (text boxes and table cells included) in document order, and the tracked changes
    (id → (kind, author, deleted text))."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("content.xml"))
    changes = {}
    for region in root.iter(f"{TEXT}changed-region"):
        change = region[0]
        kind = etree.QName(change).localname
        author = change.findtext(f".//{DC}creator")
        deleted = "".join(_plain(p) for p in change.iter(f"{TEXT}p"))
        changes[region.get(f"{TEXT}id")] = (kind, author, deleted)
    paragraphs = []
    for element in root.iter(f"{TEXT}p", f"{TEXT}h"):
        if any(a.tag in (f"{OFFICE_NS}annotation", f"{TEXT}tracked-changes") for a in element.iterancestors()):
            continue
        paragraph = OdtParagraph()
        _walk(element, paragraph, changes, set())
        paragraphs.append(paragraph)
    return paragraphs, changes


def _plain(element) -> str:
    return "".join(element.itertext())


def _walk(element, paragraph: OdtParagraph, changes: dict, inserting: set) -> None:
    def add(text):
        if text:
            paragraph.accepted += text
            if not inserting:
                paragraph.rejected += text

    add(element.text)
    for child in element:
        tag = child.tag
        if tag == f"{OFFICE_NS}annotation":
            body = "".join(_plain(p) for p in child.iter(f"{TEXT}p"))
            paragraph.comments.append((child.findtext(f"{DC}creator"), body))
        elif tag == f"{TEXT}change":
            kind, _, deleted = changes[child.get(f"{TEXT}change-id")]
            if kind == "deletion":
                paragraph.rejected += deleted
        elif tag == f"{TEXT}change-start":
            if changes[child.get(f"{TEXT}change-id")][0] == "insertion":
                inserting.add(child.get(f"{TEXT}change-id"))
        elif tag == f"{TEXT}change-end":
            inserting.discard(child.get(f"{TEXT}change-id"))
        elif tag == f"{TEXT}s":
            add(" " * int(child.get(f"{TEXT}c", "1")))
        elif tag == f"{TEXT}tab":
            add("\t")
        elif tag == f"{TEXT}line-break":
            add("\n")
        elif tag == f"{DRAW}frame" or tag == f"{TEXT}note":
            pass   # a text box's paragraphs are paragraphs of their own
        else:
            _walk(child, paragraph, changes, inserting)
        add(child.tail)


# -- one run of the CLI and of LibreOffice for all fixtures ------------------------------------------

@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    base = tmp_path_factory.mktemp("review")
    out = base / "out"
    sources = DOCX + SEEDS
    out.mkdir()
    result = fzcheck("lint", *sources, "--format", "docx", "-o", out, cwd=base)
    assert result.returncode in (0, 1), result.stderr
    outputs = {}
    for source in sources:
        produced = out / f"{source.stem}-审查.docx"
        assert produced.exists(), (source, result.stderr)
        outputs[source] = produced
    return {"outputs": outputs, "stderr": result.stderr, "base": base}


@pytest.fixture(scope="module")
def odts(reviewed):
    base = reviewed["base"]
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) not installed")
    reviewed_odt = to_odt(list(reviewed["outputs"].values()), base / "odt-reviewed")
    original_odt = to_odt(DOCX, base / "odt-original")
    return {source: (reviewed_odt[out], original_odt.get(source)) for source, out in reviewed["outputs"].items()}


def expected_notes(source: Path):
    audit = checker.check(source)
    return audit, notes(audit)


def _text_box_lines(source: Path) -> set[str]:
    body = docx.Document(str(source)).element.body
    return {paragraph_text(p) for box in body.iter(f"{W}txbxContent") for p in box.iter(f"{W}p")}


def _line_text(doc, offset: int) -> str:
    return doc.raw.split("\n")[doc.line_of(offset) - 1]


@needs_soffice
@pytest.mark.parametrize("source", DOCX, ids=lambda p: p.name)
def test_word_original_keeps_its_text_and_gets_every_comment_on_its_paragraph(source, reviewed, odts):
    review_odt, original_odt = odts[source]
    got, _ = read_odt(review_odt)
    original, _ = read_odt(original_odt)
    # the document's text, unchanged (LibreOffice may add an empty paragraph before a leading table)
    assert [p.rejected for p in got if p.rejected] == [p.rejected for p in original if p.rejected]
    assert not any(p.comments for p in original)
    audit, wanted = expected_notes(source)
    comments = [(p, author, text) for p in got for author, text in p.comments]
    assert len(comments) == len(wanted)
    assert all(author == "fzcheck" for _, author, _ in comments)
    summary = [(p, text) for p, _, text in comments if text.startswith("【fzcheck 审查结果】")]
    assert len(summary) == 1 and audit.ruleset in summary[0][1] and "检查日期" in summary[0][1]
    assert f"得分 {audit.score:g}（{audit.grade}）" in summary[0][1]
    boxed = _text_box_lines(source)
    lines = audit.document.raw.split("\n")
    for note in wanted[1:]:
        paragraph = next((p for p, _, text in comments if text == note.text), None)
        assert paragraph is not None, f"no comment {note.text[:40]}"
        if paragraph is got[0] and not paragraph.rejected and len(got) > 1:
            paragraph = got[1]   # LibreOffice puts a comment in a leading table on a paragraph it adds before it
        # the comment sits on the paragraph of the evidence: that paragraph's text is the evidence's line
        # (without the automatic list number Word adds, or one cell of a table row); Word takes no comment
        # inside a text box, so a letterhead's comment is on the paragraph the box is anchored in
        number = audit.document.line_of(note.start)
        if lines[number - 1] in boxed:   # on the (often empty) paragraph holding the box, before the next line
            assert paragraph.rejected.strip() in "".join(lines[number - 1:number + 1])
            continue
        assert paragraph.rejected.strip() and paragraph.rejected.strip() in lines[number - 1]


@needs_soffice
@pytest.mark.parametrize("source", SEEDS, ids=lambda p: p.name)
def test_text_report_becomes_a_gongwen_docx_with_the_same_comments(source, reviewed, odts):
    review_odt, _ = odts[source]
    got, changes = read_odt(review_odt)
    audit, wanted = expected_notes(source)
    lines = [line for line in audit.document.raw.split("\n") if line.strip()]
    assert [p.rejected for p in got] == lines          # one paragraph per line, the text as it was
    fixed = {f.line for f in audit.fixes}
    for number, line in enumerate(audit.document.raw.split("\n"), start=1):
        if number in fixed:
            paragraph = got[lines.index(line)]
            fix = next(f for f in audit.fixes if f.line == number)
            assert fix.new in paragraph.accepted and paragraph.accepted != paragraph.rejected
    texts = sorted(text for p in got for _, text in p.comments if not text.startswith("【fzcheck 审查结果】"))
    assert texts == sorted(n.text for n in wanted[1:])
    assert {kind for kind, _, _ in changes.values()} <= {"insertion", "deletion"}
    assert all(author == "fzcheck" for _, author, _ in changes.values())

    document = docx.Document(str(reviewed["outputs"][source]))
    section = document.sections[0]
    mm = lambda length: round(length / 36000)   # EMU → mm  # noqa: E731
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert [mm(m) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                            section.right_margin)] == [37, 35, 28, 26]
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16
    fonts = normal.element.rPr.find(f"{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == "仿宋_GB2312"
    assert document.styles["Heading 1"].element.rPr.find(f"{W}rFonts").get(f"{W}eastAsia") == "黑体"
    assert document.styles["Heading 2"].element.rPr.find(f"{W}rFonts").get(f"{W}eastAsia") == "楷体_GB2312"
    with zipfile.ZipFile(reviewed["outputs"][source]) as archive:
        table = archive.read("word/fontTable.xml").decode("utf-8")
    assert 'w:name="仿宋_GB2312"' in table and 'w:val="仿宋"' in table and 'w:val="华文中宋"' in table
    headings = {h.level for h in audit.outline.headings if not h.inline}
    styled = {p.style.name for p in document.paragraphs}
    assert {f"Heading {level}" for level in headings if level <= 2} <= styled


# -- the .docx itself, part by part -------------------------------------------------------------------

def _c14n(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml, etree.XMLParser(remove_blank_text=True)), method="c14n")


def _rejected(body, author: str = "fzcheck"):
    """A copy of the body with the review's tracked changes rejected (as Word's 拒绝所有修订 would)."""
    import copy

    body = copy.deepcopy(body)
    for insertion in list(body.iter(f"{W}ins")):
        if insertion.get(f"{W}author") == author:
            insertion.getparent().remove(insertion)
    for deletion in list(body.iter(f"{W}del")):
        if deletion.get(f"{W}author") == author and deletion.getparent().tag != f"{W}rPr":
            for text in deletion.iter(f"{W}delText"):
                text.tag = f"{W}t"
            for child in list(deletion):
                deletion.addprevious(child)
            deletion.getparent().remove(deletion)
    return body


def _characters(document) -> list:
    """Every paragraph's text with each character's run formatting, and its paragraph formatting, with
    the review's tracked changes rejected."""
    from checker.review.ooxml import pieces

    result = []
    for p in _rejected(document.element.body).iter(f"{W}p"):
        props = p.find(f"{W}pPr")
        chars = []
        for node, _, _ in pieces(p):
            rpr = node.getparent().find(f"{W}rPr")
            key = etree.tostring(rpr, method="c14n") if rpr is not None else b""
            chars.extend((ch, key) for ch in (node.text or "" if node.tag == f"{W}t" else " "))
        result.append((paragraph_text(p), etree.tostring(props, method="c14n") if props is not None else b"",
                       chars))
    return result


@pytest.mark.parametrize("source", DOCX, ids=lambda p: p.name)
def test_word_original_is_unchanged_but_for_the_review(source, reviewed):
    produced = reviewed["outputs"][source]
    before, after = docx.Document(str(source)), docx.Document(str(produced))
    assert _characters(after) == _characters(before)
    tables = lambda d: [etree.tostring(t.find(f"{W}tblPr"), method="c14n") for t in d.element.body.iter(f"{W}tbl")]  # noqa: E731
    assert tables(after) == tables(before)
    assert etree.tostring(after.element.body.find(f"{W}sectPr"), method="c14n") == \
        etree.tostring(before.element.body.find(f"{W}sectPr"), method="c14n")
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(produced) as new:
        names = set(new.namelist())
        for name in old.namelist():
            if name in ("word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml") \
                    or not name.endswith((".xml", ".rels")) or name.startswith("docProps/"):
                continue
            assert name in names
            assert _c14n(new.read(name)) == _c14n(old.read(name)), name   # styles, numbering, headers, footers…
        assert "word/comments.xml" in names


# -- safe fixes as tracked changes, existing review marks, options --------------------------------------

def _with_date(source: Path, target: Path, date: str) -> Path:
    """A copy of an office fixture whose 成文日期 paragraph reads `date`."""
    document = docx.Document(str(source))
    paragraph = next(p for p in document.paragraphs if p.text.strip().endswith("日") and "年" in p.text
                     and len(p.text.strip()) <= 12)
    for run in paragraph.runs[1:]:
        run.text = ""
    paragraph.runs[0].text = date
    document.save(str(target))
    return target


@needs_soffice
@pytest.mark.parametrize("date", ["2025年02月08日", "二〇二五年二月八日"])
def test_safe_fix_is_a_tracked_change_libreoffice_sees(date, tmp_path):
    source = _with_date(OFFICE / "003-gongwen.docx", tmp_path / "draft.docx", date)
    out = tmp_path / "draft-审查.docx"
    result = fzcheck("lint", source, "--format", "docx", "-o", out, "--author", "审核组", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert "修订 1 处" in result.stderr
    (odt,) = to_odt([out], tmp_path / "odt").values()
    paragraphs, changes = read_odt(odt)
    dated = [p for p in paragraphs if p.rejected == date]
    assert len(dated) == 1 and dated[0].accepted == "2025年2月8日"
    assert sorted(kind for kind, _, _ in changes.values()) == ["deletion", "insertion"]
    assert all(author == "审核组" for _, author, _ in changes.values())
    assert any("成文日期" in text and author == "审核组" for author, text in dated[0].comments)
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert '<w:del ' in xml and '<w:ins ' in xml and 'w:author="审核组"' in xml and "<w:delText" in xml


@needs_soffice
def test_existing_comments_and_tracked_changes_stay(tmp_path):
    source = tmp_path / "commented.docx"
    shutil.copy(OFFICE / "003-deletion.docx", source)
    document = docx.Document(str(source))
    first = next(p for p in document.paragraphs if p.runs)
    document.add_comment(first.runs, text="请核实标题", author="张科长", initials="张")
    document.save(str(source))
    out = tmp_path / "out.docx"
    result = fzcheck("lint", source, "--format", "docx", "-o", out, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    converted = to_odt([source, out], tmp_path / "odt")
    before, before_changes = read_odt(converted[source])
    after, after_changes = read_odt(converted[out])
    assert [p.rejected for p in after] == [p.rejected for p in before]
    authors = [author for p in after for author, _ in p.comments]
    assert authors.count("张科长") == 1 and authors.count("fzcheck") >= 2
    assert ("张科长", "请核实标题") in [c for p in after for c in p.comments]
    kept = [c for c in before_changes.values() if c[0] == "deletion"]
    assert kept and all(c in after_changes.values() for c in kept)   # the tracked deletion is still there


def test_missing_parts_are_commented_where_the_fix_belongs():
    text = ("某县人民政府关于2024年法治政府建设情况的报告\n2024年，某县坚持依法行政。\n一、主要举措和成效\n"
            "全年办理复议案件12件，培训干部3000人次。\n二、存在的问题\n一是基层力量薄弱；二是执法不规范。\n某县人民政府")
    audit = checker.check("draft.txt", text=text, force=True)
    found = {n.rule: n for n in notes(audit)}
    doc = audit.document
    plan = found["next-year-plan"]
    assert "文中没有对应的位置" in plan.text and _line_text(doc, plan.start) == "一是基层力量薄弱；二是执法不规范。"
    date = found["date"]
    assert "署名" in date.text and _line_text(doc, date.start) == "某县人民政府"
    summary = notes(audit)[0]
    assert summary.rule is None and _line_text(doc, summary.start).startswith("某县人民政府关于")
    data, stats = render_review(audit)
    assert stats.comments == len(notes(audit))
    assert docx.Document(io.BytesIO(data)).comments is not None


def test_write_review_api_writes_atomically_and_names_the_author(tmp_path):
    audit = checker.check(SEEDS[0])
    target = tmp_path / "reports" / "a.docx"
    stats = write_review(audit, target, author="李四")
    assert target.exists() and stats.comments >= 1
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".fzcheck-")]
    comments = list(docx.Document(str(target)).comments)
    assert {c.author for c in comments} == {"李四"}


def test_untrusted_text_stays_data(tmp_path):
    source = tmp_path / "x.txt"
    source.write_text("某县2024年法治政府建设情况报告\n<w:p>&amp; ]]> \x01 XX件\n一、主要举措和成效\n工作扎实。",
                      encoding="utf-8")
    out = tmp_path / "x.docx"
    result = fzcheck("lint", source, "--format", "docx", "-o", out, "--force", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    document = docx.Document(str(out))
    assert any("<w:p>&amp; ]]>" in p.text for p in document.paragraphs)


def test_usage_errors_are_one_line_exit_2(tmp_path):
    source = tmp_path / "r.docx"
    shutil.copy(OFFICE / "000-plain.docx", source)
    same = fzcheck("lint", source, "--format", "docx", "-o", source, cwd=tmp_path)
    assert same.returncode == 2 and "不会覆盖" in same.stderr and len(same.stderr.strip().splitlines()) == 1
    assert source.read_bytes() == (OFFICE / "000-plain.docx").read_bytes()
    no_output = fzcheck("lint", source, "--format", "docx", cwd=tmp_path)
    assert no_output.returncode == 2 and "-o" in no_output.stderr and "Traceback" not in no_output.stderr
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    bad = fzcheck("lint", broken, "--format", "docx", "-o", tmp_path / "o.docx", cwd=tmp_path)
    assert bad.returncode == 2 and "broken.docx" in bad.stderr and "Traceback" not in bad.stderr


def test_one_file_to_a_named_output_and_several_to_a_folder(tmp_path):
    single = fzcheck("lint", SEEDS[0], "--format", "docx", "-o", tmp_path / "one.docx", cwd=tmp_path)
    assert single.returncode in (0, 1) and (tmp_path / "one.docx").exists()
    folder = tmp_path / "many"
    folder.mkdir()
    several = fzcheck("lint", *SEEDS[:2], "--format", "docx", "-o", folder, cwd=tmp_path)
    assert several.returncode in (0, 1)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{s.stem}-审查.docx" for s in SEEDS[:2])
