from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate


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
    def folded(self) -> tuple[str, FoldedOffsets]:
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
            return text, FoldedOffsets([range(len(text))])
        kept.append(range(position, len(text)))
        pieces.append(text[position:])
        return "".join(pieces), FoldedOffsets(kept)

    def folded_range(self, start: int, end: int) -> tuple[int, int]:
        """Folded offsets covering the original range [start, end)."""
        keep = self.folded[1]
        return keep.first_at_or_after(start), keep.first_at_or_after(end)

    def unfold(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the non-empty folded range [start, end)."""
        keep = self.folded[1]
        return keep[start], keep[end - 1] + 1


class FoldedOffsets:
    """The original offset of each character of the folded text, held as the pieces of the text that
    remain (where each starts in the original and in the folded text): a tuple of one int per character
    cost more to build than the rules spend reading it. Indexes like that tuple did."""

    def __init__(self, kept: list[range]):
        kept = [part for part in kept if part]
        self._starts = [part.start for part in kept]     # in the original
        self._ends = [part.stop for part in kept]
        self._folded_starts = list(accumulate((len(part) for part in kept), initial=0))   # and the total

    def __len__(self) -> int:
        return self._folded_starts[-1]

    def __getitem__(self, index: int) -> int:
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("folded offset out of range")
        piece = bisect_right(self._folded_starts, index) - 1
        return self._starts[piece] + index - self._folded_starts[piece]

    def first_at_or_after(self, offset: int) -> int:
        """The first folded index whose original offset is `offset` or more (len(self) when none is)."""
        piece = bisect_right(self._ends, offset)   # the first piece that reaches past `offset`
        if piece == len(self._ends):
            return len(self)
        return self._folded_starts[piece] + max(0, offset - self._starts[piece])


_SPACES = re.compile(r"[ \t][ \t]*")   # not [ \t]+: a pattern opening with a class scans 2x faster
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
    if "www." not in text and "http" not in text:   # no URL (_URL opens with one of these): skip the scan
        return []
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
