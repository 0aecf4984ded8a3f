#!/usr/bin/env python3
"""Office-made versions of the seed reports, for tests/test_office.py.

From each seed (seeds/NNN_*.txt) this writes a flat OpenDocument source (.fodt) in three layouts and has
LibreOffice convert it, headless, into .docx, .odt, .pdf and .html, as a drafter's office software would:

  NNN-plain     one paragraph a line; a running header (the issuing body) and a footer 第 N 页 共 M 页
  NNN-numbered  headings 一、 as Heading 1 numbered by the outline (chapter) numbering, （一） as a list
                style that restarts under each 一、 (Word: a new w:num with a startOverride); footer - N -
  NNN-gongwen   the GB/T 9704 layout: letterhead XX人民政府文件 (in a text box, in a one-cell layout table
                or as a paragraph, by seed), 文号, red rule, centred title, addressee, 仿宋 body with 黑体 and
                楷体 headings typed by hand, signature and date right-aligned, footer — N — (odd pages right,
                even left), 版记 (抄送, 印发)

and a few real-world quirks, all made by LibreOffice from a .fodt as well:

  003-textbox.docx         letterhead in a text box anchored in the title paragraph (DrawingML + VML fallback)
  003-layouttable.docx     the whole report inside a one-cell layout table, numbered headings included
  003-deletion.docx/.odt   a numbered heading deleted with track changes on (its paragraph mark deleted)
  pages.pdf                two pages, the second opened by a page break (for meta.page_starts)
  003-encrypted.docx/.odt  saved with the password "pw" (needs python3-uno: run this script with the
                           system python, /usr/bin/python3, which has the `uno` module)

The text (the seed's characters and lines) is never changed: a fixture must get the seed's statuses.

Regenerate (about a minute; needs soffice and fonts-noto-cjk):

    /usr/bin/python3 tests/corpus/office/make_fixtures.py

The outputs are committed; PDFs embed font subsets, so the folder stays around 2 MB.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FORMATS = ("docx", "odt", "pdf", "html")

# Region of each seed (as in seeds/expected.yaml), for the letterhead, 文号 and 版记 of the 公文 layout.
REGIONS = {"000": ("沙坡头区", 2024), "001": ("新乡市", 2021), "002": ("朔州市", 2024), "003": ("上犹县", 2024),
           "004": ("兴宁市", 2024)}

LEVEL_1 = re.compile(r"^([一二三四五六七八九十]{1,3})、(.*)$", re.S)
LEVEL_2 = re.compile(r"^[(（]([一二三四五六七八九十]{1,3})[)）](.*)$", re.S)
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
CN = "零一二三四五六七八九"

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" '
      'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"')

# GB/T 9704 asks for 仿宋_GB2312, 黑体, 楷体_GB2312 and 方正小标宋简体; none is on a Linux machine, so the body
# is Noto Serif CJK and headings Noto Sans CJK (two font subsets per PDF keep the files small).
BODY_FONT, HEADING_FONT = "Noto Serif CJK SC", "Noto Sans CJK SC"
FONTS = f"""<office:font-face-decls>
 <style:font-face style:name="{BODY_FONT}" svg:font-family="'{BODY_FONT}'"/>
 <style:font-face style:name="{HEADING_FONT}" svg:font-family="'{HEADING_FONT}'"/>
