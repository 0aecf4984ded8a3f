"""The front of a report as people save or copy it from a government site.

Before the report's own text stand site banners (返回首页, 无障碍, 字号：大 中 小), a metadata block
(索引号/发文机关/成文日期/标题/发文字号/发布时间, as a table, bullets, pipes or spaced labels), time and
source lines, tags or dates glued onto the title, a 文号 line, an addressee, and sometimes a cover letter or a
news lead. This module tells those apart: the metadata is kept as `PageMeta`, the furniture is left out of the
report's body, and the report's title is the last title line before the body (so a cover letter's or a
news lead's own title does not win).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..document.normalize import GLOSS_FILLER, compact
from ..vocabulary import Vocabulary, words_pattern
from .meta import ORG_SUFFIX, PARTY_BODY
from .places import TOWN
from .model import PageMeta, Span

HEAD_LIMIT = 4000      # characters searched for the front matter
_MAX_LINE = 200        # a metadata or banner line is shorter than this
_MAX_TITLE = 90

# Metadata labels → PageMeta field (None: furniture with no use to the audit).
_LABELS = {
    "索引号": "index_no", "发文机关": "issuer", "发布机关": "issuer", "发文单位": "issuer", "发布机构": "issuer",
    "发布单位": "issuer", "所属机构": "issuer", "成文日期": "written", "成文时间": "written", "标题": "title",
    "文件名称": "title", "名称": "title", "发文字号": "doc_number", "文号": "doc_number", "发布日期": "published",
    "发布时间": "published", "公开日期": "published", "公开时间": "published", "发文日期": "written",
    "信息来源": "source", "文章来源": "source", "来源": "source", "时间": "published", "日期": "published",
    "主题分类": None, "体裁分类": None, "组配分类": None, "公文种类": None, "信息分类": None, "主题词": None,
    "公开方式": None, "公开范围": None, "有效性": None, "生效日期": None, "废止日期": None, "浏览次数": None,
    "访问次数": None, "点击数": None, "阅读数": None, "作者": None, "责任编辑": None, "编辑": None,
    "字号": None, "字体": None, "分类": None, "服务对象": None, "统一编号": None, "登记号": None,
    "生成日期": "written", "关键词": None, "公开形式": None, "责任部门": None, "是否有效": None,
    "信息索引号": "index_no", "责任科室": None, "公开时限": None, "文件编号": "doc_number",
    "阅读量": None, "访问量": None, "浏览量": None, "点击量": None, "时效性": None,
    "更新时间": "published", "更新日期": "published",   # as 时间 read them when they stood apart
    "中文名": "title",      # an encyclopedia mirror's infobox (基本介紹 / • 中文名:……報告 / • 發布單位:…)
}
_NONE = {"无", "暂无", "-", "—", "/"}      # a table's way of saying a cell is empty
_LABEL = re.compile(
    # spaced out (索 引 号) or, on a mirror site, broken by glosses' fillers (发⁠⁠布机⁠⁠构)
    "(?:" + "|".join(r"[ \t\u2060]*".join(label) for label in sorted(_LABELS, key=len, reverse=True)) + ")"
)
# A bulleted "• 内容分类: …" line of a disclosure page's block, whatever its label.
_ANY_FIELD = re.compile(r"\s*[•·]\s*[\u4e00-\u9fa5/]{2,10}\s*[:|]")
# a saved table's row ("| 索引号 | 6207…/2026-00002 | 发文字号 | … |") opens with a bar
_LABEL_AT_START = re.compile(r"[•·\-*>|\s]*(" + _LABEL.pattern + r")[ \t\u2060]*(?:[:|]|$)")
# a later label on the same line, also glued to the value before it (table cells saved without a gap:
# "…/2024-00012发文机关：保定市人民政府")
_LABEL_IN_LINE = re.compile(r"(" + _LABEL.pattern + r")[ \t\u2060]*[:|]")
# a table row saved as text, cells apart by spaces only: "责任部门 塘栖镇 公开形式 主动公开" (two labels at least)
_LABEL_SPACED = re.compile(r"(?:^|(?<=\s))(" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")[ \t]+(?=\S)")

_DATE_TIME = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
                        r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*星期[一二三四五六日天])?")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,12}\s*[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*\d{1,4}\s*号")
# A title ends with its genre, 报告 (or names the subject without it: 2024年度法治政府建设情况), possibly
# inside 《》 (a page that quotes the document's title after its 文号).
# …报告, …报告（全文）, 塘栖镇法治政府建设年度报告(2024年度)
_TITLE_END = re.compile(r"(?:报告|法治政府建设(?:工作)?情况|(?:法治政府建设|依法行政)(?:工作)?总结)》?"
                        r"(?:\s*[(（【\[](?:全文|摘要|正文|文字版|图文|(?:19|20)\d{2}年度?)[)）】\]])?$")
_NUMBERED = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、])")
_SENTENCE = re.compile(r"[。;!?《]|[,][^,]*[,]")
_LEVEL_ONE = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分)")
_HAN = re.compile(r"[\u4e00-\u9fa5]")
DEFAULT_FURNITURE = Vocabulary().page_furniture


_ADDRESS = r"www\.|https?://|\.com|\.cn|公网安备|ICP备"
_HAS_ADDRESS = re.compile(_ADDRESS)


@lru_cache(maxsize=8)
def _furniture(words: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The banner test and the furniture stripped from a title's head, for the ruleset's furniture words; the
    last leaves out a site's address or 备案号 (a line without www., http, .cn … has none, and looking for one
    is the slow part: it reads on through the whole line)."""
    alternatives = words_pattern(words)
    banner = re.compile(alternatives + r"|首页\s*[>»/|]|【[^】]{0,8}】|\[[^\]]{0,8}\]")

    def head(address: str) -> re.Pattern:
        return re.compile(
            r"^(?:\s*(?:【[^】]{1,12}】|\[[^\]]{1,12}\]|" + alternatives + r"|首页|政策解读(?=[\u4e00-\u9fa5]{6})|"
            r"标\s*题\s*[:|]?|" + address +
            r"[\u4e00-\u9fa5]{1,12}\s*[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*\d{1,4}\s*号|《)\s*)+")

    return banner, head(r"[^\n]*?(?:" + _ADDRESS + r")[A-Za-z0-9./:\-]*\s*\d*号?|"), head("")


