"""section: a required part of the report, found by its heading.

pass when a heading at an allowed level matches a variant (fuzzy) or contains every keyword group (and,
with `require_any`, names the part itself, not only generic words it shares with the variants); with
`lead_cues`, when a heading with its lead sentence reports the part; with `items`, when an enumerated item
(一是……。二是……) opens with a matching phrase; with `paragraphs`, when a paragraph's first clause matches
a lead cue. partial when the content is there in another form: thematic headings, or a body cue (an inline
paragraph); fail when neither. With `year_offset`, a heading naming the wrong year is partial.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..document.normalize import squeeze
from ..outline import Heading, Span
from .base import Context, Kind, Option, Outcome, Rule, compile_patterns, expand, search_all
from .matching import best_variant, heading_key

_HEADING_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_ITEM = re.compile(r"(?:^|(?<=[。;!?\n\s]))([一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}[,、])([^。;!?\n]{2,60})")
_LEAD = 160   # characters of a heading's lead sentence searched for `lead_cues`
_RUN_IN = 30  # the longest first sentence of a paragraph read as its run-in heading (切实履行第一责任人职责。)
_RUN_IN_LEAD = 12   # the longest sentence under a heading read as a run-in subheading before its lead
_RUN_IN_SUBHEADING = re.compile(r"[\u4e00-\u9fa5]+")    # Chinese words only: no figures, no commas
_RUN_IN_HEADING = re.compile(r"[\u4e00-\u9fa5,、]+")     # a paragraph's: words, perhaps in two halves
_CLAUSE_END = re.compile(r"[,。;]")


class SectionKind(Kind):
    NAME = "section"
    DOC = "按标题查找必备部分：标题模糊匹配（rapidfuzz + jieba）；无标题时按正文线索给“部分符合”。"
    OPTIONS = {
        "headings": Option("strings", required=True, doc="标题的各种写法（来自真实报告）"),
        "keywords": Option("string-groups", default=[], dictionary=True, doc="关键词组：标题同时含每组中的任一词即视为匹配"),
        "exclude": Option("strings", default=[], doc="标题含其中任一词则不算匹配（headings 中含该词的写法匹配上时除外，如“主要举措、成效和不足”）"),
        "levels": Option("ints", default=[1], doc="计为通过的标题层级（1 为最高一级）"),
        "threshold": Option((int, float), default=80, doc="模糊匹配的最低分（0–100）"),
        "partial_headings": Option("strings", default=[], doc="主题式标题：任一级标题与之相似则为部分符合"),
        "partial_cues": Option("patterns", default=[], doc="正文线索（正则）：无标题但正文出现则为部分符合"),
        "year_offset": Option(int, default=None, doc="标题中的年份应为报告年度加此数"),
        "optional": Option(bool, default=False, doc="可选部分：缺失时为 skip 而非 fail"),
        "not_within": Option("strings", default=[], refers="scope", doc="位于这些规则所找到部分之内的标题不算（如下一年度安排中的同名条目）"),
        "require_any": Option("strings", default=[], doc="通过的标题须含其中任一词（去掉年份后的标题或原标题）：只与标题写法共享“法治政府建设”“工作”等泛泛的词不算"),
        "unlisted_thematic": Option(bool, default=False, doc="不含 exclude 中任何词的一级标题也视为主题式标题（部分符合）：正文以编号的工作部分开篇时不判不符合"),
        "lead_cues": Option("patterns", default=[], doc="任一级标题连同其后第一句符合其一（正则）时，该标题即为专门部分（通过），如“（二）……。市政府主要负责同志认真履行……第一责任人职责”“（二）压实法治责任。严格落实……第一责任人职责”"),
        "items": Option(bool, default=False, doc="“一是……。二是……”“第一，……第二，……”条目的首句也按标题匹配（通过时证据为该条目）"),
        "paragraphs": Option(bool, default=False, doc="段落的第一个分句符合 lead_cues 之一，或段首的短句（30 字以内，以句号结束）像条目一样与标题写法相符，或段首短句之后的一句符合 lead_cues 之一时，该段即为专门部分（通过），如没有标题的报告中“市委、市政府主要负责同志积极履行……第一责任人职责，……”一段、“全面落实法治建设第一责任人职责。……”一段、“突出组织领导，压实法治建设主体责任。坚决贯彻党政主要负责人……第一责任人职责……”一段"),
    }
    OUTCOMES = {"heading": "pass", "wrong_year": "partial", "thematic": "partial", "cue": "partial",
                "missing": "fail", "absent": "skip"}
    VALUES = {"count": "thematic：主题式一级标题的个数", "heading_year": "wrong_year：标题中写的年份",
              "expected_year": "wrong_year：应写的年份（报告年度 + year_offset）"}
    WORKED_EXAMPLE = "problems"

    def prepare(self, options, fail):
        compile_patterns(options["partial_cues"], "partial_cues", fail)
        compile_patterns(options["lead_cues"], "lead_cues", fail)
        options["_variant_keys"] = tuple(heading_key(v) for v in options["headings"])   # tuples: cache keys
        options["_partial_keys"] = tuple(heading_key(v) for v in options["partial_headings"])
        return options

    def evaluate(self, rule: Rule, ctx: Context) -> Outcome:
        opts = rule.options
        words = ctx.dictionary
        headings = ctx.outline.headings
        excluded = [span for rule_id in opts["not_within"] if (span := ctx.scope(rule_id))]
        candidates = [h for h in headings if not any(s.start <= h.start < s.end for s in excluded)]
        found = self._best_heading(candidates, opts, words, opts["_variant_keys"], opts["levels"])
        if found:
            return self._heading_outcome(found, opts, ctx)
        dedicated = (self._lead_outcome(candidates, opts, ctx, rule.id) or self._item_outcome(opts, ctx, excluded, rule.id)
                     or self._paragraph_outcome(opts, ctx, excluded, rule.id))
        if dedicated:
            return dedicated
        thematic = [h for h in headings if h.level == 1 and self._thematic(h, opts, words)]
        if thematic:
            return Outcome("thematic", [Span(h.start, h.title_end) for h in thematic[:3]],
                           Span(thematic[0].start, thematic[-1].end), {"count": len(thematic)})
        cue = self._first_cue(opts["partial_cues"], ctx, rule.id)
        if cue:
            return cue
        return Outcome("absent" if opts["optional"] else "missing")

    @staticmethod
    def _thematic(heading: Heading, opts: dict, words) -> bool:
        key = heading_key(heading.title)
        if opts["_partial_keys"] and best_variant(key, opts["_partial_keys"], words)[0] >= opts["threshold"]:
            return True
        return opts["unlisted_thematic"] and len(key) >= 2 and not any(word in key for word in opts["exclude"])

    @staticmethod
    def _lead_outcome(headings: list[Heading], opts: dict, ctx: Context, rule_id: str) -> Outcome | None:
        """A heading whose lead sentence reports the part: "（二）强化组织保障。市政府主要负责同志认真履行……"."""
        if not opts["lead_cues"]:
            return None
        starts = [h.start for h in ctx.outline.headings]      # in order of position already
        for heading in headings:   # at any level: "1.强化党的领导。委主要负责人带头履行……" is one too
            text, start = ctx.doc.text, heading.title_end
            while start < heading.end and text[start] in "。:. \n":
                start += 1
            # the lead is the heading's own: it stops where a subheading begins ("一、工作情况\n（一）……")
            after = bisect_right(starts, heading.start)
            limit = min(heading.end, start + _LEAD, starts[after] if after < len(starts) else heading.end)
            headed = Span(heading.start, _lead_end(text, start, limit))   # the heading and its lead sentence
            if cue := _cued(opts, ctx, headed, rule_id):
                return Outcome("heading", [_through(ctx, headed, cue)], Span(heading.title_end, heading.end))
        return None

    def _item_outcome(self, opts: dict, ctx: Context, excluded: list[Span], rule_id: str) -> Outcome | None:
        """An enumerated item that opens with the part ("二是切实履行法治建设第一责任人职责。") or whose next
        sentence reports it (lead_cues). Read on the folded text, so watermarks and glosses do not split it."""
        if not opts["items"]:
            return None
        doc, body = ctx.doc, ctx.outline.body
        folded, _ = doc.folded
        start, end = doc.folded_range(body.start, body.end)
        for match in _ITEM.finditer(folded, start, end):
            item_start, _ = doc.unfold(match.start(1), match.end(1))
            if any(s.start <= item_start < s.end for s in excluded):
                continue
            phrase = match.group(2).split(",")[0]
            label = Span(item_start, doc.unfold(match.start(2), match.start(2) + len(phrase))[1])
            if self._names_part(phrase, label, opts, ctx, style="一是"):
                return Outcome("heading", [label], ctx.paragraph(item_start))
            lead_start, limit = doc.unfold(match.start(2), match.end(2))[1], min(body.end, label.end + _LEAD)
            stop = doc.text.find("。", lead_start + 1, limit)
            headed = Span(label.start, stop if stop != -1 else limit)     # the item and its next sentence
            if cue := _cued(opts, ctx, headed, rule_id):
                return Outcome("heading", [_through(ctx, headed, cue)], ctx.paragraph(item_start))
        return None

    def _paragraph_outcome(self, opts: dict, ctx: Context, excluded: list[Span], rule_id: str) -> Outcome | None:
        """A paragraph whose first clause reports the part (lead_cues: "市委、市政府主要负责同志积极履行……
        第一责任人职责，"), or that opens with a run-in heading naming it, as an item would ("全面落实法治建设
        第一责任人职责。西兴街道党政主要负责人……"), or whose run-in heading's next sentence reports it, as a
        heading's lead would ("突出组织领导，压实……主体责任。坚决贯彻党政主要负责人……第一责任人职责"): in a
        report without headings, or between them, the paragraph is the dedicated part. Only the first clause
        otherwise: "全年办案12件，市政府主要负责同志……" is a mention."""
        if not opts["paragraphs"]:
            return None
        doc, body = ctx.doc, ctx.outline.body
        headed = {h.start for h in ctx.outline.headings}
        for start in doc.line_starts:
            if not body.start <= start < body.end or start in headed or any(s.start <= start < s.end for s in excluded):
                continue
            end = doc.text.find("\n", start, body.end)
            paragraph = Span(start, end if end != -1 else body.end)
            clause = _CLAUSE_END.search(doc.text, start, min(paragraph.end, start + _LEAD))
            lead = Span(start, clause.start() if clause else min(paragraph.end, start + _LEAD))
            if lead.end <= lead.start:
                continue
            if clause and clause.group() == "。" and lead.end - lead.start <= _RUN_IN \
                    and self._names_part(doc.text[lead.start:lead.end], lead, opts, ctx, style="段首"):
                return Outcome("heading", [lead], paragraph)
            if not opts["lead_cues"]:
                continue
            cue = _cued(opts, ctx, lead, rule_id)
            if not cue:   # the sentence after a run-in heading, read as a heading's lead is
                run_in = _after_run_in(doc.text, start, min(paragraph.end, start + _RUN_IN + 1 + _LEAD), _RUN_IN,
                                       _RUN_IN_HEADING)
                cue = _cued(opts, ctx, Span(start, run_in), rule_id) if run_in else None
            if cue:
                return Outcome("heading", [_through(ctx, Span(start, paragraph.end), cue)], paragraph)
        return None

    def _names_part(self, title: str, span: Span, opts: dict, ctx: Context, style: str) -> bool:
        """Whether an item's opening phrase or a paragraph's run-in heading names the part, matched as a
        heading's title is."""
        heading = Heading(level=opts["levels"][0], style=style, ordinal=0, title=title, start=span.start,
                          title_end=span.end, end=span.end, inline=True)
        return self._best_heading([heading], opts, ctx.dictionary, opts["_variant_keys"], opts["levels"]) is not None

    @staticmethod
    def _best_heading(headings: list[Heading], opts: dict, words, keys, levels) -> Heading | None:
        best, best_score = None, 0.0
        exclude, require_any = opts["exclude"], opts["require_any"]
        keywords, threshold = opts["keywords"], opts["threshold"]
        for heading in headings:
            if heading.level not in levels:
                continue
            key = heading_key(heading.title)
            value, variant = best_variant(key, keys, words)
            # an excluded word is let in by a variant that names it too: 主要举措、成效和不足 is one heading
            blocked = [word for word in exclude if word in key]
            if blocked and not (value >= threshold and variant and all(word in variant for word in blocked)):
                continue
            # read on the title as written too, where the year still stands ("2025年重点工作")
            if require_any and not (any(word in key for word in require_any)
                                    or _names_any(heading.title, require_any)):
                continue
            if keywords and all(any(k in key for k in group) for group in keywords):
                value = max(value, threshold)
            # prefer the outer level on ties: a part heading over a subsection that echoes it
            value -= 0.01 * heading.level
            if value >= threshold - 0.1 and value > best_score:
                best, best_score = heading, value
        return best

    @staticmethod
    def _heading_outcome(heading: Heading, opts: dict, ctx: Context) -> Outcome:
        evidence = [Span(heading.start, heading.title_end)]
        body = Span(heading.title_end, heading.end)
        wanted = opts["year_offset"]
        year = ctx.outline.year
        named = _HEADING_YEAR.search(heading.title)
        if wanted is not None and year and named and int(named.group(1)) != year + wanted:
            return Outcome("wrong_year", evidence, body,
                           {"heading_year": named.group(1), "expected_year": year + wanted})
        return Outcome("heading", evidence, body)

    @staticmethod
    def _first_cue(patterns: list[str], ctx: Context, rule_id: str) -> Outcome | None:
        hits = []
        for pattern in patterns:
            matches = search_all(expand(pattern, ctx.vars), ctx.doc, ctx.outline.body, rule_id)
            if matches:
                hits.append(matches[0])
        if not hits:
            return None
        first = min(hits, key=lambda m: m.start)
        paragraph = ctx.paragraph(first.start)
        return Outcome("cue", [_clause(ctx.doc.text, first.start, first.end, paragraph.end)], paragraph)


def _lead_end(text: str, start: int, limit: int) -> int:
    """Where the lead sentence of a heading ends: its first sentence, or the next one on its line when the first
    is a run-in subheading (坚持高位推进。区政府主要负责同志……)."""
    line_end = text.find("\n", start, limit)
    run_in = _after_run_in(text, start, limit if line_end == -1 else line_end, _RUN_IN_LEAD, _RUN_IN_SUBHEADING)
    if run_in is not None:
        return run_in
    stop = text.find("。", start, limit)
    return limit if stop == -1 else stop


def _after_run_in(text: str, start: int, limit: int, longest: int, words: re.Pattern) -> int | None:
    """Where the sentence after a run-in heading that opens text[start:limit] ends (坚持高位推进。区政府……。),
    or None when it opens with none: a sentence of at most `longest` characters of `words`, not an item
    (一是……, read as an item) nor a statement with figures (全年办案12件。)."""
    stop = text.find("。", start, min(limit, start + longest + 1))
    if stop == -1 or not words.fullmatch(text, start, stop) or _ITEM.match(text, start):
        return None
    after = text.find("。", stop + 1, limit)
    return limit if after == -1 else after


def _names_any(title: str, words: list[str]) -> bool:
    """Whether the title as written (spaces and punctuation squeezed out, years kept) holds one of `words`."""
    written = squeeze(title)
    return any(word in written for word in words)


def _cued(opts: dict, ctx: Context, span: Span, rule_id: str) -> Span | None:
    """Where one of the rule's lead cues first matches within `span` (a heading or item with its lead)."""
    for pattern in opts["lead_cues"]:
        if found := search_all(expand(pattern, ctx.vars), ctx.doc, span, rule_id):
            return found[0]
    return None


def _through(ctx: Context, headed: Span, cue: Span) -> Span:
    """The heading (or item, or paragraph start) up to the end of the clause its cue stands in: evidence that
    reads "（二）加强组织领导。严格落实……第一责任人职责", not 160 characters cut mid-word."""
    return Span(headed.start, _clause(ctx.doc.text, cue.start, cue.end, headed.end).end)


def _clause(text: str, start: int, end: int, limit: int) -> Span:
    """The cue and the rest of its clause, so that evidence reads as a phrase, not a keyword."""
    stop = end
    while stop < min(limit, start + 40) and text[stop] not in "。,;!?\n":
        stop += 1
    return Span(start, stop)
