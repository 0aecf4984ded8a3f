"""Writing outputs whole or not at all, and only inside the output folder."""
from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator


@contextmanager
def atomic_target(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside `path`, renamed over it only when the block completes: a crash or Ctrl-C
    never leaves half a file behind."""
    with _temporary_beside(path) as (fd, temp):
        os.close(fd)
        yield temp


@contextmanager
def atomic_text(path: str | os.PathLike) -> Iterator[IO[str]]:
    """A UTF-8 text handle whose content replaces `path` only when the block completes."""
    with _temporary_beside(path) as (fd, _), open(fd, "w", encoding="utf-8", newline="") as handle:
        yield handle


def write_atomic(path: str | os.PathLike, content: str) -> None:
    with _temporary_beside(path) as (fd, _), open(fd, "wb") as handle:
        handle.write(content.encode("utf-8"))


@contextmanager
def _temporary_beside(path: str | os.PathLike) -> Iterator[tuple[int, Path]]:
    """A new temporary file beside `path`, open (the descriptor mkstemp gives, written through directly:
    closing it and opening it again by name doubled the cost of each of a batch's thousand pages), and
    renamed over `path` when the block completes."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".fzcheck-", suffix=".tmp", dir=target.parent)
    try:
        yield fd, Path(temp)
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def make_writable_folder(folder: str | os.PathLike) -> None:
    """Make `folder` (and its parents) and prove a file can be created in it, or raise the OSError: an
    output that cannot be written is told before any work is done."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=os.fspath(folder)):
        pass


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


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
