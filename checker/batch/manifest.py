"""The files a batch run wrote, so that a rerun into the same folder removes the pages it wrote last time
that this run did not write again (a report renamed or removed), and nothing else."""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..output import write_atomic

MANIFEST = ".fzcheck-outputs.json"


def replace_outputs(out: Path, written: list[str]) -> list[str]:
    """Record `written` (paths relative to `out`) and delete what the previous run recorded but this one
    did not write; returns the deleted paths. Only plain files inside `out` are ever touched."""
    stale = sorted(set(_recorded(out)) - set(written))
    removed = []
    root = out.resolve()
    for relative in stale:
        path = (out / relative).resolve()
        if path.is_relative_to(root) and path.is_file() and not path.is_symlink():
            path.unlink()
            removed.append(relative)
    write_atomic(out / MANIFEST, json.dumps(sorted(written), ensure_ascii=False, indent=0) + "\n")
    return removed


def _recorded(out: Path) -> list[str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [p for p in data if isinstance(p, str) and not os.path.isabs(p)] if isinstance(data, list) else []
