"""A report that did not come as .docx (text, Markdown, PDF, web page, .odt), laid out as a 公文 after
GB/T 9704-2012: A4, margins 37 / 35 / 28 / 26 mm, title in 小标宋 二号 centred, body in 仿宋 三号 (16 pt)
with a two-character first-line indent on a fixed line pitch (22 lines a page), level-1 headings in 黑体,
level-2 in 楷体, signature and date on the right, page numbers “— N —” in the footer.

The fonts GB/T 9704 names are rarely installed everywhere, so each is written with the east-Asian font
attributes and a fallback in the font table (w:altName) that Windows, WPS and Linux have:
方正小标宋简体 → 华文中宋 (then 宋体), 仿宋_GB2312 → 仿宋 (FangSong), 楷体_GB2312 → 楷体 (KaiTi), 黑体 (SimHei).
One paragraph is written per non-blank line of the document, its text exactly the line's, so evidence
(line and offset) maps onto it like onto a Word original.
"""
from __future__ import annotations

from docx import Document as new_document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..audit import Audit
from ..document.docx import Segment
from .ooxml import W_P, xml_safe

TITLE_FONT, BODY_FONT, HEADING_1_FONT, HEADING_2_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"
# Font table entries: the name a paragraph asks for, the font Word/WPS substitute when it is missing, and
# the Windows-style family; the fallbacks get entries of their own so they resolve by name as well.
FALLBACKS = {
    "方正小标宋简体": ("华文中宋", "roman"), "华文中宋": ("宋体", "roman"), "宋体": ("SimSun", "auto"),
    "仿宋_GB2312": ("仿宋", "modern"), "仿宋": ("FangSong", "modern"),
    "楷体_GB2312": ("楷体", "modern"), "楷体": ("KaiTi", "modern"),
    "黑体": ("SimHei", "modern"),
}
BODY_SIZE, TITLE_SIZE = Pt(16), Pt(22)          # 三号, 二号
LINE_PITCH = Pt(28.95)                           # 22 lines in the 225 mm type area
INDENT = Pt(32)                                  # two characters of 三号


def blank():
    """An empty python-docx Document set up as a 公文: the page, the styles (Normal body, 公文标题,
    Heading 1 and 2, 表格文字 for table cells), the font fallbacks and the page-number footer. The 通报
    draft writes on it too."""
    document = new_document()
    _page(document)
    _styles(document)
    _font_table(document)
    for paragraph in list(document.element.body.iter(W_P)):       # the template's empty paragraph, if any
        paragraph.getparent().remove(paragraph)
    _footer(document)
    return document


def build(audit: Audit):
    """A new python-docx Document holding the report's text as a 公文, and the source of each line (the
    paragraph it became), as the .docx reader records them."""
    doc, outline = audit.document, audit.outline
    document = blank()
    body = document.element.body
    heading_at = {doc.line_of(h.start): h for h in outline.headings if not h.inline}
    title_lines = _lines(doc, outline.title)
    closing_lines = _lines(doc, outline.signature) | _lines(doc, outline.date.span if outline.date else None)
    addressee = _lines(doc, outline.addressee)
    created: list[tuple[int, object]] = []
    for number, line in enumerate(doc.raw.split("\n"), start=1):
        if not line.strip():
            continue
        text = xml_safe(line)
        if len(text) != len(line):          # a control character: keep offsets by a visible stand-in
            text = "".join(ch if xml_safe(ch) else "\ufffd" for ch in line)
        if number in title_lines:
            paragraph = document.add_paragraph(style="公文标题")
            paragraph.add_run(text)
        elif number in heading_at and heading_at[number].level <= 2:
            heading = heading_at[number]
            paragraph = document.add_paragraph(style=f"Heading {heading.level}")
            head_end = heading.title_end - doc.line_starts[number - 1]
            own = text[:head_end]
            paragraph.add_run(own)
            if head_end < len(text):        # the heading's own sentence runs on in body type
                run = paragraph.add_run(text[head_end:])
                _fonts(run._r.get_or_add_rPr(), BODY_FONT)
        else:
            paragraph = document.add_paragraph(text)
            if number in closing_lines:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                paragraph.paragraph_format.first_line_indent = 0
                paragraph.paragraph_format.right_indent = INDENT if outline.date and number in _lines(
                    doc, outline.date.span) else 0
            elif number in addressee:
                paragraph.paragraph_format.first_line_indent = 0
        created.append((number, paragraph._p))
    index = {p: i for i, p in enumerate(body.iter(W_P))}
    sources: list[tuple[Segment, ...]] = [()] * doc.line_count
    lines = doc.raw.split("\n")
    for number, p in created:
        sources[number - 1] = (Segment(index[p], 0, len(lines[number - 1])),)
    return document, sources


def _lines(doc, span) -> set[int]:
    if span is None:
        return set()
    return set(range(doc.line_of(span.start), doc.line_of(max(span.start, span.end - 1)) + 1))


def _page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(28)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), "579")


def _fonts(rpr, name: str) -> None:
    """All four font slots set to `name` (themes removed), the east-Asian one deciding shared punctuation."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)
    fonts.set(qn("w:hint"), "eastAsia")


def _style(style, font: str, size, indent=INDENT, align=WD_ALIGN_PARAGRAPH.JUSTIFY, pitch=LINE_PITCH) -> None:
    style.font.size = size
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    _fonts(rpr, font)
    for theme_color in rpr.findall(qn("w:color")):
        for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
            theme_color.attrib.pop(qn(attribute), None)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    fmt = style.paragraph_format
    fmt.first_line_indent = indent
    fmt.alignment = align
    fmt.space_before = fmt.space_after = 0
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = pitch


def _styles(document) -> None:
    styles = document.styles
    _style(styles["Normal"], BODY_FONT, BODY_SIZE)
    from docx.enum.style import WD_STYLE_TYPE

    title = styles.add_style("公文标题", WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = styles["Normal"]
    _style(title, TITLE_FONT, TITLE_SIZE, indent=0, align=WD_ALIGN_PARAGRAPH.CENTER, pitch=Pt(35))
    cell = styles.add_style("表格文字", WD_STYLE_TYPE.PARAGRAPH)     # 四号, centred, no indent: a name fits a line
    cell.base_style = styles["Normal"]
    _style(cell, BODY_FONT, Pt(14), indent=0, align=WD_ALIGN_PARAGRAPH.CENTER, pitch=Pt(22))
    for level, font in ((1, HEADING_1_FONT), (2, HEADING_2_FONT)):
        heading = styles[f"Heading {level}"]
        _style(heading, font, BODY_SIZE)
        heading.paragraph_format.keep_with_next = True


def _font_table(document) -> None:
    """Fallbacks for the fonts GB/T 9704 names, in word/fontTable.xml (w:altName)."""
    part = next((p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml"), None)
    if part is None:
        return
    from lxml import etree

    root = etree.fromstring(part.blob)
    for name, (alternative, family) in FALLBACKS.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alternative)
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")     # GB2312
        etree.SubElement(font, qn("w:family")).set(qn("w:val"), family)
        etree.SubElement(font, qn("w:pitch")).set(qn("w:val"), "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _footer(document) -> None:
    """Page numbers “— N —” (四号 宋体) centred in the footer."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = 0
    for text in ("— ", None, " —"):
        if text is None:
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), "PAGE")
            run = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = "1"
            run.append(t)
            field.append(run)
            paragraph._p.append(field)
        else:
            run = paragraph.add_run(text)
            run.font.size = Pt(14)
            _fonts(run._r.get_or_add_rPr(), "宋体")
