"""order: the located parts appear in the order the rule lists them."""
from __future__ import annotations

from typing import NamedTuple

from ..outline import Span
from .base import Context, Kind, Option, Outcome, Rule


class OrderKind(Kind):
    NAME = "order"
    DOC = "各必备部分的先后顺序（按所列 section 规则找到的位置）。"
    OPTIONS = {
        "sections": Option("strings", required=True, refers="rule", doc="按应有顺序排列的 section 规则 id"),
        "located": Option("strings", default=[], doc="只有这些结果码的部分参与排序（如 heading、thematic：找到了标题；"
                                                     "不含正文中一句提及的 cue）；不写则都参与"),
    }
    OUTCOMES = {"in_order": "pass", "out_of_order": "fail", "too_few": "skip"}
    VALUES = {"actual": "实际顺序（规则名称以 → 连接）", "expected": "规定顺序"}
    WORKED_EXAMPLE = "section-order"

    def evaluate(self, rule: Rule, ctx: Context) -> Outcome:
        parts = _parts(rule.options, ctx)
        if len(parts) < 2:
            return Outcome("too_few")
        actual = [part.rule_id for part in parts]
        expected = [rule_id for rule_id in rule.options["sections"] if rule_id in actual]
        code = "in_order" if actual == expected else "out_of_order"
        return Outcome(code, [part.evidence for part in parts],
                       values={"actual": " → ".join(ctx.names.get(i, i) for i in actual),
                               "expected": " → ".join(ctx.names.get(i, i) for i in expected)})


class _Part(NamedTuple):
    start: int              # where its evidence (its heading) begins
    rule_id: str
    evidence: Span
    section: Span


def _parts(options: dict, ctx: Context) -> list[_Part]:
    """The listed parts in the order the report has them. A part found inside another's section, or at the
    same heading (第一责任人 as （一） of 主要举措和成效, or the first of its thematic headings), has no
    place of its own in the order."""
    located = []
    for rule_id in options["sections"]:
        outcome = ctx.outcome(rule_id)
        counted = not options["located"] or (outcome is not None and outcome.code in options["located"])
        if outcome and outcome.span and outcome.evidence and counted:
            located.append(_Part(outcome.evidence[0].start, rule_id, outcome.evidence[0], outcome.span))
    located.sort(key=lambda part: part.start)      # stable: at one position the listed order stands
    parts: list[_Part] = []
    for part in located:
        if not any(outer.start <= part.start < max(outer.section.end, outer.start + 1) for outer in parts):
            parts.append(part)
    return parts
