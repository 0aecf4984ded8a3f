"""A report page saved from a government site → its article text and publication date.

Parsed with the standard library. Page furniture (scripts, navigation, headers, footers, share widgets,
elements whose id or class names them) is dropped; the article is found by descending from <body> into
the child holding most of the non-link text, so no site-specific selector is needed. The page title
(h1, ArticleTitle meta or <title>) is put first when the article body lacks it.

A page exported by office software (LibreOffice, Word, WPS: told by its generator) is all article: its
whole body is read, less the header and footer blocks (`<div title="footer">`, page numbers), and the
numbers of its ordered lists, which such exports leave to the browser, are written out. Every walk over
the tree is iterative, so a page nested thousands deep reads like any other.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Iterator

from . import numerals
from .model import Source

_DROP = {"script", "style", "noscript", "template", "iframe", "nav", "header", "footer", "aside", "form",
         "select", "button", "svg", "canvas", "object", "embed", "head"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "source", "wbr"}
_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table",
          "ul", "ol", "dd", "dt", "blockquote", "pre", "main", "center", "hr"}
_JUNK_NAME = re.compile(r"nav|menu|breadcrumb|crumb|footer|header|share|bdshare|sidebar|copyright|toolbar|"
                        r"print|related|pagination|search|login|topbar|banner|qrcode|ewm", re.I)
_PUBLISHED = re.compile(r"(?:发布|发文|公开|成文)?(?:时间|日期)\s*[:：]?\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")


_OFFICE = re.compile(r"libreoffice|openoffice|microsoft word|wps|kingsoft", re.I)
_FURNITURE_TITLE = {"header", "footer", "header-left", "footer-left", "header-first", "footer-first"}
_MAX_DEPTH = 2000   # the tree is built no deeper: text deeper down joins the node at this depth


class _Node:
    __slots__ = ("tag", "attrs", "children", "parent", "total", "linked", "depth")

    def __init__(self, tag: str, attrs: dict, parent: "_Node | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[_Node | str] = []
        self.total = self.linked = 0
        self.depth: int = parent.depth + 1 if parent is not None else 0


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = _Node("document", {}, None)
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "meta" and attrs.get("name"):
            self.meta[attrs["name"].lower()] = attrs.get("content", "")
        self._in_title = tag == "title"
        if tag == "meta" and attrs.get("name", "").lower() == "generator":
            self.meta["generator"] = attrs.get("content", "")
        if tag in ("li", "dt", "dd", "tr", "td", "th"):
            self._close_implied(tag)
        node = _Node(tag, attrs, self.current)
        if node.depth > _MAX_DEPTH:   # too deep: keep the line break a block makes, not the element
            if tag in _BLOCK:
                self.current.children.append(_Node("br", {}, None))
            return
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def _close_implied(self, tag):
        """A new list item closes the open one (office exports leave </li> out); likewise for table cells
        and rows, and definition terms."""
        same = {"li": ("li",), "dt": ("dt", "dd"), "dd": ("dt", "dd"), "tr": ("tr", "td", "th"),
                "td": ("td", "th"), "th": ("td", "th")}[tag]
        stop = {"li": ("ol", "ul", "menu"), "dt": ("dl",), "dd": ("dl",), "tr": ("table", "tbody", "thead", "tfoot"),
                "td": ("tr", "table"), "th": ("tr", "table")}[tag]
        node = self.current
        while node.parent is not None and node.tag not in stop and node.tag != "body":
            if node.tag in same:
                self.current = node.parent
                return
            node = node.parent

    def handle_endtag(self, tag):
        self._in_title = False
        node = self.current
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        if self._in_title:
            self.title_parts.append(data)
        self.current.children.append(data)


def looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return bool(re.search(r"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]|<meta\s+charset", head))


def read_html(markup: str) -> tuple[list[str], Source]:
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    body = _find(builder.root, "body") or builder.root
    office = bool(_OFFICE.search(builder.meta.get("generator", ""))) or "urn:schemas-microsoft-com:office" in markup[:4096]
    published = _published(builder, body)
    _prune(body, office)
    if office:
        _number_lists(body)
        lines = _lines(body)
    else:
        _weigh(body)
        article = _article(body)
        lines = _lines(article)
        title = _page_title(body, builder)
        if title and title not in "".join(lines[:3]):
            lines.insert(0, title)
        lines[:0] = _labelled_lines_before(body, article)
    return lines, Source(format="html", published=published)


# "索引号：…  发布机构：…", "来源：… 发布时间：…": a label of a few characters and its colon opens the line
_LABELLED = re.compile(r"[\u4e00-\u9fff]{2,6}\s*[:：]")
_NOT_METADATA = re.compile(r"当前位置|您的位置|所在位置|字号")


def _labelled_lines_before(body: _Node, article: _Node) -> list[str]:
    """The page's metadata outside the article (a table of 索引号, 发布机构 …, a 来源 line under the title):
    the lines before the article's that open with a label, as the text copied from the page carries them,
    so the front of the report is read alike from the page and from its text (issuer, dates, source)."""
    if article is body:
        return []
    before: list[str] = []
    for node in _walk(body):
        if node is article:
            break
        if node.tag in _BLOCK and not any(isinstance(child, _Node) and child.tag in _BLOCK for child in node.children):
            before.extend(line for line in _lines(node)
                          if len(line) <= 200 and _LABELLED.match(line) and not _NOT_METADATA.match(line))
    return before


def _walk(node: _Node):
    """Every element below `node`, in document order (iteratively)."""
    stack = [child for child in reversed(node.children) if isinstance(child, _Node)]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(child for child in reversed(current.children) if isinstance(child, _Node))


def _find(node: _Node, tag: str) -> _Node | None:
    return next((n for n in _walk(node) if n.tag == tag), None)


def _prune(node: _Node, office: bool = False) -> None:
    for current in [node, *_walk(node)]:
        kept = []
        for child in current.children:
            if isinstance(child, _Node):
                names = f"{child.attrs.get('id', '')} {child.attrs.get('class', '')}"
                if child.tag in _DROP or (names.strip() and _JUNK_NAME.search(names) and child.tag != "body"):
                    continue
                if child.attrs.get("title", "").lower() in _FURNITURE_TITLE and child.tag == "div":
                    continue   # LibreOffice's page header and footer
                style = child.attrs.get("style", "").replace(" ", "").lower()
                if "mso-element:header" in style or "mso-element:footer" in style:
                    continue   # Word's
                if office and child.tag == "sdfield" and child.attrs.get("type", "").upper() in ("PAGE", "PAGES"):
                    continue
            kept.append(child)
        current.children = kept


def _weigh(body: _Node) -> None:
    """Characters of text below each node (`total`) and how many of them are link text (`linked`)."""
    for node in reversed([body, *_walk(body)]):   # children before their parents
        total = linked = 0
        for child in node.children:
            if isinstance(child, str):
                total += len(child.strip())
            else:
                total, linked = total + child.total, linked + child.linked
        node.total, node.linked = total, (total if node.tag == "a" else linked)


def _article(body: _Node) -> _Node:
    """Descend into the child holding most of the non-link text, while one child clearly dominates. A list
    or a table is never the article: the page's title and other sections stand beside it."""
    node, own = body, body.total - body.linked
    while True:
        weighed = [(child.total - child.linked, child) for child in node.children
                   if isinstance(child, _Node) and child.tag not in ("ol", "ul", "li", "table", "tbody", "tr")]
        if not weighed:
            return node
        weight, best = max(weighed, key=lambda pair: pair[0])
        if own <= 0 or weight < own * 0.7:
            return node
        node, own = best, weight


