"""The HTML audit page of one report.

The Audit is turned here into plain view data (strings, numbers, lists, and View records, whose fields
jinja reads as attributes at once, where on a dict it first tries an attribute and fails, a few hundred
times a page); templates/audit.html.j2 only loops over it and prints. All report and rule text reaches
the template unescaped and is escaped by jinja2's autoescape, so nothing here builds markup.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from types import SimpleNamespace as View

from ..audit import Audit, Finding
from .runinfo import RunInfo
from .templates import environment
from .text import SEVERITY_LABELS, STATUS_LABELS, fixes_label, fixes_phrase, unmet, unmet_phrase, unmet_state

TEMPLATE = "audit.html.j2"

# The default ruleset's grade names; a ruleset with its own names falls back to score bands.


# The page metadata shown in the audit header, in the words the government page used.
META_LABELS = {"doc_number": "文号", "written": "成文日期", "published": "发布日期", "source": "来源",
               "index_no": "索引号", "issuer": "发文机关", "title": "标题"}


def render_html(audit: Audit, back_link: str | None = None, run: RunInfo | None = None) -> str:
    """One complete, self-contained HTML page (UTF-8) for `audit`."""
    return environment().get_template(TEMPLATE).render(page=page_view(audit), back_link=back_link,
                                                       run=run or RunInfo.now(audit.ruleset))


def page_view(audit: Audit) -> View:
    return View(
        title=audit.title or "（无标题）",
        path=audit.path,
        line_unit=audit.document.meta.line_unit,   # a Word file's lines are paragraphs
        fixes_label=fixes_label(audit),
        region=audit.region or "未识别",
        year=f"{audit.year}年" if audit.year else "未识别",
        issuer=audit.issuer,
        meta=[(META_LABELS[key], value) for key, value in audit.outline.meta.as_dict().items()
              if key not in ("issuer", "title")],
        ruleset=audit.ruleset,
        score=_number(audit.score),
        grade=audit.grade,
        grade_class=_grade_class(audit),
        # per severity: how many rules are not fully met, coloured by the worst (fail red, partial amber)
        failed=[View(label=SEVERITY_LABELS[s], severity=s, text=unmet_phrase(audit, s),
                     count=sum(unmet(audit, s)), state=unmet_state(audit, s)) for s in ("error", "warning")],
        tally=[View(label=STATUS_LABELS[s], status=s, count=_tally(audit, s)) for s in STATUS_LABELS],
        findings=[_finding(f, audit) for f in audit.findings],
        outline=_outline(audit),
        lines=_lines(audit),
    )


def _number(value: float) -> str:
    return f"{round(value, 2):g}"


def _grade_class(audit: Audit) -> str:
    """The colour of the grade, from where it stands among the ruleset's own bands (best green, lowest red),
    whatever the bands are called or how many there are."""
    band, bands = audit.grade_band
    share = band / (bands - 1) if bands > 1 else 0.0
    return "excellent" if share == 0 else "good" if share <= 1 / 3 else "fair" if share <= 2 / 3 else "poor"


def _tally(audit: Audit, status: str) -> int:
    return sum(1 for f in audit.findings if f.status == status)


def _finding(f: Finding, audit: Audit) -> View:
    return View(
        rule=f.rule, name=f.name,
        severity=f.severity, severity_label=SEVERITY_LABELS.get(f.severity, f.severity),
        status=f.status, status_label=STATUS_LABELS.get(f.status, f.status),
        points="不计分" if f.points is None else f"{_number(f.points)}/{_number(f.weight)}",
        message=f.message, suggestion=f.suggestion, source=f.source,
        evidence=[View(line=e.line, text=e.text, where=e.where) for e in f.evidence],
        fixes=fixes_phrase(audit, f) if f.fixes else "",
    )


def _outline(audit: Audit) -> list[View]:
    doc = audit.document
    return [View(level=h.level, indent=h.level - 1, line=doc.line_of(h.start),
                 # headings found inside flattened text may run over a line end; show them on one line
                 text=" ".join(doc.raw[h.start:h.title_end].split()),
                 rules=list(audit.headings_rules.get(h.start, ())))
            for h in audit.outline.headings]


# a stretch of a line: its text, the rules whose evidence covers it (joined by 、, "" for none), all failed
Segment = tuple[str, str, bool]


def _lines(audit: Audit) -> list[tuple[int, list[Segment]]]:
    """Every line of the report as (number, segments). Tuples rather than dicts: the template unpacks them
    in its loop, where a page of a few hundred lines looked up every field by name."""
    doc = audit.document
    lines: list[tuple[int, list[Segment]]] = [(n, []) for n in range(1, doc.line_count + 1)]
    for start, end, rules, failed in _pieces(audit):
        text = doc.raw[start:end]
        if text == "\n":
            continue
        segments = lines[doc.line_of(start) - 1][1]
        names = "、".join(rules)
        if segments and segments[-1][1:] == (names, failed):
            segments[-1] = (segments[-1][0] + text, names, failed)   # a boundary that changes nothing
        else:
            segments.append((text, names, failed))
    return lines


_NEWLINE = re.compile("\n")


def _pieces(audit: Audit):
    """Cut the raw text into non-overlapping pieces at every line end and evidence boundary.

    Evidence ranges overlap freely (several rules cite the same heading), so each piece carries the set
    of ranges covering it rather than nesting <mark>s, which could not close in order. Newlines are
    pieces of their own, so no piece crosses a line.
    """
    raw = audit.document.raw
    opens, closes = defaultdict(list), defaultdict(list)
    for start, end, rule, failed in _marks(audit):
        opens[start].append((rule, failed))
        closes[end].append((rule, failed))
    newlines = {match.start() for match in _NEWLINE.finditer(raw)}
    cuts = sorted({0, len(raw)} | newlines | {i + 1 for i in newlines} | set(opens) | set(closes))
    active: Counter = Counter()
    for start, end in zip(cuts, cuts[1:]):
        active.subtract(closes.get(start, ()))
        active.update(opens.get(start, ()))
        covering = [key for key, count in active.items() if count > 0]
        # a passing section cited by a failing ordering rule is not itself wrong: red only when all failed
        yield start, end, sorted({rule for rule, _ in covering}), bool(covering) and all(f for _, f in covering)


def _marks(audit: Audit):
    """Non-empty evidence ranges clipped to the text, with the rule and whether it failed."""
    size = len(audit.document.raw)
    for f in audit.findings:
        for e in f.evidence:
            start, end = max(0, e.start), min(size, e.end)
            if start < end:
                yield start, end, f.rule, f.failed
