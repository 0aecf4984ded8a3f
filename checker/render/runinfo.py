"""What every page says about the run that made it: the ruleset, the fzcheck version and the time."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RunInfo:
    ruleset: str                      # fzzf-2019（法治政府建设年度报告……）
    version: str
    started: str                      # 2026-12-01 08:30
    seconds: float | None = None
    pages: bool = True                # per-report audit pages were written
    pairs_exact: bool = True          # the near-duplicate count is exact, not a lower bound

    @classmethod
    def now(cls, ruleset: str, **more) -> "RunInfo":
        """A run starting now with the ruleset so named (its id, or "id（name）")."""
        from .. import __version__

        return cls(ruleset=ruleset, version=__version__, started=datetime.now().strftime("%Y-%m-%d %H:%M"), **more)