</office:font-face-decls>"""


def _text_props(font: str, size: str, extra: str = "") -> str:
    return (f'<style:text-properties style:font-name="{font}" style:font-name-asian="{font}" '
            f'fo:font-size="{size}" style:font-size-asian="{size}" {extra}/>')


def _cn(value: int) -> str:
    if value < 10:
        return CN[value]
    tens, units = divmod(value, 10)
    return (CN[tens] if tens > 1 else "") + "十" + (CN[units] if units else "")


def _cn_value(label: str) -> int:
    if label == "十":
        return 10
    if "十" in label:
        tens, _, units = label.partition("十")
        return (CN.index(tens) if tens else 1) * 10 + (CN.index(units) if units else 0)
    return CN.index(label)


def styles(body_size: str = "16pt", justify: bool = True, indent: bool = True, numbered: bool = True,
           spacing: str = 'fo:line-height="28.9pt"') -> str:
    """numbered: Heading 1 is numbered 一、 by the outline numbering (off where headings are typed by hand)."""
    align = ' fo:text-align="justify"' if justify else ""
    first = ' fo:text-indent="0.444in"' if indent else ""
    level = lambda n, prefix, suffix: (  # noqa: E731
        f'<text:list-level-style-number text:level="{n}" style:num-prefix="{prefix}" style:num-suffix="{suffix}" '
        f'style:num-format="一, 二, 三, ..."><style:list-level-properties '
        f'text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment '
        f'text:label-followed-by="nothing" fo:text-indent="0in" fo:margin-left="0in"/>'
        f'</style:list-level-properties></text:list-level-style-number>')
    return f"""<office:styles>
 <style:default-style style:family="paragraph"><style:paragraph-properties style:punctuation-wrap="hanging" style:line-break="strict"/>{_text_props(BODY_FONT, body_size)}</style:default-style>
 <style:style style:name="Standard" style:family="paragraph"><style:paragraph-properties {spacing}{align}{first}/>{_text_props(BODY_FONT, body_size)}</style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1">{_text_props(HEADING_FONT, body_size)}</style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="2">{_text_props(BODY_FONT, body_size)}</style:style>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:text-indent="0in" fo:margin-bottom="0.3in"/>{_text_props(HEADING_FONT, "22pt")}</style:style>
 <style:style style:name="Right" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="end" fo:text-indent="0in" fo:margin-right="0.44in"/></style:style>
 <style:style style:name="Center" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:text-indent="0in"/></style:style>
 <style:style style:name="Letterhead" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:text-indent="0in" fo:line-height="100%"/>{_text_props(HEADING_FONT, "40pt", 'fo:color="#e00000" fo:letter-spacing="0.05in"')}</style:style>
 <style:style style:name="Addressee" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-indent="0in"/></style:style>
 <style:style style:name="Rule" style:family="paragraph" style:parent-style-name="Center"><style:paragraph-properties fo:border-bottom="2.25pt solid #e00000" fo:padding-bottom="0.05in" fo:margin-bottom="0.3in"/></style:style>
 <style:style style:name="Copy" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-indent="0in" fo:margin-left="0.11in" fo:border-top="0.75pt solid #000000" fo:padding-top="0.03in"/>{_text_props(BODY_FONT, "14pt")}</style:style>
 <style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/>{_text_props(BODY_FONT, "14pt")}</style:style>
 <style:style style:name="FooterRight" style:family="paragraph" style:parent-style-name="Footer"><style:paragraph-properties fo:text-align="end"/></style:style>
 <style:style style:name="FooterLeft" style:family="paragraph" style:parent-style-name="Footer"><style:paragraph-properties fo:text-align="start"/></style:style>
 <style:style style:name="Header" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:border-bottom="0.5pt solid #000000"/>{_text_props(BODY_FONT, "10.5pt")}</style:style>
 <text:outline-style style:name="Outline"><text:outline-level-style text:level="1" style:num-suffix="{"、" if numbered else ""}" style:num-format="{"一, 二, 三, ..." if numbered else ""}"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="nothing" fo:text-indent="0in" fo:margin-left="0in"/></style:list-level-properties></text:outline-level-style></text:outline-style>
 <text:list-style style:name="Sub">{level(1, "（", "）")}</text:list-style>
</office:styles>"""


AUTOMATIC = """<office:automatic-styles>
 <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0in" fo:border="none"/></style:style>
 <style:style style:name="Layout" style:family="table"><style:table-properties style:width="6.1in" table:align="margins"/></style:style>
 <style:style style:name="fr1" style:family="graphic"><style:graphic-properties style:wrap="none" style:vertical-pos="from-top" style:vertical-rel="paragraph" style:horizontal-pos="center" style:horizontal-rel="paragraph" fo:border="none" fo:padding="0in" draw:fill="none"/></style:style>
 <style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="8.268in" fo:page-height="11.693in" fo:margin-top="1.457in" fo:margin-bottom="0.8in" fo:margin-left="1.102in" fo:margin-right="1.024in"/><style:header-style><style:header-footer-properties fo:min-height="0in" fo:margin-bottom="0.2in"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0in" fo:margin-top="0.3in"/></style:footer-style></style:page-layout>
