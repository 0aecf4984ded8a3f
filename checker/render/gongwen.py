"""A new Word document laid out as a 公文 (GB/T 9704-2012): A4 with the standard margins, a 小标宋 title
centred at 二号, body in 仿宋 at 三号 with a two-character first-line indent and a fixed 28-point line,
level-one headings in 黑体 and level-two in 楷体. Each font names the one Windows and WPS install first and
a fallback that exists elsewhere, written for East Asian text (w:eastAsia), where Word looks."""
from __future__ import annotations

from datetime import date

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312"}
FALLBACKS = {"方正小标宋简体": "华文中宋", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "黑体": "黑体"}


def new_document():
    """An empty python-docx Document with the 公文 page and the body style set."""
    from docx import Document
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    _font(normal.font, normal.element, BODY_FONT, Pt(16))
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)
    return document


def add_title(document, text: str):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(28)
    run = paragraph.add_run(text)
    _font(run.font, run._element, TITLE_FONT, Pt(22))
    return paragraph


def add_heading(document, text: str, level: int):
    """A numbered heading as written (“一、……”, “（一）……”) in the level's typeface, not a Word heading style."""
    from docx.shared import Pt

    paragraph = body(document, "")
    run = paragraph.add_run(text)
    _font(run.font, run._element, HEADING_FONTS.get(level, BODY_FONT), Pt(16))
    return paragraph


def body(document, text: str, indent: bool = True):
    from docx.shared import Pt

    paragraph = document.add_paragraph(text)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)
    return paragraph


def add_signature(document, issuer: str, when: date | None = None):
    """The 发文机关署名 and 成文日期 (Arabic numerals, no padding) right-aligned, four characters in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    when = when or date.today()
    for text in (issuer, f"{when.year}年{when.month}月{when.day}日"):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(64)


def _font(font, element, name: str, size) -> None:
    from docx.oxml.ns import qn

    font.name, font.size = FALLBACKS.get(name, name), size
    properties = element.get_or_add_rPr() if hasattr(element, "get_or_add_rPr") else element.rPr
    fonts = properties.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)      # Word and WPS use this for Chinese; the fallback serves the rest
