"""The HTML audit of one report: plain view data prepared here, printed by templates/audit_page.html.j2.

The template only loops and prints; every piece of report and rule text reaches it as a plain string and
is escaped by jinja2's autoescape."""
from __future__ import annotations

from functools import lru_cache

from ..audit import Audit
from ..resources import templates_dir
from .text import SEVERITY_LABELS, STATUS_LABELS


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir())), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_page(audit: Audit, back_link: str | None = None) -> str:
    return _environment().get_template("audit_page.html.j2").render(page=view(audit), back_link=back_link)


def view(audit: Audit) -> dict:
    return {
        "title": audit.title or "（无标题）",
        "path": audit.path,
        "region": audit.region or "未识别",
        "year": f"{audit.year}年度" if audit.year else "未识别",
        "score": f"{audit.score:g}",
        "grade": audit.grade,
        "grade_class": _grade_class(audit.score),
        "ruleset": audit.ruleset,
        "counts": [(label, audit.count(severity)) for severity, label in SEVERITY_LABELS.items()],
        "findings": [_finding(f) for f in audit.findings],
        "outline": _outline(audit),
        "lines": _lines(audit),
    }


def _grade_class(score: float) -> str:
    return "good" if score >= 90 else "fair" if score >= 75 else "pass" if score >= 60 else "poor"


def _finding(finding) -> dict:
    return {
        "rule": finding.rule, "name": finding.name, "status": finding.status,
        "status_label": STATUS_LABELS[finding.status], "severity": finding.severity,
        "severity_label": SEVERITY_LABELS[finding.severity],
        "points": "不计分" if finding.points is None else f"{finding.points:g} / {finding.weight:g}",
        "message": finding.message, "suggestion": finding.suggestion, "source": finding.source,
        "evidence": [{"line": e.line, "text": e.text} for e in finding.evidence],
    }


def _outline(audit: Audit) -> list[dict]:
    doc = audit.document
    return [{"level": h.level, "line": doc.line_of(h.start), "text": doc.excerpt(h.start, h.title_end),
             "rules": audit.headings_rules.get(h.start, [])} for h in audit.outline.headings]


def _lines(audit: Audit) -> list[dict]:
    """Every line of the report, cut into segments at evidence boundaries; marked segments name their rules."""
    doc = audit.document
    marks = [(e.start, e.end, f.rule) for f in audit.findings if f.status != "skip" for e in f.evidence if e.end > e.start]
    cuts = sorted({0, len(doc.raw)} | {p for s, e, _ in marks for p in (s, e)} | set(doc.line_starts))
    lines: list[dict] = [{"number": n + 1, "segments": []} for n in range(len(doc.line_starts))]
    for start, end in zip(cuts, cuts[1:]):
        text = doc.raw[start:end].rstrip("\n")
        if not text:
            continue
        rules = sorted({rule for s, e, rule in marks if s <= start and end <= e})
        lines[doc.line_of(start) - 1]["segments"].append({"text": text, "rules": " ".join(rules)})
    return lines