</office:automatic-styles>"""


def master(header: str = "", footer: str = "", footer_left: str = "") -> str:
    parts = [f"<style:header>{header}</style:header>" if header else "",
             f"<style:footer>{footer}</style:footer>" if footer else "",
             f"<style:footer-left>{footer_left}</style:footer-left>" if footer_left else ""]
    return (f'<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4">'
            f'{"".join(parts)}</style:master-page></office:master-styles>')


def document(body: str, header: str = "", footer: str = "", footer_left: str = "", tracked: str = "",
             **style_options) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:version="1.3" '
            f'office:mimetype="application/vnd.oasis.opendocument.text">{FONTS}{styles(**style_options)}'
            f'{AUTOMATIC}{master(header, footer, footer_left)}<office:body><office:text>'
            f'{tracked}{body}</office:text></office:body></office:document>')


def p(text: str, style: str = "Standard") -> str:
    return f'<text:p text:style-name="{style}">{escape(text)}</text:p>'


def page_field(prefix: str = "", suffix: str = "") -> str:
    return f'{escape(prefix)}<text:page-number text:select-page="current">1</text:page-number>{escape(suffix)}'


def seed_lines(seed: Path) -> list[str]:
    return [line.strip() for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]


def split_report(lines: list[str]) -> tuple[str | None, list[str], list[str]]:
    """(title or None, body lines, closing lines: signature and date standing alone at the end)."""
    title = lines[0] if "报告" in lines[0] and len(lines[0]) < 60 else None
    body = lines[1:] if title else list(lines)
    closing = []
    if body and DATE.match(body[-1]):
        closing.insert(0, body.pop())
        if body and len(body[-1]) <= 20 and not re.search(r"[，。,.:：；;]", body[-1]):
            closing.insert(0, body.pop())
    return title, body, closing


# --- the three layouts -------------------------------------------------------------------------------

def plain(seed: Path) -> str:
    region = REGIONS[seed.name[:3]][0]
    body = "".join(p(line) for line in seed_lines(seed))
    header = p(f"{region}人民政府", "Header")
    footer = (f'<text:p text:style-name="Footer">第 <text:page-number text:select-page="current">1</text:page-number> 页 '
              f'共 <text:page-count>1</text:page-count> 页</text:p>')
    # LibreOffice's default body text: left-aligned, no indent, 115% lines, 0.1in after each paragraph
    return document(body, header=header, footer=footer, body_size="12pt", justify=False, indent=False,
                    numbered=False, spacing='fo:line-height="115%" fo:margin-bottom="0.0972in"')


def numbered_body(lines: list[str]) -> str:
    """Headings lose their typed label to automatic numbering: 一、 to the outline numbering of Heading 1,
    （一） to the list style Sub. All （一） lists are one list continued across the paragraphs between them,
    restarted at the first item under each 一、 (text:start-value), which LibreOffice writes to .docx as
    a new w:num with a w:lvlOverride/w:startOverride, the way Word records "restart at 1"."""
    out, previous, first_in_section, list_no = [], None, True, 0
    for line in lines:
        first, second = LEVEL_1.match(line), LEVEL_2.match(line)
        if first:
            start = _cn_value(first.group(1))
            restart = f' text:restart-numbering="true" text:start-value="{start}"' if start != _expected_level_1(out) else ""
            out.append(f'<text:h text:style-name="Heading_20_1" text:outline-level="1"{restart}>{escape(first.group(2))}</text:h>')
            first_in_section = True
        elif second:
            list_no += 1
            style = "Heading_20_2" if len(line) <= 40 else "Standard"
            start = _cn_value(second.group(1))
            attrs = f'xml:id="list{list_no}"' + (f' text:continue-list="{previous}"' if previous else "")
            item = f'<text:list-item text:start-value="{start}">' if first_in_section and previous or start != 1 and first_in_section else "<text:list-item>"
            previous, first_in_section = f"list{list_no}", False
            out.append(f'<text:list {attrs} text:style-name="Sub">{item}'
                       f'<text:p text:style-name="{style}">{escape(second.group(2))}</text:p></text:list-item></text:list>')
        else:
            out.append(p(line))
    return "".join(out)


def _expected_level_1(out: list[str]) -> int:
    return sum(1 for piece in out if piece.startswith('<text:h text:style-name="Heading_20_1"')) + 1


def numbered(seed: Path) -> str:
    footer = f'<text:p text:style-name="Footer">{page_field("- ", " -")}</text:p>'
    return document(numbered_body(seed_lines(seed)), footer=footer, justify=True, indent=True)


def letterhead(kind: str, region: str) -> str:
    name = f"{region}人民政府文件"
    if kind == "textbox":
        frame = (f'<draw:frame draw:style-name="fr1" draw:name="Letterhead" text:anchor-type="paragraph" '
                 f'svg:width="6.1in" svg:y="0in" draw:z-index="0"><draw:text-box fo:min-height="0.8in">'
                 f'{p(name, "Letterhead")}</draw:text-box></draw:frame>')
        return f'<text:p text:style-name="Center">{frame}</text:p>' + p("", "Center") + p("", "Center")
    if kind == "table":
        return one_cell_table(p(name, "Letterhead"))
    return p(name, "Letterhead")


def one_cell_table(content: str) -> str:
    return ('<table:table table:name="Layout" table:style-name="Layout"><table:table-column/>'
            f'<table:table-row><table:table-cell table:style-name="Cell" office:value-type="string">{content}'
            '</table:table-cell></table:table-row></table:table>')


def gongwen(seed: Path, letterhead_kind: str) -> str:
    code = seed.name[:3]
    region, year = REGIONS[code]
    title, body, closing = split_report(seed_lines(seed))
    parts = [letterhead(letterhead_kind, region), p(f"{region[0]}政文〔{year + 1}〕{int(code) + 46}号", "Rule")]
    if title:
        parts.append(p(title, "Title"))
    if not re.match(r"^[^，。,.]{2,20}[:：]", body[0]):
        parts.append(p(f"中共{region}委：" if region[-1] in "市县区" else "市委：", "Addressee"))
    for line in body:
        style = "Heading_20_1" if LEVEL_1.match(line) else "Heading_20_2" if LEVEL_2.match(line) else "Standard"
        if style == "Heading_20_1":
            parts.append(f'<text:h text:style-name="{style}" text:outline-level="1">{escape(line)}</text:h>')
        else:
            parts.append(p(line, style))
    if closing:
        parts.append(p("", "Standard"))
        parts.extend(p(line, "Right") for line in closing)
    issued = closing[-1] if closing else f"{year + 1}年2月26日"
    parts.extend([p("", "Standard"), p("", "Standard"),
                  p(f"抄送：{region}委办公室，{region}人大常委会办公室，{region}政协办公室。", "Copy"),
                  p(f"{region}人民政府办公室\u3000\u3000\u3000\u3000\u3000\u3000{issued}印发", "Copy")])
    footer = f'<text:p text:style-name="FooterRight">{page_field("— ", " —")}</text:p>'
    footer_left = f'<text:p text:style-name="FooterLeft">{page_field("— ", " —")}</text:p>'
    return document("".join(parts), footer=footer, footer_left=footer_left, numbered=False)


# --- quirks ------------------------------------------------------------------------------------------

def textbox_in_title(seed: Path) -> str:
    """The letterhead frame anchored in the title paragraph itself: Word-made files often look like this."""
    region = REGIONS[seed.name[:3]][0]
    title, body, closing = split_report(seed_lines(seed))
    frame = (f'<draw:frame draw:style-name="fr1" draw:name="Letterhead" text:anchor-type="paragraph" '
             f'svg:width="6.1in" svg:y="-1.2in" draw:z-index="0"><draw:text-box fo:min-height="0.8in">'
             f'{p(region + "人民政府文件", "Letterhead")}</draw:text-box></draw:frame>')
    head = f'<text:p text:style-name="Title">{frame}{escape(title)}</text:p>'
    rest = "".join(p(line) for line in body) + "".join(p(line, "Right") for line in closing)
    return document(head + rest)


def layout_table(seed: Path) -> str:
    lines = seed_lines(seed)
    title, body, closing = split_report(lines)
    inner = p(title, "Title") + numbered_body(body) + "".join(p(line, "Right") for line in closing)
    return document(one_cell_table(inner))


def tracked_deletion(seed: Path) -> str:
    """Track changes on: a numbered heading was deleted (text and paragraph mark), so the numbers after it
    stay as they were. The deletion is kept in the file, not accepted."""
    lines = seed_lines(seed)
    title, body, closing = split_report(lines)
    index = next(i for i, line in enumerate(body) if LEVEL_1.match(line) and i > 0)
    change = ('<text:tracked-changes text:track-changes="true"><text:changed-region xml:id="ct1" text:id="ct1">'
              '<text:deletion><office:change-info><dc:creator>审核人</dc:creator><dc:date>2025-02-20T10:00:00'
              '</dc:date></office:change-info>'
              '<text:h text:style-name="Heading_20_1" text:outline-level="1">加强法治宣传（待删）</text:h>'
              '</text:deletion></text:changed-region></text:tracked-changes>')
    numbered_lines = body[:index] + ["\x00DELETED"] + body[index:]
    out = numbered_body([line for line in numbered_lines if line != "\x00DELETED"])
    # put the deletion mark before the index-th 一、 heading
    marker = '<text:h text:style-name="Heading_20_1"'
    position = _nth(out, marker, sum(1 for line in body[:index] if LEVEL_1.match(line)))
    out = out[:position] + '<text:p text:style-name="Standard"><text:change text:change-id="ct1"/></text:p>' + out[position:]
    head = p(title, "Title") if title else ""
    return document(head + out + "".join(p(line, "Right") for line in closing), tracked=change)


def mark_paragraph_deleted(path: Path) -> None:
    """Hand-made step: LibreOffice 7.4 writes the deleted heading's runs as w:del but not the deletion of its
    paragraph mark (w:pPr/w:rPr/w:del), which Word writes when a whole paragraph is deleted with track
    changes on. Add it to the paragraph whose text is all deleted, so the fixture is what Word saves."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = parts["word/document.xml"].decode("utf-8")
    paragraph = re.search(r"<w:p>(?:(?!<w:p>).)*?<w:delText>", xml, re.S)
    mark = '<w:rPr><w:del w:id="99" w:author="审核人" w:date="2025-02-20T10:00:00Z"/></w:rPr></w:pPr>'
    start, end = paragraph.span()
    fixed = re.sub(r"<w:rPr>\s*</w:rPr></w:pPr>|<w:rPr/></w:pPr>", mark, xml[start:end], count=1)
    assert fixed != xml[start:end], "no paragraph properties to mark"
    parts["word/document.xml"] = (xml[:start] + fixed + xml[end:]).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def two_pages() -> str:
    """Two pages, the second opened by a page break before 二、: for meta.page_starts."""
    body = (p("某县2024年法治政府建设情况报告", "Title") + p("2024年，某县扎实推进法治政府建设。现将有关情况报告如下。")
            + '<text:h text:style-name="Heading_20_1" text:outline-level="1">一、主要举措和成效</text:h>'
            + p("全年办理行政复议案件12件，行政执法案卷评查合格率98%。")
            + '<text:h text:style-name="Break" text:outline-level="1">二、存在的不足</text:h>'
            + p("一是执法不够规范；二是基层力量薄弱。")
            + p("某县人民政府", "Right") + p("2025年2月8日", "Right"))
    footer = f'<text:p text:style-name="Footer">{page_field("— ", " —")}</text:p>'
    markup = document(body, footer=footer, numbered=False)
    brk = ('<style:style style:name="Break" style:family="paragraph" style:parent-style-name="Heading_20_1">'
           '<style:paragraph-properties fo:break-before="page"/></style:style>')
    return markup.replace("</office:styles>", brk + "</office:styles>")


