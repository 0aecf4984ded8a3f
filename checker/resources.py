"""Locating the shipped rulesets and templates, whether installed from a wheel or run from a checkout."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _folder(package: str, checkout_dir: str) -> Path:
    try:
        found = Path(str(resources.files(package)))
        if found.is_dir():
            return found
    except (ModuleNotFoundError, TypeError):
        pass
    return _CHECKOUT / checkout_dir


def rules_dir() -> Path:
    return _folder("checker.builtin_rules", "rules")


def templates_dir() -> Path:
    return _folder("checker.builtin_templates", "templates")


def builtin_ruleset(name: str) -> Path | None:
    """Path of a shipped ruleset by name ("fzzf-2019"), or None."""
    candidate = rules_dir() / f"{name}.yaml"
    return candidate if candidate.is_file() else None


def builtin_names() -> list[str]:
    return sorted(p.stem for p in rules_dir().glob("*.yaml"))
