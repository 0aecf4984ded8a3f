"""What every rule kind shares: its declared options, the evaluation context and the result type.

A kind evaluates one rule against one report and returns an `Outcome`: a code naming what it found (e.g.
"heading", "cue", "missing"), the evidence spans and the part of the text it located. The code maps to a
status through the kind's `OUTCOMES`; the rule's YAML `messages` map codes to user-facing text. Kinds know
nothing of rendering.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, ClassVar

import regex

from ..document import Document
from ..errors import RulesError
from ..outline import Outline, Span
from ..vocabulary import Vocabulary
from .matching import Lexicon
from .prefilter import may_match, required_sets

STATUSES = ("pass", "partial", "fail", "skip")
SEVERITIES = ("error", "warning", "info")
REGEX_TIMEOUT = 0.5   # seconds per pattern search; rule files are untrusted input


@dataclass(frozen=True)
class Option:
    """One declared option of a rule kind: the validator and docs both read these."""

    type: Any                     # a type, a tuple of types, or "patterns"/"strings"/"string-groups"
    default: Any = None
    required: bool = False
    doc: str = ""
    choices: tuple = ()
    refers: str | None = None     # "scope": a built-in scope or another rule's located part; "rule": rule ids
    dictionary: bool = False      # its words join the segmenter's domain dictionary


@dataclass
class Outcome:
    code: str
    evidence: list[Span] = field(default_factory=list)
    span: Span | None = None          # the located part (a section), for rules scoped to this one
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    kind: str
    severity: str
    weight: float
    message: str
    suggestion: str
    source: str
    options: dict
    messages: dict
    examples: dict = field(default_factory=dict)
    origin: str = ""               # "file:line" of its definition
    example_origins: dict = field(default_factory=dict)   # (status, index) → "file:line" of each example


class Kind:
    """Base class of a rule kind; subclasses declare NAME, OPTIONS, OUTCOMES and implement evaluate()."""

    NAME: ClassVar[str]
    DOC: ClassVar[str] = ""
    OPTIONS: ClassVar[dict[str, Option]] = {}
    OUTCOMES: ClassVar[dict[str, str]] = {}
    VALUES: ClassVar[dict[str, str]] = {}       # what its outcomes put into messages ({count} …), for the docs
    WORKED_EXAMPLE: ClassVar[str] = ""          # the default ruleset's rule the docs show for this kind
    LAST_YEAR_OPTIONS: ClassVar[tuple[str, ...]] = ()   # options naming a part read from last year's report

    def evaluate(self, rule: Rule, ctx: "Context") -> Outcome:
        raise NotImplementedError

    def outcomes(self, options: dict) -> dict[str, str]:
        """The outcome codes a rule of this kind with these options can give (what its `messages` and
        `fix.outcomes` may name); a kind whose checks differ by option narrows OUTCOMES here."""
        return self.OUTCOMES

    def prepare(self, options: dict, fail: Callable[[str, str], None]) -> dict:
        """Check and compile options beyond their types (e.g. regexes); call fail(key, message)."""
        return options


class Context:
    """One report under evaluation: the document, its outline, and lazily evaluated findings so that a
    rule can be scoped to the part another rule located."""

    def __init__(self, doc: Document, outline: Outline, evaluate: Callable[[str], Outcome | None],
                 dictionary: Any = (), names: dict[str, str] | None = None,
                 previous: Mapping[str, str] | None = None, vocabulary: Vocabulary | None = None):
        self.doc, self.outline = doc, outline
        self.vocabulary = vocabulary or Vocabulary()
        self.previous = previous          # parts of the same body's report of the year before (compare rules)
        self._evaluate = evaluate
        # what heading matching segments with and ignores: the ruleset's domain words and its stopwords
        self.dictionary = Lexicon(tuple(dictionary), self.vocabulary.stopwords)
        self.names = names or {}
        self.vars = template_vars(outline, unknown="")

    def outcome(self, rule_id: str) -> Outcome | None:
        return self._evaluate(rule_id)

    def paragraph(self, offset: int, limit: int = 1000) -> Span:
        """From `offset` to the end of its line, the next heading or `limit` characters."""
        text, body = self.doc.text, self.outline.body
        end = min(body.end, offset + limit)
        newline = text.find("\n", offset, end)
        end = newline if newline != -1 else end
        following = [h.start for h in self.outline.headings if offset < h.start < end]
        return Span(offset, min(following) if following else end)

    def scope(self, name: str) -> Span | None:
        """The text a rule looks at: one of SCOPES, or the part another rule located (a section)."""
        o = self.outline
        if name == "all":
            return Span(0, len(self.doc.text))
        if name == "body":
            return o.body
        if name == "title":
            return o.title
        if name == "head":
            return Span(0, min(len(self.doc.text), o.body.start + 300))
        located = self._evaluate(name)
        return located.span if located else None


SCOPES = ("all", "body", "title", "head")


# What every rule's message and suggestion may name (besides its kind's VALUES): the engine fills them in.
MESSAGE_VALUES = {"year": "报告年度（如 2024）", "next_year": "报告年度的下一年", "region": "报告所属地区（从标题或正文识别）",
                  "found": "第一处证据的原文（找到的标题、命中的措辞等）", "title": "报告标题"}

UNKNOWN = "××"   # what a message shows for a year or region the report does not tell


def template_vars(outline: Outline, unknown: str = UNKNOWN) -> dict:
    """Values rule patterns and messages may name: {year}, {next_year}, {region}. Messages show `unknown`
    where the report does not tell (never “一、年推进……”); patterns get "" (which never matches)."""
    year = outline.year
    return {"year": year or unknown, "next_year": year + 1 if year else unknown, "region": outline.region or unknown}


def expand(pattern: str, values: dict) -> str:
    """Fill {year}, {next_year}, {region} into a rule pattern; other braces stay as they are."""
    if "{" not in pattern:   # most patterns name none: skip escaping the values
        return pattern
    for key, value in values.items():
        placeholder = "{" + key + "}"
        if placeholder in pattern:
            pattern = pattern.replace(placeholder, regex.escape(str(value)) if value != "" else "(?!)")
    return pattern


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> regex.Pattern:
    """A rule pattern compiled once per process (per report only where {region} or {year} differ);
    regex's own cache costs more per lookup than the search of a short scope."""
    return regex.compile(pattern)


def search_all(pattern: str, doc: Document, span: Span, rule_id: str) -> list[Span]:
    """Matches of an untrusted pattern within `span`, bounded in time. Patterns see the folded text
    (no spaces inside Chinese); the spans returned are in the original's offsets."""
    folded, _ = doc.folded
    start, end = doc.folded_range(span.start, span.end)
    if not may_match(required_sets(pattern), folded, start, end):
        return []       # a character every match needs is absent: no need to run the engine
    try:
        matches = list(_compiled(pattern).finditer(folded, pos=start, endpos=end, timeout=REGEX_TIMEOUT))
    except TimeoutError:
        raise RulesError(f"正则表达式 {pattern!r} 运行超时（可能存在灾难性回溯），请简化", rule_id=rule_id) from None
    return [Span(*doc.unfold(m.start(), m.end())) for m in matches if m.end() > m.start()]


def compile_patterns(patterns: list[str], key: str, fail: Callable[[str, str], None]) -> None:
    for pattern in patterns:
        try:
            regex.compile(expand(pattern, {"year": 2000, "next_year": 2001, "region": "某市"}))
        except regex.error as exc:
            fail(key, f"正则表达式 {pattern!r} 无效：{exc}")
