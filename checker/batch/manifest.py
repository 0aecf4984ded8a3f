"""The files a batch run wrote, so that a rerun into the same folder removes the pages it wrote last time
that this run did not write again (a report renamed or removed), and nothing else."""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..output import write_atomic

MANIFEST = ".fzcheck-outputs.json"


def record_planned(out: Path, planned: list[str]) -> None:
    """Before a run writes anything: add what it may write to the record, so that the pages of a run cut
    short (Ctrl-C, a crash) are known to the next run, which removes those it does not write again."""
    _record(out, set(recorded(out)) | set(planned))


def replace_outputs(out: Path, written: list[str]) -> list[str]:
    """Record `written` (paths relative to `out`) and delete what the previous run recorded but this one
    did not write; returns the deleted paths. Only plain files inside `out` are ever touched."""
    stale = sorted(set(recorded(out)) - set(written))
    removed = []
    root = out.resolve()
    for relative in stale:
        path = (out / relative).resolve()
        if path.is_relative_to(root) and path.is_file() and not path.is_symlink():
            path.unlink()
            removed.append(relative)
    _record(out, set(written))
    return removed


def _record(out: Path, paths: set[str]) -> None:
    write_atomic(out / MANIFEST, json.dumps(sorted(paths), ensure_ascii=False, indent=0) + "\n")


def recorded(out: Path) -> list[str]:
    """The paths (relative to `out`) the last run recorded."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [p for p in data if isinstance(p, str) and not os.path.isabs(p)] if isinstance(data, list) else []
