"""The checker on real pages it was never tuned on: the hand-labelled regression corpus in tests/corpus/.

The comparison itself lives in tests/corpus/evaluate.py (shared with benchmarks/eval_corpus.py).
"""
import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parent / "corpus" / "evaluate.py"
_SPEC = importlib.util.spec_from_file_location("fzcheck_corpus_evaluate", _PATH)
evaluate = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = evaluate
_SPEC.loader.exec_module(evaluate)

ENTRIES = evaluate.load_labels()

MIN_REPORTS = 40
MIN_NON_REPORTS = 10
MIN_OVERALL = 0.90
MIN_REGION = 0.95


@pytest.fixture(scope="module")
def result():
    return evaluate.evaluate(ENTRIES)


def _listing(mismatches, element=None):
    rows = [f"{m.file} {m.element}: expected {m.expected!r}, got {m.got!r}"
            for m in mismatches if element is None or m.element == element]
    return "\n".join(rows)


def test_labels_are_valid():
    assert evaluate.label_problems(ENTRIES) == []


def test_corpus_size():
    reports = sum(1 for e in ENTRIES if e["report"] is True)
    non_reports = sum(1 for e in ENTRIES if e["report"] is False)
    assert reports >= MIN_REPORTS
    assert non_reports >= MIN_NON_REPORTS


def test_overall_accuracy(result):
    accuracy = result.accuracy()
    assert accuracy >= MIN_OVERALL, "\n" + result.table() + "\n" + _listing(result.mismatches)


def test_region_accuracy(result):
    accuracy = result.accuracy("region")
    assert accuracy >= MIN_REGION, "\n" + _listing(result.mismatches, "region")


def test_every_non_report_is_refused(result):
    refused, non_reports = result.non_reports_refused, result.non_reports
    assert refused == non_reports, "\n" + _listing(
        [m for m in result.mismatches if m.element == "report" and m.expected is False])


def test_no_report_is_refused(result):
    refused = result.reports_refused
    assert refused == 0, "\n" + _listing(
        [m for m in result.mismatches if m.element == "report" and m.expected is True])


def test_no_page_crashes_the_checker(result):
    errors = [f"{name}: {error}" for name, error in result.errors]
    assert errors == []
