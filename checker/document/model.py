from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Sequence


@dataclass(frozen=True)
class Source:
    """What the reader learnt about the file besides its text, read by the outline, the rules and the
    outputs alike."""

    format: str = "text"                          # text, docx, odt, pdf or html
    line_unit: str = "行"                         # what a line is: a Word file's lines are paragraphs (段)
    heading_hints: dict[int, int] = field(default_factory=dict)   # line → level of a Word heading style
    page_starts: tuple[int, ...] = ()             # a PDF's first line of each page
    published: tuple[int, int, int] | None = None  # a saved web page's publication date
    traditional: bool = False                     # written in traditional characters
    # a Word file: where each line came from (docx.Segment per paragraph piece), and the file's digest, so
    # the Word review writes onto the very file that was checked without reading it all again
    line_sources: tuple[tuple, ...] = ()
    digest: str = ""


@dataclass(frozen=True)
class Document:
    """A report as read from disk.

    `raw` is the decoded text with line ends unified to "\\n" (so line numbers are the file's);
    `text` is its normalised twin of the same length, used for all matching.
    """

    path: str
    raw: str
    text: str
    encoding: str = "utf-8"
    meta: Source = field(default_factory=Source)
    line_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if len(self.raw) != len(self.text):
            raise ValueError("normalised text must keep the original's length")
        starts = [0] + [m.end() for m in re.finditer("\n", self.raw)]
        object.__setattr__(self, "line_starts", tuple(starts))

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect_right(self.line_starts, max(0, offset))

    def excerpt(self, start: int, end: int, limit: int = 80) -> str:
        """Original text of [start, end), on one line and at most `limit` characters."""
        piece = self.raw[start:min(end, start + limit)]
        return " ".join(piece.split())

    def page_of_line(self, line: int) -> int | None:
        """The page a line begins on, for documents that have pages (PDF: meta.page_starts)."""
        starts = self.meta.page_starts
        return bisect_right(starts, line) or None if starts else None

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    @cached_property
    def folded(self) -> tuple[str, Sequence[int]]:
        """`text` as rules match it, and the original offset of each kept character. Left out: spaces
        inside Chinese ("存 在 问 题", "2024 年"; spaces between two ASCII letters or digits stay, "PDF 2.0"),
        the pinyin glosses mirror sites put after characters (領(lǐng)), and site watermarks injected
        into the text (秘书之家—全网资源每日更新www.mishuzj.com)."""
        text, position = self.text, 0
        kept: list[range] = []
        pieces: list[str] = []
        runs = sorted([*_blank_runs(text), *_watermarks(text)])
        for start, end in runs:
            if start < position:
                continue
            before, after = text[start - 1:start], text[end:end + 1]
            if text[start:end].strip(" \t") or not (_ascii_word(before) and _ascii_word(after)):
                kept.append(range(position, start))
                pieces.append(text[position:start])
                position = end
        if not kept:
            return text, range(len(text))
        kept.append(range(position, len(text)))
        pieces.append(text[position:])
        offsets: list[int] = []
        for part in kept:   # extending by ranges runs in C: a generator over every character cost 10x more
            offsets.extend(part)
        return "".join(pieces), tuple(offsets)

    def folded_range(self, start: int, end: int) -> tuple[int, int]:
        """Folded offsets covering the original range [start, end)."""
        keep = self.folded[1]
        return bisect_left(keep, start), bisect_left(keep, end)

    def unfold(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the non-empty folded range [start, end)."""
        keep = self.folded[1]
        return keep[start], keep[end - 1] + 1


_SPACES = re.compile(r"[ \t]+")
_FILLERS = re.compile("\u2060+")   # what pinyin glosses became (normalize.fill_glosses)


def _blank_runs(text: str) -> list[tuple[int, int]]:
    """Runs of spaces and runs of gloss fillers, each found by its own scan: one alternation of the two
    scans the text three times slower, and most texts have no fillers at all."""
    runs = [m.span() for m in _SPACES.finditer(text)]
    if "\u2060" in text:
        runs.extend(m.span() for m in _FILLERS.finditer(text))
    return runs


_URL = re.compile(r"(?:www\.|https?://)[A-Za-z0-9./\-]{1,60}\.(?:com|cn|net|org)(?![A-Za-z0-9])(?:/[A-Za-z0-9./\-]*)?")


def _watermarks(text: str) -> list[tuple[int, int]]:
    """A site's watermark injected again and again, even inside words ("第一秘书之家—全网资源每日更新
    www.mishuzj.com责任人"): the URL with the label that precedes every one of its occurrences."""
    by_url: dict[str, list[re.Match]] = {}
    for match in _URL.finditer(text):
        by_url.setdefault(match.group(), []).append(match)
    runs: list[tuple[int, int]] = []
    for found in by_url.values():
        label = 0
        if len(found) >= 2:
            befores = [text[max(0, m.start() - 20):m.start()] for m in found]
            while label < 20 and all(len(b) > label and b[-1 - label] == befores[0][-1 - label] for b in befores):
                label += 1
        runs.extend((m.start() - label, m.end()) for m in found)
    return runs


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()
