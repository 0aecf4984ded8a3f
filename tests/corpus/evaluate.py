"""Compare checker results with the hand labels of the regression corpus (labels.yaml beside this file).

The one place where the corpus is read and scored: tests/test_corpus.py and benchmarks/eval_corpus.py both
import this module by path. It imports `checker` from wherever the running interpreter finds it.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent
LABELS = CORPUS / "labels.yaml"
PAGES = CORPUS / "pages"

# Evaluated elements, in table order. `report` is labelled for every entry; the others only for reports.
ELEMENTS = ("report", "title", "region", "issuer", "year", "measures", "first_responsible")
STATUSES = ("pass", "partial", "fail")
RULE_IDS = {"measures": "measures", "first_responsible": "first-responsible"}
SOURCES = ("stored copy of a public page", "written")
FIELDS = ("file", "url", "taken", "source", "report", "title", "region", "issuer", "year", "measures",
          "first_responsible", "note", "batch")

REFUSED = "<refused>"
# An issuer with an upper-level place in front (天津市静海区人民政府) matches the label without it.
_UPPER_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,10}?(?:省|市|自治区|自治州|州|盟|地区)$")
_SPACE = re.compile(r"\s+")


def load_labels(path: Path = LABELS) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def label_problems(entries: list[dict], pages: Path = PAGES) -> list[str]:
    """Every invalid value, missing file or duplicate in the labels, as readable strings."""
    problems = []
    seen = set()
    for n, entry in enumerate(entries, 1):
        where = f"entry {n} ({entry.get('file')})" if isinstance(entry, dict) else f"entry {n}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: not a mapping")
            continue
        unknown = set(entry) - set(FIELDS)
        missing = set(FIELDS) - set(entry) - {"note", "batch"}
        if unknown:
            problems.append(f"{where}: unknown keys {sorted(unknown)}")
        if missing:
            problems.append(f"{where}: missing keys {sorted(missing)}")
        name = entry.get("file")
        if not isinstance(name, str) or not re.fullmatch(r"\d{3,4}\.txt", name):   # 001.txt … 1019.txt
            problems.append(f"{where}: file must be NNN.txt (or NNNN.txt past 999)")
        elif not (pages / name).is_file():
            problems.append(f"{where}: pages/{name} does not exist")
        elif name in seen:
            problems.append(f"{where}: duplicate file")
        seen.add(name)
        source = entry.get("source")
        if source not in SOURCES:
            problems.append(f"{where}: source must be one of {SOURCES}")
        url = entry.get("url")
        if source == "stored copy of a public page" and not (isinstance(url, str) and url.startswith("http")):
            problems.append(f"{where}: a stored page needs its url")
        if not isinstance(entry.get("taken"), (datetime.date, str)):
            problems.append(f"{where}: taken must be a date")
        report = entry.get("report")
        if not isinstance(report, bool):
            problems.append(f"{where}: report must be true or false")
        for key in ("title", "region", "issuer", "note"):
            value = entry.get(key)
            if value is not None and not (isinstance(value, str) and value.strip()):
                problems.append(f"{where}: {key} must be a non-empty string or null")
        year = entry.get("year")
        if year is not None and not (isinstance(year, int) and not isinstance(year, bool) and 1990 <= year <= 2100):
            problems.append(f"{where}: year must be a year or null")
        for key in RULE_IDS:
            if entry.get(key) not in STATUSES + (None,):
                problems.append(f"{where}: {key} must be pass, partial, fail or null")
        if report is False:
            labelled = [k for k in ("region", "issuer", "year", "measures", "first_responsible")
                        if entry.get(k) is not None]
            if labelled:
                problems.append(f"{where}: a non-report has only null labels, not {labelled}")
    return problems


def _no_space(text: str | None) -> str | None:
    return None if text is None else _SPACE.sub("", text)


def _place(name: str) -> str:
    from checker.outline.places import gazetteer

    return gazetteer().get(name, name)


def same_issuer(expected: str, got: str | None) -> bool:
    if got is None:
        return False
    expected, got = _no_space(expected), _no_space(got)
    if expected == got:
        return True
    longer, shorter = (expected, got) if len(expected) > len(got) else (got, expected)
    upper = longer[: -len(shorter)]
    # an upper-level place before it, written in full (天津市静海区…) or short (山东青岛市…)
    return bool(shorter) and longer.endswith(shorter) and (bool(_UPPER_PLACE.match(upper)) or _place(upper) != upper)


def same(element: str, expected, got) -> bool:
    if got == REFUSED:
        return False
    if element == "title":
        return got is not None and _no_space(expected) == _no_space(got)
    if element == "region":   # one place under two names is one region: 伊犁州 is 伊犁哈萨克自治州
        return got is not None and _place(_no_space(expected)) == _place(_no_space(got))
    if element == "issuer":
        return same_issuer(expected, got)
    return expected == got


@dataclass
class Mismatch:
    file: str
    element: str
    expected: object
    got: object


@dataclass
class Result:
    labelled: dict = field(default_factory=lambda: {e: 0 for e in ELEMENTS})
    right: dict = field(default_factory=lambda: {e: 0 for e in ELEMENTS})
    mismatches: list = field(default_factory=list)
    reports: int = 0
    reports_refused: int = 0
    non_reports: int = 0
    non_reports_refused: int = 0
    errors: list = field(default_factory=list)    # (file, "ExceptionName: message") other than a refusal

    def accuracy(self, element: str | None = None) -> float | None:
        labelled = sum(self.labelled.values()) if element is None else self.labelled[element]
        right = sum(self.right.values()) if element is None else self.right[element]
        return right / labelled if labelled else None

    def figures(self) -> dict:
        return {
            "elements": {e: {"labelled": self.labelled[e], "right": self.right[e], "accuracy": self.accuracy(e)}
                         for e in ELEMENTS},
            "overall": {"labelled": sum(self.labelled.values()), "right": sum(self.right.values()),
                        "accuracy": self.accuracy()},
            "non_reports_refused": {"refused": self.non_reports_refused, "of": self.non_reports},
            "reports_refused": {"refused": self.reports_refused, "of": self.reports},
            "errors": [{"file": f, "error": e} for f, e in self.errors],
            "mismatches": [{"file": m.file, "element": m.element, "expected": m.expected, "got": m.got}
                           for m in self.mismatches],
        }

    def table(self) -> str:
        def pct(value):
            return "–" if value is None else f"{value:.1%}"

        rows = ["| element | labelled | right | accuracy |", "|---|---:|---:|---:|"]
        for e in ELEMENTS:
            rows.append(f"| {e} | {self.labelled[e]} | {self.right[e]} | {pct(self.accuracy(e))} |")
        rows.append(f"| **overall** | {sum(self.labelled.values())} | {sum(self.right.values())} "
                    f"| {pct(self.accuracy())} |")
        rows += ["", f"non-reports refused: {self.non_reports_refused}/{self.non_reports}",
                 f"reports refused: {self.reports_refused}/{self.reports}"]
        if self.errors:
            rows.append(f"errors (neither checked nor refused): {len(self.errors)}")
        return "\n".join(rows)


def observe(path: Path, ruleset) -> dict:
    """What the checker says about one page: each element's value, or REFUSED for every element."""
    import checker

    try:
        audit = checker.check(path, ruleset)
    except checker.NotAReportError:
        return {e: REFUSED for e in ELEMENTS} | {"report": False}
    statuses = {f.rule: f.status for f in audit.findings}
    return {
        "report": True,
        "title": audit.title,
        "region": audit.region,
        "issuer": audit.issuer,
        "year": audit.year,
        "measures": statuses.get(RULE_IDS["measures"]),
        "first_responsible": statuses.get(RULE_IDS["first_responsible"]),
    }