_TITLE_FURNITURE_TAIL = re.compile(
    # …报告(全文), …报告(农法日记): a bracketed tag of the page or the account that reposted it
    r"(?:\s*(?:[(（]?" + _DATE_TIME.pattern + r"[)）]?|【[^】]{0,12}】|\[[^\]]{0,12}\]|[(（](?:全文|摘要|正文)[)）]"
    r"|(?<=报告)[(（][\u4e00-\u9fa5]{2,8}[)）]"
    r"|[(（][\u4e00-\u9fa5]{1,12}\s*[〔\[【]\s*(?:19|20)\d{2}\s*[〕\]】]\s*\d{1,4}\s*号[)）]"     # …报告(潭县自然资字〔2025〕79号)
    r"|发布时间.*|来源.*|[\u4e00-\u9fa5]{2,20}(?:局|厅|委员会|政府|办公室|部)(?=\s+(?:19|20)\d{2})"
    # the next cell's label, its value on the next line: "中共双牌县教育局党组2024年度……报告 - 文号:"
    r"|(?<=\s)[-|•·]?\s*(?:" + _LABEL.pattern + r")[ \t]*[:：]))+\s*$"
)


# The last character _TITLE_FURNITURE_TAIL can end on, but for the free text after 发布时间 or 来源: a date's or a
# time's digit, 日, a weekday (星期一 … 星期天), or a closing bracket.
_FURNITURE_TAIL_LAST = frozenset("日一二三四五六天)）】]:：")


def _may_end_in_furniture(chunk: str) -> bool:
    """Whether _TITLE_FURNITURE_TAIL can match `chunk` at all. Its search tries every start position, which makes
    it the costliest step of reading the front; most lines (a title ending in 报告, a sentence ending in 。) are
    ruled out here by their last character alone."""
    last = chunk.rstrip()[-1:]
    return last in _FURNITURE_TAIL_LAST or last.isdecimal() or "发布时间" in chunk or "来源" in chunk


