"""What a running server was started with, the rulesets it offers, and how uploaded names become data.

Kept free of FastAPI so the process-pool workers can import it."""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..document.reader import SUPPORTED_SUFFIXES
from ..errors import FzcheckError, RulesError
from ..resources import builtin_names

DEFAULT_MAX_BYTES = 100 * 1024 * 1024     # one request, all files together
DEFAULT_MAX_FILES = 100
DEFAULT_TIMEOUT = 60.0                    # seconds for one file
MIN_TOKEN_LENGTH = 12
# Suffixes an upload keeps on disk (the reader recognises formats by content, but .doc/.wps/.rtf are
# refused with a hint by name); anything else is stored without a suffix.
KEPT_SUFFIXES = SUPPORTED_SUFFIXES + (".doc", ".wps", ".rtf")


@dataclass(frozen=True)
class RulesetChoice:
    """One ruleset the page and the API offer: `name` is what clients send, `specs` what load_ruleset gets."""
    name: str
    specs: tuple[str, ...]
    title: str            # the ruleset's own name (中文)
    builtin: bool


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    rulesets: tuple[RulesetChoice, ...] = ()
    default_ruleset: str = "fzzf-2019"
    workspace: Path | None = None
    workers: int = 1
    max_bytes: int = DEFAULT_MAX_BYTES
    max_files: int = DEFAULT_MAX_FILES
    timeout: float = DEFAULT_TIMEOUT
    result_ttl: float = 3600.0                       # how long a page's results stay downloadable
    result_budget: int = 256 * 1024 * 1024           # memory all kept results may use
    extra: dict = field(default_factory=dict)

    def ruleset(self, name: str | None) -> RulesetChoice | None:
        name = name or self.default_ruleset
        return next((r for r in self.rulesets if r.name == name), None)


def discover_rulesets(rules_dir: str | os.PathLike | None) -> tuple[RulesetChoice, ...]:
    """The shipped rulesets and every YAML file under `rules_dir`, each loaded once to check it and read
    its name; an invalid file raises RulesError (the server does not start with a broken ruleset)."""
    from ..ruleset import load_ruleset

    choices = [RulesetChoice(n, (n,), load_ruleset([n]).name or n, True) for n in builtin_names()]
    if rules_dir is not None:
        folder = Path(rules_dir)
        if not folder.is_dir():
            raise FzcheckError(f"规则文件夹不存在或不是文件夹：{folder}")
        taken = {c.name for c in choices}
        for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".yaml", ".yml") and p.is_file()):
            name = path.stem
            if name in taken:
                raise RulesError(f"规则集名称“{name}”重复（与内置规则集或其他文件同名），请改文件名", str(path))
            ruleset = load_ruleset([str(path.resolve())])
            choices.append(RulesetChoice(name, (str(path.resolve()),), ruleset.name or name, False))
            taken.add(name)
    return tuple(choices)


def is_loopback(host: str) -> bool:
    """Only a literal loopback address or `localhost` counts; every other name may reach the network."""
    import ipaddress  # only when the server starts

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


_UNSAFE = re.compile(r"[^\w\u4e00-\u9fff（）()【】《》、，,.+-]+")


def display_name(filename: str | None, index: int) -> str:
    """What a client called a file, reduced to data safe to show and to store as one plain file name:
    no folders, no control or separator characters, no leading dots, at most 100 characters."""
    name = unicodedata.normalize("NFC", filename or "")
    name = re.split(r"[/\\]", name)[-1]
    stem, suffix = os.path.splitext(name)
    suffix = suffix.lower() if suffix.lower() in KEPT_SUFFIXES else ""
    stem = _UNSAFE.sub("_", stem).strip("._ ")[:100] or f"文件{index + 1}"
    return stem + suffix


def unique_names(names: list[str], taken: set[str] | None = None) -> list[str]:
    """The names with -2, -3 … added before the suffix where one repeats (or is already `taken`)."""
    used = set(taken or ())
    result = []
    for name in names:
        stem, suffix = os.path.splitext(name)
        candidate, n = name, 2
        while candidate.lower() in used:
            candidate, n = f"{stem}-{n}{suffix}", n + 1
        used.add(candidate.lower())
        result.append(candidate)
    return result
