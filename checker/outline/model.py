from __future__ import annotations

import re
from dataclasses import dataclass, field, fields


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


@dataclass(frozen=True)
class PageMeta:
    """What a government page says about the document, beside the document itself."""

    issuer: str | None = None        # 发文机关
    doc_number: str | None = None    # 文号 / 发文字号
    written: str | None = None       # 成文日期
    published: str | None = None     # 发布日期
    source: str | None = None        # 来源
    index_no: str | None = None      # 索引号
    title: str | None = None         # 标题 in the metadata block

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    @property
    def published_ymd(self) -> tuple[int, int, int] | None:
        for value in (self.published, self.written):
            found = re.search(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", value or "")
            if found:
                return int(found.group(1)), int(found.group(2)), int(found.group(3))
        return None


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
    issuer: str | None = None                 # 发文机关: from the page metadata, the signature or the title
    doc_number: Span | None = None            # a 文号 line before the body
    meta: PageMeta = field(default_factory=PageMeta)
