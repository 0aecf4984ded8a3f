"""OpenDocument text (.odt, what LibreOffice and WPS save) → text, one line per paragraph, as for .docx.

Read with the standard library: content.xml for the text (so headers and footers, which live in
styles.xml, stay out; annotations, notes, tracked deletions and indexes are skipped) and the list and
outline styles of content.xml and styles.xml. A list's numbers are not in the text: they are generated
from its list style ("一、", "（一）", "1."), and the outline numbering of headings likewise. Headings
become heading hints for the outline parser; a one-column layout table is read paragraph by paragraph,
other tables one line per row. Every part goes through the .docx reader's size caps.
"""
from __future__ import annotations

import re
import zipfile

from ..errors import InputError
from . import numerals
from .docx import DocxText, parse_part
from .limits import Limits

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
MIMETYPES = ("application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template",
             "application/vnd.oasis.opendocument.text-master")
KIND = "ODT 文档"
_MAX_DEPTH = 64
# Inline content that is not the paragraph's text: notes, comments, ruby glosses, change markers' bodies.
_SKIP_INLINE = {f"{TEXT}note", f"{OFFICE}annotation", f"{OFFICE}annotation-end", f"{TEXT}ruby-text",
                f"{TEXT}tracked-changes", f"{TEXT}bookmark-ref"}
# Blocks that are not the report's text: tracked deletions, generated indexes, forms, declarations.
_SKIP_BLOCK = {f"{TEXT}tracked-changes", f"{TEXT}table-of-content", f"{TEXT}illustration-index",
               f"{TEXT}table-index", f"{TEXT}object-index", f"{TEXT}user-index", f"{TEXT}alphabetical-index",
               f"{TEXT}bibliography", f"{OFFICE}forms", f"{TEXT}sequence-decls", f"{TEXT}variable-decls",
               f"{TEXT}user-field-decls", f"{OFFICE}annotation"}


def read_odt(archive: zipfile.ZipFile, name: str, limits: Limits) -> DocxText:
    names = set(archive.namelist())
    if "mimetype" in names:
        try:
            with archive.open("mimetype") as stream:
                mimetype = stream.read(200).decode("ascii", "replace").strip()
        except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError):
            raise InputError("文件已损坏：无法读取 .odt 的 mimetype", name) from None
        if mimetype.startswith("application/vnd.oasis.opendocument.") and mimetype not in MIMETYPES:
            raise InputError("这是 OpenDocument 表格或演示文稿，不是文字文档，请另存为 .docx 或 .odt 后再检查", name)
    manifest = parse_part(archive, "META-INF/manifest.xml", name, limits, optional=True, kind=KIND)
    if manifest is not None and any(node.tag.endswith("}encryption-data") for node in manifest.iter()):
        from .reader import PASSWORD_PROTECTED

        raise InputError(PASSWORD_PROTECTED, name)
    content = parse_part(archive, "content.xml", name, limits, kind=KIND)
    styles = parse_part(archive, "styles.xml", name, limits, optional=True, kind=KIND)
    reader = _Reader(_ListStyles(content, styles))
    text = content.find(f"{OFFICE}body/{OFFICE}text")
    if text is None:
        raise InputError("这不是文字文档（.odt 中没有正文）", name)
    reader.blocks(text, 0, None)
    return reader.result


class _ListStyles:
    """List styles by name (level → (format, prefix, suffix, start, display levels) or None for bullets)
    and the outline numbering of headings. (LibreOffice writes every numbered paragraph inside a
    text:list, so a paragraph style's own list style is not followed.)"""

    def __init__(self, *roots) -> None:
        self.lists: dict[str, dict[int, tuple | None]] = {}
        self.outline: dict[int, tuple | None] = {}
        for root in roots:
            if root is None:
                continue
            for node in root.iter():
                if node.tag == f"{TEXT}list-style":
                    self.lists[node.get(f"{STYLE}name", "")] = _levels(node)
                elif node.tag == f"{TEXT}outline-style":
                    self.outline = _levels(node)


