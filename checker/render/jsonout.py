"""The versioned machine-readable format `fzcheck/1`, stable for scripts."""
from __future__ import annotations

import json

from ..audit import Audit

SCHEMA = "fzcheck/1"


def audit_dict(audit: Audit) -> dict:
    doc = audit.document
    return {
        "path": audit.path,
        "title": audit.title,
        "region": audit.region,
        "issuer": audit.issuer,
        "year": audit.year,
        "meta": audit.outline.meta.as_dict(),
        "score": audit.score,
        "grade": audit.grade,
        "ruleset": audit.ruleset,
        "findings": [
            {"rule": f.rule, "name": f.name, "severity": f.severity, "status": f.status, "outcome": f.outcome,
             "weight": f.weight, "points": f.points, "message": f.message, "suggestion": f.suggestion,
             "source": f.source, "evidence": [{"line": e.line, "text": e.text, **({"page": e.page} if e.page else {})}
                          for e in f.evidence],
             # certain corrections the rule declares (`fix:`), which `lint --fix` applies
             "fixes": [{"line": x.line, "column": x.column(doc), "old": x.old, "new": x.new} for x in f.fixes]}
            for f in audit.findings
        ],
        "outline": [
            {"level": h.level, "line": doc.line_of(h.start), "text": doc.excerpt(h.start, h.title_end),
             "rules": audit.headings_rules.get(h.start, [])}
            for h in audit.outline.headings
        ],
    }


def render_json(audits: list[Audit], errors: list[dict]) -> str:
    payload = {"schema": SCHEMA, "reports": [audit_dict(a) for a in audits], "errors": errors}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
