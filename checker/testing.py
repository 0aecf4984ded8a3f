"""A test harness for rule authors: run the `examples:` carried by each rule.

    examples:
      pass: ["一、主要举措和成效\\n……"]
      fail: ["……", {previous: "去年的报告……", text: "今年的报告……"}]

Each text is checked with the whole ruleset and the rule's status must equal the key; an example given as
{previous, text} is checked against last year's report (for compare rules). Reusable from a
rule author's own pytest suite: `assert not checker.testing.run_examples(load_ruleset([path]))`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .document import document_from_text
from .engine import run
from .kinds import STATUSES
from .ruleset import Ruleset


@dataclass(frozen=True)
class ExampleFailure:
    rule: str
    expected: str
    actual: str
    text: str
    message: str
    where: str = ""                # "file:line" of the example

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        return f"{place}[{self.rule}] 样例应为 {self.expected}，实际为 {self.actual}（{self.message}）：{self.text[:40]!r}"


def run_examples(ruleset: Ruleset, rule_ids: list[str] | None = None) -> list[ExampleFailure]:
    failures: list[ExampleFailure] = []
    for rule in ruleset.rules:
        if rule_ids and rule.id not in rule_ids:
            continue
        for expected, texts in rule.examples.items():
            for index, text in enumerate(texts if isinstance(texts, list) else [texts]):
                where = rule.example_origins.get((expected, index), rule.origin)
                failures.extend(replace(f, where=where) for f in _check_example(ruleset, rule.id, expected, text))
    return failures


def _check_example(ruleset: Ruleset, rule_id: str, expected: str, example) -> list[ExampleFailure]:
    text, previous = (example.get("text", ""), example.get("previous")) if isinstance(example, dict) else (example, None)
    if expected not in STATUSES:
        return [ExampleFailure(rule_id, expected, "-", str(text), f"examples 的键应为 {'/'.join(STATUSES)}")]
    last_year = document_from_text(str(previous), path=f"<{rule_id} 去年样例>") if previous else None
    audit = run(document_from_text(str(text), path=f"<{rule_id} 样例>"), ruleset, force=True,  # rules, not genre
                previous=last_year)
    finding = next(f for f in audit.findings if f.rule == rule_id)
    if finding.status == expected:
        return []
    return [ExampleFailure(rule_id, expected, finding.status, str(text), finding.message)]
