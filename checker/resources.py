"""Locating the shipped rulesets and templates, whether installed from a wheel or run from a checkout.

In the wheel they are the folders `checker/builtin_rules` and `checker/builtin_templates` (data folders
without `__init__.py`, so `importlib.resources` would hand back a namespace MultiplexedPath, not a path);
in a checkout they are the top-level `rules/` and `templates/`."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _folder(installed_name: str, checkout_name: str) -> Path:
    installed = _PACKAGE / installed_name
    return installed if installed.is_dir() else _PACKAGE.parent / checkout_name


def rules_dir() -> Path:
    return _folder("builtin_rules", "rules")


def templates_dir() -> Path:
    return _folder("builtin_templates", "templates")


def builtin_ruleset(name: str) -> Path | None:
    """Path of a shipped ruleset by name ("fzzf-2019"), or None."""
    candidate = rules_dir() / f"{name}.yaml"
    return candidate if candidate.is_file() else None


def builtin_names() -> list[str]:
    return sorted(p.stem for p in rules_dir().glob("*.yaml"))
