"""Running a ruleset over a document: Document → Outline → findings → scored Audit."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .audit import Audit, Evidence, Finding
from .document import Document, Limits, read_document
from .document.normalize import drop_glosses
from .deadline import Expired, time_limit, timeout_message
from .errors import CheckFailed, FzcheckError, InputError, NotAReportError, RulesError
from .fixes import FixSpec, compute as compute_fixes
from .genre import judge
from .kinds import KINDS, Context, Outcome, Rule
from .kinds.base import template_vars
from .outline import Outline, parse_outline, shown_title
from .ruleset import Ruleset, rule_references

_DEFAULT_MESSAGES = {"pass": "符合要求", "skip": "不适用"}
MAX_EVIDENCE = 8

# Last year's report as the compare rules see it: the text of each part they weigh this year's against,
# by the id of the rule that located it. A batch keeps this of every report instead of reading a
# previous report again.
LastYear = Mapping[str, str]


@dataclass(frozen=True)
class FirstLook:
    """What checking a report again, against the same body's report of last year, reuses of its first
    check: the outline and the outcomes of the rules that do not read last year's report (the compare
    rules, and rules scoped to them, are evaluated afresh). A batch keeps one, between its two passes, for
    each report that may be checked again; `text` (the text checked) makes a file changed in between be
    checked from scratch."""
    text: str
    outline: Outline
    outcomes: dict[str, Outcome]        # every rule's: a second check leaves out those reading last year


def check_file(path: str, ruleset: Ruleset, limits: Limits | None = None, force: bool = False,
               previous: Document | LastYear | None = None) -> Audit:
    """Read and check one file under the policy `lint` and `batch` share: whatever goes wrong is a
    FzcheckError naming the file (an unexpected exception becomes CheckFailed), so the caller lists it
    and goes on with the other files; a file that takes longer than `limits.seconds` is an InputError.
    `previous` is the same body's report of the year before."""
    return look_at_file(path, ruleset, limits, force, previous)[0]


def look_at_file(path: str, ruleset: Ruleset, limits: Limits | None = None, force: bool = False,
                 previous: Document | LastYear | None = None,
                 first: FirstLook | None = None) -> tuple[Audit, FirstLook]:
    """check_file(), and what a second check of the file may reuse (`first` is the first check's)."""
    seconds = limits.seconds if limits else 0
    try:
        with time_limit(seconds):
            return look(read_document(path, limits), ruleset, force, previous, first)
    except Expired:
        raise InputError(timeout_message(seconds), path) from None
    except FzcheckError as exc:
        exc.path = exc.path or path
        raise
    except Exception as exc:  # noqa: BLE001 - RecursionError on deeply nested pages, or a bug
        raise CheckFailed(f"检查时出现内部错误（{type(exc).__name__}），其他文件不受影响；"
                          f"请用 --debug 查看详情并报告此问题", path) from exc


def run(doc: Document, ruleset: Ruleset, force: bool = False, previous: Document | LastYear | None = None) -> Audit:
    """Check one document; a document the ruleset's genre cues tell is not a report raises
    NotAReportError unless `force`. With `previous` (last year's report of the same body) the compare
    rules weigh this year's against it; without, they are skip."""
    return look(doc, ruleset, force, previous)[0]


def look(doc: Document, ruleset: Ruleset, force: bool = False, previous: Document | LastYear | None = None,
         first: FirstLook | None = None) -> tuple[Audit, FirstLook]:
    """run(), and what a second check of the document may reuse; with `first` (of the same text) this is
    that second check: only the rules that read last year's report run again."""
    again = first if first is not None and first.text == doc.text else None
    outline = again.outline if again else parse_outline(doc, ruleset.vocabulary)
    reason = judge(doc, outline, ruleset.genre) if ruleset.genre and not force and not again else None
    if reason:
        raise NotAReportError(f"不像法治政府建设年度报告：{reason}", doc.path)
    last_year = last_year_of(previous, ruleset) if isinstance(previous, Document) else previous
    known = None
    if again:
        fresh = _reading_last_year(ruleset)
        known = {rule_id: o for rule_id, o in again.outcomes.items() if rule_id not in fresh}
    ctx, outcomes = _evaluator(doc, outline, ruleset, last_year, known)
    for rule in ruleset.rules:
        ctx.outcome(rule.id)
    shared = {**template_vars(outline),   # what every message may name, computed once a report
              "title": doc.excerpt(outline.title.start, outline.title.end) if outline.title else ""}
    findings = [_finding(rule, outcomes[rule.id], doc, shared, ruleset.scoring.credit, ruleset.fixes.get(rule.id))
                for rule in ruleset.rules]
    score = _score(findings, ruleset)
    title = shown_title(drop_glosses(doc.raw[outline.title.start:outline.title.end])) if outline.title else None
    audit = Audit(path=doc.path, document=doc, outline=outline, findings=findings, score=score,
                  grade=ruleset.scoring.grade(score), ruleset=ruleset.id, title=title,
                  grade_band=(ruleset.scoring.band(score), len(ruleset.scoring.grades)),
                  headings_rules=_heading_rules(outline, findings, outcomes))
    return audit, FirstLook(doc.text, outline, outcomes)