@dataclass(frozen=True)
class Front:
    title: Span | None
    doc_number: Span | None
    body_start: int
    meta: PageMeta
    meta_title: Span | None          # where the metadata block's 标题 value stands


@dataclass
class _Line:
    span: Span
    text: str
    kind: str = "text"               # meta | banner | doc_number | text
    opens_line: bool = True          # False for a later piece of a flattened line


def read_front(text: str, lines: list[Span], body_end: int, furniture: tuple[str, ...] = DEFAULT_FURNITURE) -> Front:
    """The front matter among the leading `lines` (stripped line spans). Without a line ending like a report
    title, the title is None (the plain title heuristics apply, after the metadata block if the page opens
    with one) and the metadata read is kept (发布机构 names the issuer of an untitled report)."""
    head = [_Line(span, text[span.start:span.end], opens_line=_opens_line(text, span.start))
            for span in lines if span.start < min(body_end, HEAD_LIMIT)]
    values: dict[str | None, tuple[str, Span]] = {}   # None: a known label whose value is not kept
    # a label alone on its line, (its key,): its value is the next line, whether kept or not (• 公开方式: /
    # 主动公开 is no line of the title below it)
    pending: tuple[str | None] | None = None
    for line in head:
        if pending and not _LABEL_AT_START.match(line.text) and not _titles_line(line.text, furniture):
            values.setdefault(pending[0], (line.text.strip(), line.span))
            line.kind, pending = "meta", None
            continue
        pending = None
        found = _meta_pairs(line)
        if found is None:
            found = _dated_source(line)
        if found is not None:
            line.kind = "meta"
            for key, value, span in found:
                if value in _NONE:
                    continue            # the cell says it is empty: no value, none to come on the next line
                if value:
                    values.setdefault(key, (value, span))
                elif len(found) == 1 and not line.text.lstrip().startswith("|"):
                    pending = (key,)    # not an empty cell of a table or of a row of labels
        elif _is_banner(line.text, furniture) or _ANY_FIELD.match(line.text):
            line.kind = "banner"
        elif "号" in line.text and _DOC_NUMBER.fullmatch(compact(line.text)):
            line.kind = "doc_number"
    title, last = _report_title(text, head, furniture)
    meta = PageMeta(**{key: value for key, (value, _) in values.items() if key})
    meta_title = values.get("title", (None, None))[1]
    if title is None:
        glued = _glued_title(text, head, furniture) or _announced_title(text, head)
        if glued:
            return Front(title=glued[0], doc_number=None, body_start=glued[1], meta=meta, meta_title=meta_title)
        if meta_title is None:
            return Front(title=None, doc_number=None, body_start=_after_leading_meta(head), meta=meta,
                         meta_title=None)
        last = max(i for i, line in enumerate(head) if line.kind == "meta")
    doc_number = next((line.span for line in head if line.kind == "doc_number"), None)
    if doc_number and not meta.doc_number:
        meta = _with(meta, doc_number=compact(text[doc_number.start:doc_number.end]))
    after = last + 1
    # a time/source line or a 文号 right under the title, or its byline: 湖南省农业农村厅 / （2024年1月31日）
    while after < len(head):
        byline = _BYLINE.fullmatch(head[after].text) if head[after].kind == "text" else None
        if head[after].kind not in ("meta", "banner", "doc_number") and not byline:
            break
        if byline and byline.group("body") and not meta.issuer:
            meta = _with(meta, issuer=byline.group("body"))      # the document's own signature line
        after += 1
    body_start = head[after].span.start if after < len(head) else head[last].span.end
    return Front(title=title, doc_number=doc_number, body_start=body_start, meta=meta, meta_title=meta_title)


# (2025年5月29日在杭州市第十四届人民代表大会常务委员会第二十七次会议上): the session a report was given to
_BYLINE = re.compile(rf"\s*(?:(?P<body>(?:中共)?[\u4e00-\u9fa5]{{2,30}}?{ORG_SUFFIX})"
                     rf"|[(（]\s*{_DATE_TIME.pattern}\s*(?:在[^()（）\n]{{2,60}}会议上)?\s*[)）])\s*")


