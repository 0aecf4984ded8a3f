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
    ruleset = rules if isinstance(rules, Ruleset) else load_ruleset(rules)
    if text is not None:
        doc = document_from_text(text, path=os.fspath(source) if source else "<文本>")
    elif isinstance(source, Document):
        doc = source
    else:
        doc = read_document(source)
    return run(doc, ruleset, force)


__all__ = ["Audit", "Document", "Evidence", "Finding", "FzcheckError", "InputError", "NotAReportError", "Ruleset", "RulesError",
           "check", "document_from_text", "load_ruleset", "read_document", "run", "__version__"]
