"""Findings and the scored Audit of one report: the data every output format renders."""
from __future__ import annotations

from dataclasses import dataclass, field

from .document import Document
from .outline import Outline


@dataclass(frozen=True)
class Evidence:
    line: int
    text: str
    start: int
    end: int
    page: int | None = None       # the PDF page the line begins on

    @property
    def where(self) -> str:
        """第3页第12行 for a PDF, else just the line number, as a reviewer would cite it."""
        return f"第{self.page}页" if self.page else ""


@dataclass(frozen=True)
class Fix:
    """A certain correction a rule declares (`fix:` in its YAML): characters [start, end) of the document,
    all on line `line`, read `old` and should read `new`."""

    rule: str
    line: int
    start: int
    end: int
    old: str
    new: str

    def column(self, document: Document) -> int:
        """1-based column of the fix on its line."""
        return self.start - document.line_starts[self.line - 1] + 1


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    severity: str
    status: str
    outcome: str
    weight: float
    points: float | None     # None when the rule is not scored (skip, or weight 0)
    message: str
    suggestion: str
    source: str
    evidence: tuple[Evidence, ...] = ()
    fixes: tuple[Fix, ...] = ()
    kind: str = ""                # the rule's kind (section, phrase, closing, metric, order)
    scope: str | None = None      # what it looks at: its `scope` option, or a closing rule's `element`
    span: tuple[int, int] | None = None   # the part it looked at or located (a section), as offsets

    @property
    def failed(self) -> bool:
        return self.status == "fail"


@dataclass
class Audit:
    path: str
    document: Document
    outline: Outline
    findings: list[Finding]
    score: float
    grade: str
    ruleset: str
    title: str | None = None
    grade_band: tuple[int, int] = (0, 1)   # (its band, how many bands): 0 is the ruleset's best grade
    headings_rules: dict = field(default_factory=dict)   # heading start → rule ids it satisfies

    @property
    def region(self) -> str | None:
        return self.outline.region

    @property
    def year(self) -> int | None:
        return self.outline.year

    @property
    def issuer(self) -> str | None:
        return self.outline.issuer

    def count(self, severity: str, status: str = "fail") -> int:
        return sum(1 for f in self.findings if f.severity == severity and f.status == status)

    def has_failed(self, severities: tuple[str, ...]) -> bool:
        return any(f.failed and f.severity in severities for f in self.findings)

    @property
    def fixes(self) -> list[Fix]:
        """Every finding's fixes, in document order, none overlapping another (of two that overlap, the one that starts first)."""
        chosen: list[Fix] = []
        for fix in sorted((x for f in self.findings for x in f.fixes), key=lambda x: (x.start, x.end)):
            if not chosen or fix.start >= chosen[-1].end:
                chosen.append(fix)
        return chosen
