"""Writing outputs whole or not at all, and only inside the output folder."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path


def write_atomic(path: str | os.PathLike, content: str) -> None:
    """Write to a temporary file beside `path`, then rename: a crash never leaves half a file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".fzcheck-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def safe_stem(path: str, used: set[str]) -> str:
    """A file name derived from an input path that cannot escape the output folder and is unique."""
    stem = Path(path).stem or "report"
    stem = re.sub(r"[^\w\u4e00-\u9fff.-]+", "_", stem).strip("._") or "report"
    stem = stem[:80]
    candidate, n = stem, 2
    while candidate in used:
        candidate, n = f"{stem}-{n}", n + 1
    used.add(candidate)
    return candidate
