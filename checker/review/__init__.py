"""The Word-native review: the report back as .docx with each finding as a comment (批注) where it applies
and each safe fix as a tracked change (修订), for the drafter who works in Word or WPS.

A .docx report is reviewed in place of itself: its paragraphs, styles, numbering, tables, text boxes,
headers and footers, comments and tracked changes stay as they were; only comments and tracked changes
are added (and runs split where a comment or change begins or ends inside one). Any other input becomes a
new .docx laid out as a 公文 (see gongwen.py) carrying the same review.

    from checker.review import write_review
    stats = write_review(audit, "reports/报告.docx", author="fzcheck")   # → ReviewStats(comments, changes)

python-docx's comments API makes the comments; ooxml.py holds the little XML it has no API for.
"""
from __future__ import annotations

import datetime
import hashlib
import io
from dataclasses import dataclass

from ..audit import Audit
from ..document.docx import Segment
from ..errors import InputError
from ..output import atomic_target
from . import ooxml
from .notes import Note, notes

DEFAULT_AUTHOR = "fzcheck"


@dataclass(frozen=True)
class ReviewStats:
    comments: int
    changes: int       # fixes written as tracked changes
    skipped: int = 0   # fixes that could not be placed safely (left to the comments)


def write_review(audit: Audit, out_path, author: str = DEFAULT_AUTHOR,
                 when: datetime.datetime | None = None) -> ReviewStats:
    """Write the reviewed .docx of `audit` to `out_path` atomically; raise InputError (naming the report)
    when the original cannot be reopened or reviewed."""
    data, stats = render_review(audit, author, when)
    with atomic_target(out_path) as temp:
        temp.write_bytes(data)
    return stats


def render_review(audit: Audit, author: str = DEFAULT_AUTHOR,
                  when: datetime.datetime | None = None) -> tuple[bytes, ReviewStats]:
    """The reviewed .docx as bytes, and what it holds."""
    when = when or datetime.datetime.now()
    author = ooxml.xml_safe(author).strip() or DEFAULT_AUTHOR
    if audit.document.meta.format == "docx":
        document, sources = _reopen(audit)
    else:
        from .gongwen import build

        document, sources = build(audit)
    paragraphs = list(document.element.body.iter(ooxml.W_P))
    placer = _Placer(audit, sources, paragraphs)
    comments = 0
    initials = "fz" if author == DEFAULT_AUTHOR else author[:2]
    for note in notes(audit, when):
        runs = placer.runs(note)
        if runs:
            from docx.text.run import Run

            document.add_comment([Run(r, document) for r in runs], text=ooxml.xml_safe(note.text), author=author,
                                 initials=initials)
            comments += 1
    stamp = when.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    change_id = ooxml.next_change_id(document.element) + 1000
    changes = skipped = 0
    for fix in sorted(audit.fixes, key=lambda f: f.start, reverse=True):   # back to front: offsets hold
        place = placer.range(fix.start, fix.end)
        used = 0
        if place and place[0] == place[2]:
            used = ooxml.track_replace(paragraphs[place[0]], place[1], place[3], fix.old, fix.new, author, stamp,
                                       change_id)
        if used:
            changes, change_id = changes + 1, change_id + used
        else:
            skipped += 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), ReviewStats(comments, changes, skipped)


def _reopen(audit: Audit):
    """The original .docx and the source paragraphs of each line of the audited text, as the reader
    recorded them; the file must still be the one that was audited."""
    import docx

    path, doc = audit.path, audit.document
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"无法重新打开原文件生成审查稿（{exc.strerror or exc}）", path) from None
    sources = list(doc.meta.line_sources)
    if hashlib.sha256(data).hexdigest() != doc.meta.digest or len(sources) != doc.line_count:
        raise InputError("文件在检查之后被修改，请重新检查后再生成审查稿", path)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx refuses what it cannot model
        raise InputError(f"无法生成审查稿：python-docx 无法打开此文档（{type(exc).__name__}）", path) from None
    return document, sources


class _Placer:
    """Document offsets → paragraphs and runs of the .docx."""

    def __init__(self, audit: Audit, sources: list[tuple[Segment, ...]], paragraphs: list):
        self.doc, self.sources, self.paragraphs = audit.document, sources, paragraphs

    def point(self, offset: int, end: bool) -> tuple[int, int] | None:
        """(paragraph index, offset in its text) of a document offset; `end` for the end of a range."""
        doc = self.doc
        line = doc.line_of(max(offset - 1, 0) if end else offset)
        if not 1 <= line <= len(self.sources):
            return None
        column = offset - doc.line_starts[line - 1]
        segments = [s for s in self.sources[line - 1] if 0 <= s.paragraph < len(self.paragraphs)]
        for s in segments:
            if (s.start < column <= s.start + s.length) if end else (s.start <= column < s.start + s.length):
                return s.paragraph, s.offset + column - s.start
        if end:   # inside a list number or between table cells: the nearest text before
            before = [s for s in segments if s.start < column] or segments[:1]
            return (before[-1].paragraph, before[-1].offset + before[-1].length) if before else None
        after = [s for s in segments if s.start + s.length > column] or segments[-1:]
        return (after[0].paragraph, after[0].offset) if after else None

    def range(self, start: int, end: int) -> tuple[int, int, int, int] | None:
        first, last = self.point(start, False), self.point(max(end, start + 1), True)
        if first is None or last is None:
            return None
        return first + last

    def runs(self, note: Note) -> list:
        """The runs a comment on the note's characters covers: exactly those characters where they can
        be split out, else the whole paragraph(s); a paragraph without runs gets an empty one."""
        place = self.range(note.start, note.end)
        if place is None:
            return []
        first_p, first_at, last_p, last_at = place
        first, last = self.paragraphs[first_p], self.paragraphs[last_p]
        outer = ooxml.outside_text_box(first)
        if outer is not first:   # Word takes no comment inside a text box: the paragraph holding the box
            return ooxml.visible_runs(outer) or [ooxml.anchor_run(outer)]
        across = last_p < first_p or (last_p != first_p and first.getparent() is not last.getparent())
        if across or first is last:   # a range across containers: its first paragraph, to its end
            end = len("".join(_texts(first))) if across else last_at
            runs = ooxml.runs_in(first, first_at, end) if end > first_at else []
            return runs or ooxml.visible_runs(first) or [ooxml.anchor_run(first)]
        head = ooxml.runs_in(first, first_at, len("".join(_texts(first)))) or ooxml.visible_runs(first)
        tail = ooxml.runs_in(last, 0, last_at) or ooxml.visible_runs(last)
        if not head or not tail:
            return ooxml.visible_runs(first) or [ooxml.anchor_run(first)]
        return [head[0], tail[-1]]


def _texts(paragraph) -> list[str]:
    return [(node.text or "") if node.tag == ooxml.W_T else " " for node, _, _ in ooxml.pieces(paragraph)]


__all__ = ["DEFAULT_AUTHOR", "ReviewStats", "render_review", "write_review"]
