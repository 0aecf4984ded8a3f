"""The WordprocessingML python-docx has no API for, written by hand in this one module: character offsets
inside a paragraph, splitting a run at an offset (so a comment can cover exactly the flagged words), and
tracked changes (w:del + w:ins) that Word and WPS can accept or reject.

Offsets count characters as the .docx reader does (checker.document.docx.paragraph_text): w:t text, and
one character for each w:tab, w:br, w:cr; deleted text, field codes and text boxes count nothing.
Every text written goes through lxml (escaped) after dropping characters XML 1.0 cannot hold.
"""
from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING

from docx.oxml import OxmlElement

if TYPE_CHECKING:
    from lxml.etree import _Element
from docx.oxml.ns import qn

W_T, W_R, W_RPR, W_P = qn("w:t"), qn("w:r"), qn("w:rPr"), qn("w:p")
_ONE_CHAR = {qn("w:tab"), qn("w:br"), qn("w:cr")}
_SKIP = {qn("w:txbxContent"), qn("w:del"), qn("w:moveFrom"), qn("w:delText"), qn("w:instrText"),
         qn("w:footnoteReference"), qn("w:endnoteReference"), qn("w:commentReference"), qn("w:pPr"), W_RPR}
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TEXT_ONLY = {W_RPR, W_T}   # a run a tracked change may take: formatting and text, nothing else
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (control characters a text file may carry)."""
    return _NOT_XML.sub("", text)


def pieces(paragraph) -> list[tuple[_Element, int, int]]:
    """The paragraph's text-bearing nodes in reading order, each with its [start, end) offsets: w:t
    nodes and the one-character w:tab / w:br / w:cr, as the .docx reader walks them."""
    found: list[tuple[_Element, int, int]] = []
    position = 0
    stack = list(reversed(list(paragraph)))
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag == W_T:
            length = len(node.text or "")
            found.append((node, position, position + length))
            position += length
        elif tag in _ONE_CHAR:
            found.append((node, position, position + 1))
            position += 1
        elif tag == qn("w:txbxContent"):
            continue
        elif tag == f"{_MC}AlternateContent":
            choice, fallback = node.find(f"{_MC}Choice"), node.find(f"{_MC}Fallback")
            chosen = choice if choice is not None and len(choice) else fallback
            if chosen is not None:
                stack.extend(reversed(list(chosen)))
        elif isinstance(tag, str) and tag not in _SKIP and len(node):
            stack.extend(reversed(list(node)))
    return found


def split_at(paragraph, offset: int) -> bool:
    """Make `offset` a run boundary: split the run whose text spans it into two runs with the same
    formatting. True when `offset` is (now) a boundary between runs, or the very start or end."""
    for node, start, end in pieces(paragraph):
        if start < offset < end and node.tag == W_T:
            run = node.getparent()
            if run is None or run.tag != W_R:
                return False
            text = node.text or ""
            tail = OxmlElement("w:t")
            tail.text = text[offset - start:]
            node.text = text[:offset - start]
            for t in (node, tail):
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            node.addnext(tail)
            _split_run_before(run, tail)
            return True
        if offset == start:
            run = node.getparent()
            if run is not None and run.tag == W_R:
                _split_run_before(run, node)
            return True
    return True


def _split_run_before(run, child) -> None:
    """Move `child` and everything after it in `run` into a new run right after it (same w:rPr)."""
    contents = [c for c in run if c.tag != W_RPR]
    if not contents or contents[0] is child:
        return
    new_run = OxmlElement("w:r")
    props = run.find(W_RPR)
    if props is not None:
        new_run.append(copy.deepcopy(props))
    moving = contents[contents.index(child):]
    for element in moving:
        new_run.append(element)
    run.addnext(new_run)


def runs_in(paragraph, start: int, end: int) -> list[_Element]:
    """The w:r elements holding text in [start, end), after splitting runs at both ends; [] if none."""
    split_at(paragraph, end)
    split_at(paragraph, start)
    runs: list[_Element] = []
    for node, node_start, node_end in pieces(paragraph):
        run = node.getparent()
        if node_start >= start and node_end <= end and node_end > node_start and run is not None \
                and run.tag == W_R and (not runs or runs[-1] is not run):
            runs.append(run)
    return runs


def visible_runs(paragraph) -> list:
    """Runs of the paragraph that are not deleted text and not inside a text box."""
    found = []
    for run in paragraph.iter(W_R):
        ancestor, ok = run.getparent(), True
        while ancestor is not None and ancestor is not paragraph:
            if ancestor.tag in (qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent")) or ancestor.tag == f"{_MC}Fallback":
                ok = False
                break
            ancestor = ancestor.getparent()
        if ok:
            found.append(run)
    return found


def outside_text_box(paragraph):
    """The paragraph itself, or for one inside a text box the body paragraph the box is anchored in."""
    outer, node = paragraph, paragraph.getparent()
    while node is not None:
        if node.tag == W_P:
            outer = node
        node = node.getparent()
    return outer


def anchor_run(paragraph):
    """A run to hang a comment on in a paragraph without any: an empty run at its end."""
    run = OxmlElement("w:r")
    paragraph.append(run)
    return run


def next_change_id(root) -> int:
    """A w:id above every one in the part, for new w:ins / w:del."""
    ids = [int(v) for v in (e.get(qn("w:id")) for e in root.iter(qn("w:ins"), qn("w:del"))) if v and v.isdigit()]
    return max(ids, default=0) + 1


def track_replace(paragraph, start: int, end: int, old: str, new: str, author: str, date: str,
                  change_id: int) -> int:
    """Replace the characters [start, end) of the paragraph by `new` as a tracked change (the old runs in
    a w:del, a run with `new` and the first old run's formatting in a w:ins). Only plain text runs that
    are siblings under one parent are changed; return the number of ids used (0: left alone)."""
    if not 0 <= start < end:
        return 0
    text = "".join((n.text or "") if n.tag == W_T else " " for n, _, _ in pieces(paragraph))
    if end > len(text) or text[start:end] != old:
        return 0
    runs = runs_in(paragraph, start, end)
    if not runs or "".join(t.text or "" for r in runs for t in r.iter(W_T)) != text[start:end]:
        return 0
    parent = runs[0].getparent()
    if parent.tag in (qn("w:ins"), qn("w:del"), qn("w:moveTo"), qn("w:moveFrom")) \
            or any(r.getparent() is not parent or any(c.tag not in _TEXT_ONLY for c in r) for r in runs):
        return 0
    siblings = list(parent)
    first, last = siblings.index(runs[0]), siblings.index(runs[-1])
    if any(s.tag == W_R and s not in runs for s in siblings[first:last + 1]):
        return 0
    deletion = _change("w:del", author, date, change_id)
    runs[0].addprevious(deletion)
    for element in siblings[first:last + 1]:
        deletion.append(element)
    for t in deletion.iter(W_T):
        t.tag = qn("w:delText")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    new = xml_safe(new)
    if not new:
        return 1
    insertion = _change("w:ins", author, date, change_id + 1)
    run = OxmlElement("w:r")
    props = runs[0].find(W_RPR)
    if props is not None:
        run.append(copy.deepcopy(props))
    t = OxmlElement("w:t")
    t.text = new
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    insertion.append(run)
    deletion.addnext(insertion)
    return 2


def _change(tag: str, author: str, date: str, change_id: int):
    element = OxmlElement(tag)
    element.set(qn("w:id"), str(change_id))
    element.set(qn("w:author"), xml_safe(author))
    element.set(qn("w:date"), date)
    return element