def _reading_last_year(ruleset: Ruleset) -> set[str]:
    """The rules whose outcome depends on last year's report: the compare rules and, through their
    references, every rule scoped to one of them."""
    reading = {rule.id for rule in ruleset.rules if KINDS[rule.kind].LAST_YEAR_OPTIONS}
    while more := {rule.id for rule in ruleset.rules if rule.id not in reading
                   and any(target in reading for _, target in rule_references(rule.kind, rule.options))}:
        reading |= more
    return reading


def last_year_of(previous: Document, ruleset: Ruleset) -> LastYear:
    """The parts of last year's report the compare rules read, located by their rules."""
    ctx = _evaluator(previous, parse_outline(previous, ruleset.vocabulary), ruleset)[0]
    return {name: previous.text[span.start:span.end]
            for name in compared_parts(ruleset) if (span := ctx.scope(name)) is not None}


def parts_for_next_year(audit: Audit, ruleset: Ruleset) -> LastYear:
    """What `last_year_of` gives for this report, taken from its finished audit (no second reading)."""
    wanted = compared_parts(ruleset)
    return {f.rule: audit.document.text[f.span[0]:f.span[1]] for f in audit.findings
            if f.rule in wanted and f.span is not None}


def compared_parts(ruleset: Ruleset) -> set[str]:
    return {rule.options[option] for rule in ruleset.rules for option in KINDS[rule.kind].LAST_YEAR_OPTIONS}


def _evaluator(doc: Document, outline: Outline, ruleset: Ruleset, previous: LastYear | None = None,
               known: Mapping[str, Outcome] | None = None) -> tuple[Context, dict[str, Outcome]]:
    """A context whose rules are evaluated on demand (so one rule can be scoped to the part another
    located), and the outcomes it fills in, starting from those `known` already."""
    rules = {rule.id: rule for rule in ruleset.rules}
    outcomes: dict[str, Outcome] = dict(known or {})
    running: set[str] = set()

    def evaluate(rule_id: str) -> Outcome | None:
        if rule_id in outcomes:
            return outcomes[rule_id]
        rule = rules.get(rule_id)
        if rule is None:
            return None
        if rule_id in running:
            raise RulesError("规则之间的 scope/sections 引用形成循环", rule.origin, rule_id=rule_id)
        running.add(rule_id)
        outcomes[rule_id] = KINDS[rule.kind].evaluate(rule, ctx)
        running.discard(rule_id)
        return outcomes[rule_id]

    ctx = Context(doc, outline, evaluate, ruleset.dictionary, {r.id: r.name for r in ruleset.rules}, previous,
                  ruleset.vocabulary)
    return ctx, outcomes


def _finding(rule: Rule, outcome: Outcome, doc: Document, shared: dict, credit: dict,
             fix: FixSpec | None = None) -> Finding:
    status = KINDS[rule.kind].OUTCOMES[outcome.code]
    evidence = tuple(Evidence(line, doc.excerpt(s.start, s.end), s.start, s.end, doc.page_of_line(line))
                     for s in outcome.evidence[:MAX_EVIDENCE] for line in (doc.line_of(s.start),))
    values = {**shared, "found": evidence[0].text if evidence else "", **outcome.values}
    template = rule.messages.get(outcome.code) or rule.messages.get(status)
    if template is None:
        template = rule.message if status in ("fail", "partial") else _DEFAULT_MESSAGES[status]
    scored = status != "skip" and rule.weight > 0
    fixes = compute_fixes(fix, rule.id, status, outcome.code, outcome.evidence, doc, values) if fix else ()
    return Finding(rule=rule.id, name=rule.name, severity=rule.severity, status=status, outcome=outcome.code,
                   weight=rule.weight, points=round(rule.weight * credit[status], 2) if scored else None,
                   message=template.format_map(_Keep(values)),
                   suggestion=rule.suggestion.format_map(_Keep(values)) if status in ("fail", "partial") else "",
                   source=rule.source, evidence=evidence, fixes=fixes, kind=rule.kind,
                   scope=rule.options.get("scope") or rule.options.get("element"),
                   span=(outcome.span.start, outcome.span.end) if outcome.span else None)


def _score(findings: list[Finding], ruleset: Ruleset) -> float:
    scored = [(f.points, f.weight) for f in findings if f.points is not None]
    total = sum(weight for _, weight in scored)
    return round(100 * sum(points for points, _ in scored) / total, 1) if total else 100.0


def _heading_rules(outline: Outline, findings: list[Finding], outcomes: dict[str, Outcome]) -> dict[int, list[str]]:
    """Rules satisfied (fully or partly) by each heading: those whose located part is its section."""
    section_of = {h.title_end: h.start for h in outline.headings}
    tags: dict[int, list[str]] = {}
    for finding in findings:
        span = outcomes[finding.rule].span
        if span and span.start in section_of and finding.status in ("pass", "partial"):
            tags.setdefault(section_of[span.start], []).append(finding.rule)
    return tags


class _Keep(dict):
    """format_map that leaves unknown {placeholders} as written."""

    def __missing__(self, key):
        return "{" + key + "}"