def _nth(text: str, needle: str, n: int) -> int:
    position = -1
    for _ in range(n + 1):
        position = text.index(needle, position + 1)
    return position


# --- conversion --------------------------------------------------------------------------------------

def convert(sources: list[Path], fmt: str, outdir: Path, profile: Path) -> None:
    command = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", fmt, "--outdir", str(outdir), *map(str, sources)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)


def encrypt(source: Path, outdir: Path, profile: Path) -> None:
    """Save `source` as .docx and .odt with the password "pw", through LibreOffice's UNO API."""
    import uno  # python3-uno
    from com.sun.star.beans import NamedValue, PropertyValue

    def prop(name, value):
        item = PropertyValue()
        item.Name, item.Value = name, value
        return item

    def named(name, value):
        item = NamedValue()
        item.Name, item.Value = name, value
        return item

    pipe = f"fzfixtures{os.getpid()}"
    office = subprocess.Popen(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
                               "--norestore", f"--accept=pipe,name={pipe};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(150):
            try:
                remote = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.2)
        else:
            raise RuntimeError("LibreOffice did not start")
        desktop = remote.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
        doc = desktop.loadComponentFromURL(source.as_uri(), "_blank", 0, (prop("Hidden", True),))
        target = lambda ext: (outdir / f"{source.stem}.{ext}").as_uri()  # noqa: E731
        # ODF: the package password. OOXML: agile/standard encryption, an OLE file holding EncryptedPackage.
        doc.storeToURL(target("odt"), (prop("FilterName", "writer8"), prop("Password", "pw")))
        data = uno.Any("[]com.sun.star.beans.NamedValue", (named("OOXPassword", "pw"), named("CryptoType", "Standard")))
        uno.invoke(doc, "storeToURL", (target("docx"), (prop("FilterName", "MS Word 2007 XML"), prop("EncryptionData", data))))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()