def _number_lists(body: _Node) -> None:
    """Write out ordered lists' numbers, which office software leaves to the browser: by the list's type
    when it has one, else in the order of official documents below the typed 一、 headings (（一）, 1.,
    （1）), or from 一、 where the document has none."""
    typed_top = any(re.match(r"\s*[一二三四五六七八九十]{1,3}、", "".join(c for c in n.children if isinstance(c, str)))
                    for n in _walk(body) if n.tag in ("h1", "h2", "p", "span"))
    styles = ("paren-cn", "decimal", "paren-decimal") if typed_top else ("cn", "paren-cn", "decimal", "paren-decimal")
    for node in _walk(body):
        if node.tag != "ol":
            continue
        depth = sum(1 for ancestor in _ancestors(node) if ancestor.tag == "ol")
        kind = _list_type(node) or styles[min(depth, len(styles) - 1)]
        start = node.attrs.get("start", "1")
        value = (int(start) if start.lstrip("-").isdigit() else 1) - 1
        for item in node.children:
            if isinstance(item, _Node) and item.tag == "li":
                given = item.attrs.get("value", "")
                value = int(given) if given.lstrip("-").isdigit() else value + 1
                target = _first_text_holder(item)
                target.children.insert(0, _label(value, kind))


def _ancestors(node: _Node) -> Iterator[_Node]:
    above = node.parent
    while above is not None:
        yield above
        above = above.parent