def _after_leading_meta(head: list[_Line]) -> int:
    """Where the text starts after the metadata lines and banners (更换或升级浏览器以获得最佳体验, 您当前的位置:
    首页> …) that open the page; the page's start when it opens otherwise."""
    at = 0
    while at < len(head) and head[at].kind in ("meta", "banner", "doc_number"):
        at += 1
    # a line naming a document (【文字解读】《…的报告》) says what the page is: it stays in the text
    if at == 0 or (not any(line.kind == "meta" for line in head[:at]) and any("《" in line.text for line in head[:at])):
        return head[0].span.start if head else 0
    return head[at].span.start if at < len(head) else head[-1].span.end


def _opens_line(text: str, start: int) -> bool:
    """Whether only blanks stand before `start` on its line: looked for, not sliced, since every piece of a
    flattened line would copy the line up to itself."""
    return (start == 0 or text[start - 1] == "\n"
            or not _NON_SPACE.search(text, text.rfind("\n", 0, start) + 1, start))


_NON_SPACE = re.compile(r"\S")


# "2026-01-20 17:01  |  武汉市水务局": a page's time and source without their labels
_DATED_SOURCE = re.compile(r"\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
                           r"\s*[|｜]\s*([\u4e00-\u9fa5]{2,30})\s*$")


def _dated_source(line: _Line) -> list[tuple[str | None, str, Span]] | None:
    found = _DATED_SOURCE.match(line.text)
    if not found:
        return None
    return [("source", found.group(1), Span(line.span.start + found.start(1), line.span.start + found.end(1)))]


def _meta_pairs(line: _Line) -> list[tuple[str | None, str, Span]] | None:
    """Label/value pairs of a metadata line (`索引号：… 发文机关：…`, `• 标题: …`, `标 题 | …`), or None."""
    if len(line.text) > _MAX_LINE:
        return None
    first = _LABEL_AT_START.match(line.text)
    if first is None and (named := _SITE_THEN_LABEL.match(line.text)):
        first = _LABEL_IN_LINE.match(line.text, named.end())     # 杭州网  发布时间:2025-05-28: the site, a label
    if first is None:
        marks = list(_LABEL_SPACED.finditer(line.text))
        if len(marks) < 2 or marks[0].start() != len(line.text) - len(line.text.lstrip()):
            return None
    else:
        marks = list(_LABEL_IN_LINE.finditer(line.text))
        if not marks or marks[0].start(1) != first.start(1):
            marks.insert(0, first)
    pairs = []
    for index, mark in enumerate(marks):
        stop = marks[index + 1].start(1) if index + 1 < len(marks) else len(line.text)
        raw = line.text[mark.end():stop]
        value = raw.strip(" \t|•·:")
        offset = line.span.start + mark.end() + (raw.find(value) if value else 0)
        key = _LABELS[re.sub(r"[\s\u2060]+", "", mark.group(1))]
        pairs.append((key, _clean_value(value), Span(offset, offset + len(value))))
    return pairs


# a site's name before the first label of a line, apart from it by spaces: 杭州网  发布时间:……
_SITE_THEN_LABEL = re.compile(r"\s*[\u4e00-\u9fa5]{2,10}(?:网|报|台|在线|客户端)[ \t\u3000]{1,4}(?=\S)")


def _clean_value(value: str) -> str:
    value = re.sub(r"\s*(?:【[^】]*】?|\[[^\]]*\]?)\s*", " ", value)   # 【打印】 【字体: …
    value = re.sub(r"\s*[】\]].*", "", value)        # the end of a box the label opened: 【发布日期:2024-03-11 】 关闭
    return re.sub(r"\s+", " ", value.replace(GLOSS_FILLER, "")).strip(" |")


# 【普法工作总结】为增强……工作。现将……如下: a tag before a sentence heads text, unlike 【打印】【字体:大 中 小】
_TAGGED_SENTENCE = re.compile(r"\s*【[^】]{1,12}】[^。【]{10,}。")