def _levels(style) -> dict[int, tuple | None]:
    levels: dict[int, tuple | None] = {}
    for level in style:
        number = level.get(f"{TEXT}level")
        if not number or not number.isdigit():
            continue
        if level.tag in (f"{TEXT}list-level-style-number", f"{TEXT}outline-level-style"):
            start = level.get(f"{TEXT}start-value") or "1"
            display = level.get(f"{TEXT}display-levels") or "1"
            levels[int(number)] = (level.get(f"{STYLE}num-format") or "", level.get(f"{STYLE}num-prefix") or "",
                                   level.get(f"{STYLE}num-suffix") or "", int(start) if start.isdigit() else 1,
                                   int(display) if display.isdigit() else 1)
        else:
            levels[int(number)] = None   # bullets and images carry no number
    return levels


class _Counter:
    """The running numbers of one list (and of its continuations), level by level."""

    def __init__(self, style: str | None):
        self.style = style
        self.values: dict[int, int] = {}

    def step(self, level: int, levels: dict, start: int | None) -> None:
        definition = levels.get(level)
        if start is not None:
            self.values[level] = start
        else:
            self.values[level] = self.values.get(level, (definition[3] if definition else 1) - 1) + 1
        for deeper in [k for k in self.values if k > level]:
            del self.values[deeper]

    def label(self, level: int, levels: dict) -> str:
        definition = levels.get(level)
        if not definition or not definition[0]:
            return (definition[1] + definition[2]) if definition and (definition[1] or definition[2]) else ""
        fmt, prefix, suffix, _, display = definition
        shown = []
        for index in range(max(1, level - display + 1), level + 1):
            above = levels.get(index)
            value = self.values.get(index, above[3] if above else 1)
            shown.append(_format(value, above[0] if above and above[0] else fmt))
        return prefix + ".".join(shown) + suffix


class _Reader:
    def __init__(self, styles: _ListStyles):
        self.styles, self.result = styles, DocxText()
        self.by_id: dict[str, _Counter] = {}
        self.last_by_style: dict[str, _Counter] = {}
        self.outline = _Counter(None)

    def blocks(self, container, depth: int, list_context) -> None:
        if depth > _MAX_DEPTH:
            return
        for block in container:
            tag = block.tag
            if tag == f"{TEXT}p":
                self.paragraph(block, depth, None, None)
            elif tag == f"{TEXT}h":
                self.heading(block, depth)
            elif tag == f"{TEXT}list":
                self.list(block, depth, 1, None, None)
            elif tag == f"{TABLE}table":
                self.table(block, depth)
            elif tag in _SKIP_BLOCK:
                continue
            elif tag in (f"{TEXT}section", f"{TEXT}index-body", f"{TEXT}soft-page-break", f"{DRAW}frame",
                         f"{DRAW}text-box", f"{DRAW}a", f"{TEXT}change-start") or len(block):
                self.blocks(block, depth + 1, list_context)

    def list(self, element, depth: int, level: int, counter: _Counter | None, style: str | None) -> None:
        style = element.get(f"{TEXT}style-name") or style
        if counter is None:   # a list of its own, or the continuation of an earlier one
            continued = element.get(f"{TEXT}continue-list")
            if continued and continued in self.by_id:
                counter = self.by_id[continued]
            elif element.get(f"{TEXT}continue-numbering") == "true" and style in self.last_by_style:
                counter = self.last_by_style[style]
            else:
                counter = _Counter(style)
            if style:
                self.last_by_style[style] = counter
        if element.get(XML_ID):
            self.by_id[element.get(XML_ID)] = counter
        levels = self.styles.lists.get(style or "", {})
        for item in element:
            if item.tag not in (f"{TEXT}list-item", f"{TEXT}list-header"):
                continue
            numbered = item.tag == f"{TEXT}list-item"
            start = item.get(f"{TEXT}start-value")
            first = True
            for child in item:
                if child.tag == f"{TEXT}list":
                    self.list(child, depth + 1, level + 1, counter, style)
                    first = False
                    continue
                if child.tag not in (f"{TEXT}p", f"{TEXT}h"):
                    self.blocks([child], depth + 1, None)
                    continue
                if _deleted(child):
                    continue
                label = ""
                if first and numbered:
                    counter.step(level, levels, int(start) if start and start.isdigit() else None)
                    label = counter.label(level, levels)
                first = False
                hint = _outline_level(child) if child.tag == f"{TEXT}h" else None
                self.paragraph(child, depth + 1, label, hint)

    def heading(self, element, depth: int) -> None:
        if _deleted(element):
            return
        level = _outline_level(element) or 1
        label = ""
        numbered = element.get(f"{TEXT}is-list-header") != "true"
        definition = self.styles.outline.get(level)
        if numbered and definition and definition[0]:
            start = element.get(f"{TEXT}start-value") if element.get(f"{TEXT}restart-numbering") == "true" else None
            self.outline.step(level, self.styles.outline, int(start) if start and start.isdigit() else None)
            label = self.outline.label(level, self.styles.outline)
        elif numbered and definition:
            self.outline.step(level, self.styles.outline, None)
        self.paragraph(element, depth, label, level)

    def paragraph(self, element, depth: int, label: str | None, hint: int | None) -> None:
        own, boxes = _inline_text(element)
        for box in boxes:   # text frames anchored here (a letterhead): lines of their own
            self.blocks(box, depth + 1, None)
        label = label or ""
        if not own.strip() and not label:
            return
        self.result.lines.append(label + own)
        if hint and hint <= 4:
            self.result.heading_hints[len(self.result.lines)] = hint

    def table(self, table, depth: int) -> None:
        rows = [row for row in table.iter(f"{TABLE}table-row")]
        cells = [[cell for cell in row if cell.tag == f"{TABLE}table-cell"] for row in rows]
        if all(len([c for c in row if len(c)]) <= 1 for row in cells):
            # a layout table (one column: a letterhead, a framed report): read its paragraphs as the body's
            for row in cells:
                for cell in row:
                    self.blocks(cell, depth + 1, None)
            return
        for row in cells:
            texts = [" ".join(t for p in cell.iter() if p.tag in (f"{TEXT}p", f"{TEXT}h")
                              and (t := _inline_text(p)[0].strip())) for cell in row]
            line = "  ".join(t for t in texts if t)
            if line:
                self.result.lines.append(line)


