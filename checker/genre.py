"""Is the document an annual rule-of-law report at all?

A news item about a report, a 政策解读, news of the 人大 session that heard one, a plan, an English text or a
few words are not reports, and scoring them would put them in a ranking. The ruleset's `genre:` section
holds the cues (data, not code); `judge` returns the reason a document is not a report, or None.

The judgement leans towards "report": a document is refused only on a positive cue (too little Chinese, no
word of the topic, a title or opening that names another genre). A title that reads like a report's
(…法治政府建设…报告) outweighs every opening cue, so a report wrapped in a news lead or a cover letter is
checked, and a short, truncated, untitled or badly structured report is never refused.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import regex

from .document import Document
from .document.hanzi import han_count
from .document.normalize import GLOSS_FILLER, compact, normalize_pattern
from .kinds.prefilter import may_match, required_sets
from .outline import Outline

REGEX_TIMEOUT = 0.5
WHERE = ("title", "head", "text")



@dataclass(frozen=True)
class Cue:
    reason: str                         # shown as 不像法治政府建设年度报告：<reason>
    where: str                          # "title": the title only; "head": the title and the opening;
                                        # "text": anywhere (for cues no report ever carries)
    patterns: tuple                     # compiled regexes


@dataclass(frozen=True)
class Genre:
    min_chinese: int = 20
    min_chinese_share: float = 0.3
    head_chars: int = 300
    topic: tuple = ()                   # compiled; one must occur somewhere
    report_title: tuple = ()            # compiled; a title matching one reads as a report's
    report_head: tuple = ()             # compiled; an opening matching one carries a report (全文如下)
    not_report: tuple[Cue, ...] = field(default_factory=tuple)


def judge(doc: Document, outline: Outline, genre: Genre) -> str | None:
    """Why `doc` is not an annual rule-of-law report, or None when it may be one."""
    text = doc.text
    chinese, letters = han_count(text), _letter_count(text)
    if chinese < genre.min_chinese_share * (chinese + letters / 5):   # ~5 letters a word
        return "正文主要是外文，不是中文报告"
    if chinese < genre.min_chinese:
        return f"正文只有 {chinese} 个汉字，内容过少"
    title = _plain(text[outline.title.start:outline.title.end]) if outline.title else ""
    head = title + _plain(text[outline.body.start:outline.body.start + genre.head_chars])
    if any(_search(p, head) for p in genre.report_head):
        return None      # a news lead or a cover letter followed by the report itself
    if reason := _first_cue(genre, "title", title):
        return reason
    if title and any(_search(p, title) for p in genre.report_title):
        return None
    if genre.topic and not any(_search(p, text) for p in genre.topic):
        return "通篇没有提到法治政府建设或依法行政"
    return _first_cue(genre, "head", head) or _first_cue(genre, "text", text.replace(GLOSS_FILLER, ""))


def _first_cue(genre: Genre, where: str, text: str) -> str | None:
    if not text:
        return None
    # over the whole text, a pattern whose required characters are absent is not run (prefilter)
    search = _search_long if where == "text" else _search
    return next((cue.reason for cue in genre.not_report
                 if cue.where == where and any(search(p, text) for p in cue.patterns)), None)


# Counted on encoded bytes, as han_count does: a regex over every character costs several times more.
_NOT_LETTER = bytes(b for b in range(256) if not (0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A))


def _letter_count(text: str) -> int:
    """ASCII letters: the ASCII part of the text, with every byte but a letter deleted."""
    return len(text.encode("ascii", "ignore").translate(None, _NOT_LETTER))


def _plain(text: str) -> str:
    return compact(text)


def _search(pattern, text: str) -> bool:
    try:
        return pattern.search(text, timeout=REGEX_TIMEOUT) is not None
    except TimeoutError:
        return False


def _search_long(pattern, text: str) -> bool:
    return may_match(required_sets(pattern.pattern), text, 0, len(text)) and _search(pattern, text)


# ---------------------------------------------------------------- reading the ruleset's `genre:` section

_NUMBERS = {"min_chinese": int, "min_chinese_share": float, "head_chars": int}
GENRE_FIELDS = {
    "min_chinese": "汉字少于此数时判为内容过少",
    "min_chinese_share": "汉字占文字的比例低于此数时判为外文",
    "head_chars": "开头多少字内查找 where: head 的线索",
    "topic": "正则列表：至少出现一个，否则判为与法治政府建设无关",
    "report_title": "正则列表：标题（去掉空白）符合其一即按年度报告检查，开头的线索不再适用",
    "report_head": "正则列表：开头符合其一（如“全文如下”：新闻导语或报送函后附报告全文）即按年度报告检查",
    "not_report": "线索列表：{reason, where: title|head|text, patterns}，符合即判为非年度报告（text 为全文，只用于报告里绝不会有的线索）",
}


def parse_genre(raw, base: Genre | None, fail: Callable[[tuple, str], None]) -> Genre:
    """A `genre:` mapping over `base` (a parent ruleset's): each field given replaces the parent's."""
    base = base or Genre()
    if not isinstance(raw, dict):
        fail((), "genre 必须是映射（min_chinese、topic、report_title、not_report ……）")
        return base
    values = {}
    for key, value in raw.items():
        if key not in GENRE_FIELDS:
            fail((key, "__key__"), f"genre 中的未知字段 {key}（可用：{'、'.join(GENRE_FIELDS)}）")
        elif key in _NUMBERS:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                fail((key,), f"genre.{key} 应为非负数")
            else:
                values[key] = _NUMBERS[key](value)
        elif key == "not_report":
            values[key] = tuple(_cues(value, fail))
        else:
            values[key] = tuple(_patterns(value, (key,), fail))
    return Genre(**{**base.__dict__, **values})


def _cues(raw, fail) -> list[Cue]:
    if not isinstance(raw, list):
        fail(("not_report",), "genre.not_report 应为列表")
        return []
    cues = []
    for index, item in enumerate(raw):
        at = ("not_report", index)
        if not isinstance(item, dict) or set(item) - {"reason", "where", "patterns"} or "reason" not in item:
            fail(at, "每条线索写 reason（原因）、where（title 或 head）和 patterns（正则列表）")
            continue
        if item.get("where", "head") not in WHERE:
            fail(at + ("where",), f"where 只能是 {' 或 '.join(WHERE)}")
            continue
        cues.append(Cue(str(item["reason"]), item.get("where", "head"),
                        tuple(_patterns(item.get("patterns"), at + ("patterns",), fail))))
    return cues


def _patterns(raw, at: tuple, fail) -> list:
    if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
        fail(at, "应为正则表达式列表")
        return []
    compiled = []
    for index, pattern in enumerate(raw):
        try:
            compiled.append(regex.compile(normalize_pattern(pattern)))
        except regex.error as exc:
            fail(at + (index,), f"正则表达式无效：{exc}")
    return compiled