def _first_text_holder(item: _Node) -> _Node:
    """Where the label goes: inside the item's first heading or paragraph when it starts with one, so the
    label stays on that line."""
    node = item
    while True:
        first = next((c for c in node.children if not (isinstance(c, str) and not c.strip())), None)
        if isinstance(first, _Node) and first.tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "span", "font"):
            node = first
            continue
        return node


def _list_type(node: _Node) -> str | None:
    style = node.attrs.get("style", "").lower()
    found = re.search(r"list-style-type\s*:\s*([\w-]+)", style)
    kind = found.group(1) if found else None
    if kind in ("cjk-ideographic", "simp-chinese-informal", "trad-chinese-informal", "cjk-decimal"):
        return "cn"
    if kind in ("decimal", "lower-alpha", "upper-alpha", "lower-roman", "upper-roman", "lower-latin", "upper-latin"):
        return kind.replace("latin", "alpha")
    return {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman",
            "I": "upper-roman"}.get(node.attrs.get("type", ""))


def _label(value: int, kind: str) -> str:
    if kind == "cn":
        return numerals.chinese(value) + "、"
    if kind == "paren-cn":
        return "（" + numerals.chinese(value) + "）"
    if kind == "paren-decimal":
        return f"（{value}）"
    if kind in ("lower-alpha", "upper-alpha"):
        letter = numerals.letter(value)
        return (letter.upper() if kind == "upper-alpha" else letter) + "."
    if kind in ("lower-roman", "upper-roman"):
        roman = numerals.roman(value)
        return (roman.lower() if kind == "lower-roman" else roman) + "."
    return f"{value}."


def _lines(node: _Node) -> list[str]:
    parts: list[str] = []
    stack: list = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(re.sub(r"[ \t\r\n\f]+", " ", item))
            continue
        if item is None:   # a block's end
            parts.append("\n")
            continue
        block = item.tag in _BLOCK
        if block:
            parts.append("\n")
            stack.append(None)
        stack.extend(reversed(item.children))
    return [line.strip() for line in "".join(parts).split("\n") if line.strip()]


def _page_title(body: _Node, builder: _TreeBuilder) -> str | None:
    for key in ("articletitle", "title"):
        if builder.meta.get(key, "").strip():
            return builder.meta[key].strip()
    h1 = _find(body, "h1")
    if h1 is not None:
        text = " ".join(_lines(h1)).strip()
        if text:
            return text
    title = "".join(builder.title_parts).strip()
    return re.split(r"\s*[_|｜]\s*|\s+-\s+", title)[0] if title else None


def _published(builder: _TreeBuilder, body: _Node) -> tuple[int, int, int] | None:
    for key in ("pubdate", "publishdate", "firstpublishedtime"):
        found = re.match(r"(\d{4})\D(\d{1,2})\D(\d{1,2})", builder.meta.get(key, ""))
        if found:
            return _ymd(found)
    found = _PUBLISHED.search(" ".join(_lines(body)))
    return _ymd(found) if found else None


def _ymd(found: re.Match[str]) -> tuple[int, int, int]:
    year, month, day = found.groups()
    return int(year), int(month), int(day)
