"""Document → Outline.

Works on the normalised text (full-width punctuation already folded to ASCII), so "（一）" and "(一)" are one
pattern. Headings are accepted only where they continue the numbering sequence, which is what lets a
flattened report (every heading inline after a space or a full stop) be read without taking "一、二级" or a
"(2021-2025年)" inside a sentence for a heading.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..document import Document
from ..document.normalize import compact
from ..vocabulary import Vocabulary, words_pattern
from .front import HEAD_LIMIT, read_front
from .meta import detect_issuer, detect_region, detect_year
from .model import DateMark, Heading, Outline, Span

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
              "〇": 0, "零": 0, "○": 0}
_CN = "一二三四五六七八九十"
# Numbering styles, outermost first, each with its number in the group <style>_n. ([一…十][一…十]{0,2} and
# \d\d? say [一…十]{1,3} and \d{1,2} in a form whose first character the regex engine can skip along to.)
_MARKERS = {
    "part": rf"第(?P<part_n>[{_CN}]{{1,3}})部分",
    "cn": rf"(?P<cn_n>[{_CN}][{_CN}]{{0,2}})[、.]",   # 二. too: a slip list-punctuation reports
    "pcn": rf"\((?P<pcn_n>[{_CN}]{{1,3}})\)",
    "ar": r"(?P<ar_n>\d\d?)(?:\.(?!\d)|、)",
    "par": r"\((?P<par_n>\d{1,2})\)",
    "circ": r"[\u2460-\u2473]",
}
_MARKER = re.compile("|".join(f"(?P<{style}>{pattern})" for style, pattern in _MARKERS.items()))
# The same, one style each: see _markers.
_MARKER_OF_STYLE = {style: re.compile(f"(?P<{style}>{pattern})") for style, pattern in _MARKERS.items()}
_STYLES = {"part": "第一部分", "cn": "一、", "pcn": "(一)", "ar": "1.", "par": "(1)", "circ": "①"}
_RANK = {name: rank for rank, name in enumerate(_STYLES)}
_INNER = {name: tuple(_STYLES)[rank + 1:] for name, rank in _RANK.items()}   # the styles numbered inside one
_BOUNDARY = set("\n 。!?;:")
_TITLE_STOP = set("\n。!?;:")
_STOP_OR_SPACE = re.compile(r"[\n。!?;:\s]")
_MAX_TITLE = 50
_FLAT_LINE = 100   # a line longer than this is treated as flattened text, split at spaces

_DATE = re.compile(
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"|(?P<cy>[〇零○一二三四五六七八九]{4})\s*年\s*(?P<cm>[一二三四五六七八九十]{1,2})\s*月\s*(?P<cd>[一二三四五六七八九十]{1,3})\s*日"
    r"|(?P<ny>\d{4})[.\-/](?P<nm>\d{1,2})[.\-/](?P<nd>\d{1,2})"
)
_ORG = re.compile(
    r"^(?:中共)?[\u4e00-\u9fa5()]{2,30}?"
    r"(?:人民政府|政府|委员会|党委|党组|委|局|厅|办公室|办|院|中心|部|署|处|站|所|队|会|组|室|司|府)"
    r"(?:\(盖章\))?$"
)
_ADDRESSEE = re.compile(r"^[\u4e00-\u9fa5()、,]{1,40}(?:委|政府|常委会|人大|局|厅|办公室|部|院|会)[:]$")
DEFAULT = Vocabulary()


@lru_cache(maxsize=8)
def _junk(words: tuple[str, ...]) -> re.Pattern:
    """The words that mark web-page furniture after (and before) the report (the ruleset's page_tail)."""
    return re.compile(words_pattern(words))


def parse_outline(doc: Document, vocabulary: Vocabulary = DEFAULT) -> Outline:
    text = doc.text
    outline = Outline()
    content_end = len(text.rstrip())
    junk = _junk(vocabulary.page_tail)
    outline.junk = _find_junk(text, content_end, junk)
    if outline.junk:
        content_end = len(text[:outline.junk.start].rstrip())
    content_end = _before_colophon(text, content_end)
    outline.date, outline.signature = _find_closing(text, content_end)
    body_end = min([s.start for s in (outline.signature, outline.date and outline.date.span) if s]
                   or [content_end])
    _find_head(text, body_end, outline, vocabulary.page_furniture, junk)
    body_start = outline.body.start
    outline.headings = _find_headings(text, body_start, body_end, _hinted_lines(doc, body_start, body_end))
    outline.year = detect_year(text, outline)
    outline.issuer = detect_issuer(text, outline)
    outline.region = detect_region(text, outline)
    return outline


def pieces(text: str, start: int, end: int) -> list[Span]:
    """Lines of text[start:end]; a flattened (very long) line is further split at whitespace."""
    result: list[Span] = []
    for line in _LINE.finditer(text, start, end):
        result.extend(_line_pieces(text, *line.span()))
    return result


def _pieces_backwards(text: str, start: int, end: int) -> Iterator[Span]:
    """reversed(pieces(text, start, end)), found one line at a time from the end, for a caller that stops early."""
    line_end = end
    while line_end > start:
        line_start = max(text.rfind("\n", start, line_end) + 1, start)
        yield from reversed(_line_pieces(text, line_start, line_end))
        line_end = line_start - 1


def _line_pieces(text: str, start: int, end: int) -> list[Span]:
    """The pieces of the line text[start:end]: the line stripped, or its words if it is a flattened one."""
    if end - start > _FLAT_LINE:
        return [Span(*word.span()) for word in _WORD.finditer(text, start, end)]
    line = text[start:end]
    stripped = line.strip()
    if not stripped:
        return []
    offset = start + len(line) - len(line.lstrip())
    return [Span(offset, offset + len(stripped))]


_LINE = re.compile(r"[^\n]+")
# a word of a flattened line; "2025 年" (a space a PDF put after a number) is one word, not a number alone
_WORD = re.compile(r"\S+(?:(?<=\d)[ \t](?=[年月日])\S+)*")      # as fast as \S+: a run first
_HAN = re.compile(r"[\u4e00-\u9fa5]")


def _find_junk(text: str, end: int, junk: re.Pattern) -> Span | None:
    """Trailing web-page furniture: a run of short pieces at the end that name page widgets."""
    tail_start = max(0, end - 2000)
    junk_start = None
    for piece in _pieces_backwards(text, tail_start, end):
        chunk = text[piece.start:piece.end]
        if len(chunk) <= 80 and (junk.search(chunk) or not _HAN.search(chunk)):
            junk_start = piece.start
            continue
        break
    if junk_start is None or not junk.search(text[junk_start:end]):
        return None
    return Span(junk_start, len(text))


# GB/T 9704 lines after the date: 附注 (此件公开发布), 版记 (抄送：……；××办公室 2025年2月21日印发).
_COLOPHON = re.compile(r"^(?:\(此件[^)]{0,12}\)|(?:抄送|主送|分送|发送)[:][^\n]*|[^\n]{0,40}印发)$")


def _before_colophon(text: str, end: int) -> int:
    """Where the report ends once the 附注 and 版记 lines after its date are left out."""
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line and not _COLOPHON.match(line):
            return end
        end = len(text[:start].rstrip())
    return end


def _find_closing(text: str, end: int) -> tuple[DateMark | None, Span | None]:
    """The 成文日期 and 发文机关署名 as the last pieces of the report. A short closing line may hold
    both side by side ("某县人民政府  2025年2月8日"), or a date written with spaces ("2025 年 2 月 8 日")."""
    tail = [part for piece in pieces(text, max(0, end - 600), end) for part in _split_short(text, piece)]
    date = None
    for count in range(1, min(6, len(tail)) + 1):
        date = _parse_date(text, Span(tail[-count].start, tail[-1].end))
        if date:
            tail = tail[:-count]
            break
    orgs = []
    for piece in reversed(tail[-3:]):
        chunk = compact(text[piece.start:piece.end])
        if _ORG.match(chunk) and not _MARKER.match(chunk):
            orgs.append(piece)
        else:
            break
    signature = Span(orgs[-1].start, orgs[0].end) if orgs else None
    return date, signature


def _split_short(text: str, piece: Span) -> list[Span]:
    if piece.end - piece.start > 60 or "\n" in text[piece.start:piece.end]:
        return [piece]
    return [Span(*word.span()) for word in _WORD.finditer(text, piece.start, piece.end)]


def _parse_date(text: str, piece: Span) -> DateMark | None:
    chunk = text[piece.start:piece.end].rstrip("。. ")
    match = _DATE.fullmatch(chunk)
    if not match:
        return None
    span = Span(piece.start, piece.start + len(chunk))
    if match.group("y"):
        y, m, d = match.group("y", "m", "d")
        style = "padded" if (m.startswith("0") or d.startswith("0")) else "arabic"
        return DateMark(span, int(y), int(m), int(d), style)
    if match.group("cy"):
        year = int("".join(str(_CN_DIGITS[c]) for c in match.group("cy")))
        return DateMark(span, year, cn_number(match.group("cm")), cn_number(match.group("cd")), "chinese")
    return DateMark(span, int(match.group("ny")), int(match.group("nm")), int(match.group("nd")), "numeric")


def _find_head(text: str, body_end: int, outline: Outline, furniture: tuple[str, ...], junk: re.Pattern) -> None:
    """Title, 文号, addressee and page metadata before the body; sets them and the body's span."""
    head = pieces(text, 0, min(body_end, HEAD_LIMIT))
    front = read_front(text, head, body_end, furniture)
    if front.title is None and front.meta_title is None:
        rest = [piece for piece in head if piece.start >= front.body_start]
        outline.title, outline.addressee, body_start = _plain_head(text, rest, junk)
        outline.meta = front.meta
        outline.body = Span(body_start, body_end)
        return
    outline.title, outline.doc_number, outline.meta = front.title or front.meta_title, front.doc_number, front.meta
    body_start = front.body_start
    first = next((p for p in head if p.start >= body_start), None)
    if first and _ADDRESSEE.match(compact(text[first.start:first.end])):
        outline.addressee, body_start = first, first.end
    outline.body = Span(min(body_start, body_end), body_end)


def _plain_head(text: str, head: list[Span], junk: re.Pattern) -> tuple[Span | None, Span | None, int]:
    """Title (up to three short leading pieces) and addressee line, for a text with no line that ends
    like a report title."""
    head = head[:]
    while head and (_is_page_furniture(text[head[0].start:head[0].end], junk)
                    or not re.search(r"[\u4e00-\u9fa5]", text[head[0].start:head[0].end])):
        head.pop(0)  # breadcrumbs, 发布时间/来源 lines, a stray "|" of a copied web page
    title_parts: list[Span] = []
    addressee = None
    for piece in head[:5]:
        chunk = text[piece.start:piece.end]
        if _ADDRESSEE.match(compact(chunk)):
            addressee = piece
            break
        complete = title_parts and "报告" in text[title_parts[-1].start:title_parts[-1].end]
        if complete or len(title_parts) == 3 or not _looks_like_title(chunk):
            break
        title_parts.append(piece)
    title = Span(title_parts[0].start, title_parts[-1].end) if title_parts else None
    body_start = max([s.end for s in (title, addressee) if s] or [head[0].start if head else 0])
    return title, addressee, body_start


def _is_page_furniture(chunk: str, junk: re.Pattern) -> bool:
    return len(chunk) <= 80 and bool(junk.search(chunk) or re.search(r"首页\s*[>»]|当前位置", chunk))


def _looks_like_title(chunk: str) -> bool:
    return (len(chunk) <= 60 and not re.search(r"[。:;,!?]", chunk) and not _MARKER.match(chunk)
            and not _DATE.match(chunk) and len(re.findall(r"[\u4e00-\u9fa5]", chunk)) >= 4)


def _hinted_lines(doc: Document, start: int, end: int) -> dict[int, int]:
    """Line starts of paragraphs a Word heading style or outline level marks (offset → level)."""
    hints = doc.meta.heading_hints
    starts = {doc.line_starts[line - 1]: level for line, level in hints.items() if line <= len(doc.line_starts)}
    return {pos: level for pos, level in starts.items() if start <= pos < end}


def _find_headings(text: str, start: int, end: int, hinted: dict[int, int] | None = None) -> list[Heading]:
    last: dict[str, int] = {}
    found: list[tuple[str, int, int, int, bool]] = []   # style, ordinal, start, title_end, inline
    for style, match in _markers(text, start, end):
        pos = match.start()
        glued = pos > start and text[pos - 1] not in _BOUNDARY
        # in text that lost its newlines "……凝聚法治共识(一)强化理论武装" still opens a subsection
        if glued and not (style == "pcn" and text[pos - 1] != "第"):
            continue
        ordinal = _ordinal(match, style)
        inline = _first_text(text, text.rfind("\n", 0, pos) + 1) < pos
        if not _continues(last.get(style, 0), ordinal, inline):
            continue
        title_end = _title_end(text, match.end(), end)
        if title_end is None or _is_numeral_list(text, match):
            continue
        last[style] = ordinal
        for other in _INNER[style]:
            last.pop(other, None)
        found.append((style, ordinal, pos, title_end, inline))
    found.extend(_styled_headings(text, hinted or {}, {f[2] for f in found}, end))
    return _with_levels(text, sorted(found, key=lambda f: f[2]), end)


def _styled_headings(text: str, hinted: dict[int, int], taken: set[int], end: int) -> list[tuple]:
    """Unnumbered paragraphs in a heading style: ranked like the numbering of their level."""
    styles = list(_STYLES)[1:]
    result = []
    for pos, level in hinted.items():
        line_end = text.find("\n", pos, end)
        line_end = end if line_end == -1 else line_end
        if pos in taken or _MARKER.match(text, pos) or not text[pos:line_end].strip():
            continue
        result.append((styles[min(level, len(styles)) - 1], 0, pos, min(line_end, pos + _MAX_TITLE), False))
    return result


def _markers(text: str, start: int, end: int) -> list[tuple[str, re.Match]]:
    """What _MARKER.finditer(text, start, end) finds, with each marker's style, found one style at a time: the
    regex engine tries the six-way alternation at every character, while it skips along to a single style's
    first character. The results are the same because no two styles' markers can start at one character or
    overlap (第 only opens 第一部分; a run of Chinese numerals ends at 、, ., ) or 部, a run of digits at . 、 or ))."""
    found = [(style, match) for style, pattern in _MARKER_OF_STYLE.items()
             for match in pattern.finditer(text, start, end)]
    found.sort(key=_match_start)
    return found


def _match_start(found: tuple[str, re.Match]) -> int:
    return found[1].start()


def _ordinal(match: re.Match, style: str) -> int:
    if style == "circ":
        return ord(match.group("circ")) - 0x2460 + 1
    number = match.group(f"{style}_n")
    return int(number) if number.isdigit() else cn_number(number)


def _continues(previous: int, ordinal: int, inline: bool) -> bool:
    """Inline headings must continue the sequence exactly; at a line start a restart or a gap of one is
    tolerated (drafts drop or renumber sections)."""
    if ordinal == previous + 1:
        return True
    return not inline and (ordinal == 1 or ordinal == previous + 2)


def _title_end(text: str, pos: int, end: int) -> int | None:
    """Where a heading's text ends: at a sentence stop, a line end or (past two characters) a space;
    a numbered paragraph with no stop in reach is cut at its first comma."""
    while pos < end and text[pos] in " :":
        pos += 1
    start, limit = pos, min(end, pos + _MAX_TITLE)
    while found := _STOP_OR_SPACE.search(text, pos, limit):
        pos = found.start()
        if text[pos] in _TITLE_STOP or (pos - start >= 2 and not _unit_spacing(text, pos)):
            break
        pos += 1
    else:
        pos = limit
    if pos == limit and limit < end:
        comma = text.find(",", start, limit)
        pos = comma if comma > start else limit
    return pos if pos - start >= 2 else None


def _first_text(text: str, line_start: int) -> int:
    """Where a line's text begins (past its indent): found by a search, not by slicing the line, which on
    a report flattened into one line would make the heading scan quadratic."""
    found = _NON_SPACE.search(text, line_start)
    return found.start() if found else len(text)


_NON_SPACE = re.compile(r"\S")


def _unit_spacing(text: str, pos: int) -> bool:
    """The space office software puts between digits and the CJK unit after them ("2025 年工作思路"):
    part of the heading, not the gap before flattened body text."""
    return text[pos - 1].isdigit() and text[pos + 1:pos + 2] in tuple("年月日号个件项次条%")


def _is_numeral_list(text: str, match: re.Match) -> bool:
    """"一、二级" or "一、二、三" inside a sentence: a numeral right after the 、 is not a heading."""
    after = match.end()
    return match.lastgroup == "cn" and after < len(text) and text[after] in _CN


def _with_levels(text: str, found: list, end: int) -> list[Heading]:
    ranks = sorted({_RANK[style] for style, *_ in found})
    level_of = {rank: level for level, rank in enumerate(ranks, 1)}
    levels = [level_of[_RANK[style]] for style, *_ in found]
    section_ends = _section_ends(levels, [f[2] for f in found], end)
    headings = []
    for index, (style, ordinal, pos, title_end, inline) in enumerate(found):
        level, section_end = levels[index], section_ends[index]
        if index + 1 < len(found):
            title_end = min(title_end, found[index + 1][2])  # a heading's text never runs into the next one
        title = text[pos:title_end]
        marker = _MARKER.match(title)
        headings.append(Heading(level=level, style=_STYLES[style] if ordinal else "标题样式", ordinal=ordinal,
                                title=title[marker.end() if marker else 0:].strip(" :"), start=pos,
                                title_end=title_end, end=section_end, inline=inline))
    return headings


def _section_ends(levels: list[int], starts: list[int], end: int) -> list[int]:
    """Where each heading's section ends: at the next heading of the same or a higher level, else at `end`.
    One backward pass that remembers, for each level, where the next heading at that level or above starts."""
    following = [end] * (max(levels, default=0) + 1)
    ends = []
    for level, start in zip(reversed(levels), reversed(starts)):
        ends.append(following[level])
        for deeper in range(level, len(following)):
            following[deeper] = start
    ends.reverse()
    return ends


def cn_number(chars: str) -> int:
    """Chinese numerals up to 99: 三 → 3, 十二 → 12, 二十一 → 21."""
    if "十" not in chars:
        value = 0
        for ch in chars:
            value = value * 10 + _CN_DIGITS[ch]
        return value
    tens, _, units = chars.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
