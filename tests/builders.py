"""Fixtures built in the test run: a minimal rule, and .docx, .pdf and saved-web-page versions of a
report's plain text."""
from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

MINIMAL_RULE = """\
  - id: has-title
    name: 标题
    kind: phrase
    severity: warning
    weight: 5
    scope: title
    patterns: ['报告']
    message: 没有标题
    suggestion: 加标题
    source: 条例
"""

# Two rules that refer to each other (scope → not_within): a reference cycle.
CYCLE_RULES = """\
rules:
  - id: causes
    name: 原因分析
    kind: phrase
    severity: warning
    weight: 5
    scope: weak-points
    patterns: ['原因']
    message: 没有分析原因
    suggestion: 写明原因
    source: 条例
  - id: weak-points
    name: 存在的不足
    kind: section
    severity: error
    weight: 10
    headings: [存在的不足]
    not_within: [causes]
    message: 缺少存在的不足
    suggestion: 单列存在的不足
    source: 条例
"""

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LEVEL_1 = re.compile(r"^([一二三四五六七八九十]{1,3})、(.*)$")
_LEVEL_2 = re.compile(r"^[(（]([一二三四五六七八九十]{1,3})[)）](.*)$")

_NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
  <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
  <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
</w:styles>"""
_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _paragraph(line: str) -> str:
    """A numbered heading loses its number to Word's automatic numbering, as when drafted in Word."""
    for pattern, level in ((_LEVEL_1, 0), (_LEVEL_2, 1)):
        match = pattern.match(line)
        if match:
            numbering = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            return f"<w:p>{numbering}{_run(match.group(2))}</w:p>"
    return f"<w:p>{_run(line)}</w:p>"


def docx_bytes(text: str, extra_body: str = "", headers: bool = True) -> bytes:
    paragraphs = "".join(_paragraph(line) for line in text.splitlines() if line.strip())
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}">'
                f"<w:body>{paragraphs}{extra_body}</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/numbering.xml", _NUMBERING)
        archive.writestr("word/styles.xml", _STYLES)
        if headers:
            header = f'<w:hdr xmlns:w="{W_NS}"><w:p>{_run("内部资料 注意保存")}</w:p></w:hdr>'
            archive.writestr("word/header1.xml", header)
            comments = f'<w:comments xmlns:w="{W_NS}"><w:comment w:id="0"><w:p>{_run("批注：请补充数据XX次")}</w:p></w:comment></w:comments>'
            archive.writestr("word/comments.xml", comments)
    return buffer.getvalue()


def _wrap(paragraph: str, room: float, measure) -> list[str]:
    """Break a paragraph where the next character would pass the right margin, as a word processor does."""
    lines, current = [], ""
    for ch in paragraph:
        if current and measure(current + ch, "STSong-Light", 12) > room:
            lines.append(current)
            current = ""
        current += ch
    return lines + [current] if current else lines


def pdf_bytes(text: str) -> bytes:
    """A4 pages in a CJK CID font, paragraphs wrapped at the margin, a running header and page numbers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    page, y = 1, height - 80

    def decorate():
        pdf.setFont("STSong-Light", 9)
        pdf.drawString(60, height - 40, "某某市人民政府办公室文件")
        pdf.drawString(width / 2 - 10, 30, f"- {page} -")
        pdf.setFont("STSong-Light", 12)

    decorate()
    for paragraph in text.splitlines():
        for line in _wrap(paragraph.strip(), width - 120, pdfmetrics.stringWidth):
            if y < 60:
                pdf.showPage()
                page, y = page + 1, height - 80
                decorate()
            pdf.drawString(60, y, line)
            y -= 18
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def web_page(text: str, published: str = "2025-03-05") -> str:
    """A report page as saved from a government site: navigation, breadcrumbs, share widget, footer."""
    lines = [line for line in text.splitlines() if line.strip()]
    title, body = (lines[0], lines[1:]) if lines and "报告" in lines[0] and len(lines[0]) < 60 else ("", lines)
    paragraphs = "\n".join(f"<p>{escape(line)}</p>" for line in body)
    links = "".join(f'<li><a href="/l{i}.html">栏目链接{i}：政务公开信息</a></li>' for i in range(30))
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某某市人民政府门户网站</title>
<script>var tracker = "首页 统计代码";</script><style>body {{ font-size: 14px }}</style></head>
<body>
<div class="header"><div class="logo">某某市人民政府</div><div class="search">搜索</div></div>
<div class="nav"><ul>{links}</ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设</div>
<div class="article">
  {f'<h1 class="title">{escape(title)}</h1>' if title else ''}
  <div class="info">发布时间：{published}　来源：市司法局　浏览次数：123</div>
  <div class="TRS_Editor">{paragraphs}</div>
  <div class="bdshare">分享到：微信 微博</div>
</div>
<div class="related"><ul>{links}</ul></div>
<div class="footer">版权所有：某某市人民政府　网站标识码 1234　ICP备12345号　扫一扫在手机上查看当前页面</div>
</body></html>"""
