"""Word .docx → text, one line per paragraph (so evidence line N is paragraph N).

Read with the standard library: only word/document.xml (so headers, footers, comments and footnotes stay
out), with styles.xml and numbering.xml for outline evidence. Word's automatic numbering is not in the
paragraph text, so its label ("一、", "（一）") is generated and put in front, as the reader sees it in
Word; heading styles and outline levels without a number become heading hints for the outline parser.
Text boxes (a letterhead) are lines of their own, read once; a one-column layout table is read paragraph
by paragraph like the body; tracked deletions are gone, and a deleted paragraph takes no number.
Each part is read through a size cap, so a zip bomb is refused without being inflated.

Each line also records where its text came from (`DocxText.sources`): the paragraphs (by their index among
all w:p elements of word/document.xml, in document order) and which characters of each, so a review can
put a comment or a tracked change on the paragraph a finding points at.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from ..errors import InputError
from . import numerals
from .limits import Limits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Containers whose text is not the paragraph's own: text boxes are read as lines of their own, a
# compatibility fallback repeats its choice (a text box's VML twin), deleted and moved-away text is gone.
_SKIP = {f"{W}txbxContent", f"{MC}Fallback", f"{W}del", f"{W}moveFrom", f"{W}delText", f"{W}instrText",
         f"{W}footnoteReference", f"{W}endnoteReference", f"{W}commentReference", f"{W}pPr", f"{W}rPr"}
_MAX_DEPTH = 64   # tables in tables in text boxes…: deeper than this is not a report


@dataclass(frozen=True)
class Segment:
    """Characters [start, start + length) of a line are the characters [offset, offset + length) of
    paragraph number `paragraph` (its text as `paragraph_text` reads it)."""

    paragraph: int      # index among all w:p of word/document.xml, in document order
    start: int
    length: int
    offset: int = 0


@dataclass
class DocxText:
    lines: list[str] = field(default_factory=list)
    heading_hints: dict[int, int] = field(default_factory=dict)   # 1-based line → outline level (1 = top)
    sources: list[tuple[Segment, ...]] = field(default_factory=list)   # one entry per line, same order

    def add(self, line: str, segments) -> None:
        self.lines.append(line)
        self.sources.append(tuple(segments))


def open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise InputError("文件已损坏：不是有效的 .docx（zip）文件", name) from None


def read_docx(archive: zipfile.ZipFile, name: str, limits: Limits) -> DocxText:
    if "word/document.xml" not in archive.namelist():
        raise InputError("这是 zip 压缩文件，不是 Word(.docx)文档", name)
    document = parse_part(archive, "word/document.xml", name, limits)
    styles = _Styles(parse_part(archive, "word/styles.xml", name, limits, optional=True))
    numbering = _Numbering(parse_part(archive, "word/numbering.xml", name, limits, optional=True))
    reader = _Reader(styles, numbering, {p: i for i, p in enumerate(document.iter(f"{W}p"))})
    body = document.find(f"{W}body")
    if body is not None:
        reader.blocks(body, 0)
    reader.flush()
    return reader.result


def parse_part(archive: zipfile.ZipFile, part: str, name: str, limits: Limits, optional: bool = False,
               kind: str = "Word 文档"):
    try:
        info = archive.getinfo(part)
    except KeyError:
        if optional:
            return None
        raise InputError(f"{kind}缺少 {part}", name) from None
    if info.file_size > limits.max_inflated:
        raise InputError(f"{kind}解压后过大（{info.file_size // 1048576} MB，上限 {limits.max_inflated // 1048576} MB），可能是压缩炸弹", name)
    try:
        with archive.open(info) as stream:
            xml = stream.read(limits.max_inflated + 1)
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise InputError(f"文件已损坏：无法解压 {part}（{exc}）", name) from None
    if len(xml) > limits.max_inflated:
        raise InputError(f"{kind}解压后过大，可能是压缩炸弹", name)
    if b"<!DOCTYPE" in xml[:2048] or b"<!ENTITY" in xml[:4096]:
        raise InputError(f"{kind}含有不允许的 XML 实体定义", name)
    try:
        return ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise InputError(f"文件已损坏：{part} 不是有效的 XML（{exc}）", name) from None


class _Reader:
    """Walks the body's blocks in reading order: paragraphs, tables, content controls, text boxes."""

    def __init__(self, styles: "_Styles", numbering: "_Numbering", index: dict | None = None):
        self.styles, self.numbering, self.result = styles, numbering, DocxText()
        self.index = index or {}   # w:p element → its paragraph number
        self.carried = ""   # text of paragraphs whose mark was deleted: it runs on into the next paragraph
        self.carried_from: list[tuple[int, int]] = []   # (paragraph, length) of each piece of `carried`

    def blocks(self, container, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        for block in container:
            if block.tag == f"{W}p":
                self.paragraph(block, depth)
            elif block.tag == f"{W}tbl":
                self.table(block, depth)
            elif block.tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent", f"{W}ins", f"{W}smartTag"):
                self.blocks(block, depth + 1)

    def table(self, table, depth: int) -> None:
        rows = [[cell for cell in row if cell.tag == f"{W}tc" or cell.tag == f"{W}sdt"]
                for row in table if row.tag == f"{W}tr"]
        if all(len(cells) <= 1 for cells in rows):
            # a layout table (one column: a letterhead, a framed report): its paragraphs are the report's
            for cells in rows:
                for cell in cells:
                    self.blocks(cell, depth + 1)
            return
        self.flush()
        for cells in rows:
            line, segments = "", []
            for cell in cells:
                cell_text = ""
                for p in cell.iter(f"{W}p"):
                    whole = self.text(p)[0]
                    text = whole.strip()
                    if not text:
                        continue
                    if cell_text:
                        cell_text += " "
                    start = len(line) + (2 if line else 0) + len(cell_text)
                    segments.append(Segment(self.index.get(p, -1), start, len(text), len(whole) - len(whole.lstrip())))
                    cell_text += text
                if cell_text:
                    line += ("  " if line else "") + cell_text
            if line:
                self.result.add(line, segments)

    def paragraph(self, paragraph, depth: int) -> None:
        props = paragraph.find(f"{W}pPr")
        own, boxes = self.text(paragraph)
        for box in boxes:   # text boxes anchored here: a letterhead, a framed note; read once, as lines
            self.blocks(box, depth + 1)
        mark_deleted = props is not None and props.find(f"{W}rPr/{W}del") is not None
        if mark_deleted:
            # a deleted paragraph (tracked): it takes no number; what is left of it joins the next one
            self.carried += own
            self.carried_from.append((self.index.get(paragraph, -1), len(own)))
            return
        if not own.strip() and not self.carried.strip() and paragraph.find(f".//{W}delText") is not None:
            return   # every character deleted with track changes: the paragraph is gone, and its number
        style_id = _val(props, "pStyle")
        num_id: str | None = None
        level = 0
        num = props.find(f"{W}numPr") if props is not None else None
        if num is not None and _val(num, "numId") is not None:
            num_id, level = _val(num, "numId"), int(_val(num, "ilvl") or 0)
        elif num is not None and _val(num, "ilvl") is not None and style_id:
            num_id, level = self.styles.numbering(style_id)[0], int(_val(num, "ilvl") or 0)
        elif style_id:
            num_id, level = self.styles.numbering(style_id)
        label = self.numbering.next_label(num_id, level) if num_id and num_id != "0" else ""
        text = self.carried + own
        segments = self._carried_segments(len(label))
        segments.append(Segment(self.index.get(paragraph, -1), len(label) + len(self.carried), len(own)))
        self.carried, self.carried_from = "", []
        if not text.strip() and not label:
            return
        self.result.add(label + text, segments)
        outline = _val(props, "outlineLvl")
        outline_level = int(outline) + 1 if outline and outline.isdigit() else self.styles.outline_level(style_id)
        if outline_level and outline_level <= 4:
            self.result.heading_hints[len(self.result.lines)] = outline_level

    def flush(self) -> None:
        if self.carried.strip():
            self.result.add(self.carried, self._carried_segments(0))
        self.carried, self.carried_from = "", []

    def _carried_segments(self, start: int) -> list[Segment]:
        segments = []
        for paragraph, length in self.carried_from:
            if length:
                segments.append(Segment(paragraph, start, length))
            start += length
        return segments

    @staticmethod
    def text(paragraph) -> tuple[str, list]:
        """The paragraph's own text, and the text boxes anchored in it."""
        parts, boxes = [], []
        stack = list(reversed(list(paragraph)))
        while stack:
            node = stack.pop()
            tag = node.tag
            if tag == f"{W}t":
                parts.append(node.text or "")
            elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
                parts.append(" ")
            elif tag == f"{W}txbxContent":
                boxes.append(node)
            elif tag == f"{MC}AlternateContent":
                choice = node.find(f"{MC}Choice")
                fallback = node.find(f"{MC}Fallback")
                # the choice and its fallback say the same thing: read one, the fallback only if alone
                chosen = choice if choice is not None and len(choice) else fallback
                if chosen is not None:
                    stack.extend(reversed(list(chosen)))
            elif tag not in _SKIP and len(node):
                stack.extend(reversed(list(node)))
        # one paragraph stays one line
        return "".join(parts).replace("\n", " "), boxes


def paragraph_text(paragraph) -> str:
    """A w:p element's own text as the reader reads it (the offsets of a Segment count in this)."""
    return _Reader.text(paragraph)[0]


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

    def numbering(self, style_id: str) -> tuple[str | None, int]:
        """The w:numId and level the style (or one it is based on) numbers its paragraphs with; (None, 0)
        when it numbers none."""
        for style in self._chain(style_id):
            num = style.find(f"{W}pPr/{W}numPr")
            if num is not None and _val(num, "numId"):
                return _val(num, "numId"), int(_val(num, "ilvl") or 0)
        return None, 0


class _Numbering:
    """Generates Word's automatic list labels. Counters belong to the abstract list, so every w:num of it
    continues the count; a w:num with a w:lvlOverride/w:startOverride restarts its level the first time it
    is used (Word's "restart at 1"), and a w:lvlOverride may redefine a level. Deeper levels restart when a
    shallower one counts on."""

    def __init__(self, root):
        self.abstract, self.nums, self.overrides, self.counters, self.started = {}, {}, {}, {}, set()
        for abstract in root.iter(f"{W}abstractNum") if root is not None else []:
            self.abstract[abstract.get(f"{W}abstractNumId")] = {
                int(lvl.get(f"{W}ilvl", 0)): _level(lvl) for lvl in abstract.iter(f"{W}lvl")}
        for num in root.iter(f"{W}num") if root is not None else []:
            num_id = num.get(f"{W}numId")
            self.nums[num_id] = _val(num, "abstractNumId")
            overrides = {}
            for override in num.iter(f"{W}lvlOverride"):
                level = int(override.get(f"{W}ilvl", 0))
                lvl, start = override.find(f"{W}lvl"), _val(override, "startOverride")
                defined = _level(lvl) if lvl is not None else None
                overrides[level] = (defined, int(start) if start and start.lstrip("-").isdigit() else None)
            self.overrides[num_id] = overrides

    def _levels(self, num_id: str) -> dict:
        levels = dict(self.abstract.get(self.nums.get(num_id), {}))
        for level, (defined, _) in self.overrides.get(num_id, {}).items():
            if defined is not None:
                levels[level] = defined
        return levels

    def next_label(self, num_id: str, level: int) -> str:
        abstract_id = self.nums.get(num_id)
        levels = self._levels(num_id)
        if abstract_id is None or not levels or level not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for overridden, (defined, start) in self.overrides.get(num_id, {}).items():
                if start is not None or defined is not None:
                    counters[overridden] = (start if start is not None else levels[overridden][2]) - 1
                    for deeper in [k for k in counters if k > overridden]:
                        del counters[deeper]
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


def _level(lvl) -> tuple[str, str, int]:
    start = _val(lvl, "start") or "1"
    return (_val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "",
            int(start) if start.lstrip("-").isdigit() else 1)


def _format(value: int, fmt: str) -> str:
    if fmt.startswith(("chinese", "ideograph", "japaneseCounting", "taiwaneseCounting")):
        return numerals.chinese(value)
    if fmt == "decimalEnclosedCircle":
        return numerals.circled(value)
    if fmt in ("lowerLetter", "upperLetter"):
        return numerals.letter(value).upper() if fmt == "upperLetter" else numerals.letter(value)
    if fmt in ("lowerRoman", "upperRoman"):
        return numerals.roman(value).lower() if fmt == "lowerRoman" else numerals.roman(value)
    return str(value)
