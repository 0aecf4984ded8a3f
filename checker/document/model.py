from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


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
        starts = [0] + [i + 1 for i, ch in enumerate(self.raw) if ch == "\n"]
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
