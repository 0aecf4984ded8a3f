"""Word .docx → text, one line per paragraph (so evidence line N is paragraph N).

Read with the standard library: only word/document.xml (so headers, footers, comments and footnotes stay
out), with styles.xml and numbering.xml for outline evidence. Word's automatic numbering is not in the
paragraph text, so its label ("一、", "（一）") is generated and put in front, as the reader sees it in
Word; heading styles and outline levels without a number become heading hints for the outline parser.
Each part is read through a size cap, so a zip bomb is refused without being inflated.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from ..errors import InputError
from .limits import Limits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN = "零一二三四五六七八九"


@dataclass
class DocxText:
    lines: list[str] = field(default_factory=list)
    heading_hints: dict[int, int] = field(default_factory=dict)   # 1-based line → outline level (1 = top)


def read_docx(data: bytes, name: str, limits: Limits) -> DocxText:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise InputError("文件已损坏：不是有效的 .docx（zip）文件", name) from None
    with archive:
        if "word/document.xml" not in archive.namelist():
            raise InputError("这是 zip 压缩文件，不是 Word(.docx)文档", name)
        document = _parse(archive, "word/document.xml", name, limits)
        styles = _Styles(_parse(archive, "word/styles.xml", name, limits, optional=True))
        numbering = _Numbering(_parse(archive, "word/numbering.xml", name, limits, optional=True))
    body = document.find(f"{W}body")
    result = DocxText()
    for block in body if body is not None else []:
        if block.tag == f"{W}p":
            _add_paragraph(block, styles, numbering, result)
        elif block.tag == f"{W}tbl":
            for row in block.iter(f"{W}tr"):
                cells = [" ".join(_text(p) for p in cell.iter(f"{W}p")).strip() for cell in row.iter(f"{W}tc")]
                result.lines.append("  ".join(c for c in cells if c))
    return result


def _parse(archive: zipfile.ZipFile, part: str, name: str, limits: Limits, optional: bool = False):
    try:
        info = archive.getinfo(part)
    except KeyError:
        if optional:
            return None
        raise InputError(f"Word 文档缺少 {part}", name) from None
    if info.file_size > limits.max_inflated:
        raise InputError(f"Word 文档解压后过大（{info.file_size // 1048576} MB，上限 {limits.max_inflated // 1048576} MB），可能是压缩炸弹", name)
    try:
        with archive.open(info) as stream:
            xml = stream.read(limits.max_inflated + 1)
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError) as exc:
        raise InputError(f"文件已损坏：无法解压 {part}（{exc}）", name) from None
    if len(xml) > limits.max_inflated:
        raise InputError("Word 文档解压后过大，可能是压缩炸弹", name)
    if b"<!DOCTYPE" in xml[:2048] or b"<!ENTITY" in xml[:4096]:
        raise InputError("Word 文档含有不允许的 XML 实体定义", name)
    try:
        return ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise InputError(f"文件已损坏：{part} 不是有效的 XML（{exc}）", name) from None


def _add_paragraph(paragraph, styles: "_Styles", numbering: "_Numbering", result: DocxText) -> None:
    props = paragraph.find(f"{W}pPr")
    style_id = _val(props, "pStyle")
    num_id, level = None, None
    num = props.find(f"{W}numPr") if props is not None else None
    if num is not None:
        num_id, level = _val(num, "numId"), int(_val(num, "ilvl") or 0)
    elif style_id:
        num_id, level = styles.numbering(style_id)
    label = numbering.next_label(num_id, level) if num_id else ""
    text = _text(paragraph)
    if not text.strip() and not label:
        return
    result.lines.append(label + text)
    outline = _val(props, "outlineLvl")
    outline_level = int(outline) + 1 if outline and outline.isdigit() else styles.outline_level(style_id)
    if outline_level and outline_level <= 4:
        result.heading_hints[len(result.lines)] = outline_level


def _text(paragraph) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            parts.append(" ")
    # deleted revisions (w:delText) are not w:t, so they stay out; one paragraph stays one line
    return "".join(parts).replace("\n", " ")


def _val(element, child: str) -> str | None:
    if element is None:
        return None
    found = element.find(f"{W}{child}")
    return found.get(f"{W}val") if found is not None else None


class _Styles:
    """Paragraph styles: their outline level (Heading 1 → 1) and their inherited numbering."""

    def __init__(self, root):
        self.styles = {}
        for style in root.iter(f"{W}style") if root is not None else []:
            self.styles[style.get(f"{W}styleId")] = style

    def _chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = _val(style, "basedOn")

    def outline_level(self, style_id: str | None) -> int | None:
        for style in self._chain(style_id):
            level = _val(style.find(f"{W}pPr"), "outlineLvl")
            if level and level.isdigit():
                return int(level) + 1
            name = (_val(style, "name") or "").lower()
            match = re.fullmatch(r"(?:heading|标题)\s*(\d)", name)
            if match:
                return int(match.group(1))
        return None

    def numbering(self, style_id: str) -> tuple[str | None, int | None]:
        for style in self._chain(style_id):
            num = style.find(f"{W}pPr/{W}numPr")
            if num is not None and _val(num, "numId"):
                return _val(num, "numId"), int(_val(num, "ilvl") or 0)
        return None, None


class _Numbering:
    """Generates Word's automatic list labels: counters per list, deeper levels reset by shallower ones."""

    def __init__(self, root):
        self.abstract, self.nums, self.counters = {}, {}, {}
        for abstract in root.iter(f"{W}abstractNum") if root is not None else []:
            levels = {}
            for lvl in abstract.iter(f"{W}lvl"):
                levels[int(lvl.get(f"{W}ilvl", 0))] = (
                    _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "", int(_val(lvl, "start") or 1))
            self.abstract[abstract.get(f"{W}abstractNumId")] = levels
        for num in root.iter(f"{W}num") if root is not None else []:
            self.nums[num.get(f"{W}numId")] = _val(num, "abstractNumId")

    def next_label(self, num_id: str, level: int) -> str:
        abstract_id = self.nums.get(num_id)
        levels = self.abstract.get(abstract_id)
        if not levels or level not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        counters[level] = counters.get(level, levels[level][2] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        fmt, template, _ = levels[level]
        if fmt in ("bullet", "none"):
            return ""

        def label(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            value = counters.get(index, levels.get(index, ("decimal", "", 1))[2])
            return _format(value, levels.get(index, (fmt,))[0])

        return re.sub(r"%(\d)", label, template)


def _format(value: int, fmt: str) -> str:
    if fmt.startswith(("chinese", "ideograph", "japaneseCounting", "taiwaneseCounting")):
        return _chinese(value)
    if fmt == "decimalEnclosedCircle" and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    return str(value)


def _chinese(value: int) -> str:
    if value < 10:
        return _CN[value]
    tens, units = divmod(value, 10)
    return (_CN[tens] if tens > 1 else "") + "十" + (_CN[units] if units else "")