def main() -> None:
    if not shutil.which("soffice"):
        sys.exit("soffice (LibreOffice) is needed")
    for old in HERE.iterdir():
        if old.suffix[1:] in FORMATS or old.suffix == ".gif":
            old.unlink()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        sources, profile = scratch / "src", scratch / "profile"
        sources.mkdir()
        made: dict[str, list[Path]] = {fmt: [] for fmt in FORMATS}
        kinds = ("textbox", "table", "paragraph", "textbox", "table")
        for index, seed in enumerate(SEEDS):
            code = seed.name[:3]
            for layout, markup in (("plain", plain(seed)), ("numbered", numbered(seed)),
                                   ("gongwen", gongwen(seed, kinds[index % len(kinds)]))):
                path = sources / f"{code}-{layout}.fodt"
                path.write_text(markup, encoding="utf-8")
                for fmt in FORMATS:
                    made[fmt].append(path)
        quirk_seed = next(seed for seed in SEEDS if seed.name.startswith("003"))
        for name, markup, formats in (("003-textbox", textbox_in_title(quirk_seed), ("docx",)),
                                      ("003-layouttable", layout_table(quirk_seed), ("docx",)),
                                      ("003-deletion", tracked_deletion(quirk_seed), ("docx", "odt"))):
            path = sources / f"{name}.fodt"
            path.write_text(markup, encoding="utf-8")
            for fmt in formats:
                made[fmt].append(path)
        pages = sources / "pages.fodt"
        pages.write_text(two_pages(), encoding="utf-8")
        made["pdf"].append(pages)
        for fmt, paths in made.items():
            convert(paths, fmt, HERE, profile)
        mark_paragraph_deleted(HERE / "003-deletion.docx")
        encrypted = sources / "003-encrypted.fodt"
        encrypted.write_text(numbered(quirk_seed), encoding="utf-8")
        try:
            encrypt(encrypted, HERE, profile)
        except ImportError:
            print("python3-uno missing: encrypted fixtures not regenerated", file=sys.stderr)
    total = sum(f.stat().st_size for f in HERE.iterdir() if f.suffix[1:] in FORMATS)
    print(f"{sum(1 for f in HERE.iterdir() if f.suffix[1:] in FORMATS)} files, {total // 1024} KB in {HERE}")


if __name__ == "__main__":
    main()
