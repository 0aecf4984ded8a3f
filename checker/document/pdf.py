"""PDF → text with pdfminer.six: the text layer in reading order, CJK fonts with their CMaps included.

Page numbers ("- 3 -", "第3页", "3/12") and running headers or footers (the same line at the top or
bottom of most pages) are dropped; visual lines that wrap a paragraph are joined back, so a paragraph
is a line as in the other formats, also across a page break. The margins are those most lines keep, so
hanging punctuation past the margin does not hide every other full line. Where each page begins is kept
for evidence (meta.page_starts). A PDF without a text layer (a scan) is refused: it needs OCR.
"""
from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass

from ..errors import InputError
from .limits import Limits

_PAGE_NUMBER = re.compile(
    r"^[\s\-—－–·.]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4})?(?:\s*页)?"
    r"(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?[\s\-—－–·.]*$"
    r"|^\s*(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
_END_OF_PARAGRAPH = tuple("。！？：；!?:;")
_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、]|第[一二三四五六七八九十]+部分)")


@dataclass
class _Line:
    top: float      # distance from the page top, for reading order
    x0: float
    x1: float
    size: float     # height of the line: about its font size
    text: str
    last_x0: float = 0.0   # where its last character starts


def read_pdf(data: bytes, name: str, limits: Limits) -> tuple[list[str], tuple[int, ...]]:
    """The paragraphs of a PDF, one a line, and the 1-based number of the first line that begins on each
    page (a page that only continues an earlier paragraph gets the number of the next line that begins
    after it, so the page of line N is bisect_right(page_starts, N))."""
    pages = _pages(data, name, limits)
    if sum(len("".join(line.text.split())) for page in pages for line in page) < 20:
        raise InputError("PDF 没有文字层（可能是扫描件），需要先做 OCR 文字识别再检查", name)
    repeated = _running_lines(pages)
    kept_pages = [[line for index, line in enumerate(page)
                   if not _PAGE_NUMBER.match(line.text) and not _is_running(line, index, len(page), repeated)]
                  for page in pages]
    geometry = _Geometry(kept_pages)
    lines: list[str] = []
    starts: list[int] = []
    previous: _Line | None = None
    for page in kept_pages:
        starts.append(len(lines) + 1)
        for position, line in enumerate(page):
            gap = line.top - page[position - 1].top if position else None
            if previous is not None and lines and geometry.continues(previous, line, gap):
                lines[-1] += line.text
                if starts[-1] == len(lines):   # this page's first line only went on with the last one
                    starts[-1] = len(lines) + 1
            else:
                lines.append(line.text)
            previous = line
    return lines, tuple(min(start, max(len(lines), 1)) for start in starts)


_DATE_LINE = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
_LATIN_RUN = re.compile(r"^[A-Za-z0-9.,:;%+\-/()（）．，]+")