def _is_banner(line: str, furniture: tuple[str, ...]) -> bool:
    if len(line) > 80 or _TAGGED_SENTENCE.match(line):
        return False
    if not _HAN.search(line) or _DATE_TIME.fullmatch(line.strip()):
        return True
    if _may_title(line) and _TITLE_END.search(_trim_title(line, furniture)[2]):
        return False
    return bool(_furniture(furniture)[0].search(line)) or bool(_DATE_TIME.search(line) and len(line) <= 30
                                              and not _DOC_NUMBER.search(line))


def _report_title(text: str, head: list[_Line], furniture: tuple[str, ...]) -> tuple[Span | None, int]:
    """The last line ending like a report title before the body's first level-one heading, joined with the
    one or two short lines above it that it continues (`X市人民政府` / `关于2023年度…的报告`)."""
    titles: list[int] = []
    for index, line in enumerate(head):
        if titles and _LEVEL_ONE.match(line.text):
            break
        # a piece inside a flattened line ("… 链接地址 法治政府建设年度报告 …") is a title only where it opens it
        if line.kind in ("text", "banner") and line.opens_line and _titles_line(line.text, furniture):
            titles.append(index)
    if not titles:
        return None, -1
    # a subtitle under the title (——我省法治政府建设进入发展新阶段暨……报告) is not the title
    while len(titles) > 1 and _SUBTITLE.match(head[titles[-1]].text):
        titles.pop()
    printed = candidate = titles[-1]
    # a title printed twice on two lines (灵寿县人民政府 / 关于……报告 / 关于……报告): the first copy is the one
    # its issuer's line above continues; the text starts after the second
    while candidate - 1 in titles and head[candidate - 1].text.strip() == head[candidate].text.strip():
        candidate -= 1
    first = candidate
    while first > 0 and candidate - first < 2 and _continues(text, head[first - 1], head[first], furniture):
        first -= 1
    start, end, core = _trim_title(text[head[first].span.start:head[candidate].span.end], furniture)
    base = head[first].span.start
    # the page's headline may name the body the document's own title leaves to its signature:
    # 湖南省农业农村厅2023年法治政府建设年度报告 over 2023年法治政府建设年度报告 / 湖南省农业农村厅
    own = compact(core)
    for line in (head[index] for index in titles if index < first):
        headline_start, headline_end, headline = _trim_title(line.text, furniture)
        longer = compact(headline)
        if len(longer) > len(own) and longer.endswith(own) and not re.search(r"[:：]", longer):
            return Span(line.span.start + headline_start, line.span.start + headline_end), printed
    return Span(base + start, base + end), printed


_BODY_OPENS = re.compile(r"(?:19|20)\d{2}\s*年(?:度|以来)?\s*[,，]|(?:[区县市省州旗]|人民)?政府\s*[:：]|[一二三四五六七八九十]、")


_ANNOUNCED = re.compile(r"现将《(?P<title>[^《》]{6,60})》"
                       r"|《(?P<file>[^《》]{6,60}?)\s?\.(?:docx?|pdf|wps)》由会员分享"   # a document-sharing site's
                       r"|^\s*《(?P<entry>[^《》]{6,60})》是")     # an encyclopedia's entry: 《……报告》是2019年……发布的


def _announced_title(text: str, head: list[_Line]) -> tuple[Span, int] | None:
    """An untitled page that opens by announcing the report (……要求,现将《临沧市文化和旅游局2025年度法治政府建设
    情况报告》予以公布。, 《……报告.docx》由会员分享,可在线阅读, or an encyclopedia's 《……报告》是……发布的): the title is
    the one it quotes, and the text starts on the next line."""
    for index, line in enumerate(head[:3]):
        found = _ANNOUNCED.search(line.text)
        if found is None:
            continue
        group = next(name for name in ("title", "file", "entry") if found.group(name))
        if _TITLE_END.search(found.group(group)):
            title = Span(line.span.start + found.start(group), line.span.start + found.end(group))
            return title, head[index + 1].span.start if index + 1 < len(head) else line.span.end
    return None


