"""The tests exercise the package as users install it, not the checkout they were started from."""
from __future__ import annotations

import sys
import sysconfig
from pathlib import Path

import checker
from checker.render.templates import environment
from checker.resources import builtin_names, rules_dir, templates_dir


def test_checker_is_imported_from_the_installed_package():
    site = Path(sysconfig.get_paths()["purelib"]).resolve()
    imported = Path(checker.__file__).resolve()
    assert imported.is_relative_to(site), (
        f"checker was imported from {imported}, not from {site}: run the tests as "
        f"`.venv/bin/pytest` after `pip install .`, not `python -m pytest` from the checkout")
    assert sys.prefix != sys.base_prefix, "the tests should run inside a virtual environment"


def test_shipped_rulesets_and_templates_are_found_inside_the_package():
    package = Path(checker.__file__).resolve().parent
    assert rules_dir().is_relative_to(package) and templates_dir().is_relative_to(package)
    assert {"fzzf-2019", "fzzf-dept"} <= set(builtin_names())
    assert environment().get_template("audit.html.j2")


def test_every_subpackage_of_the_checkout_ships_in_the_wheel():
    import importlib

    checkout = Path(__file__).resolve().parent.parent / "checker"
    for init in sorted(checkout.glob("*/__init__.py")):
        module = importlib.import_module(f"checker.{init.parent.name}")
        assert Path(module.__file__).resolve().is_relative_to(Path(checker.__file__).resolve().parent)