def _deleted(paragraph) -> bool:
    """A paragraph deleted with track changes on: LibreOffice leaves an empty one holding the change mark
    (the deleted text is kept in text:tracked-changes). It takes no number."""
    return (paragraph.find(f".//{TEXT}change") is not None and not _inline_text(paragraph)[0].strip()
            and paragraph.find(f".//{DRAW}frame") is None)


def _outline_level(element) -> int | None:
    value = element.get(f"{TEXT}outline-level")
    return int(value) if value and value.isdigit() and int(value) > 0 else None


def _inline_text(paragraph) -> tuple[str, list]:
    """A paragraph's text (spaces and tabs expanded, one line), and the text boxes anchored in it."""
    parts, boxes = [paragraph.text or ""], []
    stack = [(child, True) for child in reversed(list(paragraph))]
    while stack:
        node, enter = stack.pop()
        if not enter:   # the text after an element belongs to its parent
            parts.append(node.tail or "")
            continue
        tag = node.tag
        stack.append((node, False))
        if tag in _SKIP_INLINE:
            continue
        if tag == f"{TEXT}s":
            count = node.get(f"{TEXT}c") or "1"
            parts.append(" " * min(int(count) if count.isdigit() else 1, 100))
        elif tag in (f"{TEXT}tab", f"{TEXT}line-break"):
            parts.append(" ")
        elif tag == f"{DRAW}text-box":
            boxes.append(node)
        elif tag == f"{DRAW}frame" or tag == f"{DRAW}g" or tag == f"{DRAW}a":
            stack.extend((child, True) for child in reversed(list(node)))
        elif tag.startswith(DRAW) or tag.startswith("{urn:oasis:names:tc:opendocument:xmlns:svg"):
            continue   # shapes, images, their titles and descriptions
        else:
            parts.append(node.text or "")
            stack.extend((child, True) for child in reversed(list(node)))
    return re.sub(r"[\r\n]", " ", "".join(parts)), boxes


def _format(value: int, fmt: str) -> str:
    if fmt.startswith(("一", "〇", "壹")):
        return numerals.chinese(value, capital=fmt.startswith("壹"))
    if fmt.startswith("①"):
        return numerals.circled(value)
    if fmt in ("a", "A"):
        return numerals.letter(value).upper() if fmt == "A" else numerals.letter(value)
    if fmt in ("i", "I"):
        return numerals.roman(value).lower() if fmt == "i" else numerals.roman(value)
    return str(value)