def _glued_title(text: str, head: list[_Line], furniture: tuple[str, ...]) -> tuple[Span, int] | None:
    """A title run into the body on one line, as copies that lost their newlines have it:
    "…湖北省人民政府关于2023年度法治政府建设情况的报告2023年,省政府坚持…" → the title and where the body starts."""
    first = next((line for line in head if line.kind == "text" and not _FILE_NAME.search(line.text.strip())), None)
    if first is None or not first.opens_line:
        return None
    base = first.span.start
    line_end = text.find("\n", base)
    line = text[base:line_end if line_end != -1 else len(text)]
    boundary = _BODY_OPENS.search(line, 6, 160) if len(line) > _MAX_TITLE else None
    if not boundary:
        return None
    zone = re.sub(r"^\s*\d{1,2}[、.]\s*", lambda m: " " * len(m.group()), line[:boundary.start()])  # a list number
    lead = len(zone) - len(zone.lstrip())
    half = (len(zone) - lead) // 2
    if half and zone[lead:lead + half] == zone[lead + half:]:
        zone = zone[:lead + half]                 # the title printed twice
    start, end, core = _trim_title(zone, furniture)
    if "报告" not in core or len(core) > _MAX_TITLE or _SENTENCE.search(core) or len(core) < 8:
        return None
    return Span(base + start, base + end), base + boundary.start()


# a breadcrumb (首页 > 政务公开 > 法治政府建设报告): its last crumb is the site's column, not the title
_BREADCRUMB = re.compile(r"(?:首页|当前位置|您的位置|现在位置)\s*[:：]?\s*[>»＞]|[>»＞][^>»＞]*[>»＞]")


def _titles_line(line: str, furniture: tuple[str, ...]) -> bool:
    if not _may_title(line) or _BREADCRUMB.search(line):
        return False
    _, _, core = _trim_title(line, furniture)
    if _NUMBERED.match(core):
        return False      # "一、2024年法治政府建设情况" is the first section's heading
    if any(core.count(close) > core.count(opening) for opening, close in _BRACKETS):
        return False      # the end of a sentence begun on the line above: 年)》的要求,现报告
    if _FILE_NAME.search(core):
        return False      # a document-sharing site's file name above the text: ……建设情况.docx
    return (len(core) <= _MAX_TITLE and bool(_TITLE_END.search(core)) and not _SENTENCE.search(core)
            and len(_HAN.findall(core)) >= 6)


_BRACKETS = (("《", "》"), ("(", ")"), ("（", "）"))
_SUBTITLE = re.compile(r"\s*(?:—|--)")
_FILE_NAME = re.compile(r"\.(?:docx?|pdf|wps|txt)$", re.IGNORECASE)


def _may_title(line: str) -> bool:
    """Whether a title (trimmed of its furniture) can end like _TITLE_END in `line`: not without 报告, 情况 or
    总结, which rules out most lines before trimming them."""
    return "报告" in line or "情况" in line or "总结" in line


def _complete(line: str, furniture: tuple[str, ...]) -> bool:
    """A title line that names its issuer or place first (应急管理部2019年……报告) continues nothing."""
    from .places import is_central, leading_places

    core = compact(_trim_title(line, furniture)[2])
    body = re.match(r"[\u4e00-\u9fa5]{2,20}?(?:部|总局|署)", core)
    return (bool(leading_places(core)) or bool(body and is_central(body.group()))
            or bool(_TOWN_AND_YEAR.match(core)))


# a town the gazetteer does not list, named with the year: 石鼻镇2024年法治政府建设工作情况报告
_TOWN_AND_YEAR = re.compile(rf"(?!关于){TOWN}(?:19|20)\d{{2}}年")


def _continues(text: str, above: _Line, line: _Line, furniture: tuple[str, ...]) -> bool:
    """Whether a title line continues the short line `above` it (X市人民政府 / 关于2023年度…的报告)."""
    if above.kind != "text" or not _title_part(above.text) or not _adjacent(text, above.span.end, line.span.start):
        return False
    prefix = above.text.strip()
    # a line naming its issuer first continues nothing, but the Party body it reports jointly with
    if _complete(line.text, furniture) and not _PARTY_LINE.match(prefix):
        return False
    # a line opening 关于 continues only its issuer's name, not a site's (环球国际)
    return not line.text.lstrip().startswith("关于") or bool(_ISSUER_LINE.search(prefix))


