"""Every element labelled in seeds/expected.yaml, for every seed: status, evidence line and text."""
from pathlib import Path

import pytest
import yaml

import checker
from checker.document.normalize import normalize

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EXPECTED = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))
META = {"region", "year"}


def _cases():
    for name, labels in EXPECTED.items():
        for element, label in labels.items():
            if element not in META:
                yield pytest.param(name, element, label, id=f"{name[:3]}-{element}")


@pytest.fixture(scope="module")
def audits():
    ruleset = checker.load_ruleset()
    return {name: checker.check(SEEDS / name, ruleset) for name in EXPECTED}


@pytest.mark.parametrize("name,element,label", list(_cases()))
def test_seed_element(audits, name, element, label):
    finding = next(f for f in audits[name].findings if f.rule == element)
    expected = label if isinstance(label, str) else label["status"]
    assert finding.status == expected, finding.message
    if isinstance(label, dict) and "line" in label:
        assert finding.evidence, f"{element}: no evidence"
        assert finding.evidence[0].line == label["line"]
        assert normalize(label["evidence"]) in normalize(finding.evidence[0].text)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_seed_region_and_year(audits, name):
    assert audits[name].region == EXPECTED[name]["region"]
    assert audits[name].year == EXPECTED[name]["year"]


def test_seeds_are_the_shared_originals():
    shared = SEEDS.parent.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for original in shared.iterdir():
        assert (SEEDS / original.name).read_bytes() == original.read_bytes(), original.name
