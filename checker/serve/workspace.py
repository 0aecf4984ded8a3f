"""`--workspace DIR`: uploads are kept in DIR/uploads/ and DIR itself is a batch folder (the files
`fzcheck batch` writes: index.html, reports/, results.json, scores.csv, scores.xlsx), rebuilt in the
background after each upload; rebuilds requested while one runs are folded into one more run."""
from __future__ import annotations

import asyncio
import logging
import os
import re
import shutil
from pathlib import Path

from . import worker
from .pool import CheckPool, PoolFailed
from .settings import unique_names

log = logging.getLogger("fzcheck.serve")
FIXED = ("index.html", "results.json", "scores.csv", "scores.xlsx")
_PAGE = re.compile(r"reports/[\w\u4e00-\u9fff（）()【】《》、，,+-][\w\u4e00-\u9fff（）()【】《》、，,.+-]*\.html")


class Workspace:
    def __init__(self, root: Path, ruleset_name: str, pool: CheckPool, timeout: float):
        self.root = root.resolve()
        self.uploads = self.root / "uploads"
        self.uploads.mkdir(parents=True, exist_ok=True)
        self.ruleset_name = ruleset_name
        self.pool = pool
        self.timeout = timeout
        self.rebuilds = 0
        self.last_error: str | None = None
        self._dirty = False
        self._task: asyncio.Task | None = None

    def add(self, files: list[tuple[Path, str]]) -> list[str]:
        """Copy each (temporary file, cleaned name) into uploads/ under a name no earlier upload has
        (another county's 报告.docx becomes 报告-2.docx); created exclusively, never overwriting."""
        kept = []
        for source, name in files:
            while True:
                taken = {p.name.lower() for p in self.uploads.iterdir()}
                target = self.uploads / unique_names([name], taken)[0]
                try:
                    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                except FileExistsError:
                    continue
                with os.fdopen(handle, "wb") as out, open(source, "rb") as data:
                    shutil.copyfileobj(data, out)
                kept.append(target.name)
                break
        return kept

    def schedule(self) -> None:
        self._dirty = True
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._rebuild_while_dirty())

    async def _rebuild_while_dirty(self) -> None:
        while self._dirty:
            self._dirty = False
            count = sum(1 for _ in self.uploads.iterdir())
            try:
                await self.pool.run(worker.rebuild_workspace, str(self.uploads), str(self.root), self.ruleset_name,
                                    budget=self.timeout * max(count, 1) + 60)
                self.last_error = None
            except PoolFailed as exc:
                self.last_error = exc.message
            except Exception as exc:  # noqa: BLE001 - a failed rebuild is logged; the next upload retries
                self.last_error = getattr(exc, "message", None) or f"{type(exc).__name__}"
                log.error("fzcheck serve: 工作区总览更新失败：%s", self.last_error)
            self.rebuilds += 1

    async def idle(self) -> None:
        """Wait for any rebuild in progress (and those it folded in) to finish."""
        while self._task is not None and not self._task.done():
            await asyncio.shield(self._task)

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    def file(self, relative: str) -> Path | None:
        """An output of the batch folder by its relative URL path: only the fixed outputs and pages under
        reports/ with plain names, as regular files inside the folder; anything else is None."""
        if relative not in FIXED and not _PAGE.fullmatch(relative):
            return None
        path = self.root / relative
        try:
            resolved = path.resolve(strict=True)
        except OSError:
            return None
        if not resolved.is_relative_to(self.root) or path.is_symlink() or not resolved.is_file():
            return None
        return resolved
