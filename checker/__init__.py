"""fzcheck: rule-based compliance checks for annual rule-of-law reports (法治政府建设年度报告).

    >>> import checker
    >>> audit = checker.check("seeds/003_fee9404ac5415434.txt")
    >>> audit.score, [f.rule for f in audit.findings if f.status == "fail"]
"""
from __future__ import annotations

import os

from .audit import Audit, Evidence, Finding
from .document import Document, document_from_text, read_document
from .engine import run
from .errors import FzcheckError, InputError, NotAReportError, RulesError
from .ruleset import Ruleset, load_ruleset

__version__ = "0.1.0"


def check(source: str | os.PathLike | Document, rules: Ruleset | list[str] | None = None, *,
          text: str | None = None, force: bool = False) -> Audit:
    """Check one report: a file path, a Document, or (with `text=`) a string; `rules` is a Ruleset or
    a list of ruleset names/files (default: fzzf-2019). A document that is not an annual report raises
    NotAReportError, unless `force`."""
    ruleset = rules if isinstance(rules, Ruleset) else _ruleset(tuple(rules or ()))
    if text is not None:
        name = source.path if isinstance(source, Document) else os.fspath(source) if source else "<文本>"
        doc = document_from_text(text, path=name)
    elif isinstance(source, Document):
        doc = source
    else:
        doc = read_document(source)
    return run(doc, ruleset, force)


_RULESETS: dict[tuple[str, ...], tuple[Ruleset, tuple]] = {}


def _ruleset(specs: tuple[str, ...]) -> Ruleset:
    """Rulesets by name or file, loaded once while none of their files (parents included) changes: a
    loop of check() calls would otherwise reload and revalidate the YAML every time."""
    cached = _RULESETS.get(specs)
    if cached and cached[1] == _stamps(cached[0].sources):
        return cached[0]
    ruleset = load_ruleset(list(specs) or None)
    _RULESETS[specs] = (ruleset, _stamps(ruleset.sources))
    return ruleset


def _stamps(paths: list[str]) -> tuple:
    stamps: list[tuple[int, int] | None] = []
    for path in paths:
        try:
            status = os.stat(path)
            stamps.append((status.st_mtime_ns, status.st_size))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


__all__ = ["Audit", "Document", "Evidence", "Finding", "FzcheckError", "InputError", "NotAReportError", "Ruleset", "RulesError",
           "check", "document_from_text", "load_ruleset", "read_document", "run", "__version__"]