def evaluate(entries: list[dict] | None = None, pages: Path = PAGES, ruleset=None) -> Result:
    """Run the checker on every labelled page and count, element by element, how many labels it gets right."""
    import checker

    entries = load_labels() if entries is None else entries
    ruleset = checker.load_ruleset() if ruleset is None else ruleset
    result = Result()
    for entry in entries:
        name = entry["file"]
        try:
            got = observe(pages / name, ruleset)
        except Exception as exc:    # a crash or another input error: nothing is right for this page
            result.errors.append((name, f"{type(exc).__name__}: {exc}"))
            got = {e: f"<error: {type(exc).__name__}>" for e in ELEMENTS}
        refused = got["report"] is False
        if entry["report"]:
            result.reports += 1
            result.reports_refused += refused
        else:
            result.non_reports += 1
            result.non_reports_refused += refused
        for element in ELEMENTS:
            expected = entry.get(element)
            if element != "report" and (expected is None or not entry["report"]):
                continue
            value = got[element]
            if element == "report":    # True: checked as a report, False: refused
                ok = isinstance(value, bool) and value == expected
            else:
                ok = same(element, expected, value)
            result.labelled[element] += 1
            if ok:
                result.right[element] += 1
            else:
                result.mismatches.append(Mismatch(name, element, expected, value))
    return result
