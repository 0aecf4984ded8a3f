from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A stretch [start, end) of the document; offsets index both `raw` and `text`."""

    start: int
    end: int


@dataclass(frozen=True)
class Heading:
    """A numbered heading. `level` is 1 for the outermost numbering style the report uses."""

    level: int
    style: str          # e.g. "一、", "(一)", "1.", "(1)", "①", "第一部分"
    ordinal: int
    title: str          # normalised heading text without its number
    start: int          # where the number starts
    title_end: int      # where the heading text ends
    end: int            # where its section ends (next heading of the same or a higher level)
    inline: bool        # True when it does not start a line (flattened text)


@dataclass(frozen=True)
class DateMark:
    span: Span
    year: int
    month: int
    day: int
    style: str          # "arabic", "padded", "chinese", "numeric" (2025.2.8)

    @property
    def ymd(self) -> tuple[int, int, int]:
        return self.year, self.month, self.day


@dataclass
class Outline:
    headings: list[Heading] = field(default_factory=list)
    title: Span | None = None
    addressee: Span | None = None
    signature: Span | None = None
    date: DateMark | None = None
    junk: Span | None = None
    body: Span = Span(0, 0)
    year: int | None = None
    region: str | None = None
