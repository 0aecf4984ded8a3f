"""A report page saved from a government site → its article text and publication date.

Parsed with the standard library. Page furniture (scripts, navigation, headers, footers, share widgets,
elements whose id or class names them) is dropped; the article is found by descending from <body> into
the child holding most of the non-link text, so no site-specific selector is needed. The page title
(h1, ArticleTitle meta or <title>) is put first when the article body lacks it.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

_DROP = {"script", "style", "noscript", "template", "iframe", "nav", "header", "footer", "aside", "form",
         "select", "button", "svg", "canvas", "object", "embed", "head"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "source", "wbr"}
_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table",
          "ul", "ol", "dd", "dt", "blockquote", "pre", "main", "center", "hr"}
_JUNK_NAME = re.compile(r"nav|menu|breadcrumb|crumb|footer|header|share|bdshare|sidebar|copyright|toolbar|"
                        r"print|related|pagination|search|login|topbar|banner|qrcode|ewm", re.I)
_PUBLISHED = re.compile(r"(?:发布|发文|公开|成文)?(?:时间|日期)\s*[:：]?\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")


class _Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict, parent: "_Node | None"):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent


class _TreeBuilder(HTMLParser):
    def __init__(self):
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
        node = _Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

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


def read_html(markup: str) -> tuple[list[str], dict]:
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    body = _find(builder.root, "body") or builder.root
    published = _published(builder, body)
    _prune(body)
    article = _article(body)
    lines = _lines(article)
    title = _page_title(body, builder)
    if title and title not in "".join(lines[:3]):
        lines.insert(0, title)
    meta = {"format": "html"}
    if published:
        meta["published"] = published
    return lines, meta


def _find(node: _Node, tag: str) -> _Node | None:
    for child in node.children:
        if isinstance(child, _Node):
            if child.tag == tag:
                return child
            found = _find(child, tag)
            if found:
                return found
    return None


def _prune(node: _Node) -> None:
    kept = []
    for child in node.children:
        if isinstance(child, _Node):
            names = f"{child.attrs.get('id', '')} {child.attrs.get('class', '')}"
            if child.tag in _DROP or (names.strip() and _JUNK_NAME.search(names) and child.tag != "body"):
                continue
            _prune(child)
        kept.append(child)
    node.children = kept


def _text_weight(node) -> tuple[int, int]:
    """(characters of text, characters inside links) below `node`."""
    if isinstance(node, str):
        return len(node.strip()), 0
    total = linked = 0
    for child in node.children:
        t, l = _text_weight(child)
        total, linked = total + t, linked + l
    if node.tag == "a":
        linked = total
    return total, linked


def _article(body: _Node) -> _Node:
    """Descend into the child holding most of the non-link text, while one child clearly dominates."""
    node, own = body, _plain_weight(body)
    while True:
        weighed = [(_plain_weight(child), child) for child in node.children if isinstance(child, _Node)]
        if not weighed:
            return node
        weight, best = max(weighed, key=lambda pair: pair[0])
        if own <= 0 or weight < own * 0.7:
            return node
        node, own = best, weight


def _plain_weight(node: _Node) -> int:
    """Characters of text below `node` that are not link text."""
    total, linked = _text_weight(node)
    return total - linked


def _lines(node: _Node) -> list[str]:
    parts: list[str] = []

    def walk(n):
        if isinstance(n, str):
            parts.append(re.sub(r"[ \t\r\n\f]+", " ", n))
            return
        if n.tag in _BLOCK:
            parts.append("\n")
        for child in n.children:
            walk(child)
        if n.tag in _BLOCK:
            parts.append("\n")

    walk(node)
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
            return tuple(int(g) for g in found.groups())
    found = _PUBLISHED.search(" ".join(_lines(body)))
    return tuple(int(g) for g in found.groups()) if found else None
