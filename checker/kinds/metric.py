"""metric: measurable properties of a part of the report: its length, how many figures it reports, how
many items it lists. Each check has min / max (pass) and partial_min (partial); all checks passing is
pass, none is fail, anything between is partial. A check may carry its own `suggestion`, the advice when
it falls short; the rule's suggestion reads those of the checks that did as {advice}, so the advice fits
what is actually missing (too few items, or items too short)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from ..document.hanzi import han_count
from ..vocabulary import words_pattern
from .base import Context, Kind, Option, Outcome, Rule

@lru_cache(maxsize=8)
def _figure(units: tuple[str, ...]) -> re.Pattern:
    """A number followed by one of the ruleset's units (vocabulary.units): a reported figure."""
    # \d\d* rather than \d+: a pattern that opens with a class is scanned faster (sre's charset prefix)
    return re.compile(r"\d\d*(?:\.\d+)?\s*(?:" + words_pattern(units) + ")")


def _figures(text: str, units: tuple[str, ...]) -> int:
    return len(_figure(units).findall(text))


_AFTER_9FA5 = re.compile(r"[\u9fa6-\u9fff]")   # the block's later additions, rare in any text


def _han(text: str) -> int:
    """Characters in U+4E00–U+9FA5: the whole block counted on bytes (a regex over every character costs 5x
    more), less its later additions."""
    return han_count(text) - len(_AFTER_9FA5.findall(text))


_ITEM = re.compile(r"(?:^|[\s。;:,])(?:[一二三四五六七八九十]{1,2}是|\([一二三四五六七八九十]{1,2}\)|\d{1,2}[.、](?!\d)|[\u2460-\u2473]|[一二三四五六七八九十]{1,2}、)")
_SENTENCE = re.compile(r"[。!?;]")

# Each measure of a text, given the ruleset's figure units.
MEASURES: dict[str, Callable[[str, tuple[str, ...]], float]] = {
    "chars": lambda text, units: _han(text),
    "figures": _figures,
    "figures_per_kchar": lambda text, units: 1000 * _figures(text, units) / max(1, _han(text)),
    "items": lambda text, units: len(_ITEM.findall(text)),
    "sentences": lambda text, units: len(_SENTENCE.findall(text)),
}


class MetricKind(Kind):
    NAME = "metric"
    DOC = "可度量的指标：字数、数据个数、每千字数据数、列举条目数、句数。"
    OPTIONS = {
        "scope": Option(str, default="body", refers="scope", doc="all / body / title / 某条 section 规则的 id"),
        "checks": Option("checks", required=True,
                         doc=f"检查项列表，每项 {{measure, min, max, partial_min, suggestion}}；measure 取值："
                             f"{'、'.join(MEASURES)}；suggestion 为该项未达标时的建议，汇入规则 suggestion 的 {{advice}}"),
        "missing_scope": Option(str, default="skip", choices=("skip", "fail"), doc="范围不存在时的结果"),
    }
    OUTCOMES = {"met": "pass", "some": "partial", "unmet": "fail", "no_scope": "skip", "no_scope_fail": "fail"}
    VALUES = {**{name: f"度量 {name} 的数值" for name in MEASURES},
              "advice": "未达标（低于 min 或高于 max）的检查项各自的 suggestion，以分号连接"}
    WORKED_EXAMPLE = "problems-substance"

    def prepare(self, options, fail):
        for check in options["checks"]:
            if not isinstance(check, dict) or check.get("measure") not in MEASURES:
                fail("checks", f"每个检查项需要 measure，取值为 {'、'.join(MEASURES)}")
                continue
            unknown = set(check) - {"measure", "min", "max", "partial_min", "suggestion"}
            if unknown:
                fail("checks", f"检查项中有未知字段 {'、'.join(sorted(unknown))}")
            for key in ("min", "max", "partial_min"):
                if key in check and not isinstance(check[key], (int, float)):
                    fail("checks", f"检查项的 {key} 必须是数字")
            if "suggestion" in check and not isinstance(check["suggestion"], str):
                fail("checks", "检查项的 suggestion 必须是字符串")
        return options

    def evaluate(self, rule: Rule, ctx: Context) -> Outcome:
        scope = ctx.scope(rule.options["scope"])
        if scope is None:
            return Outcome("no_scope_fail" if rule.options["missing_scope"] == "fail" else "no_scope")
        text = ctx.doc.text[scope.start:scope.end]
        grades, values, advice = [], {}, []
        for check in rule.options["checks"]:
            value = MEASURES[check["measure"]](text, ctx.vocabulary.units)
            values[check["measure"]] = round(value, 1)
            grades.append(_grade(value, check))
            if grades[-1] < 2 and check.get("suggestion"):
                advice.append(check["suggestion"])
        code = "met" if all(g == 2 for g in grades) else "unmet" if all(g == 0 for g in grades) else "some"
        return Outcome(code, [], scope, {**values, "advice": "；".join(advice)})


def _grade(value: float, check: dict) -> int:
    """2 = within [min, max], 1 = at least partial_min, 0 = neither."""
    if check.get("min", float("-inf")) <= value <= check.get("max", float("inf")):
        return 2
    return 1 if "partial_min" in check and value >= check["partial_min"] else 0