_PARTY_LINE = re.compile(rf"{PARTY_BODY}$")
_ISSUER_LINE = re.compile(rf"(?:{ORG_SUFFIX}|党组|[省市县区州旗镇乡]|街道)$")    # a body's or a place's name


def _adjacent(text: str, end: int, start: int) -> bool:
    """Two lines with at most one blank line between them (a page may set each title line as a paragraph)."""
    return start - end <= 2 or (not text[end:start].strip() and text.count("\n", end, start) <= 2)


def _title_part(line: str) -> bool:
    """A short line a title may continue from: no sentence punctuation, no label, not itself a title."""
    core = line.strip()
    return (2 <= len(core) <= 40 and not re.search(r"[。;:!?,]|[A-Za-z]{3}", core) and not _TITLE_END.search(core)
            and not _LABEL.match(core) and not _BREADCRUMB.search(core)      # 时效性有效; > 陇西动态 > 政务公告
            and bool(re.search(r"[\u4e00-\u9fa5]{2}", compact(core))))  # 青 海 省


def _trim_title(chunk: str, furniture: tuple[str, ...]) -> tuple[int, int, str]:
    """The title inside a line that carries banners, tags or a date: (start, end, title)."""
    _, with_address, without_address = _furniture(furniture)
    head = (with_address if _HAS_ADDRESS.search(chunk) else without_address).match(chunk)
    start = head.end() if head else 0
    tail = _TITLE_FURNITURE_TAIL.search(chunk, start) if _may_end_in_furniture(chunk) else None
    end = tail.start() if tail and tail.start() > start else len(chunk)
    while start < end and (chunk[start].isspace() or chunk[start] in "•·#"):   # a bullet, Markdown's #
        start += 1
    if piece := _PIECE_NUMBER.match(chunk, start, end):     # 第一篇:XX市教育局……报告, on a template site
        start = piece.end()
    while end > start and (chunk[end - 1].isspace() or chunk[end - 1] in "》|｜"):
        end -= 1
    end = start + _printed_once(chunk[start:end])
    return start, end, chunk[start:end]


_PIECE_NUMBER = re.compile(r"第[一二三四五六七八九十\d]{1,3}篇\s*[:：]\s*")


def _printed_once(title: str) -> int:
    """The length of a title a page printed twice on one line ("X报告 X报告"), else the whole length."""
    half = (len(title) - 1) // 2
    if len(title) % 2 and title[half].isspace() and title[:half] == title[half + 1:]:
        return half
    return len(title)


def shown_title(raw: str, limit: int = 80) -> str:
    """A title as people read it, on one line: its lines joined without a gap where the layout broke a phrase
    (……法治政府建设 / 工作的报告, 郑州市应急管理局 / 关于……), with one between two bodies reporting jointly
    (中共长春市委 / 长春市人民政府 / 关于……) or two Latin words; letter-spacing closed up (青 海 省 卫 生 健 康 委)."""
    lines = [_LETTER_SPACED.sub(lambda m: compact(m.group()), " ".join(line.split()))
             for line in raw.splitlines() if line.strip()]
    shown = lines[0] if lines else ""
    for line in lines[1:]:
        latin = shown[-1].isascii() and line[0].isascii()
        joint = _ENDS_WITH_BODY.search(shown) and _BODY_FIRST.match(line)
        shown += (" " if latin or joint else "") + line
    return shown[:limit]


_LETTER_SPACED = re.compile(r"(?<![\u4e00-\u9fa5])[\u4e00-\u9fa5](?:[ \u3000][\u4e00-\u9fa5]){2,}(?![\u4e00-\u9fa5])")
_ENDS_WITH_BODY = re.compile(rf"(?:{ORG_SUFFIX}|{PARTY_BODY})$")
_BODY_FIRST = re.compile(rf"(?:中共)?[\u4e00-\u9fa5]{{2,30}}?(?:{ORG_SUFFIX}|{PARTY_BODY})(?:$|关于|[\s(（])")


def _with(meta: PageMeta, **changes) -> PageMeta:
    return PageMeta(**{**meta.as_dict(), **changes})
