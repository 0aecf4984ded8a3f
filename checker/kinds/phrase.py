"""phrase: required or forbidden wording, in the whole text, the body, the title or one section.

require + match any: pass when at least `min_count` hits; require + match all: pass when every pattern
hits, partial when some do; forbid: pass when nothing hits, fail with every hit as evidence.
"""
from __future__ import annotations

import re

from ..outline import Span
from .base import Context, Kind, Option, Outcome, Rule, compile_patterns, expand, search_all


class PhraseKind(Kind):
    NAME = "phrase"
    DOC = "必备或禁用的措辞（正则），范围可为全文、正文、标题或某一部分。"
    OPTIONS = {
        "patterns": Option("patterns", required=True, doc="正则表达式列表，可用 {year} {next_year} {region}"),
        "mode": Option(str, default="require", choices=("require", "forbid"), doc="require 必须出现；forbid 不得出现"),
        "match": Option(str, default="any", choices=("any", "all"), doc="require 时：任一出现即可，或须全部出现"),
        "scope": Option(str, default="body", refers="scope", doc="all / body / title / head / 某条 section 规则的 id"),
        "min_count": Option(int, default=1, doc="require+any 时至少出现的次数"),
        "missing_scope": Option(str, default="skip", choices=("skip", "fail"), doc="范围不存在时的结果"),
        "evidence": Option(str, default="hits", choices=("hits", "scope"), doc="证据：命中的措辞，或整个范围（如标题）"),
    }
    OUTCOMES = {"found": "pass", "some": "partial", "none": "fail", "clean": "pass", "forbidden": "fail",
                "no_scope": "skip", "no_scope_fail": "fail"}
    VALUES = {"count": "命中的次数",
              "matched": "命中的措辞（最多 5 处，以顿号分隔）；丢了“%”、数字又读不准的比率注明可能的读法，"
                         "如“率14327（143.27%？14.327%？）”"}
    WORKED_EXAMPLE = "problem-causes"

    def prepare(self, options, fail):
        compile_patterns(options["patterns"], "patterns", fail)
        return options

    def evaluate(self, rule: Rule, ctx: Context) -> Outcome:
        opts = rule.options
        scope = ctx.scope(opts["scope"])
        if scope is None:
            return Outcome("no_scope_fail" if opts["missing_scope"] == "fail" else "no_scope")
        per_pattern = [search_all(expand(p, ctx.vars), ctx.doc, scope, rule.id) for p in opts["patterns"]]
        hits = _without_overlaps(m for matches in per_pattern for m in matches)
        evidence = [scope] if opts["evidence"] == "scope" else hits
        matched = dict.fromkeys(_with_readings(ctx.doc.excerpt(m.start, m.end)) for m in hits[:5])
        values = {"count": len(hits), "matched": "、".join(matched)}
        if opts["mode"] == "forbid":
            return Outcome("forbidden" if hits else "clean", evidence, scope, values)
        if opts["match"] == "all":
            met = sum(1 for matches in per_pattern if matches)
            code = "found" if met == len(per_pattern) else "some" if met else "none"
            return Outcome(code, evidence, scope, values)
        return Outcome("found" if len(hits) >= opts["min_count"] else "some" if hits else "none",
                       evidence, scope, values)


# A rate written with a bare number (the % lost): above 100 it is not clear what it was, since the decimal
# point may be lost too (率14327: 143.27%? 14.327%?), so the hit names the readings instead of implying "add %".
_BARE_RATE = re.compile(r"率\D{0,4}?(\d{3,})$")


def _with_readings(hit: str) -> str:
    match = _BARE_RATE.search(hit)
    if not match or int(match.group(1)) <= 100:
        return hit
    digits = match.group(1)
    readings = [f"{digits}%"] if len(digits) == 3 else [f"{digits[:-2]}.{digits[-2:]}%"]
    readings.append(f"{digits[:2]}.{digits[2:]}%")
    return f"{hit}（{'？'.join(dict.fromkeys(readings))}？）"


def _without_overlaps(spans) -> list[Span]:
    """One hit per place: "20XX年" is one placeholder even when two patterns match inside it."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept
