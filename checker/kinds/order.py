"""order: the located parts appear in the order the rule lists them."""
from __future__ import annotations

from ..outline import Span
from .base import Context, Kind, Option, Outcome, Rule


class OrderKind(Kind):
    NAME = "order"
    DOC = "各必备部分的先后顺序（按所列 section 规则找到的位置）。"
    OPTIONS = {
        "sections": Option("strings", required=True, refers="rule", doc="按应有顺序排列的 section 规则 id"),
    }
    OUTCOMES = {"in_order": "pass", "out_of_order": "fail", "too_few": "skip"}
    VALUES = {"actual": "实际顺序（规则名称以 → 连接）", "expected": "规定顺序"}
    WORKED_EXAMPLE = "section-order"

    def evaluate(self, rule: Rule, ctx: Context) -> Outcome:
        located = []
        for rule_id in rule.options["sections"]:
            outcome = ctx.outcome(rule_id)
            if outcome and outcome.span and outcome.evidence:
                located.append((outcome.evidence[0].start, rule_id, outcome.evidence[0]))
        if len(located) < 2:
            return Outcome("too_few")
        actual = [rule_id for _, rule_id, _ in sorted(located)]
        expected = [rule_id for _, rule_id, _ in located]
        evidence: list[Span] = [span for _, _, span in sorted(located)]
        code = "in_order" if actual == expected else "out_of_order"
        return Outcome(code, evidence, values={"actual": " → ".join(ctx.names.get(i, i) for i in actual),
                                                   "expected": " → ".join(ctx.names.get(i, i) for i in expected)})