class _Geometry:
    """What most lines show of the page layout: the text area's left and right edges, the line pitch and
    whether paragraphs open with a first-line indent. A line with hanging punctuation (set past the
    margin) does not move the margin."""

    def __init__(self, pages: list[list[_Line]]):
        lines = [line for page in pages for line in page]
        lefts = Counter(round(line.x0) for line in lines)
        self.left = min((x for x, n in lefts.items() if n == max(lefts.values())), default=0.0)
        widest = max((line.x1 for line in lines), default=0.0)
        long = sorted(line.x1 for line in lines if line.x1 - self.left >= (widest - self.left) * 0.75)
        self.right = long[len(long) // 2] if long else widest
        # the true right edge: punctuation may hang past it, other characters may not
        solid = [line.x1 for line in lines if line.x1 >= self.right - 3 * line.size
                 and line.text[-1:].isalnum()]
        self.edge = max(solid) if solid else self.right
        sizes = Counter(round(line.size) for line in lines)
        self.body_size = sizes.most_common(1)[0][0] if sizes else 12
        pitches = Counter(round(b.top - a.top) for page in pages for a, b in zip(page, page[1:])
                          if abs(a.size - b.size) < 1 and b.top > a.top)
        self.pitch = pitches.most_common(1)[0][0] if pitches else 0
        pairs = sum(pitches.values())
        # paragraph spacing: many gaps a good deal wider than the line pitch
        spaced = sum(n for gap, n in pitches.items() if self.pitch * 1.25 + 1 < gap < self.pitch * 3)
        self.spaced = bool(self.pitch) and spaced >= 3 and spaced >= 0.05 * pairs
        # justified text: the lines that run to the margin end exactly there (stretched); a paragraph's
        # last line is not stretched, so ending short of it, even by a little, ends the paragraph
        near = [line.x1 for line in lines if line.x0 <= self.left + 3.2 * line.size
                and line.x1 >= self.right - 2.5 * line.size]
        self.justified = len(near) >= 5 and sum(1 for x in near if abs(x - self.right) <= 2) >= 0.7 * len(near)
        # Paragraphs open with a first-line indent when lines start one to three characters in, and a
        # flush-left line hardly ever follows a short flush-left line (a paragraph's end): then every
        # flush-left line after a full one goes on with it, even after a full stop.
        indented = sum(1 for line in lines if 0.8 * line.size <= line.x0 - self.left <= 3.2 * line.size)
        flush_after_short = sum(
            1 for page in pages for a, b in zip(page, page[1:])
            if self._flush(b) and a.x0 <= self.left + 0.5 * a.size and a.x1 < self.right - 3 * a.size)
        self.indents = indented >= 1 and flush_after_short <= 0.2 * indented

    def _flush(self, line: _Line) -> bool:
        return line.x0 <= self.left + 0.7 * max(line.size, 6.0)

    def continues(self, previous: _Line, line: _Line, gap: float | None) -> bool:
        """True when `line` goes on with the paragraph of `previous`: previous ran from the left edge (or
        a first-line indent) to the right margin, and `line` starts at the left edge, one line pitch
        below (or at the top of the next page). Which lines end a paragraph is told, in this order, by
        justification (a paragraph's last line is not stretched to the margin), paragraph spacing,
        first-line indents (a numbered heading after a full stop still starts one) and, failing all
        these, by punctuation: a line ending in a full stop or colon ends its paragraph."""
        size = max(previous.size, 6.0)
        if abs(previous.size - line.size) > 0.25 * size:
            return False
        if gap is not None and self.pitch and gap > self.pitch * 1.25 + 1:
            return False   # paragraph spacing
        # a left-aligned line breaks early before a word of Latin letters or digits that does not fit
        word = _LATIN_RUN.match(line.text)
        slack = 2.5 * size + (0.6 * size * len(word.group()) if word else 0)
        full = previous.x1 >= self.right - slack and previous.x0 <= self.left + 3.2 * size
        if not (full and self._flush(line)):
            return self._centred_title(previous, line)
        ended = previous.text.endswith(_END_OF_PARAGRAPH)
        if self.justified and previous.x1 > self.right + 2:
            # hanging punctuation: a stretched line's last mark starts right at the margin, a paragraph's
            # last line sets it where its text ends
            return abs(previous.last_x0 - self.right) <= 2
        if ended and _MARKER.match(line.text):
            return False   # a numbered heading after a full stop
        if self.justified:   # stretched to the margin: the paragraph goes on
            return abs(previous.x1 - self.right) <= 2
        if self.spaced and gap is not None:
            return True   # one line pitch below, where paragraphs are spaced apart
        if self.indents or not ended:
            return True
        # Left-aligned, no indents, no spacing seen (or across a page break): after a full stop, the
        # line goes on with the paragraph if its first character could not have stood on the line above
        # (a new paragraph there would be chance); a numbered line starts one.
        word = _LATIN_RUN.match(line.text)
        needed = 0.55 * previous.size * len(word.group()) if word else previous.size
        return (not _MARKER.match(line.text) and not _DATE_LINE.match(line.text)
                and self.edge - previous.x1 < needed + 1)

    def _centred_title(self, previous: _Line, line: _Line) -> bool:
        """A centred heading wrapped over two lines: the first spans the text width."""
        middle = (self.left + self.edge) / 2
        return (abs(previous.size - line.size) <= 1 and previous.size >= 1.2 * self.body_size
                and previous.x1 - previous.x0 >= 0.85 * (self.edge - self.left)
                and abs((line.x0 + line.x1) / 2 - middle) <= previous.size
                and abs((previous.x0 + previous.x1) / 2 - middle) <= previous.size
                and not previous.text.endswith(_END_OF_PARAGRAPH))


def _pages(data: bytes, name: str, limits: Limits) -> list[list[_Line]]:
    """Per page, its visual lines top to bottom; pieces standing on one baseline make one line."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFTextExtractionNotAllowed
    from pdfminer.pdfparser import PDFSyntaxError

    pages = []
    try:
        with _quiet():
            for index, layout in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams())):
                if index >= limits.max_pdf_pages:
                    raise InputError(f"PDF 页数过多（上限 {limits.max_pdf_pages} 页）", name)
                pieces = []
                for element in layout:
                    if isinstance(element, LTTextContainer):
                        for line in element:
                            if isinstance(line, LTTextLine) and line.get_text().strip():
                                chars = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
                                pieces.append(_Line(layout.height - line.y1, line.x0, line.x1, line.height,
                                                    line.get_text().strip(), chars[-1].x0 if chars else line.x1))
                pages.append(_baselines(pieces))
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFTextExtractionNotAllowed):
        raise InputError("PDF 已加密或禁止提取文字，请先解除密码保护", name) from None
    except PDFSyntaxError as exc:
        raise InputError(f"PDF 文件已损坏（{exc}）", name) from None
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many private error types on broken files
        raise InputError(f"PDF 无法解析（{type(exc).__name__}）", name) from None
    return pages


def _baselines(pieces: list[_Line]) -> list[_Line]:
    """Merge pieces whose vertical extents mostly overlap (a signature and a date side by side, a 版记
    line with its date far right) into one line, left to right."""
    lines: list[list[_Line]] = []
    for piece in sorted(pieces, key=lambda p: (p.top, p.x0)):
        last = lines[-1][-1] if lines else None
        if last is not None and abs(piece.top - last.top) <= 0.5 * min(piece.size, last.size):
            lines[-1].append(piece)
        else:
            lines.append([piece])
    merged = []
    for group in lines:
        group.sort(key=lambda p: p.x0)
        text = group[0].text
        for before, after in zip(group, group[1:]):
            text += (" " if after.x0 - before.x1 > 0.5 * before.size else "") + after.text
        merged.append(_Line(group[0].top, group[0].x0, max(p.x1 for p in group), max(p.size for p in group), text,
                            group[-1].last_x0))
    return merged


@contextmanager
def _quiet():
    """pdfminer logs English warnings (and Python may warn) on odd but readable files: keep them off the
    user's terminal; what matters reaches the user as an InputError."""
    logger = logging.getLogger("pdfminer")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)
        logger.propagate = propagate


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", "".join(text.split()))


def _running_lines(pages: list[list[_Line]]) -> dict[str, float]:
    """Lines standing first or last on most pages (on both pages of two), at the same height: running
    headers and footers, by their text (digits aside) → distance from the page top."""
    if len(pages) < 2:
        return {}
    edges: Counter[tuple[str, int]] = Counter()
    for page in pages:
        edges.update({(_key(line.text), round(line.top / 4)) for line in page[:2] + page[-2:]})
    needed = len(pages) if len(pages) == 2 else len(pages) * 0.6
    return {key: zone * 4 for (key, zone), count in edges.items() if count >= needed}


def _is_running(line: _Line, index: int, count: int, repeated: dict[str, float]) -> bool:
    """A running header or footer: a repeated line at a page edge, where the others stand (so a signature
    that repeats the header's words at the end of the report stays)."""
    key = _key(line.text)
    return (key in repeated and (index < 2 or index >= count - 2) and abs(line.top - repeated[key]) <= 6)
