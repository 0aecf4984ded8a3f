from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Sequence


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
    meta: dict = field(default_factory=dict)
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

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    @cached_property
    def folded(self) -> tuple[str, Sequence[int]]:
        """`text` without spaces inside Chinese ("存 在 问 题", "2024 年"), and the original offset of each
        kept character; spaces between two ASCII letters or digits stay ("PDF 2.0")."""
        text, kept, pieces, position = self.text, [], [], 0
        for run in re.finditer(r"[ \t]+", text):
            before, after = text[run.start() - 1:run.start()], text[run.end():run.end() + 1]
            if not (_ascii_word(before) and _ascii_word(after)):
                kept.append(range(position, run.start()))
                pieces.append(text[position:run.start()])
                position = run.end()
        if not kept:
            return text, range(len(text))
        kept.append(range(position, len(text)))
        pieces.append(text[position:])
        return "".join(pieces), tuple(i for part in kept for i in part)

    def folded_range(self, start: int, end: int) -> tuple[int, int]:
        """Folded offsets covering the original range [start, end)."""
        keep = self.folded[1]
        return bisect_left(keep, start), bisect_left(keep, end)

    def unfold(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the non-empty folded range [start, end)."""
        keep = self.folded[1]
        return keep[start], keep[end - 1] + 1


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()
